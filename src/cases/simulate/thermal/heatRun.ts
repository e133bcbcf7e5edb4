/**
 * The time loop of a heating run with a fixed source pattern (microwave): Pennes on the ROI with the
 * source on for `heatS` and off for `coolS`, macro steps of a few seconds, frames of temperature, Arrhenius
 * Ω and CEM43 for the scrubber, the watchers sampled every step, progress and cancellation through the run
 * context. Pure.
 */
import type { ArrheniusParams } from '../../../sim/bioheat/damage'
import {
  createBioheatState,
  stepBioheat,
  type BioheatState,
  type HeldRegion,
} from '../../../sim/bioheat/pennes'
import type { TissueThermal } from '../../../sim/bioheat/tissueProperties'
import type { Grid3 } from '../../../sim/grid/grid3'
import { SimCancelled, type SimContext } from '../types'
import type { Watcher } from './watch'

/** One saved moment of a heating run (full-ROI copies). */
export interface HeatFrame {
  readonly timeS: number
  readonly tempC: Float32Array
  readonly omega: Float32Array
  readonly cem43Min: Float32Array
}

/** Inputs of {@link runHeating}. */
export interface HeatRunInput {
  readonly grid: Grid3
  readonly labels: Uint8Array
  readonly materials: readonly TissueThermal[]
  readonly heldRegions: readonly HeldRegion[]
  readonly arrhenius: ArrheniusParams
  /**
   * Writes the source at full power (W/m³) into the state's `sourceWPerM3`; returns the absorbed power, W,
   * and optionally an updater called before each macro step while the power is on (desiccation).
   */
  readonly fillSource: (state: BioheatState) => HeatSource
  readonly heatS: number
  readonly coolS: number
  /** Macro step, s (default 10). */
  readonly macroS?: number
  /** Frame interval, s (default 30; t = 0, the end of heating and the end always included). */
  readonly frameEveryS?: number
  readonly watcher: Watcher
  readonly ctx: SimContext
  /** Progress range this run reports into, and its message. */
  readonly progress: { readonly from: number; readonly to: number; readonly message: string }
}

/** A heating source: its absorbed power and an optional per-step updater (true when it changed Q). */
export interface HeatSource {
  readonly absorbedW: number
  readonly update?: (timeS: number, state: BioheatState) => boolean
}

/** What a heating run returns. */
export interface HeatRunResult {
  readonly frames: readonly HeatFrame[]
  readonly state: BioheatState
  readonly absorbedW: number
  readonly dtStableS: number
}

/** Macro steps of a phase: equal steps of at most `macroS`. */
const phaseSteps = (durationS: number, macroS: number): { n: number; dt: number } => {
  const n = Math.max(1, Math.ceil(durationS / macroS - 1e-9))
  return { n, dt: durationS / n }
}

/** Runs the heating and cooling phases (see module doc). Throws `SimCancelled` when told to stop. */
export function runHeating(inp: HeatRunInput): HeatRunResult {
  const state = createBioheatState({
    grid: inp.grid,
    labels: inp.labels,
    materials: inp.materials,
    heldRegions: inp.heldRegions,
    arrhenius: inp.arrhenius,
  })
  const source = inp.fillSource(state)
  const absorbedW = source.absorbedW
  const update = source.update
  const updateSource = update ? (t: number): boolean => update(t, state) : undefined
  const macro = inp.macroS ?? 15
  const every = inp.frameEveryS ?? 30
  const total = inp.heatS + inp.coolS
  const frames: HeatFrame[] = []
  const save = (): void => {
    frames.push({
      timeS: state.timeS,
      tempC: Float32Array.from(state.tempC),
      omega: Float32Array.from(state.damage.omega),
      cem43Min: Float32Array.from(state.damage.cem43Min),
    })
  }
  const isTreated = (q: number): boolean => state.damage.omega[q]! >= 1
  inp.watcher.sample(0, state.tempC, isTreated)
  save()
  let nextFrame = every
  const phases = [
    { durationS: inp.heatS, scale: 1 },
    { durationS: inp.coolS, scale: 0 },
  ]
  const { from, to, message } = inp.progress
  for (const ph of phases) {
    if (ph.durationS <= 0) continue
    const { n, dt } = phaseSteps(ph.durationS, macro)
    for (let s = 0; s < n; s++) {
      stepBioheat(
        state,
        {
          dtS: dt,
          sourceScale: () => ph.scale,
          ...(updateSource && ph.scale > 0 ? { updateSource } : {}),
        },
        1,
      )
      inp.watcher.sample(state.timeS, state.tempC, isTreated)
      const isPhaseEnd = s === n - 1
      if (state.timeS >= nextFrame - 1e-6 || isPhaseEnd) {
        save()
        while (nextFrame <= state.timeS + 1e-6) nextFrame += every
      }
      const f = from + ((to - from) * state.timeS) / total
      const clock = `${Math.round(state.timeS)} of ${Math.round(total)} s`
      if (!inp.ctx.progress(f, `${message}: ${clock}`)) throw new SimCancelled()
    }
  }
  return { frames, state, absorbedW, dtStableS: state.dtStableS }
}
