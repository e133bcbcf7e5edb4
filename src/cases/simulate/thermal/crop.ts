/**
 * Cropping and block-averaging of ROI fields into the small grids the overlays carry (a frame of the whole
 * ROI would be megabytes; the interesting part is the heated or frozen region). Pure.
 */
import { ijkToWorld, type VolumeGeometry } from '../../../lib/space'

/** An inclusive voxel box of the ROI plus a block size (1 = full resolution). */
export interface CropBox {
  readonly lo: readonly [number, number, number]
  readonly hi: readonly [number, number, number]
  readonly block: number
}

/**
 * Bounding box of the voxels where `isIn` holds, padded by `pad` voxels and clamped to the ROI; null when
 * no voxel qualifies.
 */
export function boxWhere(
  dims: readonly [number, number, number],
  isIn: (q: number) => boolean,
  pad: number,
): { lo: [number, number, number]; hi: [number, number, number] } | null {
  const [nx, ny, nz] = dims
  const lo: [number, number, number] = [nx, ny, nz]
  const hi: [number, number, number] = [-1, -1, -1]
  let q = 0
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, q++) {
        if (!isIn(q)) continue
        if (i < lo[0]) lo[0] = i
        if (i > hi[0]) hi[0] = i
        if (j < lo[1]) lo[1] = j
        if (j > hi[1]) hi[1] = j
        if (k < lo[2]) lo[2] = k
        if (k > hi[2]) hi[2] = k
      }
    }
  }
  if (hi[0] < 0) return null
  for (let a = 0; a < 3; a++) {
    lo[a] = Math.max(0, lo[a]! - pad)
    hi[a] = Math.min(dims[a]! - 1, hi[a]! + pad)
  }
  return { lo, hi }
}

/** The smallest block size (1, 2, 3…) that keeps a box under `maxVoxels`. */
export function blockFor(
  box: { lo: readonly number[]; hi: readonly number[] },
  maxVoxels: number,
): number {
  for (let b = 1; ; b++) {
    let n = 1
    for (let a = 0; a < 3; a++) n *= Math.max(1, Math.floor((box.hi[a]! - box.lo[a]! + 1) / b))
    if (n <= maxVoxels) return b
  }
}

/** Geometry of a cropped, block-averaged grid (a block's centre is the mean of its voxel centres). */
export function cropGeometry(roi: VolumeGeometry, c: CropBox): VolumeGeometry {
  const b = c.block
  const dims: [number, number, number] = [0, 0, 0]
  for (let a = 0; a < 3; a++) dims[a] = Math.max(1, Math.floor((c.hi[a]! - c.lo[a]! + 1) / b))
  const half = (b - 1) / 2
  return {
    dims,
    spacingMm: [roi.spacingMm[0] * b, roi.spacingMm[1] * b, roi.spacingMm[2] * b],
    originMm: ijkToWorld(roi, [c.lo[0] + half, c.lo[1] + half, c.lo[2] + half]),
    direction: roi.direction,
  }
}

/** Crops (and block-averages) one ROI field; `map` transforms each value first. */
export function cropField(
  roi: VolumeGeometry,
  data: Float32Array,
  c: CropBox,
  map: (v: number, q: number) => number = (v) => v,
): Float32Array {
  const [nx, ny] = roi.dims
  const g = cropGeometry(roi, c)
  const [mx, my, mz] = g.dims
  const b = c.block
  const out = new Float32Array(mx * my * mz)
  const inv = 1 / (b * b * b)
  let n = 0
  for (let k = 0; k < mz; k++) {
    for (let j = 0; j < my; j++) {
      for (let i = 0; i < mx; i++, n++) {
        let s = 0
        for (let dk = 0; dk < b; dk++) {
          for (let dj = 0; dj < b; dj++) {
            const row = nx * (c.lo[1] + j * b + dj + ny * (c.lo[2] + k * b + dk))
            for (let di = 0; di < b; di++) {
              const q = row + c.lo[0] + i * b + di
              s += map(data[q]!, q)
            }
          }
        }
        out[n] = s * inv
      }
    }
  }
  return out
}
