/**
 * Binary masks (Uint8Array, 1 = set, i fastest) on a volume grid, from labels, fields and analytic shapes.
 * A voxel belongs to a shape when its centre does.
 */
import type { VolumeGeometry } from '../../lib/space'
import { voxelCount, worldToIjk } from '../../lib/space'
import type { Vec3 } from '../../lib/vec3'

/** Mask of the voxels whose label is one of `labelIds`. */
export function maskFromLabels(labels: Uint8Array, labelIds: readonly number[]): Uint8Array {
  const lut = new Uint8Array(256)
  for (const id of labelIds) if (id >= 0 && id < 256) lut[id] = 1
  const out = new Uint8Array(labels.length)
  for (let i = 0; i < labels.length; i++) out[i] = lut[labels[i]!]!
  return out
}

/** Mask of the voxels where `field` ≥ threshold (`isAbove`) or ≤ threshold (otherwise). */
export function maskFromField(
  field: ArrayLike<number>,
  threshold: number,
  isAbove: boolean,
): Uint8Array {
  const out = new Uint8Array(field.length)
  for (let i = 0; i < field.length; i++) {
    const v = field[i]!
    out[i] = (isAbove ? v >= threshold : v <= threshold) ? 1 : 0
  }
  return out
}

/** Number of set voxels. */
export function maskCount(mask: Uint8Array): number {
  let n = 0
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) n++
  return n
}

/** Volume of one voxel in millilitres (1 mL = 1000 mm³). */
export const voxelVolumeMl = (g: VolumeGeometry): number =>
  (g.spacingMm[0] * g.spacingMm[1] * g.spacingMm[2]) / 1000

/** Volume of a mask in millilitres. */
export const maskVolumeMl = (mask: Uint8Array, g: VolumeGeometry): number =>
  maskCount(mask) * voxelVolumeMl(g)

/**
 * Mask of the voxels whose centre lies inside the ellipsoid with centre `centreMm`, semi-axes `radiiMm`
 * along the orthonormal LPS directions `axes`. Only the bounding box of the largest radius is visited.
 */
export function ellipsoidMask(
  g: VolumeGeometry,
  centreMm: Vec3,
  radiiMm: Vec3,
  axes: readonly [Vec3, Vec3, Vec3],
): Uint8Array {
  const out = new Uint8Array(voxelCount(g))
  const [nx, ny, nz] = g.dims
  const c = worldToIjk(g, centreMm)
  const rMax = Math.max(radiiMm[0], radiiMm[1], radiiMm[2])
  const lo = (a: number): number => Math.max(0, Math.ceil(c[a]! - rMax / g.spacingMm[a]!))
  const hi = (a: number, n: number): number =>
    Math.min(n - 1, Math.floor(c[a]! + rMax / g.spacingMm[a]!))
  // Each ellipsoid axis expressed in the scaled index frame (unit i, j, k directions), divided by its radius,
  // so that Σ (offset · w_n)² ≤ 1 is the inside test with offsets in millimetres along i, j, k.
  const [di, dj, dk] = g.direction
  const w = axes.map((ax, n) => {
    const r = radiiMm[n]!
    return [
      (ax[0] * di[0] + ax[1] * di[1] + ax[2] * di[2]) / r,
      (ax[0] * dj[0] + ax[1] * dj[1] + ax[2] * dj[2]) / r,
      (ax[0] * dk[0] + ax[1] * dk[1] + ax[2] * dk[2]) / r,
    ] as const
  })
  const [w0, w1, w2] = w as [Vec3, Vec3, Vec3]
  for (let k = lo(2); k <= hi(2, nz); k++) {
    const oz = (k - c[2]) * g.spacingMm[2]
    for (let j = lo(1); j <= hi(1, ny); j++) {
      const oy = (j - c[1]) * g.spacingMm[1]
      const row = nx * (j + ny * k)
      for (let i = lo(0); i <= hi(0, nx); i++) {
        const ox = (i - c[0]) * g.spacingMm[0]
        const a = ox * w0[0] + oy * w0[1] + oz * w0[2]
        const b = ox * w1[0] + oy * w1[1] + oz * w1[2]
        const d = ox * w2[0] + oy * w2[1] + oz * w2[2]
        if (a * a + b * b + d * d <= 1) out[row + i] = 1
      }
    }
  }
  return out
}

/** Mask of the voxels whose centre lies within `radiusMm` of `centreMm` (LPS). */
export function sphereMask(g: VolumeGeometry, centreMm: Vec3, radiusMm: number): Uint8Array {
  const identity: readonly [Vec3, Vec3, Vec3] = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ]
  return ellipsoidMask(g, centreMm, [radiusMm, radiusMm, radiusMm], identity)
}
