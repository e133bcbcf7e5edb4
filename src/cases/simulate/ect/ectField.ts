/**
 * The treatment field of an ECT sequence on the ROI, the field being the voxel-wise maximum over pairs.
 * Every needle is present during every pulse: those outside the active pair float (zero net current).
 * Linear σ: superposition of the needles' basis solutions (src/sim/efield/superposition.ts, N − 1 solves
 * for any number of pairs). Non-linear σ(E) (default): each pair's σ(E) iteration
 * (src/sim/efield/electroporation.ts) with the floating needles' potentials updated between solves,
 * warm-started from its superposed linear potential. Reports per pair the current, the convergence and the pair's own field midway between
 * its needles. Pure; SI.
 */
import type { Vec3 } from '../../../lib/vec3'
import type { EctVoxelParams } from '../../../sim/efield/conductivity'
import { type ElectrodePair, solvePairElectroporation } from '../../../sim/efield/electroporation'
import { solveElectrodeBases, superposedTreatmentField } from '../../../sim/efield/superposition'
import { type NeedleGeometry, rasteriseNeedle } from '../../../sim/efield/rasteriseNeedle'
import type { Grid3 } from '../../../sim/grid/grid3'
import { SimCancelled, type SimContext } from '../types'

/** One pair's outcome. */
export interface PairField {
  readonly pair: ElectrodePair
  /** Current from the anode at the final σ, and with the baseline σ (first solve), A. */
  readonly currentA: number
  readonly baselineCurrentA: number
  /** Non-linear iterations (linear solves; 0 for the superposed linear field) and whether σ = σ(E) was reached. */
  readonly iterations: number
  readonly converged: boolean
  /** The pair's own |E| midway between its needles' active parts, V/m. */
  readonly midVPerM: number
}

/** Settings of {@link ectTreatmentField}. */
export interface EctFieldOptions {
  /** Non-linear σ(E) (default) or the baseline conductivity only. */
  readonly nonlinear: boolean
  /** Called with each pair's own |E| (V/m) before it is merged into the maximum. */
  readonly onPair?: (pairIndex: number, eVPerM: Float32Array) => void
}

/** Rasterises the needles on the grid; throws a plain-words error for a needle outside it. */
export function rasteriseAll(
  grid: Grid3,
  needles: readonly NeedleGeometry[],
  ids: readonly string[],
) {
  return needles.map((nd, n) => {
    try {
      return rasteriseNeedle(grid, nd, 0)
    } catch {
      throw new Error(
        `Electrode ${ids[n] ?? n + 1}: its active part lies outside the scan, so it cannot be simulated.`,
      )
    }
  })
}

/** True when two sorted voxel lists share a voxel. */
function touching(a: Uint32Array, b: Uint32Array): boolean {
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) return true
    if (a[i]! < b[j]!) i++
    else j++
  }
  return false
}

/** The treatment field (V/m, ROI grid) and each pair's outcome. */
export function ectTreatmentField(
  grid: Grid3,
  params: EctVoxelParams,
  needles: readonly NeedleGeometry[],
  ids: readonly string[],
  pairs: readonly ElectrodePair[],
  midpointsM: readonly Vec3[],
  options: EctFieldOptions,
  ctx: SimContext,
): { eMaxVPerM: Float32Array; pairs: PairField[] } {
  const rasters = rasteriseAll(grid, needles, ids)
  const n = params.sigma0.length
  const eMax = new Float32Array(n)
  const out: PairField[] = []
  const midVPerM: number[] = []
  const { nx, ny, nz, spacingM } = grid
  const voxelAt = (p: Vec3): number => {
    const i = Math.min(nx - 1, Math.max(0, Math.round(p[0] / spacingM[0])))
    const j = Math.min(ny - 1, Math.max(0, Math.round(p[1] / spacingM[1])))
    const k = Math.min(nz - 1, Math.max(0, Math.round(p[2] / spacingM[2])))
    return i + nx * (j + ny * k)
  }
  for (let x = 0; x < rasters.length; x++) {
    for (let y = x + 1; y < rasters.length; y++) {
      if (touching(rasters[x]!.voxels, rasters[y]!.voxels)) {
        throw new Error(
          `Electrodes ${ids[x]} and ${ids[y]} touch on the simulation grid: move them apart.`,
        )
      }
    }
  }
  const label = (q: number): string => {
    const pair = pairs[q]!
    return `pair ${q + 1}/${pairs.length} (${ids[pair.a]}–${ids[pair.b]}, ${pair.voltageV} V)`
  }
  // Linear fields of every pair by superposition: N − 1 solves, then one combination per pair.
  if (!ctx.progress(0, `Solving the ${rasters.length - 1} electrode basis fields`)) {
    throw new SimCancelled()
  }
  const bases = solveElectrodeBases(grid, params.sigma0, rasters)
  const share = options.nonlinear ? 0.15 : 0.9
  if (!ctx.progress(share, 'Combining the pairs')) throw new SimCancelled()
  const linear = superposedTreatmentField(
    bases,
    pairs,
    options.nonlinear
      ? undefined
      : (q, e) => {
          options.onPair?.(q, e)
          midVPerM[q] = e[voxelAt(midpointsM[q]!)]!
        },
  )
  for (let q = 0; q < pairs.length; q++) {
    const pair = pairs[q]!
    const lin = linear.pairs[q]!
    const linearCurrentA = Math.abs(lin.currentsA[pair.a] ?? 0)
    if (!options.nonlinear) {
      out.push({
        pair,
        currentA: linearCurrentA,
        baselineCurrentA: linearCurrentA,
        iterations: 0,
        converged: true,
        midVPerM: midVPerM[q] ?? 0,
      })
      continue
    }
    const fraction = share + ((1 - share) * q) / pairs.length
    if (!ctx.progress(fraction, `Solving ${label(q)}`)) throw new SimCancelled()
    const res = solvePairElectroporation(grid, params, rasters, pair, bases, lin.potentialsV, {
      maxIterations: 30,
      adaptiveSolves: true,
    })
    const e = res.eMagVPerM
    options.onPair?.(q, e)
    for (let v = 0; v < n; v++) if (e[v]! > eMax[v]!) eMax[v] = e[v]!
    out.push({
      pair,
      currentA: Math.abs(res.currentsA[pair.a] ?? 0),
      baselineCurrentA: linearCurrentA,
      iterations: res.iterations,
      converged: res.converged,
      midVPerM: e[voxelAt(midpointsM[q]!)]!,
    })
  }
  if (!options.nonlinear) eMax.set(linear.eMaxVPerM)
  return { eMaxVPerM: eMax, pairs: out }
}
