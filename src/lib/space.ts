/**
 * Coordinate spaces of a CT volume.
 *
 * World frame: DICOM patient coordinates (LPS): +x towards the patient's Left, +y Posterior, +z Superior,
 * in millimetres. Voxel index space (i, j, k): i runs along columns (fastest in memory), j along rows,
 * k along slices; integer (i, j, k) is the CENTRE of a voxel, so voxel [0,0,0] spans −0.5…+0.5 in each index.
 * `originMm` is the world position of the centre of voxel [0,0,0] (DICOM ImagePositionPatient of slice 0).
 * `direction` holds the unit world vectors of the i, j and k axes (DICOM row direction, column direction
 * and slice normal), so world = origin + Σ index·spacing·axis.
 */
import type { Vec3 } from './vec3'

declare const worldBrand: unique symbol
declare const ijkBrand: unique symbol

/** A point in DICOM LPS millimetres. */
export type PointWorldMm = Vec3 & { readonly [worldBrand]: true }
/** A continuous voxel index (i, j, k), voxel centres at integers. */
export type PointIjk = Vec3 & { readonly [ijkBrand]: true }

/** Brands a tuple as an LPS millimetre point. */
export const worldMm = (x: number, y: number, z: number): PointWorldMm =>
  [x, y, z] as unknown as PointWorldMm
/** Brands a tuple as a voxel index. */
export const ijk = (i: number, j: number, k: number): PointIjk => [i, j, k] as unknown as PointIjk

/** Geometry of a regular volume in the LPS frame. */
export interface VolumeGeometry {
  /** Voxel counts along i, j, k. */
  readonly dims: readonly [number, number, number]
  /** Voxel size along i, j, k in millimetres. */
  readonly spacingMm: Vec3
  /** World position (LPS mm) of the centre of voxel [0,0,0]. */
  readonly originMm: Vec3
  /** Unit axis vectors of i, j and k in LPS, orthonormal. */
  readonly direction: readonly [Vec3, Vec3, Vec3]
}

/** Identity direction: i → +L, j → +P, k → +S (a standard axial CT). */
export const IDENTITY_DIRECTION: readonly [Vec3, Vec3, Vec3] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
]

/** Maps a continuous voxel index to LPS millimetres. */
export function ijkToWorld(g: VolumeGeometry, p: Vec3): PointWorldMm {
  const [a, b, c] = g.direction
  const si = p[0] * g.spacingMm[0]
  const sj = p[1] * g.spacingMm[1]
  const sk = p[2] * g.spacingMm[2]
  return worldMm(
    g.originMm[0] + si * a[0] + sj * b[0] + sk * c[0],
    g.originMm[1] + si * a[1] + sj * b[1] + sk * c[1],
    g.originMm[2] + si * a[2] + sj * b[2] + sk * c[2],
  )
}

/**
 * Maps LPS millimetres to a continuous voxel index. Uses the transpose of the direction matrix as its
 * inverse, which is exact because the axes are orthonormal.
 */
export function worldToIjk(g: VolumeGeometry, p: Vec3): PointIjk {
  const d0 = p[0] - g.originMm[0]
  const d1 = p[1] - g.originMm[1]
  const d2 = p[2] - g.originMm[2]
  const [a, b, c] = g.direction
  return ijk(
    (d0 * a[0] + d1 * a[1] + d2 * a[2]) / g.spacingMm[0],
    (d0 * b[0] + d1 * b[1] + d2 * b[2]) / g.spacingMm[1],
    (d0 * c[0] + d1 * c[1] + d2 * c[2]) / g.spacingMm[2],
  )
}

/** Number of voxels. */
export const voxelCount = (g: VolumeGeometry): number => g.dims[0] * g.dims[1] * g.dims[2]

/** Flat index of integer voxel (i, j, k), i fastest. */
export const flatIndex = (g: VolumeGeometry, i: number, j: number, k: number): number =>
  i + g.dims[0] * (j + g.dims[1] * k)

/** True when the integer voxel lies inside the volume. */
export const inBounds = (g: VolumeGeometry, i: number, j: number, k: number): boolean =>
  i >= 0 && j >= 0 && k >= 0 && i < g.dims[0] && j < g.dims[1] && k < g.dims[2]

/** World-space centre of the volume's bounding box. */
export const centerWorld = (g: VolumeGeometry): PointWorldMm =>
  ijkToWorld(g, [(g.dims[0] - 1) / 2, (g.dims[1] - 1) / 2, (g.dims[2] - 1) / 2])

/** `512×512×163 · 0.98×0.98×3.00 mm`, the summary shown in `volume-info`. */
export function formatVolumeInfo(g: VolumeGeometry): string {
  const d = g.dims.join('×')
  const s = g.spacingMm.map((v) => v.toFixed(2)).join('×')
  return `${d} · ${s} mm`
}
