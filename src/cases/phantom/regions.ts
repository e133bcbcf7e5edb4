/**
 * Volume geometry per region. Each region is 256 × 256 voxels in plane, with the in-plane spacing chosen
 * so that the whole trunk section fits the field of view (lower chest 315 mm wide → 1.30 mm × 256 =
 * 333 mm; abdomen 340 mm → 1.40 mm = 358 mm; hips 360 mm → 1.45 mm = 371 mm) and 1.25–1.5 mm slices,
 * typical thin-slice reconstructions. The z range runs from above the top vertebra of the region to below
 * its lowest structure, so the slice count lands between 150 and 250.
 */
import { IDENTITY_DIRECTION, type VolumeGeometry } from '../../lib/space'
import type { Vec3 } from '../../lib/vec3'
import type { OutlineRow } from './bodyOutline'
import type { PelvisLayout } from './pelvisLayout'
import type { Region } from './phantomSpec'
import type { SpineLayout } from './spineLayout'

/** Default spacing (mm) per region. */
export const REGION_SPACING: Readonly<Record<Region, Vec3>> = {
  thoracolumbar: [1.3, 1.3, 1.25],
  lumbar: [1.4, 1.4, 1.25],
  pelvis: [1.45, 1.45, 1.5],
}

/** In-plane voxel count. */
export const IN_PLANE_VOXELS = 256

/** Cranio-caudal extent of a region (world z, mm). */
export function regionZRange(
  region: Region,
  spine: SpineLayout,
  pelvis: PelvisLayout,
): { top: number; bottom: number } {
  const v = spine.vertebrae
  switch (region) {
    case 'thoracolumbar':
      return { top: v.T8.supCentre[2] + 14, bottom: v.L2.infCentre[2] - 12 }
    case 'lumbar':
      return { top: v.T12.supCentre[2] + 14, bottom: v.S1.supCentre[2] - 45 }
    case 'pelvis':
      return { top: v.L4.supCentre[2] + 14, bottom: pelvis.hipMid[2] - 95 }
  }
}

/** Volume geometry of a region: identity direction, axial slices, origin = centre of voxel 0. */
export function regionGeometry(
  region: Region,
  spine: SpineLayout,
  pelvis: PelvisLayout,
  rows: readonly OutlineRow[],
  image: {
    readonly spacingMm?: Vec3
    readonly inPlaneVoxels?: number
    readonly fieldCentreMm?: readonly [number, number]
    readonly zRangeMm?: readonly [number, number]
  },
): VolumeGeometry {
  const sp = image.spacingMm ?? REGION_SPACING[region]
  const zr = regionZRange(region, spine, pelvis)
  const bottom = image.zRangeMm?.[0] ?? zr.bottom
  const top = image.zRangeMm?.[1] ?? zr.top
  const nz = Math.round((top - bottom) / sp[2]) + 1
  const zMid = (top + bottom) / 2
  let best = rows[0]!
  for (const r of rows) if (Math.abs(r.z - zMid) < Math.abs(best.z - zMid)) best = r
  const cx = image.fieldCentreMm?.[0] ?? 0
  const cy = image.fieldCentreMm?.[1] ?? best.yPost - best.apMm / 2
  const n = image.inPlaneVoxels ?? IN_PLANE_VOXELS
  return {
    dims: [n, n, nz],
    spacingMm: sp,
    originMm: [cx - ((n - 1) / 2) * sp[0], cy - ((n - 1) / 2) * sp[1], bottom],
    direction: IDENTITY_DIRECTION,
  }
}
