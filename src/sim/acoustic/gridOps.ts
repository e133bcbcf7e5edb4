/**
 * Small grid kernels of the HIFU pipeline: nearest-neighbour label resampling between two oriented
 * grids, 2× block averaging, running maxima, the target bone surface facing the beam and dose counts.
 * Pure; x fastest; geometry in LPS millimetres where a `VolumeGeometry` is involved.
 */
import { S, isBoneLabel } from '../../lib/anatomy'
import type { VolumeGeometry } from '../../lib/space'
import type { Vec3 } from '../../lib/vec3'

const proj = (w: Vec3, a: Vec3): number => w[0] * a[0] + w[1] * a[1] + w[2] * a[2]

/**
 * Labels of `src` (on `srcGeom`) at every voxel centre of `dst` (nearest voxel; outside: 0). Both grids
 * are orthonormal, so index increments are projections of the destination axes on the source axes.
 */
export function resampleLabelsNearest(
  src: Uint8Array,
  srcGeom: VolumeGeometry,
  dst: VolumeGeometry,
): Uint8Array {
  const out = new Uint8Array(dst.dims[0] * dst.dims[1] * dst.dims[2])
  const dir = srcGeom.direction
  const sp = srcGeom.spacingMm
  const [nx, ny, nz] = srcGeom.dims
  const toIndex = (w: Vec3, s: number): Vec3 => [
    (s * proj(w, dir[0])) / sp[0],
    (s * proj(w, dir[1])) / sp[1],
    (s * proj(w, dir[2])) / sp[2],
  ]
  const di = toIndex(dst.direction[0], dst.spacingMm[0])
  const dj = toIndex(dst.direction[1], dst.spacingMm[1])
  const dk = toIndex(dst.direction[2], dst.spacingMm[2])
  const q0 = toIndex(
    [
      dst.originMm[0] - srcGeom.originMm[0],
      dst.originMm[1] - srcGeom.originMm[1],
      dst.originMm[2] - srcGeom.originMm[2],
    ],
    1,
  )
  let idx = 0
  for (let k = 0; k < dst.dims[2]; k++) {
    for (let j = 0; j < dst.dims[1]; j++) {
      let x = q0[0] + j * dj[0] + k * dk[0]
      let y = q0[1] + j * dj[1] + k * dk[1]
      let z = q0[2] + j * dj[2] + k * dk[2]
      for (let i = 0; i < dst.dims[0]; i++, idx++) {
        const a = Math.round(x)
        const b = Math.round(y)
        const c = Math.round(z)
        if (a >= 0 && b >= 0 && c >= 0 && a < nx && b < ny && c < nz) {
          out[idx] = src[a + nx * (b + ny * c)]
        }
        x += di[0]
        y += di[1]
        z += di[2]
      }
    }
  }
  return out
}

/**
 * Mean of each 2×2×2 block of `fine` (dims `fd`) into `out` (dims `cd` = fd/2): energy-conserving
 * restriction of a power density onto a grid of twice the spacing.
 */
export function blockAverage2(
  fine: Float32Array,
  fd: readonly [number, number, number],
  out: Float32Array,
  cd: readonly [number, number, number],
): void {
  const [fx, fy] = fd
  for (let k = 0; k < cd[2]; k++) {
    for (let j = 0; j < cd[1]; j++) {
      for (let i = 0; i < cd[0]; i++) {
        let s = 0
        for (let c = 0; c < 2; c++) {
          for (let b = 0; b < 2; b++) {
            const o = 2 * i + fx * (2 * j + b + fy * (2 * k + c))
            s += fine[o] + fine[o + 1]
          }
        }
        out[i + cd[0] * (j + cd[1] * k)] = 0.125 * s
      }
    }
  }
}

/** Largest value of an array (−Infinity when empty). */
export function peakOf(a: Float32Array): number {
  let m = -Infinity
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i]
  return m
}

/** envelope[i] = max(envelope[i], a[i] / norm). */
export function maxRatioInto(envelope: Float32Array, a: Float32Array, norm: number): void {
  const inv = 1 / norm
  for (let i = 0; i < envelope.length; i++) {
    const v = a[i] * inv
    if (v > envelope[i]) envelope[i] = v
  }
}

/** Bone, or tumour inside bone (a lytic lesion replaces the cortex it sits in). */
export const isBoneOrIntraosseous = (label: number): boolean =>
  isBoneLabel(label) || label === S.tumourLytic || label === S.tumourBlastic

/**
 * Bone or intraosseous-tumour voxels of a beam-aligned label grid (k along the beam) whose neighbour one
 * voxel back along the beam is soft tissue (not bone, not outside), within `lateralMm` of the grid's
 * central axis: the bone (or lesion) surface the beam meets.
 */
export function beamFacingBoneSurface(
  dims: readonly [number, number, number],
  spacingMm: number,
  labels: Uint8Array,
  lateralMm: number,
): Uint8Array {
  const [nx, ny, nz] = dims
  const out = new Uint8Array(labels.length)
  const ci = 0.5 * (nx - 1)
  const cj = 0.5 * (ny - 1)
  for (let k = 1; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        if (Math.hypot((i - ci) * spacingMm, (j - cj) * spacingMm) > lateralMm) continue
        const idx = i + nx * (j + ny * k)
        const up = labels[idx - nx * ny]
        if (isBoneOrIntraosseous(labels[idx]) && up !== 0 && !isBoneOrIntraosseous(up)) {
          out[idx] = 1
        }
      }
    }
  }
  return out
}

/** Voxels at or above `threshold`: in total, and among the voxels of `mask`. */
export function countAtLeast(
  field: Float32Array,
  threshold: number,
  mask: Uint8Array,
): { all: number; inMask: number; maskSize: number } {
  let all = 0
  let inMask = 0
  let maskSize = 0
  for (let i = 0; i < field.length; i++) {
    const isOver = field[i] >= threshold
    if (isOver) all++
    if (mask[i]) {
      maskSize++
      if (isOver) inMask++
    }
  }
  return { all, inMask, maskSize }
}
