/**
 * The time loop of a cryoablation run: the enthalpy solver on the ROI with every cryoprobe following the
 * freeze–thaw–freeze protocol, warm/cool saline pockets held at their temperature (extra fixed spheres),
 * frames of the temperature and of the lowest temperature so far for the scrubber, watchers every step,
 * progress and cancellation. Pure.
 */
import {
  CRYO_ACTIVE_THAW_C,
  CRYO_SURFACE_TEMP_C,
  createCryoState,
  setCryoProbeMode,
  stepCryo,
  type CryoProbeMode,
  type CryoState,
} from '../../../sim/bioheat/cryo'
import type { ProbeSegment } from '../../../sim/bioheat/probeGeometry'
import type { TissueThermal } from '../../../sim/bioheat/tissueProperties'
import type { Grid3 } from '../../../sim/grid/grid3'
import { SimCancelled, type SimContext } from '../types'
import type { Watcher } from './watch'

/** A cryo protocol in minutes (the plan's schema). */
export interface CryoProtocol {
  readonly freeze1Min: number
  readonly thawMin: number
  readonly freeze2Min: number
  readonly thawMode: 'passive' | 'active'
}

/** One saved moment of a cryo run (full-ROI copies). */
export interface ColdFrame {
  readonly timeS: number
  readonly tempC: Float32Array
  /** Lowest temperature reached so far, °C. */
  readonly minTempC: Float32Array
}

/** Inputs of {@link runCryo}. */
export interface ColdRunInput {
  readonly grid: Grid3
  readonly labels: Uint8Array
  readonly materials: readonly TissueThermal[]
  readonly probes: readonly ProbeSegment[]
  /** Spheres held at a temperature (circulating saline), as zero-length capsules. */
  readonly held: readonly { readonly segment: ProbeSegment; readonly tempC: number }[]
  readonly protocol: CryoProtocol
  /** Time simulated after the last phase (probes off), s. */
  readonly coolS: number
  readonly macroS?: number
  readonly frameEveryS?: number
  readonly watcher: Watcher
  readonly ctx: SimContext
  readonly progress: { readonly from: number; readonly to: number; readonly message: string }
}

/** What a cryo run returns. */
export interface ColdRunResult {
  readonly frames: readonly ColdFrame[]
  readonly state: CryoState
  /** The phases as run: name, start and end, s. */
  readonly phases: readonly {
    readonly name: string
    readonly startS: number
    readonly endS: number
  }[]
}

/** The protocol's phases in seconds (zero-length phases dropped). */
export function protocolPhases(
  p: CryoProtocol,
  coolS: number,
): { name: string; durationS: number; mode: CryoProbeMode }[] {
  const freeze: CryoProbeMode = { kind: 'freeze', tempC: CRYO_SURFACE_TEMP_C.value }
  const thaw: CryoProbeMode =
    p.thawMode === 'active'
      ? { kind: 'activeThaw', tempC: CRYO_ACTIVE_THAW_C.value }
      : { kind: 'off' }
  return [
    { name: 'Freeze 1', durationS: 60 * p.freeze1Min, mode: freeze },
    {
      name: p.thawMode === 'active' ? 'Active thaw' : 'Passive thaw',
      durationS: 60 * p.thawMin,
      mode: thaw,
    },
    { name: 'Freeze 2', durationS: 60 * p.freeze2Min, mode: freeze },
    { name: 'Probes off', durationS: coolS, mode: { kind: 'off' } as CryoProbeMode },
  ].filter((ph) => ph.durationS > 0)
}

/** Runs the protocol (see module doc). Throws `SimCancelled` when told to stop. */
export function runCryo(inp: ColdRunInput): ColdRunResult {
  const state = createCryoState({
    grid: inp.grid,
    labels: inp.labels,
    materials: inp.materials,
    probes: [...inp.probes, ...inp.held.map((h) => h.segment)],
  })
  const nProbes = inp.probes.length
  inp.held.forEach((h, n) => {
    setCryoProbeMode(state, nProbes + n, { kind: 'activeThaw', tempC: h.tempC })
  })
  const macro = inp.macroS ?? 15
  const every = inp.frameEveryS ?? 60
  const phases = protocolPhases(inp.protocol, inp.coolS)
  const total = phases.reduce((s, p) => s + p.durationS, 0)
  const frames: ColdFrame[] = []
  const save = (): void => {
    frames.push({
      timeS: state.timeS,
      tempC: Float32Array.from(state.tempC),
      minTempC: Float32Array.from(state.arrays.minTempC),
    })
  }
  const lethal = -20
  const isTreated = (q: number): boolean => state.arrays.minTempC[q]! <= lethal
  inp.watcher.sample(0, state.tempC, isTreated)
  save()
  let nextFrame = every
  const ran: { name: string; startS: number; endS: number }[] = []
  const { from, to, message } = inp.progress
  for (const ph of phases) {
    for (let p = 0; p < nProbes; p++) setCryoProbeMode(state, p, ph.mode)
    const startS = state.timeS
    const n = Math.max(1, Math.ceil(ph.durationS / macro - 1e-9))
    const dt = ph.durationS / n
    for (let s = 0; s < n; s++) {
      stepCryo(state, { dtS: dt }, 1)
      inp.watcher.sample(state.timeS, state.tempC, isTreated)
      if (state.timeS >= nextFrame - 1e-6 || s === n - 1) {
        save()
        while (nextFrame <= state.timeS + 1e-6) nextFrame += every
      }
      const f = from + ((to - from) * state.timeS) / total
      const clock = `${ph.name}, ${Math.round(state.timeS)} of ${Math.round(total)} s`
      if (!inp.ctx.progress(f, `${message}: ${clock}`)) throw new SimCancelled()
    }
    ran.push({ name: ph.name, startS, endS: state.timeS })
  }
  return { frames, state, phases: ran }
}
