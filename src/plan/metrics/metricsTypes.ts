/** Inputs and outputs of `computeMetrics`. Volumes in mL, distances in mm, points in LPS mm. */
import type { VolumeGeometry } from '../../lib/space'
import type { Vec3 } from '../../lib/vec3'

/** A treated zone given as a scalar field (e.g. temperature °C, thermal dose, field strength V/cm). */
export interface TreatedField {
  readonly field: Float32Array
  /** Threshold in the field's unit; the zone includes voxels equal to it. */
  readonly threshold: number
  /** true: treated where field ≥ threshold (heat, dose); false: where field ≤ threshold (cryo isotherm). */
  readonly above: boolean
}

/** Input of `computeMetrics`. Masks and fields are per voxel on `geometry`'s grid, i fastest. */
export interface MetricsInput {
  readonly geometry: VolumeGeometry
  /** Structure labels, used to break the treated healthy volume down by structure. */
  readonly labels?: Uint8Array
  readonly treated: Uint8Array | TreatedField
  readonly target: Uint8Array
  readonly critical?: readonly { readonly key: string; readonly mask: Uint8Array }[]
  readonly points?: readonly { readonly name: string; readonly mm: Vec3 }[]
  /**
   * Distances are computed in the bounding box of target ∪ zone padded by this much; critical structures
   * farther away are reported as beyond it (distance null). Default 20 mm.
   */
  readonly searchMm?: number
}

/** Gap between the treated zone and one critical structure. */
export interface CriticalDistance {
  readonly key: string
  /**
   * Estimated gap between the zone's surface and the structure's surface, mm; negative when the zone reaches
   * into the structure (by about that depth). null when the structure is empty, the zone is empty, or the
   * structure lies entirely beyond `searchMm` from the zone.
   */
  readonly distanceMm: number | null
  /** True when the structure exists but lies entirely beyond `searchMm` of the zone. */
  readonly isBeyondSearch: boolean
  /** Volume of the structure inside the zone, mL. */
  readonly overlapMl: number
}

/** Reading at a named point (e.g. a thermocouple). */
export interface PointReading {
  readonly name: string
  /** Trilinear field value at the point, or null for a mask zone or a point outside the volume. */
  readonly value: number | null
  /** The nearest voxel is in the zone. */
  readonly isTreated: boolean
  /** Signed distance of the nearest voxel centre to the zone surface (− inside), or null beyond `searchMm`. */
  readonly signedDistanceMm: number | null
}

/** Metrics of a treated zone against a target and critical structures. */
export interface MetricsReport {
  readonly targetVolumeMl: number
  readonly treatedVolumeMl: number
  /** Share of target voxels inside the zone, % (0 for an empty target). */
  readonly coveragePercent: number
  /**
   * Smallest and mean margin over the target's boundary voxels: signed distance from the target surface to
   * the zone surface, mm, positive where the zone extends beyond the target. null when target or zone is
   * empty.
   */
  readonly minMarginMm: number | null
  readonly meanMarginMm: number | null
  /** Zone volume outside the target, mL. */
  readonly treatedHealthyMl: number
  /** `treatedHealthyMl` split by structure label (needs `labels`), largest first. */
  readonly treatedHealthyByStructure: readonly {
    readonly labelId: number
    readonly volumeMl: number
  }[]
  readonly critical: readonly CriticalDistance[]
  readonly points: readonly PointReading[]
}
