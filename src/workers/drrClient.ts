/**
 * Client for the fluoroscopy CT projection: one long-lived module worker, requests run one at a time, and a
 * request still waiting is superseded (rejected with an AbortError) when a newer one for the same slot
 * arrives, so dragging the C-arm slider computes only the angle it stops at, not every angle it passed.
 * Inline fallback when `Worker` does not exist (Node, vitest) or the worker fails (STYLE.md 3.2, like
 * surfaceClient.ts). The CT is copied to the worker once per volume; the result image is transferred back.
 * No DOM, no React.
 */
import * as Comlink from 'comlink'
import type { DrrApi, DrrVolume, FluoroBase, FluoroRequest } from './drrApi'

/** Fluoroscopy projection off the main thread when it can. */
export interface DrrClient {
  /**
   * The CT projection for `req`. `slot` names the view asking (e.g. 'lateral'): a newer call for the same
   * slot rejects this one with an AbortError if it has not started yet.
   */
  project(volume: DrrVolume, req: FluoroRequest, slot: string): Promise<FluoroBase>
  /** 'worker' while a worker is (or will be) used, 'inline' after falling back to this thread. */
  readonly mode: 'worker' | 'inline'
  /** Terminates the worker and rejects waiting calls; later calls start a new one. */
  dispose(): void
}

/** The worker crashed or could not load (as opposed to the kernel throwing). */
class WorkerFailure extends Error {
  override name = 'WorkerFailure'
}

const superseded = (): DOMException =>
  new DOMException('Fluoroscopy projection superseded by a newer request', 'AbortError')

/** True for the rejection of a superseded or disposed call (not worth reporting). */
export const isDrrAbort = (e: unknown): boolean =>
  e instanceof DOMException && e.name === 'AbortError'

interface Job {
  readonly volume: DrrVolume
  readonly req: FluoroRequest
  readonly resolve: (v: FluoroBase) => void
  readonly reject: (e: unknown) => void
}

/**
 * Creates a client. Keep one per app (see `getDrrClient`): it owns one worker.
 * @param opts.forceInline never start a worker (tests, debugging)
 */
export function createDrrClient(opts: { readonly forceInline?: boolean } = {}): DrrClient {
  let worker: Worker | null = null
  let remote: Comlink.Remote<DrrApi> | null = null
  let sentVolumeId: string | null = null
  let isInline = opts.forceInline === true || typeof Worker === 'undefined'
  /** Waiting jobs by slot, in arrival order (a Map keeps insertion order). */
  const waiting = new Map<string, Job>()
  let running: { fail: (e: unknown) => void } | null = null

  const stopWorker = (): void => {
    worker?.terminate()
    worker = null
    remote = null
    sentVolumeId = null
  }

  const getRemote = (): Comlink.Remote<DrrApi> | null => {
    if (isInline) return null
    if (remote) return remote
    try {
      worker = new Worker(new URL('./drr.worker.ts', import.meta.url), { type: 'module' })
      worker.addEventListener('error', (e) => {
        console.warn('DRR worker failed; projecting on the main thread from now on.', e.message)
        isInline = true
        stopWorker()
        running?.fail(new WorkerFailure(`DRR worker failed: ${e.message}`))
      })
      remote = Comlink.wrap<DrrApi>(worker)
      return remote
    } catch (e) {
      console.warn('DRR worker could not start; projecting on the main thread.', e)
      isInline = true
      return null
    }
  }

  const inline = async (job: Job): Promise<FluoroBase> => {
    const { computeFluoroBase } = await import('./drrApi')
    return computeFluoroBase(job.volume, job.req)
  }

  const onWorker = (r: Comlink.Remote<DrrApi>, job: Job): Promise<FluoroBase> =>
    new Promise<FluoroBase>((resolve, reject) => {
      running = { fail: reject }
      const send = async (): Promise<FluoroBase> => {
        if (sentVolumeId !== job.volume.id) {
          await r.setVolume(job.volume)
          sentVolumeId = job.volume.id
        }
        return r.project(job.volume.id, job.req)
      }
      send().then(resolve, (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))))
    })

  const run = async (job: Job): Promise<FluoroBase> => {
    const r = getRemote()
    if (!r) return inline(job)
    try {
      return await onWorker(r, job)
    } catch (e) {
      if (!(e instanceof WorkerFailure)) throw e
      return inline(job)
    } finally {
      running = null
    }
  }

  let busy = false
  const pump = (): void => {
    if (busy) return
    const next = waiting.entries().next()
    if (next.done) return
    const [slot, job] = next.value
    waiting.delete(slot)
    busy = true
    run(job)
      .then(job.resolve, job.reject)
      .finally(() => {
        busy = false
        pump()
      })
  }

  return {
    get mode() {
      return isInline ? 'inline' : 'worker'
    },
    project(volume, req, slot) {
      return new Promise<FluoroBase>((resolve, reject) => {
        const old = waiting.get(slot)
        if (old) {
          waiting.delete(slot)
          old.reject(superseded())
        }
        waiting.set(slot, { volume, req, resolve, reject })
        // Start on a later task so that calls made in the same tick (both views) queue before the first
        // one runs, and an inline run does not block the caller's render.
        setTimeout(pump, 0)
      })
    },
    dispose() {
      for (const job of waiting.values()) job.reject(superseded())
      waiting.clear()
      running?.fail(new DOMException('DRR client disposed', 'AbortError'))
      stopWorker()
    },
  }
}

let shared: DrrClient | null = null

/** The app's shared client (created on first use). */
export function getDrrClient(): DrrClient {
  shared ??= createDrrClient()
  return shared
}
