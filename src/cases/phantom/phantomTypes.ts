/**
 * Output types of the phantom generator. Plain data: typed arrays plus LPS-millimetre geometry, so a
 * phantom can cross a worker boundary with its buffers transferred.
 */
import type { VolumeGeometry } from '../../lib/space'
import type { LesionKind, ResolvedPhantomSpec } from './phantomSpec'

/** A point in LPS millimetres. */
export type PointMm = readonly [number, number, number]

/** One metastasis as generated. */
export interface LesionInfo {
  readonly id: string
  /** Main label id in the label volume (`S.tumourLytic` or `S.tumourBlastic`). */
  readonly label: number
  readonly kind: LesionKind
  /** Centre of the intra-osseous lesion (LPS mm). */
  readonly centreMm: PointMm
  /** Largest diameter of the intra-osseous lesion. */
  readonly sizeMm: number
  /** Part id of the host bone. */
  readonly part: number
  /** Patient-terms description, e.g. "left posterior L3 vertebral body, 22 mm lytic lesion". */
  readonly description: string
}

/** A vessel centreline, for embolization planning and safety checks. */
export interface VesselInfo {
  readonly id: string
  readonly kind:
    | 'aorta'
    | 'ivc'
    | 'iliacArtery'
    | 'iliacVein'
    | 'lumbarArtery'
    | 'intercostalArtery'
    | 'adamkiewicz'
    | 'anteriorSpinalArtery'
  /** Vertebral level of a segmental artery (e.g. 'T10'), when it has one. */
  readonly level?: string
  readonly side?: 'L' | 'R'
  /** Id of the vessel it branches from. */
  readonly parent?: string
  /** Centreline (LPS mm), from origin to end. */
  readonly points: readonly PointMm[]
  /** Radius at each point. */
  readonly radiiMm: readonly number[]
  /** True when the vessel supplies the artery of Adamkiewicz (embolizing it is a critical error). */
  readonly feedsAdamkiewicz?: boolean
}

/** A generated phantom CT with its ground truth. */
export interface Phantom {
  readonly geometry: VolumeGeometry
  /** HU per voxel, i fastest. */
  readonly ct: Int16Array
  /** Structure id per voxel (`S` in src/lib/anatomy.ts). */
  readonly labels: Uint8Array
  /** Bone / structure instance per voxel: index into `partNames` (0 = none). */
  readonly parts: Uint8Array
  readonly partNames: readonly string[]
  /** Named points in LPS mm, e.g. 'L3.bodyCentre', 'L3.pedicle.L', 'L3.skinEntry.L'. */
  readonly landmarks: Readonly<Record<string, PointMm>>
  readonly lesions: readonly LesionInfo[]
  readonly vessels: readonly VesselInfo[]
  /** The fully resolved input, for reproducibility and for tests comparing against the specification. */
  readonly spec: ResolvedPhantomSpec
  readonly seed: number
  /** Derived alignment figures (degrees). */
  readonly alignment: { readonly lordosisDeg: number; readonly sacralSlopeDeg: number }
}
