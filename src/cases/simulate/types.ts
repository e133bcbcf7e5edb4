/**
 * The contract between a procedure simulation and the rest of the app. A simulation takes the case volume
 * (CT + labels), the plan and one device, runs the physics of `src/sim` on a region of interest, and
 * returns a `ProcedureResult`: overlays for the views (src/lib/fieldOverlay.ts), a summary (metrics with
 * their sources, warnings, a plain-words verdict) and a procedure-specific `detail` for its own panel.
 * Pure: runs in Node (`npm run sim`), in the sim worker and inline.
 */
import type { SimOverlay } from '../../lib/fieldOverlay'
import type { Device, Plan } from '../../plan'
import type { CtVolume } from '../volume'

/** The procedure families. */
export type ProcedureId = 'thermal' | 'cement' | 'hifu' | 'ect' | 'embolization'

/** A warning from a simulation; `critical` stops a plan from being acceptable. */
export interface SimWarning {
  readonly severity: 'info' | 'warning' | 'critical'
  readonly message: string
  /** Where (LPS mm), when the warning has a place. */
  readonly atMm?: readonly [number, number, number]
}

/** One metric row: value with unit, and where the model behind it comes from. */
export interface SimMetric {
  readonly label: string
  readonly value: number
  readonly unit: string
  /** Decimal places shown. */
  readonly digits?: number
  /** Uncertainty band [low, high] in the same unit, when the model gives one. */
  readonly band?: readonly [number, number]
  readonly source?: string
}

/** A curve for a panel chart (temperature–time at a thermocouple, dose–volume, fill–volume…). */
export interface SimSeries {
  readonly id: string
  readonly label: string
  readonly xLabel: string
  readonly xUnit: string
  readonly yLabel: string
  readonly yUnit: string
  readonly x: readonly number[]
  readonly y: readonly number[]
  /** Horizontal reference lines (thresholds), e.g. 45 °C. */
  readonly thresholds?: readonly { readonly value: number; readonly label: string }[]
}

/** What a simulation returns. */
export interface ProcedureResult<D = unknown> {
  readonly procedure: ProcedureId
  readonly deviceId: string
  /** Short plain-words outcome, e.g. "Lesion covered with a 5 mm margin; cord stays below 41 °C". */
  readonly verdict: string
  /** True when every critical check passes. */
  readonly acceptable: boolean
  readonly metrics: readonly SimMetric[]
  readonly warnings: readonly SimWarning[]
  readonly series: readonly SimSeries[]
  readonly overlays: readonly SimOverlay[]
  /** Simulated duration, s (the scrubber's range); 0 for a static result. */
  readonly durationS: number
  /** Model, assumptions and references in one paragraph (shown under the panel). */
  readonly modelNote: string
  /** Wall-clock time of the run, ms. */
  readonly elapsedMs: number
  /** Procedure-specific payload for its own panel (plain data, structured-cloneable). */
  readonly detail: D
}

/** Progress and cancellation for a run. `progress` returns false when the run should stop. */
export interface SimContext {
  progress(fraction: number, message: string): boolean
}

/** Options a panel passes to a run (procedure-specific, plain data). */
export type SimOptions = Readonly<Record<string, unknown>>

/** A procedure's simulation entry point. Throws `SimCancelled` when `ctx.progress` returns false. */
export type SimulateFn = (
  volume: CtVolume,
  plan: Plan,
  device: Device,
  options: SimOptions,
  ctx: SimContext,
) => Promise<ProcedureResult>

/** Thrown by a run stopped through its context. */
export class SimCancelled extends Error {
  constructor() {
    super('The simulation was cancelled.')
    this.name = 'SimCancelled'
  }
}

/** A context that never stops and reports nowhere (CLI, tests). */
export const silentContext: SimContext = { progress: () => true }
