/**
 * Benchmark hook of the sim worker (issue #10): on an `osteoplan-bench-efield` message it computes the
 * full linear field of the 61³ 2 × 3 array (src/sim/efield/arrayBenchmark.ts) with the worker's E-field
 * helper team and on this thread alone, alternating, and posts the times and whether the two agree bit
 * for bit. Used by tests/e2e/ect.e2e.ts; the app never sends it.
 */
import { buildArrayBenchmark, type ArrayBenchmarkProblem } from '../sim/efield/arrayBenchmark'
import type { EfieldTeam, EfieldTeamTimings } from '../sim/efield/efieldThreads'
import { treatmentField } from '../sim/efield/electroporation'
import { ECT_PARAMS } from '../sim/efield/conductivity'

/** The request a page posts to the sim worker. */
export interface EfieldBenchRequest {
  readonly type: 'osteoplan-bench-efield'
  /** Timed runs of each kind (the minimum is the figure). */
  readonly runs: number
}

/** The answer. Times in ms (wall clock of this worker). */
export interface EfieldBenchResult {
  readonly type: 'osteoplan-bench-efield-result'
  /** Threads of the team (1 without one). */
  readonly threads: number
  readonly crossOriginIsolated: boolean
  readonly hardwareConcurrency: number
  /** Full field (bases + 7 pairs) per run, with the team and on this thread alone. */
  readonly teamMs: readonly number[]
  readonly singleMs: readonly number[]
  /** The treatment fields of the two kinds of run are equal bit for bit. */
  readonly identical: boolean
  readonly teamFailure: string | null
  /** The coordinator's phases in each team run (share, own range, wait, merge), ms. */
  readonly timings: readonly (EfieldTeamTimings | null)[]
  readonly error: string | null
}

const isRequest = (m: unknown): m is EfieldBenchRequest =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'osteoplan-bench-efield'

let problem: ArrayBenchmarkProblem | null = null

function fieldOf(p: ArrayBenchmarkProblem, team: EfieldTeam | null): ArrayLike<number> {
  const n = p.sigma.length
  const params = {
    sigma0: p.sigma,
    sigma1: p.sigma,
    reversibleVPerM: new Float32Array(n).fill(ECT_PARAMS.muscle.reversibleVPerM),
    irreversibleVPerM: new Float32Array(n).fill(ECT_PARAMS.muscle.irreversibleVPerM),
  }
  return treatmentField(p.grid, params, p.electrodes, p.pairs, { nonlinear: false, team }).eMaxVPerM
}

/** Handles one message (ignores everything but benchmark requests); posts the result with `post`. */
export async function handleEfieldBenchMessage(
  message: unknown,
  teamReady: Promise<EfieldTeam | null>,
  post: (result: EfieldBenchResult) => void,
): Promise<void> {
  if (!isRequest(message)) return
  const team = await teamReady
  const base = {
    type: 'osteoplan-bench-efield-result' as const,
    threads: team ? team.ports.length + 1 : 1,
    crossOriginIsolated:
      (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
    hardwareConcurrency:
      (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
        ?.hardwareConcurrency ?? 1,
  }
  try {
    problem ??= buildArrayBenchmark()
    const p = problem
    const teamMs: number[] = []
    const singleMs: number[] = []
    const timings: (EfieldTeamTimings | null)[] = []
    let a: ArrayLike<number> = []
    let b: ArrayLike<number> = []
    for (let r = 0; r < message.runs; r++) {
      let t = performance.now()
      a = fieldOf(p, team)
      teamMs.push(performance.now() - t)
      timings.push(team?.lastTimings ?? null)
      t = performance.now()
      b = fieldOf(p, null)
      singleMs.push(performance.now() - t)
    }
    let identical = a.length === b.length
    for (let i = 0; identical && i < a.length; i++) identical = Object.is(a[i], b[i])
    post({
      ...base,
      teamMs,
      singleMs,
      identical,
      teamFailure: team?.failure ?? null,
      timings,
      error: null,
    })
  } catch (e) {
    post({
      ...base,
      teamMs: [],
      singleMs: [],
      identical: false,
      teamFailure: team?.failure ?? null,
      timings: [],
      error: e instanceof Error ? e.message : String(e),
    })
  }
}
