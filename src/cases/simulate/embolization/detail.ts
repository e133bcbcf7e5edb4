/** The embolization result's `detail`: plain, structured-cloneable data for the embolization panel. */
import type { Vec3 } from '../../../lib/vec3'
import type { ContrastTransport, VascularGraph, VesselKind } from '../../../sim/embolization'
import type { Selectivity } from './catheterTip'

/** A DSA projection the panel renders (parallel projection about the patient's S axis). */
export interface DsaViewSpec {
  readonly id: 'ap' | 'oblique'
  readonly label: string
  /** 0 = AP, + = LAO (src/sim/embolization/projectDsa.ts). */
  readonly angleDeg: number
}

/** A vessel downstream of the tip (the catheter can be advanced into it). */
export interface DownstreamBranch {
  readonly segment: number
  readonly name: string
  readonly kind: VesselKind
  /** Share of the tip's flow that goes this way, %. */
  readonly flowSharePct: number
}

/** A non-target territory hit by the embolization. */
export interface NonTargetRow {
  readonly name: string
  readonly kind: string
  readonly flowLossPct: number
  readonly embolicUl: number
}

/** What the embolization panel shows. */
export interface EmbolizationDetail {
  readonly kind: 'embolization'
  readonly graph: VascularGraph
  /** Angiogram before embolization (contrast injected at the tip). */
  readonly transport: ContrastTransport
  /** Control angiogram after embolization, when the agent was delivered. */
  readonly transportAfter: ContrastTransport | null
  /** Patency per segment after embolization (1 open … 0 occluded); null when nothing was delivered. */
  readonly patencyAfter: Float64Array | null
  readonly views: readonly DsaViewSpec[]
  /** Image centre (LPS mm), pixel size (mm) and size of the DSA images. */
  readonly dsaCentreMm: Vec3
  readonly dsaPixelMm: number
  readonly dsaSize: number
  /** Injection: rate (mL/s) and duration (s); the run lasts `durationS` of the result. */
  readonly injectionMlPerS: number
  readonly injectionS: number
  readonly tipSegment: number
  readonly tipMm: Vec3
  readonly selectivity: Selectivity
  readonly vesselName: string
  /** Branches leaving the tip's downstream node (where the catheter can go next). */
  readonly downstream: readonly DownstreamBranch[]
  /** Segments that fill from the tip. */
  readonly fillingSegments: readonly number[]
  /** True when the plan was refused before delivery (the cord supply fills from the tip). */
  readonly refused: boolean
  readonly refusalReason: string | null
  readonly devascularizationPct: number
  readonly grade: 'complete' | 'adequate' | 'partial' | 'refused'
  readonly timingAdvice: string
  readonly nonTarget: readonly NonTargetRow[]
  readonly agentName: string
  readonly deliveredMl: number
  readonly refluxMl: number
  readonly refluxReachedAorta: boolean
}

/** Whether a result's detail is an embolization detail. */
export const isEmbolizationDetail = (d: unknown): d is EmbolizationDetail =>
  typeof d === 'object' && d !== null && (d as { kind?: unknown }).kind === 'embolization'
