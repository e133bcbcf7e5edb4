/**
 * The basis solves of superposition.ts on several threads. Pure protocol and kernels; the threads are
 * created by `src/workers/efieldPool.ts` (Web Workers nested in the sim worker) or
 * `src/workers/efieldPoolNode.ts` (Node worker_threads), which hand their message ports over as an
 * `EfieldTeam`.
 *
 * The N − 1 bases of an electrode set are independent right-hand sides of one operator. The calling
 * thread ("coordinator") assembles the operator and builds the multigrid hierarchy, copies the hierarchy
 * onto SharedArrayBuffers (read-only for everyone from then on), and posts one message per helper naming
 * a contiguous range of bases and a shared output block. Each thread runs the block solver
 * (blockPcg.ts) on its own range with its own work vectors; the coordinator takes the first range, then
 * waits for the helpers on an Atomics counter (with a timeout: a helper that does not answer in time
 * breaks the team and the coordinator solves that range itself, so a run never hangs). The block
 * kernels apply the single-vector arithmetic to each right-hand side independently, so a range solved
 * alone gives the same bits as inside the full block (tested).
 *
 * No ArrayBuffer is ever transferred (V8 slows every typed-array loop of an isolate in which a buffer was
 * detached: see README "Speed"); shared arrays are structured-cloned, i.e. shared, and the rest copied.
 * The coordinator blocks in `Atomics.wait`, so a team may only be used from a worker thread or from
 * Node's main thread, never from a browser's main thread.
 */
import { blockFullMultigrid, blockPcgSolve, acquireBlockPcgWork } from './blockPcg'
import type { MgLevel } from './mgLevel'
import type { Multigrid } from './multigrid'

/** A helper thread's message port (a MessagePort, or a Node `Worker`). */
export interface EfieldPort {
  postMessage(message: unknown): void
}

/** Helper threads plus their shared control block. Create with {@link createEfieldTeam}. */
export interface EfieldTeam {
  readonly ports: readonly EfieldPort[]
  /** Int32 control words on a SharedArrayBuffer: [jobs completed by the helpers]. */
  readonly sync: Int32Array
  /** Completions expected so far (only grows). */
  doneTarget: number
  /** Set when a helper failed to answer in time or reported an error: the team is not used again. */
  isBroken: boolean
  /** Why the team broke (for the caller's log). */
  failure: string | null
  /** Shortest wait for the helpers after the coordinator finished its own range, ms. */
  readonly timeoutMs: number
  /** Ranges solved by helpers so far (a count for tests and benchmarks). */
  helperJobs: number
  /** Where the coordinator's time went in the last solve, ms (for benchmarks). */
  lastTimings: EfieldTeamTimings | null
  /**
   * The last solve's shared copies (hierarchy, links, output blocks), rewritten in place by the next solve
   * of the same size (~15 MB for 61³ kept between solves).
   */
  shared: SharedSolve | null
}

/** Shared-memory arrays of one {@link solveBasesOnTeam}. */
export interface SharedSolve {
  readonly mg: Multigrid
  readonly links: BasisLinks
  readonly outs: readonly Float64Array[]
  readonly stats: readonly Float64Array[]
}

/** The coordinator's phases in one {@link solveBasesOnTeam}, ms. */
export interface EfieldTeamTimings {
  /** Copying the hierarchy onto shared memory and posting the jobs. */
  readonly shareMs: number
  /** Solving its own range. */
  readonly ownMs: number
  /** Waiting for the helpers after that. */
  readonly waitMs: number
  /** Merging the ranges into the full block (and any fallback solve). */
  readonly mergeMs: number
}

const DONE = 0
/** A millisecond clock (performance.now where the global exists; the sim layer has no DOM types). */
const now = (): number =>
  (globalThis as { performance?: { now(): number } }).performance?.now() ?? Date.now()
/** Default minimum wait for a helper's range after the coordinator's own, ms. */
const WAIT_TIMEOUT_MS = 5_000
/** The wait is also at least this multiple of the coordinator's own solve time (a cold helper JITs). */
const WAIT_FACTOR = 8
/** Busy polls before the coordinator sleeps (the helper's range usually ends within a millisecond). */
const DONE_SPIN_POLLS = 20_000

/** Smallest grid (cells) for which the default team is used (below it a message costs more than it saves). */
export const EFIELD_PARALLEL_MIN_CELLS = 32 ** 3

/** A team around helper ports (their threads must run {@link handleEfieldThreadMessage}). */
export function createEfieldTeam(
  ports: readonly EfieldPort[],
  timeoutMs = WAIT_TIMEOUT_MS,
): EfieldTeam {
  return {
    ports,
    sync: new Int32Array(new SharedArrayBuffer(4 * 4)),
    doneTarget: 0,
    isBroken: false,
    failure: null,
    timeoutMs,
    helperJobs: 0,
    lastTimings: null,
    shared: null,
  }
}

let defaultTeam: EfieldTeam | null = null

/**
 * Sets the team that `solveElectrodeBases` uses when its options do not say (`team` undefined) and the
 * grid has at least {@link EFIELD_PARALLEL_MIN_CELLS} cells. The sim worker registers one when it can
 * (src/workers/sim.worker.ts); null turns the default off.
 */
export function setDefaultEfieldTeam(team: EfieldTeam | null): void {
  defaultTeam = team
}

/** The default team, or null. */
export function defaultEfieldTeam(): EfieldTeam | null {
  return defaultTeam
}

/** True when SharedArrayBuffer exists (Node; browsers only with cross-origin isolation). */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function'
}

/** The links of an assembled operator that load the basis right-hand sides (see potentialOperator.ts). */
export interface BasisLinks {
  readonly voxel: Int32Array
  readonly electrode: Int32Array
  readonly conductanceS: Float64Array
}

/** Iterations and final relative residual of each basis of a range. */
export interface RangeOutcome {
  readonly iterations: ArrayLike<number>
  readonly residual: ArrayLike<number>
}

/**
 * Solves bases k0 … k1 − 1 as one block into X (B = k1 − k0 values per padded cell, overwritten): right-hand
 * side from the links, full-multigrid start, MG-PCG. Exactly the arithmetic of the whole block for those
 * bases.
 */
export function solveBasisRange(
  l: MgLevel,
  mg: Multigrid,
  links: BasisLinks,
  k0: number,
  k1: number,
  relTol: number,
  maxIterations: number,
  X: Float64Array,
): RangeOutcome {
  const B = k1 - k0
  const work = acquireBlockPcgWork(mg, B)
  const rhs = work.rhs
  const { voxel, electrode, conductanceS } = links
  for (let q = 0; q < voxel.length; q++) {
    const e = electrode[q]
    if (e >= k0 && e < k1) rhs[B * voxel[q] + e - k0] += conductanceS[q]
  }
  blockFullMultigrid(mg, work, rhs, X)
  return blockPcgSolve(l, mg, work, rhs, X, relTol, maxIterations)
}

/** What a helper receives for one range (typed arrays on SharedArrayBuffers are shared, not copied). */
export interface EfieldSolveMessage {
  readonly type: 'efield-solve'
  readonly sync: Int32Array
  readonly mg: Multigrid
  readonly links: BasisLinks
  readonly k0: number
  readonly k1: number
  readonly relTol: number
  readonly maxIterations: number
  /** (k1 − k0)·len values, written by the helper. */
  readonly out: Float64Array
  /** [status (1 = done, −1 = failed), iterations per basis…, residual per basis…]. */
  readonly stats: Float64Array
}

function isSolveMessage(m: unknown): m is EfieldSolveMessage {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'efield-solve'
}

/** A helper thread's message handler: solves the range it is given and signals completion. */
export function handleEfieldThreadMessage(message: unknown): void {
  if (!isSolveMessage(message)) return
  const { sync, mg, links, k0, k1, out, stats } = message
  const B = k1 - k0
  try {
    const r = solveBasisRange(
      mg.levels[0],
      mg,
      links,
      k0,
      k1,
      message.relTol,
      message.maxIterations,
      out,
    )
    for (let k = 0; k < B; k++) {
      stats[1 + k] = r.iterations[k]
      stats[1 + B + k] = r.residual[k]
    }
    stats[0] = 1
  } catch {
    stats[0] = -1
  }
  Atomics.add(sync, DONE, 1)
  Atomics.notify(sync, DONE)
}

/**
 * A copy of every typed array in `v` (recursively through arrays and plain objects) on shared memory,
 * reusing the shared arrays of `prev` (an earlier copy of a same-shaped value) where the type and length
 * match: a copy into existing memory instead of new SharedArrayBuffers (allocating ~10 MB of them per solve
 * cost 7–21 ms in Chromium, measured; 2 ms in Node).
 */
function shareDeep<T>(v: T, prev: unknown): T {
  if (ArrayBuffer.isView(v)) {
    const a = v as unknown as Uint8Array
    if (a.buffer instanceof SharedArrayBuffer) return v
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
    if (
      ArrayBuffer.isView(prev) &&
      prev.constructor === a.constructor &&
      prev.byteLength === a.byteLength &&
      prev.buffer instanceof SharedArrayBuffer
    ) {
      new Uint8Array(prev.buffer, prev.byteOffset, prev.byteLength).set(bytes)
      return prev as T
    }
    const s = new SharedArrayBuffer(a.byteLength)
    new Uint8Array(s).set(bytes)
    const Ctor = (v as unknown as { constructor: new (b: SharedArrayBuffer) => T }).constructor
    return new Ctor(s)
  }
  if (Array.isArray(v)) {
    const p = Array.isArray(prev) ? prev : []
    return v.map((e: unknown, i) => shareDeep(e, p[i])) as T
  }
  if (typeof v === 'object' && v !== null) {
    const p = typeof prev === 'object' && prev !== null ? (prev as Record<string, unknown>) : {}
    const out: Record<string, unknown> = {}
    for (const [k, e] of Object.entries(v)) out[k] = shareDeep(e, p[k])
    return out as T
  }
  return v
}

/** A Float64Array of `length` on shared memory: `prev` when it fits, else a new one. */
function sharedF64(prev: Float64Array | undefined, length: number): Float64Array {
  return prev?.length === length ? prev : new Float64Array(new SharedArrayBuffer(8 * length))
}

/**
 * Splits B bases into `parts` contiguous ranges, the larger ones first: [k0, k1) per part (the
 * coordinator takes the last, smallest one: it also copies the hierarchy and merges the results).
 */
export function splitBases(B: number, parts: number): Array<[number, number]> {
  const p = Math.max(1, Math.min(parts, B))
  const out: Array<[number, number]> = []
  let k = 0
  for (let i = 0; i < p; i++) {
    const size = Math.floor(B / p) + (i < B % p ? 1 : 0)
    out.push([k, k + size])
    k += size
  }
  return out
}

/** Marks the team unusable (the first reason is kept). */
function breakTeam(team: EfieldTeam, why: string): void {
  if (!team.isBroken) team.failure = why
  team.isBroken = true
}

function waitDone(team: EfieldTeam, target: number, timeoutMs: number): boolean {
  const sync = team.sync
  for (let n = 0; n < DONE_SPIN_POLLS && Atomics.load(sync, DONE) < target; n++);
  const t0 = Date.now()
  for (;;) {
    const v = Atomics.load(sync, DONE)
    if (v >= target) return true
    const left = timeoutMs - (Date.now() - t0)
    if (left <= 0) return false
    Atomics.wait(sync, DONE, v, Math.min(left, 1000))
  }
}

/**
 * Solves all B bases, every range but the last on the team's helpers, into X (B values per padded
 * cell). Falls back to this thread for any range a helper does not deliver (the team is then broken).
 */
export function solveBasesOnTeam(
  team: EfieldTeam,
  l: MgLevel,
  mg: Multigrid,
  links: BasisLinks,
  B: number,
  relTol: number,
  maxIterations: number,
  X: Float64Array,
): RangeOutcome {
  const ranges = splitBases(B, team.ports.length + 1)
  const iterations = new Int32Array(B)
  const residual = new Float64Array(B)
  // Helper ranges; `posted` false when a post failed (that range is solved here).
  const jobs: Array<{
    k0: number
    k1: number
    out: Float64Array
    stats: Float64Array
    posted: boolean
  }> = []
  const tStart = now()
  if (ranges.length > 1) {
    // The previous solve's shared arrays are rewritten in place (the helpers finished with them, or the
    // team is broken and no longer used).
    const prev = team.shared
    const sharedMg = shareDeep(mg, prev?.mg)
    const sharedLinks = shareDeep(links, prev?.links)
    const outs: Float64Array[] = []
    const stats: Float64Array[] = []
    for (let h = 0; h + 1 < ranges.length; h++) {
      const [k0, k1] = ranges[h]
      const job = {
        k0,
        k1,
        out: sharedF64(prev?.outs[h], (k1 - k0) * l.len),
        stats: sharedF64(prev?.stats[h], 1 + 2 * (k1 - k0)),
        posted: false,
      }
      jobs.push(job)
      outs.push(job.out)
      stats.push(job.stats)
      if (team.isBroken) continue
      const msg: EfieldSolveMessage = {
        type: 'efield-solve',
        sync: team.sync,
        mg: sharedMg,
        links: sharedLinks,
        k0,
        k1,
        relTol,
        maxIterations,
        out: job.out,
        stats: job.stats,
      }
      try {
        team.ports[h].postMessage(msg)
        team.doneTarget++
        job.posted = true
      } catch (e) {
        breakTeam(team, e instanceof Error ? e.message : String(e))
      }
    }
    team.shared = { mg: sharedMg, links: sharedLinks, outs, stats }
  }
  const own = ranges[ranges.length - 1]
  const t0 = now()
  const shareMs = t0 - tStart
  const xOwn = ranges.length > 1 ? new Float64Array((own[1] - own[0]) * l.len) : X
  const r0 = solveBasisRange(l, mg, links, own[0], own[1], relTol, maxIterations, xOwn)
  const ownMs = now() - t0
  const put = (k0: number, k1: number, src: Float64Array, r: RangeOutcome): void => {
    const b = k1 - k0
    if (src !== X) {
      for (let P = 0; P < l.len; P++) {
        for (let k = 0; k < b; k++) X[B * P + k0 + k] = src[b * P + k]
      }
    }
    for (let k = 0; k < b; k++) {
      iterations[k0 + k] = r.iterations[k]
      residual[k0 + k] = r.residual[k]
    }
  }
  put(own[0], own[1], xOwn, r0)
  const anyPosted = jobs.some((job) => job.posted)
  let delivered = false
  try {
    delivered =
      anyPosted && waitDone(team, team.doneTarget, Math.max(team.timeoutMs, WAIT_FACTOR * ownMs))
  } catch (e) {
    // Atomics.wait is not allowed on this thread (a browser's main thread): solve the ranges here.
    breakTeam(team, e instanceof Error ? e.message : String(e))
  }
  if (anyPosted && !delivered) breakTeam(team, 'E-field threads: no answer from a helper thread')
  const tWait = now()
  for (const job of jobs) {
    const b = job.k1 - job.k0
    if (job.posted && delivered && job.stats[0] === 1) {
      const its = job.stats.subarray(1, 1 + b)
      const res = job.stats.subarray(1 + b, 1 + 2 * b)
      put(job.k0, job.k1, job.out, { iterations: its, residual: res })
      team.helperJobs++
      continue
    }
    if (job.posted && delivered) breakTeam(team, 'E-field threads: a helper thread failed')
    const xs = new Float64Array(b * l.len)
    put(
      job.k0,
      job.k1,
      xs,
      solveBasisRange(l, mg, links, job.k0, job.k1, relTol, maxIterations, xs),
    )
  }
  const tEnd = now()
  team.lastTimings = { shareMs, ownMs, waitMs: tWait - t0 - ownMs, mergeMs: tEnd - tWait }
  return { iterations, residual }
}
