/**
 * Starts the Pennes solver's helper threads in a browser worker: nested module workers running
 * `pennesThread.worker.ts`, one fewer than the cores the browser reports (the calling thread sweeps too).
 * Needs SharedArrayBuffer, i.e. a cross-origin isolated page; otherwise (or if a helper does not start)
 * it resolves to null and the solver runs on one thread. Node's equivalent is `pennesPoolNode.ts`.
 */
import { S } from '../lib/anatomy'
import { helperCount, logicalCores, startWebTeam } from './helperThreads'
import { createGrid3 } from '../sim/grid/grid3'
import { createBioheatState, stepBioheat } from '../sim/bioheat/pennes'
import {
  canShareMemory,
  createPennesTeam,
  teamRelease,
  type PennesTeam,
} from '../sim/bioheat/pennesThreads'

/** Largest number of helper threads started (4 threads in all; more were never measured here). */
export const MAX_PENNES_HELPERS = 3

/** Helpers for `cores` logical cores: cores − 1, at most `MAX_PENNES_HELPERS`. */
export function pennesHelperCount(cores: number): number {
  return helperCount(cores, MAX_PENNES_HELPERS)
}

/**
 * Runs a small heating problem on a new team once (32³ voxels, 2 min in 4 RKL2 super-steps: a few tens
 * of ms), so that the first real run finds the stage kernel and the dose pass compiled in every thread
 * instead of interpreting them through its first stages; then releases the helpers. Measured in Node
 * (load 1.7–2.4, noisy): the first 80³ run on a cold team took 0.78–0.84 s, on a warmed one 0.72–0.79 s,
 * the next runs 0.65–0.69 s (the rest of the first run's extra time is the state's first allocation).
 * Returns false when the team failed (it is then broken and unused).
 */
export function warmUpPennesTeam(team: PennesTeam): boolean {
  const n = 32
  const grid = createGrid3(n, n, n, [0.001, 0.001, 0.001])
  const s = createBioheatState({
    grid,
    labels: new Uint8Array(n ** 3).fill(S.muscle),
    parallel: team,
  })
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const r2 = (i - n / 2) ** 2 + (j - n / 2) ** 2 + (k - n / 2) ** 2
        if (r2 < 16) s.sourceWPerM3[i + n * (j + n * k)] = 5e7
      }
    }
  }
  try {
    stepBioheat(s, { dtS: 30 }, 4)
    teamRelease(team)
  } catch {
    // teamWait marked the team broken.
  }
  return !team.isBroken
}

/** Starts the helpers (count from `navigator.hardwareConcurrency` unless given); null when unavailable. */
export function startWebPennesTeam(helpers?: number): Promise<PennesTeam | null> {
  return startWebTeam(
    {
      kind: 'pennes',
      helpers: helpers ?? pennesHelperCount(logicalCores()),
      spawn: () =>
        new Worker(new URL('./pennesThread.worker.ts', import.meta.url), { type: 'module' }),
      createTeam: createPennesTeam,
      warmUp: warmUpPennesTeam,
      fallback: 'the solver runs on one thread',
    },
    canShareMemory,
  )
}
