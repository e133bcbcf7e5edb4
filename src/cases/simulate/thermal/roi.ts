/**
 * The region of interest a thermal run is solved on: a box around the device(s) in the CT's own axes (so
 * the CT's direction cosines carry over and `src/plan/simSpace.ts` maps plan points into it), with its
 * tissue map sampled from the case labels (nearest CT voxel), or from HU thresholds when the scan has no
 * labels (a loaded DICOM). Pure; LPS mm in, sim metres through simSpace.
 */
import { S } from '../../../lib/anatomy'
import { inBounds, worldToIjk, type VolumeGeometry } from '../../../lib/space'
import { add, dot, scale, sub, type Vec3 } from '../../../lib/vec3'
import { simGridOf } from '../../../plan'
import type { Grid3 } from '../../../sim/grid/grid3'
import type { CtVolume } from '../../volume'

/** A simulation region. */
export interface Roi {
  /** The ROI grid in LPS (CT direction, its own origin and spacing). */
  readonly geometry: VolumeGeometry
  /** The same grid in sim metres (`simGridOf`). */
  readonly grid: Grid3
  /** Structure label per ROI voxel, i fastest. */
  readonly labels: Uint8Array
  /** True when the labels came from the case's label volume; false: from HU thresholds. */
  readonly isLabelled: boolean
  /** True when the wanted box was cut by the edge of the scan. */
  readonly isClipped: boolean
}

/** Largest ROI, voxels; a bigger box is sampled more coarsely (keeps a run to seconds). */
export const MAX_ROI_VOXELS = 700_000

/**
 * HU → structure for scans without labels (FACTS.md §3.4-style CT ranges; [G] thresholds chosen here):
 * air below −400 HU, fat −400…−30, soft tissue (muscle) −30…200, trabecular bone 200…700, cortical above.
 */
export const HU_TISSUE_THRESHOLDS = {
  air: -400,
  fat: -30,
  softTissue: 200,
  trabecular: 700,
} as const

/** Structure label of a CT number (scans without a label volume). */
export function labelFromHu(hu: number): number {
  const t = HU_TISSUE_THRESHOLDS
  if (hu < t.air) return S.outside
  if (hu < t.fat) return S.subcutaneousFat
  if (hu < t.softTissue) return S.muscle
  if (hu < t.trabecular) return S.trabecularBone
  return S.corticalBone
}

/** Offsets (mm) of a point from the CT's voxel [0,0,0] along its i, j, k axes. */
const axisMm = (g: VolumeGeometry, p: Vec3): Vec3 => {
  const d = sub(p, g.originMm)
  return [dot(d, g.direction[0]), dot(d, g.direction[1]), dot(d, g.direction[2])]
}

/** Throws a plain-words error when a point lies outside the scan. */
export function assertInsideScan(v: CtVolume, pMm: Vec3, what: string): void {
  const q = worldToIjk(v.geometry, pMm)
  if (!inBounds(v.geometry, Math.round(q[0]), Math.round(q[1]), Math.round(q[2]))) {
    const p = pMm.map((c) => c.toFixed(1)).join(', ')
    throw new Error(`${what} (${p} mm) lies outside the CT volume: move it into the scan.`)
  }
}

/**
 * The ROI box: the bounding box of `points` padded by `padMm`, in the CT's axes, with `spacingMm` voxels
 * (per axis) whose centres fall on CT voxel centres when the spacings agree; cut at the scan's edge. When the
 * box would exceed `maxVoxels`, the spacing grows until it fits.
 */
export function roiGeometry(
  v: CtVolume,
  points: readonly Vec3[],
  padMm: number,
  spacingMm: Vec3,
  maxVoxels = MAX_ROI_VOXELS,
): { geometry: VolumeGeometry; isClipped: boolean } {
  const g = v.geometry
  const lo = [Infinity, Infinity, Infinity]
  const hi = [-Infinity, -Infinity, -Infinity]
  for (const p of points) {
    const u = axisMm(g, p)
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a]!, u[a]! - padMm)
      hi[a] = Math.max(hi[a]!, u[a]! + padMm)
    }
  }
  let isClipped = false
  for (let a = 0; a < 3; a++) {
    const sp = g.spacingMm[a]!
    const min = 0
    const max = (g.dims[a]! - 1) * sp
    if (lo[a]! < min || hi[a]! > max) isClipped = true
    // Snap the low corner onto a CT voxel centre, inside the scan.
    lo[a] = Math.max(min, Math.floor(lo[a]! / sp) * sp)
    hi[a] = Math.min(max, hi[a]!)
  }
  let f = 1
  const count = (s: number): number =>
    [0, 1, 2].reduce((n, a) => n * (Math.floor((hi[a]! - lo[a]!) / (s * spacingMm[a]!)) + 1), 1)
  while (count(f) > maxVoxels) f *= 1.05
  const h: Vec3 = [spacingMm[0] * f, spacingMm[1] * f, spacingMm[2] * f]
  const dims: [number, number, number] = [0, 0, 0]
  for (let a = 0; a < 3; a++) dims[a] = Math.max(3, Math.floor((hi[a]! - lo[a]!) / h[a]!) + 1)
  const [di, dj, dk] = g.direction
  const originMm = add(
    g.originMm,
    add(scale(di, lo[0]!), add(scale(dj, lo[1]!), scale(dk, lo[2]!))),
  )
  return {
    geometry: { dims, spacingMm: h, originMm, direction: g.direction },
    isClipped,
  }
}

/**
 * For two grids with the same axes: the index along axis `a` of `from`'s voxel nearest to each voxel of `to`
 * (−1 where `to` lies outside `from`).
 */
export function nearestAxisMap(from: VolumeGeometry, to: VolumeGeometry, a: 0 | 1 | 2): Int32Array {
  const start = axisMm(from, to.originMm)[a]
  const out = new Int32Array(to.dims[a])
  for (let n = 0; n < out.length; n++) {
    const c = Math.round((start + n * to.spacingMm[a]) / from.spacingMm[a])
    out[n] = c >= 0 && c < from.dims[a] ? c : -1
  }
  return out
}

/**
 * Resamples a per-voxel array of grid `from` onto grid `to` (same axes) by nearest voxel; `fill` outside.
 */
export function resampleNearest<T extends Uint8Array | Float32Array | Int16Array>(
  from: VolumeGeometry,
  data: ArrayLike<number>,
  to: VolumeGeometry,
  out: T,
  fill = 0,
): T {
  const mi = nearestAxisMap(from, to, 0)
  const mj = nearestAxisMap(from, to, 1)
  const mk = nearestAxisMap(from, to, 2)
  const [fx, fy] = from.dims
  const [nx, ny, nz] = to.dims
  let n = 0
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        const a = mi[i]!
        const b = mj[j]!
        const c = mk[k]!
        out[n] = a < 0 || b < 0 || c < 0 ? fill : data[a + fx * (b + fy * c)]!
      }
    }
  }
  return out
}

/** Builds the ROI: geometry, sim grid and tissue labels sampled from the case volume. */
export function buildRoi(v: CtVolume, geometry: VolumeGeometry, isClipped: boolean): Roi {
  const n = geometry.dims[0] * geometry.dims[1] * geometry.dims[2]
  let labels: Uint8Array
  if (v.labels) {
    labels = resampleNearest(v.geometry, v.labels, geometry, new Uint8Array(n))
  } else {
    const hu = resampleNearest(v.geometry, v.ct, geometry, new Int16Array(n), -1000)
    labels = new Uint8Array(n)
    for (let q = 0; q < n; q++) labels[q] = labelFromHu(hu[q]!)
  }
  return { geometry, grid: simGridOf(geometry), labels, isLabelled: !!v.labels, isClipped }
}

/** Label of the ROI voxel nearest an LPS point, or −1 outside the ROI. */
export function roiLabelAt(roi: Roi, pMm: Vec3): number {
  const q = worldToIjk(roi.geometry, pMm)
  const [i, j, k] = [Math.round(q[0]), Math.round(q[1]), Math.round(q[2])]
  if (!inBounds(roi.geometry, i, j, k)) return -1
  const [nx, ny] = roi.geometry.dims
  return roi.labels[i + nx * (j + ny * k)]!
}
