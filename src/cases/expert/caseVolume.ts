/** The volume a plan is evaluated on, and small lookups on it (labels at points, the lesion's tumour mask). */
import { S, isTumourLabel } from '../../lib/anatomy'
import { inBounds, worldToIjk, type VolumeGeometry } from '../../lib/space'
import type { Vec3 } from '../../lib/vec3'
import { sphereMask } from '../../plan'
import type { LesionInfo, VesselInfo } from '../phantom'

/** What `evaluatePlan` needs: a labelled volume (CT optional), its lesions and, for embolization, vessels. */
export interface CaseVolume {
  readonly geometry: VolumeGeometry
  readonly labels: Uint8Array
  readonly ct?: Int16Array
  readonly lesions: readonly LesionInfo[]
  readonly vessels?: readonly VesselInfo[]
  /** Named points (e.g. 'L3.pedicle.L'); used to check transpedicular trocar paths. */
  readonly landmarks?: Readonly<Record<string, readonly [number, number, number]>>
  /** Names of the bone parts (index = `LesionInfo.part`), e.g. 'L3'; used to find the lesion's level. */
  readonly partNames?: readonly string[]
}

/** Tumour labels: intra-osseous lytic and blastic parts and the soft-tissue extension. */
export const TUMOUR_LABELS: readonly number[] = [S.tumourLytic, S.tumourBlastic, S.tumourSoftTissue]

/** Label at the voxel nearest a point, or −1 outside the volume. */
export function labelAt(v: CaseVolume, pMm: Vec3): number {
  const p = worldToIjk(v.geometry, pMm)
  const [i, j, k] = [Math.round(p[0]), Math.round(p[1]), Math.round(p[2])]
  if (!inBounds(v.geometry, i, j, k)) return -1
  const [nx, ny] = v.geometry.dims
  return v.labels[i + nx * (j + ny * k)] ?? -1
}

/** True when the nearest voxel is tumour. */
export const isTumourAt = (v: CaseVolume, pMm: Vec3): boolean => {
  const l = labelAt(v, pMm)
  return l >= 0 && isTumourLabel(l)
}

/**
 * Radius around a lesion's centre that holds all its tumour voxels, mm: the lesion's largest diameter (a
 * generous bound, since pedicle involvement and soft-tissue extensions reach beyond half of it).
 */
export const lesionReachMm = (lesion: LesionInfo): number => lesion.sizeMm + 10

/** Region of one lesion: voxels within {@link lesionReachMm} of its centre (restricts label targets). */
export function lesionRegion(v: CaseVolume, lesion: LesionInfo): Uint8Array {
  return sphereMask(v.geometry, lesion.centreMm, lesionReachMm(lesion))
}

/** Lesion by id, or the first lesion. */
export function findLesion(v: CaseVolume, lesionId?: string): LesionInfo | undefined {
  return v.lesions.find((l) => l.id === lesionId) ?? v.lesions[0]
}

/**
 * Level name of a lesion's bone, e.g. 'L3' or 'T12', from `partNames`; undefined for non-vertebral bones or
 * when part names are not given.
 */
export function lesionLevel(v: CaseVolume, lesion: LesionInfo): string | undefined {
  const name = v.partNames?.[lesion.part]
  return name !== undefined && /^[CTLS]\d+$/.test(name) ? name : undefined
}
