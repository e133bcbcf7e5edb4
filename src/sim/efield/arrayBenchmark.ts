/**
 * Issue #10's benchmark problem, shared by bench/efield.bench.ts-style runs in Node and the sim worker's
 * benchmark hook in the browser (src/workers/efieldBenchHook.ts): a 1 mm grid over a 60 mm cube (61³),
 * a 12 mm-radius tumour in muscle (baseline ECT σ), the 6-needle 2 × 3 array (10 mm apart, 24 mm active,
 * 0.35 mm radius, tips 12 mm below the centre plane) and its 7 neighbouring pairs at 1000 V. Pure.
 */
import { createGrid3, type Grid3 } from '../grid/grid3'
import { ECT_PARAMS } from './conductivity'
import { pairsWithinDistance, type ElectrodePair } from './electroporation'
import type { Electrode } from './potentialOperator'
import { rasteriseNeedle } from './rasteriseNeedle'

/** The benchmark's grid, baseline σ (S/m), electrodes and pairs. */
export interface ArrayBenchmarkProblem {
  readonly grid: Grid3
  readonly sigma: Float32Array
  readonly electrodes: readonly Electrode[]
  readonly pairs: readonly ElectrodePair[]
}

/** Builds the 61³ 2 × 3 array problem (see the module header). */
export function buildArrayBenchmark(): ArrayBenchmarkProblem {
  const N = 61
  const h = 1e-3
  const grid = createGrid3(N, N, N, [h, h, h])
  const sigma = new Float32Array(N ** 3)
  for (let k = 0; k < N; k++) {
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < N; i++) {
        const inTumour = Math.hypot(i - 30, j - 30, k - 30) <= 12
        sigma[i + N * (j + N * k)] = (inTumour ? ECT_PARAMS.tumour : ECT_PARAMS.muscle).sigma0SPerM
      }
    }
  }
  const c = 30e-3
  const tips: Array<[number, number, number]> = []
  for (const y of [-5e-3, 5e-3]) {
    for (const x of [-10e-3, 0, 10e-3]) tips.push([c + x, c + y, 42e-3])
  }
  const electrodes = tips.map((t) =>
    rasteriseNeedle(
      grid,
      { entryM: [t[0], t[1], 0], tipM: t, activeLengthM: 24e-3, radiusM: 0.35e-3 },
      0,
    ),
  )
  return { grid, sigma, electrodes, pairs: pairsWithinDistance(tips, 10.5e-3, 1000) }
}
