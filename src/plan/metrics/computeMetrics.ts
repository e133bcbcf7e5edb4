/**
 * Coverage, margins, healthy-tissue volume and critical-structure distances of a treated zone. Pure.
 * Distance transforms run only in the bounding box of target ∪ zone padded by `searchMm`, so the cost
 * follows the size of the zone, not of the scan.
 */
import { voxelCount, worldToIjk, type VolumeGeometry } from '../../lib/space'
import type { Vec3 } from '../../lib/vec3'
import { squaredDistanceTransform } from './distanceTransform'
import { maskFromField, voxelVolumeMl } from './masks'
import type { CriticalDistance, MetricsInput, MetricsReport, PointReading } from './metricsTypes'
import { halfVoxelMm } from './signedDistance'

/** Default padding of the distance box, mm. */
export const METRICS_SEARCH_MM = 20

/** Inclusive voxel box. */
interface Box {
  readonly lo: [number, number, number]
  readonly hi: [number, number, number]
}

/**
 * Bounding box of the voxels set in a or b. Masks are mostly empty, so the scan reads 4 voxels per step
 * through 32-bit views when the buffers allow it and only decodes the indices of set voxels.
 */
function boundingBox(
  dims: readonly [number, number, number],
  a: Uint8Array,
  b: Uint8Array,
): Box | null {
  const [nx, ny] = dims
  const lo: [number, number, number] = [Infinity, Infinity, Infinity]
  const hi: [number, number, number] = [-1, -1, -1]
  const add = (q: number): void => {
    const i = q % nx
    const r = (q - i) / nx
    const j = r % ny
    const k = (r - j) / ny
    if (i < lo[0]) lo[0] = i
    if (i > hi[0]) hi[0] = i
    if (j < lo[1]) lo[1] = j
    if (j > hi[1]) hi[1] = j
    if (k < lo[2]) lo[2] = k
    if (k > hi[2]) hi[2] = k
  }
  let start = 0
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const words = a.length >>> 2
    const wa = new Uint32Array(a.buffer, a.byteOffset, words)
    const wb = new Uint32Array(b.buffer, b.byteOffset, words)
    for (let w = 0; w < words; w++) {
      if ((wa[w]! | wb[w]!) === 0) continue
      for (let q = 4 * w; q < 4 * w + 4; q++) if ((a[q]! | b[q]!) !== 0) add(q)
    }
    start = 4 * words
  }
  for (let q = start; q < a.length; q++) if ((a[q]! | b[q]!) !== 0) add(q)
  return hi[0] < 0 ? null : { lo, hi }
}

/** Trilinear interpolation of a field at a continuous index; null outside the grid. */
function trilinear(
  field: Float32Array,
  dims: readonly [number, number, number],
  p: Vec3,
): number | null {
  const [nx, ny, nz] = dims
  if (p[0] < 0 || p[1] < 0 || p[2] < 0 || p[0] > nx - 1 || p[1] > ny - 1 || p[2] > nz - 1) {
    return null
  }
  const i = Math.min(Math.floor(p[0]), nx - 2 < 0 ? 0 : nx - 2)
  const j = Math.min(Math.floor(p[1]), ny - 2 < 0 ? 0 : ny - 2)
  const k = Math.min(Math.floor(p[2]), nz - 2 < 0 ? 0 : nz - 2)
  const fx = p[0] - i
  const fy = p[1] - j
  const fz = p[2] - k
  const at = (di: number, dj: number, dk: number): number => {
    const ii = Math.min(i + di, nx - 1)
    const jj = Math.min(j + dj, ny - 1)
    const kk = Math.min(k + dk, nz - 1)
    return field[ii + nx * (jj + ny * kk)] ?? 0
  }
  const lerp = (a: number, b: number, t: number): number => a + (b - a) * t
  const c00 = lerp(at(0, 0, 0), at(1, 0, 0), fx)
  const c10 = lerp(at(0, 1, 0), at(1, 1, 0), fx)
  const c01 = lerp(at(0, 0, 1), at(1, 0, 1), fx)
  const c11 = lerp(at(0, 1, 1), at(1, 1, 1), fx)
  return lerp(lerp(c00, c10, fy), lerp(c01, c11, fy), fz)
}

/** Empty report for an empty target and zone. */
function emptyReport(input: MetricsInput): MetricsReport {
  return {
    targetVolumeMl: 0,
    treatedVolumeMl: 0,
    coveragePercent: 0,
    minMarginMm: null,
    meanMarginMm: null,
    treatedHealthyMl: 0,
    treatedHealthyByStructure: [],
    critical: (input.critical ?? []).map((c) => ({
      key: c.key,
      distanceMm: null,
      isBeyondSearch: false,
      overlapMl: 0,
    })),
    points: (input.points ?? []).map((p) => ({
      name: p.name,
      value: null,
      isTreated: false,
      signedDistanceMm: null,
    })),
  }
}

/**
 * Metrics of a treated zone (mask, or field + threshold) against a target mask, critical-structure masks
 * and named points. Margins are measured at the target's boundary voxels (set voxels with an unset or
 * out-of-volume 6-neighbour): margin = −sd_zone − h, with sd_zone the zone's signed distance
 * (`signedDistanceMm` convention) and h the half-voxel, so a zone of radius R2 around a concentric target
 * of radius R1 gives R2 − R1. Critical gaps are min over structure voxels of sd_zone − h. Distances are
 * exact between voxel centres (`squaredDistanceTransform`); surfaces carry the half-voxel estimate.
 */
export function computeMetrics(input: MetricsInput): MetricsReport {
  const g: VolumeGeometry = input.geometry
  const n = voxelCount(g)
  const [nx, ny, nz] = g.dims
  const checkLength = (what: string, len: number): void => {
    if (len !== n) throw new Error(`computeMetrics: ${what} has ${len} voxels, the grid has ${n}`)
  }
  const treated =
    input.treated instanceof Uint8Array
      ? input.treated
      : maskFromField(input.treated.field, input.treated.threshold, input.treated.above)
  checkLength('treated', treated.length)
  checkLength('target', input.target.length)
  if (input.labels) checkLength('labels', input.labels.length)
  for (const c of input.critical ?? []) checkLength(`critical "${c.key}"`, c.mask.length)

  const box = boundingBox(g.dims, treated, input.target)
  if (!box) return emptyReport(input)
  const searchMm = input.searchMm ?? METRICS_SEARCH_MM
  // Pad by the search distance plus one voxel so that the box's outer layer is outside the zone: the
  // nearest unset voxel of any zone voxel then lies inside the box (clamping a point towards the box
  // never lengthens its offset from a point inside it).
  const lo = box.lo.map((v, a) => Math.max(0, v - Math.ceil(searchMm / g.spacingMm[a]!) - 1))
  const hi = box.hi.map((v, a) =>
    Math.min(g.dims[a]! - 1, v + Math.ceil(searchMm / g.spacingMm[a]!) + 1),
  )
  const [i0, j0, k0] = lo as [number, number, number]
  const cd: [number, number, number] = [hi[0]! - i0 + 1, hi[1]! - j0 + 1, hi[2]! - k0 + 1]
  const [cx, cy, cz] = cd
  const cn = cx * cy * cz
  const full = (ci: number, cj: number, ck: number): number =>
    ci + i0 + nx * (cj + j0 + ny * (ck + k0))

  const zone = new Uint8Array(cn)
  for (let ck = 0; ck < cz; ck++) {
    for (let cj = 0; cj < cy; cj++) {
      for (let ci = 0; ci < cx; ci++) zone[ci + cx * (cj + cy * ck)] = treated[full(ci, cj, ck)]!
    }
  }
  const grid = { dims: cd, spacingMm: g.spacingMm }
  const toZone = squaredDistanceTransform(zone, grid)
  const toOutside = squaredDistanceTransform(zone, grid, true)
  const h = halfVoxelMm(g.spacingMm)
  const sdZone = (c: number): number =>
    zone[c] !== 0 ? -(Math.sqrt(toOutside[c]!) - h) : Math.sqrt(toZone[c]!) - h

  const target = input.target
  const isTargetAt = (i: number, j: number, k: number): boolean =>
    i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz && target[i + nx * (j + ny * k)] !== 0
  let targetCount = 0
  let treatedCount = 0
  let covered = 0
  let marginMin = Infinity
  let marginSum = 0
  let boundaryCount = 0
  const healthyByLabel = new Float64Array(256)
  let healthyCount = 0
  for (let ck = 0; ck < cz; ck++) {
    for (let cj = 0; cj < cy; cj++) {
      for (let ci = 0; ci < cx; ci++) {
        const c = ci + cx * (cj + cy * ck)
        const f = full(ci, cj, ck)
        const isZone = zone[c] !== 0
        if (isZone) treatedCount++
        if (target[f] === 0) {
          if (isZone) {
            healthyCount++
            if (input.labels) healthyByLabel[input.labels[f]!]! += 1
          }
          continue
        }
        targetCount++
        if (isZone) covered++
        const [i, j, k] = [ci + i0, cj + j0, ck + k0]
        const isBoundary =
          !isTargetAt(i - 1, j, k) ||
          !isTargetAt(i + 1, j, k) ||
          !isTargetAt(i, j - 1, k) ||
          !isTargetAt(i, j + 1, k) ||
          !isTargetAt(i, j, k - 1) ||
          !isTargetAt(i, j, k + 1)
        if (isBoundary) {
          const m = -sdZone(c) - h
          boundaryCount++
          marginSum += m
          if (m < marginMin) marginMin = m
        }
      }
    }
  }
  const hasZone = treatedCount > 0
  const vml = voxelVolumeMl(g)

  const critical: CriticalDistance[] = (input.critical ?? []).map(({ key, mask }) => {
    let inBox = 0
    let overlap = 0
    let best = Infinity
    for (let ck = 0; ck < cz; ck++) {
      for (let cj = 0; cj < cy; cj++) {
        for (let ci = 0; ci < cx; ci++) {
          if (mask[full(ci, cj, ck)] === 0) continue
          const c = ci + cx * (cj + cy * ck)
          inBox++
          if (zone[c] !== 0) overlap++
          const d = sdZone(c) - h
          if (d < best) best = d
        }
      }
    }
    let total = inBox
    if (inBox === 0) for (let f = 0; f < n; f++) if (mask[f] !== 0) total++
    const isBeyondSearch = hasZone && inBox === 0 && total > 0
    const isUsable = hasZone && inBox > 0 && Number.isFinite(best)
    return { key, distanceMm: isUsable ? best : null, isBeyondSearch, overlapMl: overlap * vml }
  })

  const field = input.treated instanceof Uint8Array ? null : input.treated.field
  const points: PointReading[] = (input.points ?? []).map(({ name, mm }) => {
    const p = worldToIjk(g, mm)
    const [i, j, k] = [Math.round(p[0]), Math.round(p[1]), Math.round(p[2])]
    const isInside = i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz
    const f = i + nx * (j + ny * k)
    const ci = i - i0
    const cj = j - j0
    const ck = k - k0
    const isInBox = isInside && ci >= 0 && cj >= 0 && ck >= 0 && ci < cx && cj < cy && ck < cz
    return {
      name,
      value: field ? trilinear(field, g.dims, p) : null,
      isTreated: isInside && treated[f] !== 0,
      signedDistanceMm: isInBox && hasZone ? sdZone(ci + cx * (cj + cy * ck)) : null,
    }
  })

  const byStructure: { labelId: number; volumeMl: number }[] = []
  healthyByLabel.forEach((count, labelId) => {
    if (count > 0) byStructure.push({ labelId, volumeMl: count * vml })
  })
  byStructure.sort((a, b) => b.volumeMl - a.volumeMl)
  const hasMargins = hasZone && boundaryCount > 0
  return {
    targetVolumeMl: targetCount * vml,
    treatedVolumeMl: treatedCount * vml,
    coveragePercent: targetCount > 0 ? (100 * covered) / targetCount : 0,
    minMarginMm: hasMargins ? marginMin : null,
    meanMarginMm: hasMargins ? marginSum / boundaryCount : null,
    treatedHealthyMl: healthyCount * vml,
    treatedHealthyByStructure: byStructure,
    critical,
    points,
  }
}
