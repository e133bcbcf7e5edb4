/** Cryoablation protocols (freeze–thaw–freeze) run on a cryo state. Pure; SI units. */
import {
  CRYO_ACTIVE_THAW_C,
  CRYO_SURFACE_TEMP_C,
  setCryoProbeMode,
  stepCryo,
  type CryoProbeMode,
  type CryoState,
} from './cryo'

/** One phase of a protocol: every probe in `mode` for `durationS`. */
export interface CryoPhase {
  readonly mode: CryoProbeMode
  readonly durationS: number
}

/** Standard freeze–thaw–freeze (10 / 5 passive / 10 min, Open Biomed Eng J 2016, FACTS §1.4). */
export function freezeThawFreeze(
  freezeS = 600,
  thawS = 300,
  thaw: 'passive' | 'active' = 'passive',
): readonly CryoPhase[] {
  const freeze: CryoProbeMode = { kind: 'freeze', tempC: CRYO_SURFACE_TEMP_C.value }
  const thawMode: CryoProbeMode =
    thaw === 'passive' ? { kind: 'off' } : { kind: 'activeThaw', tempC: CRYO_ACTIVE_THAW_C.value }
  return [
    { mode: freeze, durationS: freezeS },
    { mode: thawMode, durationS: thawS },
    { mode: freeze, durationS: freezeS },
  ]
}

/** Runs a protocol on all probes in macro steps of `macroS`. Mutates `state`. */
export function runCryoProtocol(state: CryoState, phases: readonly CryoPhase[], macroS = 5): void {
  for (const ph of phases) {
    for (let p = 0; p < state.probes.length; p++) setCryoProbeMode(state, p, ph.mode)
    const n = Math.max(1, Math.round(ph.durationS / macroS))
    stepCryo(state, { dtS: ph.durationS / n }, n)
  }
}
