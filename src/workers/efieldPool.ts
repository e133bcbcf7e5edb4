/**
 * Starts the E-field basis solver's helper threads in a browser worker: nested module workers running
 * `efieldThread.worker.ts`, one fewer than the cores the browser reports (the calling thread solves a
 * range of bases too), at most {@link MAX_EFIELD_HELPERS}. Needs SharedArrayBuffer, i.e. a cross-origin
 * isolated page; otherwise (or if a helper does not start or fails its warm-up) it resolves to null and
 * the bases are solved on one thread. Same lifecycle as the Pennes pool (pennesPool.ts), own threads.
 * Node's equivalent is `efieldPoolNode.ts`.
 */
import { createGrid3 } from '../sim/grid/grid3'
import { canShareMemory, createEfieldTeam, type EfieldTeam } from '../sim/efield/efieldThreads'
import { rasteriseNeedle } from '../sim/efield/rasteriseNeedle'
import { solveElectrodeBases } from '../sim/efield/superposition'

/**
 * Largest number of helper threads started. A linear ECT field has N − 1 bases (5 for a 2×3 array, 6
 * for the hexagon); with 3 threads in all each solves 1–2 of them. More were never measured here.
 */
export const MAX_EFIELD_HELPERS = 2

/** How long a helper may take to start, ms. */
const START_TIMEOUT_MS = 20_000

/** Helpers for `cores` logical cores: cores − 1, at most `MAX_EFIELD_HELPERS`. */
export function efieldHelperCount(cores: number): number {
  return Math.max(0, Math.min(MAX_EFIELD_HELPERS, Math.floor(cores) - 1))
}

/** Logical cores the browser reports (1 when it does not say). */
function logicalCores(): number {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
  return nav?.hardwareConcurrency ?? 1
}

/**
 * Hands the worker one end of a MessageChannel and resolves with the other when the worker answers
 * through it. Jobs go through this port, not `Worker.postMessage` (in Chromium a message posted with
 * `Worker.postMessage` to a nested worker did not arrive while the sim worker blocked in `Atomics.wait`;
 * see pennesPool.ts).
 */
function connect(w: Worker): Promise<MessagePort> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel()
    const timer = setTimeout(() => reject(new Error('helper start timed out')), START_TIMEOUT_MS)
    channel.port1.onmessage = (e: MessageEvent<unknown>) => {
      const d = e.data as { type?: unknown } | null
      if (d?.type === 'efield-ready') {
        clearTimeout(timer)
        channel.port1.onmessage = null
        resolve(channel.port1)
      }
    }
    w.addEventListener('error', (e) => {
      clearTimeout(timer)
      reject(new Error(`helper failed to start: ${e.message}`))
    })
    w.postMessage({ type: 'efield-port', port: channel.port2 }, [channel.port2])
  })
}

/**
 * Solves a small 3-needle problem (33³ cells, 2 bases) on a new team twice, so that the first real run
 * finds the block kernels compiled in every thread. Returns false when the team failed (it is then
 * broken and unused).
 */
export function warmUpEfieldTeam(team: EfieldTeam): boolean {
  const n = 33
  const h = 1e-3
  const grid = createGrid3(n, n, n, [h, h, h])
  const sigma = new Float32Array(n ** 3).fill(0.2)
  const electrodes = [10, 16, 22].map((x) =>
    rasteriseNeedle(
      grid,
      {
        entryM: [x * h, 16 * h, 0],
        tipM: [x * h, 16 * h, 26 * h],
        activeLengthM: 16 * h,
        radiusM: 0.35e-3,
      },
      0,
    ),
  )
  for (let r = 0; r < 2 && !team.isBroken; r++) {
    solveElectrodeBases(grid, sigma, electrodes, { team })
  }
  return !team.isBroken && team.helperJobs > 0
}

/** Starts the helpers (count from `navigator.hardwareConcurrency` unless given); null when unavailable. */
export async function startWebEfieldTeam(helpers?: number): Promise<EfieldTeam | null> {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true
  if (!canShareMemory() || !isolated || typeof Worker === 'undefined') return null
  const n = helpers ?? efieldHelperCount(logicalCores())
  if (n < 1) return null
  const workers: Worker[] = []
  try {
    for (let h = 0; h < n; h++) {
      workers.push(
        new Worker(new URL('./efieldThread.worker.ts', import.meta.url), { type: 'module' }),
      )
    }
    const ports = await Promise.all(workers.map(connect))
    const team = createEfieldTeam(ports)
    if (!warmUpEfieldTeam(team)) throw new Error(team.failure ?? 'the helpers did not answer')
    return team
  } catch (e) {
    for (const w of workers) w.terminate()
    console.warn('E-field helper threads did not start; the bases are solved on one thread.', e)
    return null
  }
}
