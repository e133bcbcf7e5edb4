/**
 * Client for procedure simulations: one module worker, progress through a Comlink proxy, cancellation by
 * terminating the worker (the next run starts a fresh one and sends the volume again), and an inline
 * fallback when `Worker` does not exist or the worker fails to start (STYLE.md 3.2).
 */
import * as Comlink from 'comlink'
import type { ProcedureResult, SimOptions } from '../cases/simulate'
import type { CtVolume } from '../cases/volume'
import { createSimApi, type SimApi, type SimProgress } from './simApi'

/** A running simulation. */
export interface SimRun {
  readonly result: Promise<ProcedureResult>
  /** Stops the run; `result` rejects with an AbortError. */
  cancel(): void
}

let worker: Worker | null = null
let remote: Comlink.Remote<SimApi> | null = null
let inline: SimApi | null = null

const abortError = (): Error =>
  Object.assign(new Error('The simulation was cancelled.'), { name: 'AbortError' })

function getRemote(): Comlink.Remote<SimApi> | null {
  if (typeof Worker === 'undefined') return null
  if (!remote) {
    try {
      worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' })
      remote = Comlink.wrap<SimApi>(worker)
    } catch (e) {
      console.warn('The simulation worker could not start; simulating on the main thread.', e)
      return null
    }
  }
  return remote
}

function dropWorker(): void {
  worker?.terminate()
  worker = null
  remote = null
}

/** Runs on the current worker that must start again if that worker is terminated for another run. */
const onWorker = new Set<{ restart(): void }>()

/**
 * Runs the simulation of one device on a volume, in the worker when possible. Cancelling terminates the
 * worker; the other runs that were on it start again on a fresh one (their results are unaffected).
 */
export function runSimulation(
  volume: CtVolume,
  planJson: string,
  deviceId: string,
  options: SimOptions,
  onProgress: SimProgress,
): SimRun {
  let cancelled = false
  let generation = 0
  let settle: { resolve(r: ProcedureResult): void; reject(e: Error): void } | null = null
  const result = new Promise<ProcedureResult>((resolve, reject) => {
    settle = { resolve, reject }
  })
  const runInline = async (): Promise<ProcedureResult> => {
    inline ??= createSimApi(false)
    inline.setVolume(volume)
    return inline.simulate(volume.id, planJson, deviceId, options, (f, m) => {
      if (cancelled) throw abortError()
      onProgress(f, m)
    })
  }
  const self = {
    restart() {
      start()
    },
  }
  const start = () => {
    const mine = ++generation
    const r = getRemote()
    const work = async (): Promise<ProcedureResult> => {
      if (!r) return runInline()
      onWorker.add(self)
      if (!(await r.hasVolume(volume.id))) await r.setVolume(volume)
      return r.simulate(volume.id, planJson, deviceId, options, Comlink.proxy(onProgress))
    }
    work().then(
      (v) => {
        if (cancelled || mine !== generation) return
        onWorker.delete(self)
        settle?.resolve(v)
      },
      (e: unknown) => {
        if (cancelled || mine !== generation) return
        onWorker.delete(self)
        settle?.reject(e instanceof Error ? e : new Error(String(e)))
      },
    )
  }
  start()
  return {
    result,
    cancel() {
      if (cancelled) return
      cancelled = true
      const wasOnWorker = onWorker.delete(self)
      settle?.reject(abortError())
      if (!wasOnWorker) return
      dropWorker()
      // The other runs on the terminated worker never settle there: start them again.
      const others = [...onWorker]
      onWorker.clear()
      for (const o of others) o.restart()
    },
  }
}

/** Terminates the worker (tests, page teardown). */
export function disposeSimWorker(): void {
  dropWorker()
}
