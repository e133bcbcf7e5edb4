/**
 * Benchmark hook of the sim worker (issue #7): on a `osteoplan-bench-bioheat` message it runs the 10-minute
 * microwave ablation on the 80 mm cube (`src/sim/bioheat/pennesBenchmark.ts`) on the helper threads and on
 * this thread alone, and posts the times and whether the two runs agree bit for bit. Used by
 * tests/e2e/bioheatWorker.e2e.ts and the browser entry of bench/bioheat.bench.ts; the app never sends it.
 */
import { buildMwaCube, runMwaCube, sameValues, type MwaCube } from '../sim/bioheat/pennesBenchmark'
import { teamHelperPlanes, type PennesTeam } from '../sim/bioheat/pennesThreads'
import { logicalCores } from './helperThreads'

/** The request a page posts to the sim worker. */
export interface BioheatBenchRequest {
  readonly type: 'osteoplan-bench-bioheat'
  /** RKL2 super-step, s. */
  readonly macroS: number
  /** Timed runs on the team (the minimum is the figure). */
  readonly runs: number
}

/** The answer. Times in ms (wall clock of this worker). */
export interface BioheatBenchResult {
  readonly type: 'osteoplan-bench-bioheat-result'
  readonly threads: number
  readonly crossOriginIsolated: boolean
  readonly hardwareConcurrency: number
  readonly setupMs: number
  readonly teamMs: readonly number[]
  /** Per team run: building the solver state, and the time stepping, ms. */
  readonly teamCreateMs: readonly number[]
  readonly teamStepMs: readonly number[]
  /** Fraction of the team runs' planes swept by the helper threads (0 without helpers). */
  readonly helperShare: number
  readonly singleMs: number
  readonly singleCreateMs: number
  readonly coagulatedTeam: number
  readonly coagulatedSingle: number
  /** Temperature, Ω and CEM43 of the team run equal the single-thread run's, bit for bit. */
  readonly identical: boolean
  readonly teamFailure: string | null
  readonly error: string | null
}

const isRequest = (m: unknown): m is BioheatBenchRequest =>
  typeof m === 'object' &&
  m !== null &&
  (m as { type?: unknown }).type === 'osteoplan-bench-bioheat'

let cube: MwaCube | null = null

/** Handles one message (ignores everything but benchmark requests); posts the result with `post`. */
export async function handleBioheatBenchMessage(
  message: unknown,
  teamReady: Promise<PennesTeam | null>,
  post: (result: BioheatBenchResult) => void,
): Promise<void> {
  if (!isRequest(message)) return
  const team = await teamReady
  const base = {
    type: 'osteoplan-bench-bioheat-result' as const,
    threads: team ? team.ports.length + 1 : 1,
    crossOriginIsolated:
      (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
    hardwareConcurrency: logicalCores(),
  }
  try {
    const t0 = performance.now()
    cube ??= buildMwaCube()
    const setupMs = performance.now() - t0
    const teamMs: number[] = []
    const teamCreateMs: number[] = []
    const teamStepMs: number[] = []
    const timedTeamRun = (c: MwaCube): ReturnType<typeof runMwaCube> => {
      const t = performance.now()
      const r = runMwaCube(c, { integrator: 'rkl2', macroS: message.macroS, parallel: team })
      teamMs.push(performance.now() - t)
      teamCreateMs.push(r.createMs)
      teamStepMs.push(r.stepMs)
      return r
    }
    const helped0 = team ? teamHelperPlanes(team) : 0
    let teamRun = timedTeamRun(cube)
    for (let r = 1; r < message.runs; r++) teamRun = timedTeamRun(cube)
    const planes = teamRun.state.steps * (cube.grid.nz - 2) * teamMs.length
    const helperShare = team ? (teamHelperPlanes(team) - helped0) / planes : 0
    const t1 = performance.now()
    const single = runMwaCube(cube, { integrator: 'rkl2', macroS: message.macroS, parallel: null })
    const singleMs = performance.now() - t1
    const a = teamRun.state
    const b = single.state
    post({
      ...base,
      setupMs,
      teamMs,
      teamCreateMs,
      teamStepMs,
      helperShare,
      singleMs,
      singleCreateMs: single.createMs,
      coagulatedTeam: teamRun.coagulated,
      coagulatedSingle: single.coagulated,
      identical:
        sameValues(a.tempC, b.tempC) &&
        sameValues(a.damage.omega, b.damage.omega) &&
        sameValues(a.damage.cem43Min, b.damage.cem43Min),
      teamFailure: team?.failure ?? null,
      error: null,
    })
  } catch (e) {
    post({
      ...base,
      setupMs: NaN,
      teamMs: [],
      teamCreateMs: [],
      teamStepMs: [],
      helperShare: 0,
      singleMs: NaN,
      singleCreateMs: NaN,
      coagulatedTeam: 0,
      coagulatedSingle: 0,
      identical: false,
      teamFailure: team?.failure ?? null,
      error: e instanceof Error ? e.message : String(e),
    })
  }
}
