/**
 * What a cement result carries for its own panel (`ProcedureResult.detail`): per-frame metrics, so the
 * panel can show the state at any injected volume, and where the cement grid sits in the CT, so the
 * simulated fluoroscopy can add the cement frames to a DRR of the CT. Plain, structured-cloneable data.
 */
import type { CementKind, PathwayName } from '../../../sim/cement'

/** Leak pathways shown to users, in plain words. */
export const LEAK_NAMES: Readonly<Record<Exclude<PathwayName, 'body' | 'barrier'>, string>> = {
  epidural: 'spinal canal (epidural space)',
  disc: 'intervertebral disc',
  venous: 'venous plexus',
  ivc: 'vena cava / iliac vein',
  foramen: 'neural foramen',
  needleTrack: 'needle track',
  paravertebral: 'paravertebral soft tissue',
  joint: 'joint space (through the articular cartilage)',
}

/** A leak pathway's key. */
export type LeakPathway = keyof typeof LEAK_NAMES

/** The state of the injection at one overlay frame. */
export interface CementFrameInfo {
  /** Time since the injection started, s (the scrubber's time). */
  readonly timeS: number
  readonly volumeMl: number
  /** Cement volume in the lesion / the lesion's displaceable volume, %. */
  readonly lesionFillPct: number
  /** Cement in the treated bone's cancellous space / that space, %. */
  readonly bodyFillPct: number
  /** Leaked volume per pathway, mL (pathways with cement only). */
  readonly leakMl: Readonly<Partial<Record<LeakPathway, number>>>
  readonly leakTotalMl: number
  /** Cement pressure at the trocar tip above marrow, kPa. */
  readonly tipPressureKPa: number
  /** Shortest distance from cement to the canal (epidural space, thecal sac, cord), mm; null if none. */
  readonly canalDistanceMm: number | null
}

/** Why the injection ended. */
export type CementEndReason = 'done' | 'stopped' | 'blocked' | 'set'

/** The cement panel's payload. */
export interface CementDetail {
  readonly kind: 'cement'
  /** Id of the cement-fill overlay whose frames match `frames`. */
  readonly overlayId: string
  /** CT voxel index of the overlay grid's voxel [0,0,0] (the grids share spacing and axes). */
  readonly ctOffsetIjk: readonly [number, number, number]
  readonly frames: readonly CementFrameInfo[]
  /** The volume asked for (before a stop), mL. */
  readonly plannedVolumeMl: number
  readonly stoppedAtMl: number | null
  readonly rateMlPerMin: number
  readonly cement: CementKind
  readonly startAfterMixingS: number
  readonly balloonMl: number
  readonly endReason: CementEndReason
  /** Trocar entry and tip, LPS mm (drawn on the fluoroscopy). */
  readonly entryMm: readonly [number, number, number]
  readonly tipMm: readonly [number, number, number]
}

/** Narrows an unknown `detail` to a cement detail. */
export const isCementDetail = (d: unknown): d is CementDetail =>
  typeof d === 'object' && d !== null && (d as { kind?: unknown }).kind === 'cement'
