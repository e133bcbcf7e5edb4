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
import { helperCount, logicalCores, startWebTeam } from './helperThreads'

/**
 * Largest number of helper threads started. A linear ECT field has N − 1 bases (5 for a 2×3 array, 6
 * for the hexagon); with 3 threads in all each solves 1–2 of them. More were never measured here.
 */
export const MAX_EFIELD_HELPERS = 2

/** Helpers for `cores` logical cores: cores − 1, at most `MAX_EFIELD_HELPERS`. */
export function efieldHelperCount(cores: number): number {
  return helperCount(cores, MAX_EFIELD_HELPERS)
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
export function startWebEfieldTeam(helpers?: number): Promise<EfieldTeam | null> {
  return startWebTeam(
    {
      kind: 'efield',
      helpers: helpers ?? efieldHelperCount(logicalCores()),
      spawn: () =>
        new Worker(new URL('./efieldThread.worker.ts', import.meta.url), { type: 'module' }),
      createTeam: createEfieldTeam,
      warmUp: warmUpEfieldTeam,
      fallback: 'the bases are solved on one thread',
    },
    canShareMemory,
  )
}
