/**
 * Heating and thermal dose of a sonication list: for each sonication the bowl is moved so that its
 * geometric focus sits on the sonication focus, its absorbed power density q = 2αI is computed on the
 * bioheat grid, then the Pennes solver (src/sim/bioheat) runs with q for the sonication time and without
 * it for the cooling time. CEM43 and the peak temperature accumulate over the whole list in the solver's
 * damage fields. Pure; SI units.
 */
import {
  createBioheatState,
  stepBioheat,
  type BioheatSetup,
  type BioheatState,
} from '../bioheat/pennes'
import type { LabelVolume } from './analyseBeamPath'
import { discretiseBowl, type BowlTransducer, type DiscretiseOptions } from './bowlTransducer'
import { computeAcousticField } from './rayleighField'
import { sonicationEnergyJ, type Sonication } from './sonicationPlan'

/** Inputs of `runSonications`. */
export interface SonicationRun {
  /** Transducer geometry and frequency; its focus and power are replaced per sonication. */
  readonly transducer: BowlTransducer
  /** Labels on the bioheat grid (also the field region). */
  readonly volume: LabelVolume
  readonly sonications: readonly Sonication[]
  readonly discretise?: DiscretiseOptions
  /** Extra bioheat settings (grid and labels come from `volume`). */
  readonly bioheat?: Omit<BioheatSetup, 'grid' | 'labels'>
  /** Bioheat macro step, s (default 1). */
  readonly macroStepS?: number
  /** Called after every macro step (e.g. to record a temperature history). */
  readonly onStep?: (state: BioheatState, sonicationIndex: number) => void
}

/** Result of `runSonications`. */
export interface SonicationResult {
  /** The solver state after the last cooling period (temperature, CEM43, Ω, peak temperature). */
  readonly state: BioheatState
  /** Acoustic energy of each sonication, J. */
  readonly energyJ: readonly number[]
  readonly totalEnergyJ: number
  /** Peak absorbed power density of each sonication, W/m³. */
  readonly peakSourceWPerM3: readonly number[]
}

/** Runs the sonications in order on one bioheat state. Mutates nothing it was given. */
export function runSonications(run: SonicationRun): SonicationResult {
  const vol = run.volume
  const state = createBioheatState({ ...run.bioheat, grid: vol.grid, labels: vol.labels })
  const dt = run.macroStepS ?? 1
  const energyJ: number[] = []
  const peaks: number[] = []
  run.sonications.forEach((s, idx) => {
    const t: BowlTransducer = { ...run.transducer, focusM: s.focusM, powerW: s.powerW }
    const el = discretiseBowl(t, run.discretise)
    const field = computeAcousticField(
      el,
      { grid: vol.grid, originM: vol.originM },
      t.frequencyHz,
      {
        labels: vol.labels,
      },
    )
    state.sourceWPerM3.set(field.absorbedWPerM3)
    let peak = 0
    for (const q of field.absorbedWPerM3) peak = Math.max(peak, q)
    peaks.push(peak)
    stepFor(state, s.durationS, dt, run.onStep, idx)
    state.sourceWPerM3.fill(0)
    stepFor(state, s.coolingS, dt, run.onStep, idx)
    energyJ.push(sonicationEnergyJ(s))
  })
  return {
    state,
    energyJ,
    totalEnergyJ: energyJ.reduce((a, b) => a + b, 0),
    peakSourceWPerM3: peaks,
  }
}

/** Advances `timeS` in macro steps of at most `dtS` (the last one shortened). */
function stepFor(
  state: BioheatState,
  timeS: number,
  dtS: number,
  onStep: SonicationRun['onStep'],
  idx: number,
): void {
  const n = Math.ceil(timeS / dtS - 1e-9)
  for (let m = 0; m < n; m++) {
    stepBioheat(state, { dtS: Math.min(dtS, timeS - m * dtS) }, 1)
    onStep?.(state, idx)
  }
}
