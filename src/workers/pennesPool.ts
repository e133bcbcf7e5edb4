/**
 * Starts the Pennes solver's helper threads in a browser worker: nested module workers running
 * `pennesThread.worker.ts`, one fewer than the cores the browser reports (the calling thread sweeps too).
 * Needs SharedArrayBuffer, i.e. a cross-origin isolated page; otherwise (or if a helper does not start)
 * it resolves to null and the solver runs on one thread. Node's equivalent is `pennesPoolNode.ts`.
 */
import { canShareMemory, createPennesTeam, type PennesTeam } from '../sim/bioheat/pennesThreads'

/** Largest number of helper threads started (memory bandwidth, not cores, limits the gain beyond). */
export const MAX_PENNES_HELPERS = 3

/** How long a helper may take to start, ms. */
const START_TIMEOUT_MS = 20_000

/** Helpers for `cores` logical cores: cores − 1, at most `MAX_PENNES_HELPERS`. */
export function pennesHelperCount(cores: number): number {
  return Math.max(0, Math.min(MAX_PENNES_HELPERS, Math.floor(cores) - 1))
}

/** Logical cores the browser reports (1 when it does not say). */
export function logicalCores(): number {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
  return nav?.hardwareConcurrency ?? 1
}

/**
 * Hands the worker one end of a MessageChannel and resolves with the other when the worker answers
 * through it. States are bound through this port, not through `Worker.postMessage`: in Chromium a bind
 * posted with `Worker.postMessage` to a nested worker never arrived while the sim worker blocked in
 * `Atomics.wait` for its acknowledgement (measured: 20 s timeouts), whereas MessagePort messages do.
 */
function connect(w: Worker): Promise<MessagePort> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel()
    const timer = setTimeout(() => reject(new Error('helper start timed out')), START_TIMEOUT_MS)
    channel.port1.onmessage = (e: MessageEvent<unknown>) => {
      const d = e.data as { type?: unknown } | null
      if (d?.type === 'pennes-ready') {
        clearTimeout(timer)
        channel.port1.onmessage = null
        resolve(channel.port1)
      }
    }
    w.addEventListener('error', (e) => {
      clearTimeout(timer)
      reject(new Error(`helper failed to start: ${e.message}`))
    })
    w.postMessage({ type: 'pennes-port', port: channel.port2 }, [channel.port2])
  })
}

/** Starts the helpers (count from `navigator.hardwareConcurrency` unless given); null when unavailable. */
export async function startWebPennesTeam(helpers?: number): Promise<PennesTeam | null> {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true
  if (!canShareMemory() || !isolated || typeof Worker === 'undefined') return null
  const n = helpers ?? pennesHelperCount(logicalCores())
  if (n < 1) return null
  const workers: Worker[] = []
  try {
    for (let h = 0; h < n; h++) {
      workers.push(
        new Worker(new URL('./pennesThread.worker.ts', import.meta.url), { type: 'module' }),
      )
    }
    const ports = await Promise.all(workers.map(connect))
    return createPennesTeam(ports)
  } catch (e) {
    for (const w of workers) w.terminate()
    console.warn('Pennes helper threads did not start; the solver runs on one thread.', e)
    return null
  }
}
