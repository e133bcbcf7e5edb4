/** Types of the trajectory safety checks. Distances and depths are millimetres; points are LPS mm. */
import type { Criticality } from '../../lib/anatomy'
import type { VolumeGeometry } from '../../lib/space'
import type { Vec3 } from '../../lib/vec3'

/** A labelled CT volume: one structure id per voxel (i fastest), optionally the CT numbers (HU). */
export interface LabelVolume {
  readonly geometry: VolumeGeometry
  readonly labels: Uint8Array
  readonly ct?: Int16Array
}

/** How much a finding matters. */
export type Severity = 'info' | 'warning' | 'critical'

/** Severities from least to most serious. */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical']

/** What a finding is about. */
export type FindingCode =
  | 'skinEntry'
  | 'crossing'
  | 'tipLocation'
  | 'nearMiss'
  | 'medialBreach'
  | 'inferiorBreach'
  | 'outsideScan'

/** One plain-words safety finding. */
export interface Finding {
  readonly severity: Severity
  readonly code: FindingCode
  /** A sentence for the trainee, e.g. "The path crosses the spinal cord for 8 mm at 62 mm depth — critical." */
  readonly message: string
  /** Structure key (`S.xxx` key) the finding is about, when there is one. */
  readonly structureKey?: string
  /** Depth from the skin (or from the entry point when the path never crosses skin), mm. */
  readonly depthMm?: number
  /** Gap to the structure for near misses, mm (negative when the needle wall overlaps it). */
  readonly distanceMm?: number
}

/** A run of the path through one structure. Positions are along the path from the entry point. */
export interface Crossing {
  /** Label id, or −1 for the part of the path outside the scan. */
  readonly labelId: number
  readonly key: string
  readonly name: string
  readonly criticality: Criticality
  readonly startMm: number
  readonly endMm: number
  readonly lengthMm: number
  /** `startMm` measured from the first skin crossing (or the entry point if there is none). */
  readonly depthMm: number
  /** Mean CT number of the samples in the run, when the volume has CT data. */
  readonly meanHu?: number
}

/** Closest approach of the path to a critical structure it does not cross. */
export interface NearMiss {
  readonly labelId: number
  readonly key: string
  readonly name: string
  /** Gap between the needle wall and the structure's surface, mm (negative = overlap). */
  readonly distanceMm: number
  /** Position of the closest approach along the path from the entry point, mm. */
  readonly alongMm: number
  /** Closest point on the path axis, LPS mm. */
  readonly pointMm: Vec3
}

/**
 * Needle angles in LPS (see `trajectoryAngles`): craniocaudal against the axial plane (+ = the tip is
 * cranial, +S, of the entry), mediolateral against the sagittal plane (+ = the tip is to the patient's
 * left, +L). The in-plane angles are those of the path's projections, measured from the AP axis.
 */
export interface TrajectoryAngles {
  readonly craniocaudalDeg: number
  readonly mediolateralDeg: number
  /** Angle of the projection on the axial plane from the AP axis, + towards the patient's left. */
  readonly axialInPlaneDeg: number
  /** Angle of the projection on the sagittal plane from the AP axis, + towards the head. */
  readonly sagittalInPlaneDeg: number
}

/** Everything the march finds along one straight needle path. */
export interface TrajectoryReport {
  readonly entryMm: Vec3
  readonly tipMm: Vec3
  /** Entry-to-tip length, mm: the needle length needed from the entry point. */
  readonly needleLengthMm: number
  /** First skin crossing to tip, mm; null when the path never crosses skin. */
  readonly skinDepthMm: number | null
  readonly angles: TrajectoryAngles
  /** Structures crossed, in order from entry to tip (consecutive samples with one label form one run). */
  readonly crossings: readonly Crossing[]
  readonly nearMisses: readonly NearMiss[]
  readonly findings: readonly Finding[]
  /** The most serious severity among the findings ('info' when there are none). */
  readonly worstSeverity: Severity
  /** Sampling step actually used, mm (≤ half the smallest voxel spacing). */
  readonly stepMm: number
}

/** Options of `marchTrajectory`. */
export interface TrajectoryOptions {
  /** Outer diameter of the needle, mm (from its gauge); the near-miss gap is measured from its wall. */
  readonly deviceDiameterMm?: number
  /** Critical structures farther than this from the needle wall are not reported, mm. Default 10. */
  readonly nearMissSearchMm?: number
  /** Near misses closer than this are warnings, farther ones info, mm. Default 5. */
  readonly nearMissWarningMm?: number
  /** Run the pedicle-breach check (cement trocars). Default false. */
  readonly checkPedicleBreach?: boolean
  /** Upper bound on the sampling step, mm; the step never exceeds half the smallest voxel spacing. */
  readonly maxStepMm?: number
}
