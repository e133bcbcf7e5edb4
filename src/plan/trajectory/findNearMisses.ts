/**
 * Closest approach of a straight needle to every critical structure near it. Works in the volume's scaled
 * index frame (i·sx, j·sy, k·sz), where distances equal LPS millimetres because the direction matrix is
 * orthonormal, so no rotation is needed per voxel.
 */
import { STRUCTURES, structureById } from '../../lib/anatomy'
import { ijkToWorld, worldToIjk } from '../../lib/space'
import type { Vec3 } from '../../lib/vec3'
import type { LabelVolume, NearMiss } from './trajectoryTypes'

/** 1 for label ids whose criticality is 'critical' (lib/anatomy.ts). */
const CRITICAL_LUT = (() => {
  const lut = new Uint8Array(256)
  for (const s of STRUCTURES) if (s.criticality === 'critical' && s.id < 256) lut[s.id] = 1
  return lut
})()

/**
 * Interval of X (relative to the segment start A) where the row {(X, y, z)} lies within distance r of the
 * segment A + t·d, t ∈ [0, 1] (|d| = len; y, z also relative to A). The capsule is convex, so its trace on
 * the row is one interval: the hull of the traces of the two end balls and of the cylinder part.
 * Writes [lo, hi] into `out`; returns false when the row misses the capsule.
 */
function capsuleRowInterval(
  y: number,
  z: number,
  dx: number,
  dy: number,
  dz: number,
  len: number,
  r: number,
  out: [number, number],
): boolean {
  let lo = Infinity
  let hi = -Infinity
  const r2 = r * r
  // End ball at A.
  const ea = r2 - y * y - z * z
  if (ea >= 0) {
    const w = Math.sqrt(ea)
    lo = -w
    hi = w
  }
  // End ball at B = A + d.
  const eb = r2 - (y - dy) * (y - dy) - (z - dz) * (z - dz)
  if (eb >= 0) {
    const w = Math.sqrt(eb)
    lo = Math.min(lo, dx - w)
    hi = Math.max(hi, dx + w)
  }
  if (len > 0) {
    // Cylinder part: perpendicular distance² = |P|² − (P·u)² ≤ r² with 0 ≤ P·u ≤ len, u = d/len.
    const ux = dx / len
    const w = (y * dy + z * dz) / len
    const qa = 1 - ux * ux
    const qb = -2 * ux * w
    const qc = y * y + z * z - w * w - r2
    let cLo = -Infinity
    let cHi = Infinity
    let isHit = true
    if (qa > 1e-12) {
      const disc = qb * qb - 4 * qa * qc
      if (disc < 0) isHit = false
      else {
        const sq = Math.sqrt(disc)
        cLo = (-qb - sq) / (2 * qa)
        cHi = (-qb + sq) / (2 * qa)
      }
    } else if (qc > 0) {
      isHit = false
    }
    // Projection P·u = X·ux + w must lie in [0, len].
    if (isHit && Math.abs(ux) > 1e-12) {
      const a = -w / ux
      const b = (len - w) / ux
      cLo = Math.max(cLo, Math.min(a, b))
      cHi = Math.min(cHi, Math.max(a, b))
    } else if (isHit && (w < 0 || w > len)) {
      isHit = false
    }
    if (isHit && cLo <= cHi) {
      lo = Math.min(lo, cLo)
      hi = Math.max(hi, cHi)
    }
  }
  if (!(lo <= hi)) return false
  out[0] = lo
  out[1] = hi
  return true
}

/** Options of {@link findNearMisses}. */
export interface NearMissOptions {
  /** Needle radius, mm: gaps are measured from the needle wall. */
  readonly radiusMm: number
  /** Structures whose gap exceeds this are not reported, mm. */
  readonly searchMm: number
  /** Label ids to skip (e.g. the ones the path crosses, which are reported as crossings). */
  readonly excludeLabelIds?: ReadonlySet<number>
}

/**
 * For each critical structure within `searchMm` of the needle wall, the gap (mm) and where along the path
 * it is smallest. The gap from a labelled voxel is its centre's distance to the path axis minus the voxel's
 * half-extent towards the axis (the box face, where a centre-sampled surface sits on average) minus the
 * needle radius; its error is therefore below half a voxel. Sorted by gap, smallest first.
 */
export function findNearMisses(
  volume: LabelVolume,
  entryMm: Vec3,
  tipMm: Vec3,
  options: NearMissOptions,
): NearMiss[] {
  const g = volume.geometry
  const [nx, ny, nz] = g.dims
  const [sx, sy, sz] = g.spacingMm
  const labels = volume.labels
  const lut = CRITICAL_LUT.slice()
  for (const id of options.excludeLabelIds ?? []) if (id >= 0 && id < 256) lut[id] = 0

  const ea = worldToIjk(g, entryMm)
  const ta = worldToIjk(g, tipMm)
  const ax = ea[0] * sx
  const ay = ea[1] * sy
  const az = ea[2] * sz
  const abx = ta[0] * sx - ax
  const aby = ta[1] * sy - ay
  const abz = ta[2] * sz - az
  const len2 = abx * abx + aby * aby + abz * abz
  const len = Math.sqrt(len2)

  // A voxel centre this far from the axis can still have its face within the search distance.
  const reach = options.searchMm + options.radiusMm + 0.5 * Math.max(sx, sy, sz)
  const best = new Float64Array(256).fill(Infinity)
  const bestT = new Float64Array(256)

  // Visit only the voxels inside the capsule of radius `reach` around the segment: each row along i meets
  // the (convex) capsule in one interval, found analytically, so the scan costs ~π·reach²·length, not the
  // bounding box of an oblique path (several times more).
  const j0 = Math.max(0, Math.floor((Math.min(ay, ay + aby) - reach) / sy))
  const j1 = Math.min(ny - 1, Math.ceil((Math.max(ay, ay + aby) + reach) / sy))
  const k0 = Math.max(0, Math.floor((Math.min(az, az + abz) - reach) / sz))
  const k1 = Math.min(nz - 1, Math.ceil((Math.max(az, az + abz) + reach) / sz))
  const span: [number, number] = [0, 0]
  for (let k = k0; k <= k1; k++) {
    const pz = k * sz - az
    for (let j = j0; j <= j1; j++) {
      const py = j * sy - ay
      if (!capsuleRowInterval(py, pz, abx, aby, abz, len, reach, span)) continue
      const i0 = Math.max(0, Math.ceil((ax + span[0]) / sx))
      const i1 = Math.min(nx - 1, Math.floor((ax + span[1]) / sx))
      const row = nx * (j + ny * k)
      for (let i = i0; i <= i1; i++) {
        const lab = labels[row + i] ?? 0
        if (lut[lab] === 0) continue
        const px = i * sx - ax
        let t = len2 > 0 ? (px * abx + py * aby + pz * abz) / len2 : 0
        t = t < 0 ? 0 : t > 1 ? 1 : t
        const dx = px - abx * t
        const dy = py - aby * t
        const dz = pz - abz * t
        const dc = Math.sqrt(dx * dx + dy * dy + dz * dz)
        // Half-extent of the voxel box along the unit vector from the axis to the centre.
        const h =
          dc > 0 ? (0.5 * (sx * Math.abs(dx) + sy * Math.abs(dy) + sz * Math.abs(dz))) / dc : 0
        const gap = Math.max(0, dc - h) - options.radiusMm
        if (gap < (best[lab] ?? Infinity)) {
          best[lab] = gap
          bestT[lab] = t
        }
      }
    }
  }

  const out: NearMiss[] = []
  for (let id = 0; id < 256; id++) {
    const gap = best[id] ?? Infinity
    if (!(gap <= options.searchMm)) continue
    const t = bestT[id] ?? 0
    const s = structureById(id)
    out.push({
      labelId: id,
      key: s.key,
      name: s.name,
      distanceMm: gap,
      alongMm: t * len,
      pointMm: ijkToWorld(g, [
        ea[0] + (ta[0] - ea[0]) * t,
        ea[1] + (ta[1] - ea[1]) * t,
        ea[2] + (ta[2] - ea[2]) * t,
      ]),
    })
  }
  return out.sort((a, b) => a.distanceMm - b.distanceMm)
}
