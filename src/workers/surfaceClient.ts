/**
 * Client for surface extraction: one long-lived module worker per client, progress through a Comlink
 * proxy, cancellation by terminating (and lazily recreating) the worker, and an inline fallback when
 * `Worker` does not exist (Node, vitest) or the worker fails to start (STYLE.md 3.2, excalidraw
 * subset-main). No DOM, no React.
 */
import * as Comlink from 'comlink'
import type { VolumeGeometry } from '../lib/space'
import type {
  LabelSurface,
  LabelSurfaceGroup,
  SurfaceMesh,
  SurfaceOptions,
  SurfaceProgress,
  SurfaceSource,
} from '../sim/surface'
import type * as SurfaceKernels from '../sim/surface'
import type { SurfaceApi } from './surface.worker'

/** Per-call options. */
export interface SurfaceCallOptions {
  /** Progress in [0, 1] with the running stage. */
  readonly onProgress?: SurfaceProgress
  /**
   * Aborting rejects the call with an AbortError and terminates the worker; calls still queued on that
   * worker are rejected too. The next call starts a fresh worker.
   */
  readonly signal?: AbortSignal
  /**
   * Transfer the input volume's buffer to the worker instead of copying it (default false). Faster for
   * huge volumes, but the caller's array is detached afterwards. SharedArrayBuffers are never copied.
   */
  readonly transferInput?: boolean
}

/** Surface extraction that runs off the main thread when it can. */
export interface SurfaceClient {
  /** extractSurface (src/sim/surface) in the worker. */
  extractSurface(
    source: SurfaceSource,
    options?: SurfaceOptions,
    call?: SurfaceCallOptions,
  ): Promise<SurfaceMesh>
  /** extractLabelSurfaces (src/sim/surface) in the worker. */
  extractLabelSurfaces(
    labels: Uint8Array | Uint16Array,
    parts: Uint8Array | Uint16Array | null | undefined,
    geometry: VolumeGeometry,
    groups: readonly LabelSurfaceGroup[],
    options?: SurfaceOptions,
    call?: SurfaceCallOptions,
  ): Promise<LabelSurface[]>
  /** 'worker' while a worker is (or will be) used, 'inline' after falling back to this thread. */
  readonly mode: 'worker' | 'inline'
  /** Terminates the worker; later calls start a new one. */
  dispose(): void
}

/** The worker crashed or could not load (as opposed to the kernel throwing). */
class WorkerFailure extends Error {
  override name = 'WorkerFailure'
}

const abortError = (): DOMException => new DOMException('Surface extraction aborted', 'AbortError')

type Kernels = typeof SurfaceKernels

/** Loads the kernels on this thread only when needed, so they stay out of the main bundle otherwise. */
const loadKernels = (): Promise<Kernels> => import('../sim/surface')

/** Inline progress: forwards, and stops the synchronous kernel by throwing if the signal was aborted. */
function inlineProgress(call: SurfaceCallOptions | undefined): SurfaceProgress {
  return (f, stage) => {
    if (call?.signal?.aborted) throw abortError()
    call?.onProgress?.(f, stage)
  }
}

/** Distinct transferable buffers of the given arrays (SharedArrayBuffers are shared, not transferred). */
const transferables = (...arrays: (ArrayBufferView | null | undefined)[]): ArrayBuffer[] => {
  const out = new Set<ArrayBuffer>()
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer) out.add(a.buffer)
  return [...out]
}

/**
 * Creates a client. Keep one per app (e.g. in the store's services): it owns one worker.
 * @param opts.forceInline never start a worker (tests, debugging)
 */
export function createSurfaceClient(opts: { readonly forceInline?: boolean } = {}): SurfaceClient {
  let worker: Worker | null = null
  let remote: Comlink.Remote<SurfaceApi> | null = null
  let isInline = opts.forceInline === true || typeof Worker === 'undefined'
  /** Calls in flight on the current worker: how to fail them, and how to detach their abort listeners. */
  const pending = new Set<{ reject: (e: unknown) => void; detach: () => void }>()

  const stopWorker = (reason: unknown): void => {
    worker?.terminate()
    worker = null
    remote = null
    for (const p of pending) {
      p.detach()
      p.reject(reason)
    }
    pending.clear()
  }

  const getRemote = (): Comlink.Remote<SurfaceApi> | null => {
    if (isInline) return null
    if (remote) return remote
    try {
      worker = new Worker(new URL('./surface.worker.ts', import.meta.url), { type: 'module' })
      worker.addEventListener('error', (e) => {
        console.warn('Surface worker failed; extracting on the main thread from now on.', e.message)
        isInline = true
        stopWorker(new WorkerFailure(`Surface worker failed: ${e.message}`))
      })
      remote = Comlink.wrap<SurfaceApi>(worker)
      return remote
    } catch (e) {
      console.warn('Surface worker could not start; extracting on the main thread.', e)
      isInline = true
      return null
    }
  }

  /** Runs `work` on the worker, racing it against the abort signal and worker failure. */
  const onWorker = <T>(call: SurfaceCallOptions | undefined, work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const signal = call?.signal
      const onAbort = (): void => stopWorker(abortError())
      const entry = { reject, detach: () => signal?.removeEventListener('abort', onAbort) }
      const settle = (): void => {
        pending.delete(entry)
        entry.detach()
      }
      pending.add(entry)
      signal?.addEventListener('abort', onAbort, { once: true })
      work().then(
        (v) => {
          settle()
          resolve(v)
        },
        (e: unknown) => {
          settle()
          reject(e instanceof Error ? e : new Error(String(e)))
        },
      )
    })

  /**
   * When the worker itself failed (not the kernel, not an abort), the call is redone on this thread,
   * unless its input was transferred away.
   */
  const orInline = async <T>(work: Promise<T>, inline: (() => Promise<T>) | null): Promise<T> => {
    try {
      return await work
    } catch (e) {
      if (!(e instanceof WorkerFailure) || !inline) throw e
      return inline()
    }
  }

  const progressProxy = (call: SurfaceCallOptions | undefined): SurfaceProgress | undefined =>
    call?.onProgress ? Comlink.proxy(call.onProgress) : undefined

  return {
    get mode() {
      return isInline ? 'inline' : 'worker'
    },

    async extractSurface(source, options = {}, call) {
      if (call?.signal?.aborted) throw abortError()
      const inline = async (): Promise<SurfaceMesh> =>
        (await loadKernels()).extractSurface(source, options, inlineProgress(call))
      const r = getRemote()
      if (!r) return inline()
      const data = source.kind === 'scalar' ? source.values : source.labels
      const sent = call?.transferInput ? Comlink.transfer(source, transferables(data)) : source
      return orInline(
        onWorker(call, () => r.extractSurface(sent, options, progressProxy(call))),
        call?.transferInput ? null : inline,
      )
    },

    async extractLabelSurfaces(labels, parts, geometry, groups, options = {}, call) {
      if (call?.signal?.aborted) throw abortError()
      const inline = async (): Promise<LabelSurface[]> =>
        (await loadKernels()).extractLabelSurfaces(
          labels,
          parts,
          geometry,
          groups,
          options,
          inlineProgress(call),
        )
      const r = getRemote()
      if (!r) return inline()
      const sentLabels = call?.transferInput
        ? Comlink.transfer(labels, transferables(labels, parts))
        : labels
      return orInline(
        onWorker(call, () =>
          r.extractLabelSurfaces(
            sentLabels,
            parts ?? null,
            geometry,
            groups,
            options,
            progressProxy(call),
          ),
        ),
        call?.transferInput ? null : inline,
      )
    },

    dispose() {
      stopWorker(new Error('Surface client disposed'))
    },
  }
}
