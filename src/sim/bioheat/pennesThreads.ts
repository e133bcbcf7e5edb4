/**
 * Shared-memory parallelism for the Pennes sweeps (RKL2 stages and Euler sub-steps). The interior z
 * planes of each stage are dealt out dynamically: the calling thread ("coordinator") and the helper
 * threads each take the next unswept plane from a shared counter (`Atomics.add`) until none is left, so a
 * thread with more heated planes (dose work) or the coordinator's own bookkeeping does not hold the others
 * at the barrier. Every array the kernels touch lives on a SharedArrayBuffer; a stage's parameters go
 * through a small shared Float64 block, and an Atomics generation counter plus a completion counter form
 * the barrier at the end of each stage. Each voxel is computed by exactly one thread with the same
 * arithmetic as a single-thread sweep, and the energy books are per-row sums, so results are
 * bit-identical to one thread whatever the split (tested).
 *
 * Pure protocol and kernels; the threads themselves are created by `src/workers/pennesPool.ts` (Web
 * Workers nested in the sim worker, or Node worker_threads), which hand their message ports over as a
 * `PennesTeam`. The coordinator blocks in `Atomics.wait`, so a team may only be used from a worker thread
 * or from Node's main thread, never from a browser's main thread.
 */
import type { DoseRateTable } from './damage'
import { pennesSweep, type PennesArrays, type SweepScalars } from './pennesKernel'
import {
  pennesStagePlane,
  stageJob,
  type StageBuffers,
  type StageCoefficients,
} from './pennesStage'

/** A helper thread's message port (a Web Worker, or a Node `Worker`). */
export interface ThreadPort {
  postMessage(message: unknown): void
}

/** Helper threads plus their shared control block. Create with `createPennesTeam`. */
export interface PennesTeam {
  readonly ports: readonly ThreadPort[]
  /**
   * Int32 control words on a SharedArrayBuffer: [generation, completions, bind acknowledgements, next
   * plane of the current job, planes swept by the helpers so far].
   */
  readonly sync: Int32Array
  /** Float64 job parameters on a SharedArrayBuffer (layout: `P_*`). */
  readonly params: Float64Array
  /** The state whose arrays the helpers hold (they wait in their command loop), or null. */
  bound: object | null
  /** Completions and acknowledgements expected so far (both counters only grow). */
  doneTarget: number
  ackTarget: number
  /** Set when a helper failed to answer: the team is not used again. */
  isBroken: boolean
  /** Why the team broke (for the caller's log). */
  failure: string | null
  /** How long the coordinator waits for the helpers before giving up on the team, ms. */
  readonly timeoutMs: number
}

const GEN = 0
const DONE = 1
const ACK = 2
const NEXT = 3
const HELPED = 4
const CMD_STAGE = 1
const CMD_SWEEP = 2
const CMD_RELEASE = 3
const P_CMD = 0
const P_MU = 1
const P_NU = 2
const P_MUT = 3
const P_GAMMAT = 4
const P_TAU = 5
const P_FIRST = 6
const P_DOSE_TAU = 7
const P_DT = 8
const P_B0 = 9
/** Default wait for helpers before giving up on the team, ms (a stage takes milliseconds). */
const WAIT_TIMEOUT_MS = 20_000
/** Busy polls before a helper sleeps in Atomics.wait (stages follow each other within milliseconds). */
const SPIN_POLLS = 5_000
/**
 * Busy polls before the coordinator sleeps waiting for the helpers: with planes dealt out dynamically
 * they finish within one plane's time (~0.1 ms) of each other, less than a futex wake-up takes.
 */
const DONE_SPIN_POLLS = 20_000

/** True when SharedArrayBuffer exists (Node; browsers only with cross-origin isolation). */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function'
}

/** A team around helper ports (their threads must run `handlePennesThreadMessage`). */
export function createPennesTeam(
  ports: readonly ThreadPort[],
  timeoutMs = WAIT_TIMEOUT_MS,
): PennesTeam {
  return {
    timeoutMs,
    ports,
    sync: new Int32Array(new SharedArrayBuffer(4 * 8)),
    params: new Float64Array(new SharedArrayBuffer(8 * 16)),
    bound: null,
    doneTarget: 0,
    ackTarget: 0,
    isBroken: false,
    failure: null,
  }
}

let defaultTeam: PennesTeam | null = null

/**
 * Sets the team that `createBioheatState` uses when its setup does not say (`parallel` undefined). The
 * sim worker registers one when it can (src/workers/sim.worker.ts); null turns the default off.
 */
export function setDefaultPennesTeam(team: PennesTeam | null): void {
  defaultTeam = team
}

/** The default team, or null. */
export function defaultPennesTeam(): PennesTeam | null {
  return defaultTeam
}

/** Planes swept by the helpers since the team was created (the coordinator's share is the rest). */
export function teamHelperPlanes(team: PennesTeam): number {
  return Atomics.load(team.sync, HELPED)
}

/** Copies an array onto a SharedArrayBuffer (already shared: returned as is). */
export function shareFloat32(a: Float32Array): Float32Array {
  if (a.buffer instanceof SharedArrayBuffer) return a
  const s = new Float32Array(new SharedArrayBuffer(a.byteLength))
  s.set(a)
  return s
}
export function shareFloat64(a: Float64Array): Float64Array {
  if (a.buffer instanceof SharedArrayBuffer) return a
  const s = new Float64Array(new SharedArrayBuffer(a.byteLength))
  s.set(a)
  return s
}
export function shareUint8(a: Uint8Array): Uint8Array {
  if (a.buffer instanceof SharedArrayBuffer) return a
  const s = new Uint8Array(new SharedArrayBuffer(a.byteLength))
  s.set(a)
  return s
}

/** What a helper receives once per bound state (typed arrays on SharedArrayBuffers are shared). */
export interface PennesBindMessage {
  readonly type: 'pennes-bind'
  /** Generation counter at bind time. */
  readonly gen: number
  readonly sync: Int32Array
  readonly params: Float64Array
  readonly arrays: PennesArrays
  readonly scalars: SweepScalars
  readonly table: DoseRateTable
  /** The temperature buffers jobs refer to by index. */
  readonly buffers: readonly Float32Array[]
}

function waitAtLeast(team: PennesTeam, word: number, target: number, what: string): void {
  const sync = team.sync
  for (let n = 0; n < DONE_SPIN_POLLS && Atomics.load(sync, word) < target; n++);
  const t0 = Date.now()
  for (;;) {
    const v = Atomics.load(sync, word)
    if (v >= target) return
    if (Date.now() - t0 > team.timeoutMs) {
      throw new Error(`Pennes threads: no answer from a helper thread (${what})`)
    }
    Atomics.wait(sync, word, v, Math.min(1000, team.timeoutMs))
  }
}

function issue(team: PennesTeam): void {
  Atomics.store(team.sync, NEXT, 1)
  team.doneTarget += team.ports.length
  Atomics.add(team.sync, GEN, 1)
  Atomics.notify(team.sync, GEN)
}

/**
 * The next interior plane of the job issued last (1 … nz − 2), or a value ≥ nz − 1 when all are taken.
 * The coordinator sweeps planes from here until none is left, then calls `teamWait`.
 */
export function teamNextPlane(team: PennesTeam): number {
  return Atomics.add(team.sync, NEXT, 1)
}

/** Waits for the helpers to finish the job issued last. Throws (and breaks the team) on a timeout. */
export function teamWait(team: PennesTeam): void {
  try {
    waitAtLeast(team, DONE, team.doneTarget, 'job')
  } catch (e) {
    team.isBroken = true
    team.bound = null
    team.failure = e instanceof Error ? e.message : String(e)
    throw e
  }
}

/** Sends the helpers back to their event loop (they drop the bound state's arrays). */
export function teamRelease(team: PennesTeam): void {
  if (team.bound === null || team.isBroken) return
  team.params[P_CMD] = CMD_RELEASE
  issue(team)
  teamWait(team)
  team.bound = null
}

/**
 * Makes the helpers hold `key`'s arrays (no-op when they already do, unless `force`). Returns false when
 * the team cannot be used (broken, or the helpers did not acknowledge in time); the caller then sweeps
 * alone.
 */
export function teamBind(
  team: PennesTeam,
  key: object,
  payload: Omit<PennesBindMessage, 'type' | 'gen' | 'sync' | 'params'>,
  force = false,
): boolean {
  if (team.isBroken) return false
  if (team.bound === key && !force) return true
  try {
    teamRelease(team)
    const gen = Atomics.load(team.sync, GEN)
    team.ports.forEach((port) => {
      const msg: PennesBindMessage = {
        type: 'pennes-bind',
        gen,
        sync: team.sync,
        params: team.params,
        ...payload,
      }
      port.postMessage(msg)
    })
    team.ackTarget += team.ports.length
    waitAtLeast(team, ACK, team.ackTarget, 'bind')
  } catch (e) {
    team.isBroken = true
    team.bound = null
    team.failure = e instanceof Error ? e.message : String(e)
    return false
  }
  team.bound = key
  return true
}

/**
 * Starts an RKL2 stage on the helpers (buffers by index into the bound list). The caller then sweeps
 * planes from `teamNextPlane` too.
 */
export function teamIssueStage(
  team: PennesTeam,
  c: StageCoefficients,
  doseTauS: number,
  idx: readonly [prev: number, prev2: number, y0: number, ly0: number, out: number],
): void {
  const p = team.params
  p[P_CMD] = CMD_STAGE
  p[P_MU] = c.mu
  p[P_NU] = c.nu
  p[P_MUT] = c.muTilde
  p[P_GAMMAT] = c.gammaTilde
  p[P_TAU] = c.tauS
  p[P_FIRST] = c.isFirst ? 1 : 0
  p[P_DOSE_TAU] = doseTauS
  for (let q = 0; q < 5; q++) p[P_B0 + q] = idx[q]
  issue(team)
}

/** Starts an Euler sweep on the helpers (from buffer `t` into buffer `tn`, by index). */
export function teamIssueSweep(team: PennesTeam, dtS: number, t: number, tn: number): void {
  const p = team.params
  p[P_CMD] = CMD_SWEEP
  p[P_DT] = dtS
  p[P_B0] = t
  p[P_B0 + 1] = tn
  issue(team)
}

function isBindMessage(m: unknown): m is PennesBindMessage {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'pennes-bind'
}

/**
 * A helper thread's message handler: on a bind message it acknowledges, then runs jobs from the shared
 * block until told to release (blocking its own event loop meanwhile). Other messages are ignored.
 */
export function handlePennesThreadMessage(message: unknown): void {
  if (!isBindMessage(message)) return
  const { sync, params, arrays, table, buffers } = message
  const scalars: SweepScalars = { ...message.scalars }
  const kEnd = arrays.nz - 1
  const coeff: StageCoefficients = {
    mu: 0,
    nu: 0,
    muTilde: 0,
    gammaTilde: 0,
    tauS: 0,
    isFirst: false,
  }
  let seen = message.gen
  Atomics.add(sync, ACK, 1)
  Atomics.notify(sync, ACK)
  for (;;) {
    for (let n = 0; n < SPIN_POLLS && Atomics.load(sync, GEN) === seen; n++);
    while (Atomics.load(sync, GEN) === seen) Atomics.wait(sync, GEN, seen)
    seen = Atomics.load(sync, GEN)
    const cmd = params[P_CMD]
    let swept = 0
    if (cmd === CMD_STAGE) {
      coeff.mu = params[P_MU]
      coeff.nu = params[P_NU]
      coeff.muTilde = params[P_MUT]
      coeff.gammaTilde = params[P_GAMMAT]
      coeff.tauS = params[P_TAU]
      coeff.isFirst = params[P_FIRST] === 1
      const b: StageBuffers = {
        yPrev: buffers[params[P_B0]],
        yPrev2: buffers[params[P_B0 + 1]],
        y0: buffers[params[P_B0 + 2]],
        ly0: buffers[params[P_B0 + 3]],
        out: buffers[params[P_B0 + 4]],
      }
      const job = stageJob(arrays, b, coeff, params[P_DOSE_TAU])
      for (let k = Atomics.add(sync, NEXT, 1); k < kEnd; k = Atomics.add(sync, NEXT, 1)) {
        pennesStagePlane(arrays, scalars, table, job, k)
        swept++
      }
    } else if (cmd === CMD_SWEEP) {
      scalars.dtS = params[P_DT]
      const t = buffers[params[P_B0]]
      const tn = buffers[params[P_B0 + 1]]
      for (let k = Atomics.add(sync, NEXT, 1); k < kEnd; k = Atomics.add(sync, NEXT, 1)) {
        pennesSweep(arrays, t, tn, scalars, table, k, k + 1)
        swept++
      }
    }
    if (swept > 0) Atomics.add(sync, HELPED, swept)
    Atomics.add(sync, DONE, 1)
    Atomics.notify(sync, DONE)
    if (cmd === CMD_RELEASE) return
  }
}
