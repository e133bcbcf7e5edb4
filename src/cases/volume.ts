/**
 * A CT volume in memory, as every source produces it (built-in phantom, the user's DICOM, a server).
 * Pure data: typed arrays plus LPS geometry.
 */
import type { VolumeGeometry } from '../lib/space'
import type { VesselInfo } from './phantom/phantomTypes'

/** Where a volume came from. */
export type VolumeSource = 'builtin' | 'dicom-files' | 'dicomweb' | 'package'

/** A loaded CT volume. */
export interface CtVolume {
  /** Unique id within the session. */
  readonly id: string
  /** Human-readable name (case title or series description). */
  readonly name: string
  readonly source: VolumeSource
  readonly geometry: VolumeGeometry
  /** HU per voxel, i fastest. */
  readonly ct: Int16Array
  /** Structure label per voxel (src/lib/anatomy.ts), when known (built-in cases). */
  readonly labels?: Uint8Array
  /** Bone/structure instance per voxel, when known, with its names. */
  readonly parts?: Uint8Array
  readonly partNames?: readonly string[]
  /** Named anatomical points (LPS mm), for built-in cases: e.g. 'L3.pedicle.L', 'L3.skinEntry.L'. */
  readonly landmarks?: Readonly<Record<string, readonly [number, number, number]>>
  /** The case's lesions (built-in cases): label, centre, size and description in patient terms. */
  readonly lesions?: readonly {
    readonly id: string
    readonly label: number
    readonly centreMm: readonly [number, number, number]
    readonly sizeMm: number
    readonly description: string
  }[]
  /** Vessel centrelines with radii (built-in cases), for embolization and heat-sink modelling. */
  readonly vessels?: readonly VesselInfo[]
  /** The phantom's random seed (built-in cases). */
  readonly seed?: number
}
