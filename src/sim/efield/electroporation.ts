/**
 * Electroporation (ECT/IRE) fields: the non-linear σ(E) iteration, the treatment field of a pulse sequence
 * (maximum over electrode pairs), and coverage helpers. Pure; SI units (V, V/m, S/m, A).
 *
 * Non-linear iteration (Šel et al., IEEE TBME 52 (2005) 816; Čorović et al., BioMed Eng OnLine 12 (2013) 16,
 * FACTS §4.2): σ_0 = baseline; repeat { solve ∇·(σ_k∇φ) = 0; E = |∇φ|;
 * σ_{k+1} = σ_k + ω·(σ(E) − σ_k) } until the fixed-point residual max|σ(E) − σ_k| < tol·max σ1, so the
 * result satisfies σ = σ(E) to that tolerance.
 * Under-relaxation is needed: the plain fixed point (ω = 1) oscillates in voxels near the needles (σ up →
 * E below threshold → σ down …; measured: a 2-cycle with residual 0.7·σ1 that never decays). With
 * ω = 0.5 (the default) the residual decreases steadily (measured: 14 solves to 1 % for two needles at
 * 800 V / 8 mm in tumour, most of them warm-started to 1–3 CG iterations). Option `monotone` only lets σ
 * rise (pores opened during the pulse stay open, as in Šel 2005's sequential model); it needs fewer solves
 * but is path-dependent: it leaves σ above σ(E) near the needles (measured in the same case: ω = 1, 4
 * solves, current +11 % above the static solution). Each solve is warm-started from the previous potential.
 *
 * Sequences (`treatmentField`): the needles not in the active pair are FLOATING metal by default (the
 * generator's switch disconnects them; they stay equipotential with zero net current). Linear σ: solved by
 * superposition of N − 1 basis solutions (superposition.ts). Non-linear σ(E): each pair iterated with the
 * floating needles' potentials updated between solves (floating.ts), warm-started from the superposed
 * linear potential. `inactive: 'tissue'` keeps the earlier model (inactive needles replaced by tissue, one
 * independent solve per pair).
 */
import type { EfieldTeam } from './efieldThreads'
import type { Grid3 } from '../grid/grid3'
import { type EctVoxelParams, electroporatedConductivity } from './conductivity'
import { fieldAndCurrents } from './field'
import { type FloatingSpec, floatingStep } from './floating'
import type { Electrode, Pad } from './potentialOperator'
import { type SolvePotentialOptions, solvePotential } from './solvePotential'
import {
  BASIS_REL_TOL,
  type ElectrodeBases,
  solveElectrodeBases,
  superposedPotential,
  superposedTreatmentField,
} from './superposition'

/** Settings of {@link solveElectroporation}. */
export interface ElectroporationOptions {
  /** Stop when max |σ(E) − σ| < tol × max σ1 (default 1e-2). */
  readonly tolerance?: number
  /** Iteration cap (default 30). */
  readonly maxIterations?: number
  /** Under-relaxation ω ∈ (0, 1] of the σ update (default 0.5). */
  readonly relaxation?: number
  /** Only let σ rise (see the module header); default false. */
  readonly monotone?: boolean
  /** Options of each linear solve (the warm start is managed here). */
  readonly solver?: Omit<SolvePotentialOptions, 'initialPhi'>
  /**
   * Inexact inner solves (default false): the first linear solve to relTol max(r, 1e-4), later ones to
   * max(r, min(1e-3, 0.01·ρ)) with ρ the previous fixed-point residual and r = solver.relTol (1e-6). The
   * stopping test is unchanged, and the solve it is made on is at least 100× tighter than ρ, so the
   * converged σ matches the exact-solve iteration to well within the tolerance (tests/sim/efield).
   */
  readonly adaptiveSolves?: boolean
  /** Starting potential of the first solve (V per voxel), e.g. the superposed linear field of a pair. */
  readonly initialPhi?: ArrayLike<number>
  /**
   * Electrodes that float (zero net current): their `potentialV` is the starting guess (e.g. the
   * superposed linear one) and is updated between solves (floating.ts).
   */
  readonly floating?: FloatingSpec
  /** Floating-current tolerance: max|I_F| / max|I_driven| (default 1e-3). */
  readonly floatingTolerance?: number
}

/** Result of {@link solveElectroporation}; phi, field and currents belong to the final σ. */
export interface ElectroporationResult {
  readonly phi: Float32Array
  readonly eMagVPerM: Float32Array
  /** Conductivity (S/m) of the final solve. */
  readonly sigma: Float32Array
  /** Non-linear iterations (one linear solve each). */
  readonly iterations: number
  readonly converged: boolean
  /** Fixed-point residual max |σ(E) − σ| / max σ1 after each solve. */
  readonly residualHistory: readonly number[]
  /** Electrode currents (A) with the baseline σ (first solve) and with the final σ. */
  readonly baselineCurrentsA: readonly number[]
  readonly currentsA: readonly number[]
  /** Linear-solver iterations summed over all solves. */
  readonly linearIterations: number
}

/** Solves the potential with conductivity depending on the local field (see the module header). */
export function solveElectroporation(
  grid: Grid3,
  params: EctVoxelParams,
  electrodes: readonly Electrode[],
  pads: readonly Pad[] = [],
  options: ElectroporationOptions = {},
): ElectroporationResult {
  const tol = options.tolerance ?? 1e-2
  const maxIterations = options.maxIterations ?? 30
  const omega = options.relaxation ?? 0.5
  const monotone = options.monotone ?? false
  const n = params.sigma0.length
  let sigmaScale = 0
  for (let v = 0; v < n; v++) sigmaScale = Math.max(sigmaScale, params.sigma1[v], params.sigma0[v])
  const sigma = Float32Array.from(params.sigma0)
  const next = new Float32Array(n)
  const history: number[] = []
  let phi: ArrayLike<number> | undefined = options.initialPhi
  let eMag: Float32Array = new Float32Array(n)
  let baselineCurrentsA: readonly number[] = []
  let currentsA: readonly number[] = []
  let linearIterations = 0
  let converged = false
  let iterations = 0
  const baseTol = options.solver?.relTol ?? 1e-6
  const floating = options.floating
  const potentialsV = Float64Array.from(electrodes, (e) => e.potentialV)
  let current: readonly Electrode[] = electrodes
  const solveTol = (): number => {
    if (!options.adaptiveSolves) return baseTol
    const last = history[history.length - 1]
    return Math.max(baseTol, last === undefined ? 1e-4 : Math.min(1e-3, 0.01 * last))
  }
  while (iterations < maxIterations) {
    const problem = { grid, sigma, electrodes: current, pads }
    const relTol = solveTol()
    const sol = solvePotential(
      problem,
      phi ? { ...options.solver, relTol, initialPhi: phi } : { ...options.solver, relTol },
    )
    const solved = sol.phi
    phi = solved
    linearIterations += sol.iterations
    iterations++
    const fc = fieldAndCurrents(problem, solved)
    eMag = fc.eMagVPerM
    currentsA = fc.currents.electrodesA
    if (iterations === 1) baselineCurrentsA = currentsA
    let residual = 0
    for (let v = 0; v < n; v++) {
      const target = electroporatedConductivity(
        eMag[v],
        params.sigma0[v],
        params.sigma1[v],
        params.reversibleVPerM[v],
        params.irreversibleVPerM[v],
      )
      // Fixed-point residual: how far σ is from σ(E) (for the monotone variant, only where σ < σ(E)).
      const step = monotone ? Math.max(0, target - sigma[v]) : target - sigma[v]
      next[v] = sigma[v] + omega * step
      residual = Math.max(residual, Math.abs(step))
    }
    history.push(sigmaScale > 0 ? residual / sigmaScale : 0)
    // Floating needles: residual of their net currents, and the Newton step for the next solve.
    const floatResidual = floating
      ? floatingStep(grid, floating, current, sigma, params.sigma0, currentsA, potentialsV)
      : 0
    if (history[history.length - 1] < tol && floatResidual <= (options.floatingTolerance ?? 1e-3)) {
      converged = true
      break
    }
    // Keep σ consistent with φ when the cap is hit: update only if another solve follows.
    if (iterations < maxIterations) {
      sigma.set(next)
      if (floating) current = electrodes.map((e, k) => ({ ...e, potentialV: potentialsV[k] }))
    }
  }
  return {
    phi: phi instanceof Float32Array ? phi : Float32Array.from(phi ?? new Float32Array(n)),
    eMagVPerM: eMag,
    sigma,
    iterations,
    converged,
    residualHistory: history,
    baselineCurrentsA,
    currentsA,
    linearIterations,
  }
}

/** One pulse train of a sequence: electrode a at `voltageV`, electrode b at 0 V. */
export interface ElectrodePair {
  readonly a: number
  readonly b: number
  readonly voltageV: number
}

/** All pairs of electrodes whose tips are at most `maxDistanceM` apart (e.g. the neighbours of a hexagonal array). */
export function pairsWithinDistance(
  tipsM: readonly (readonly [number, number, number])[],
  maxDistanceM: number,
  voltageV: number,
): ElectrodePair[] {
  const out: ElectrodePair[] = []
  for (let a = 0; a < tipsM.length; a++) {
    for (let b = a + 1; b < tipsM.length; b++) {
      const [x, y, z] = tipsM[a]
      const [u, v, w] = tipsM[b]
      if (Math.hypot(x - u, y - v, z - w) <= maxDistanceM) out.push({ a, b, voltageV })
    }
  }
  return out
}

/** Per-pair outcome of {@link treatmentField}. */
export interface PairOutcome {
  readonly pair: ElectrodePair
  /** Current (A) drawn from electrode a, at the final σ. */
  readonly currentA: number
  readonly iterations: number
  readonly converged: boolean
  /** Electrode potentials (V) of the linear (superposed) solution, floating ones included; floating model only. */
  readonly potentialsV?: readonly number[]
}

/** Options of {@link treatmentField}. */
export type TreatmentFieldOptions = ElectroporationOptions & {
  /** Non-linear σ(E) per pair (default true) or the baseline σ0 only. */
  readonly nonlinear?: boolean
  /** Needles outside the active pair: floating metal (default) or replaced by tissue (earlier model). */
  readonly inactive?: 'floating' | 'tissue'
  /** Relative residual of the superposition's basis solves (default BASIS_REL_TOL). */
  readonly basisRelTol?: number
  /** Helper threads for the basis solves (see `BasisOptions.team`; undefined: the default team). */
  readonly team?: EfieldTeam | null
  /** Called with each pair's |E| (V/m) before it is merged (a scratch buffer: copy what you keep). */
  readonly onPair?: (pairIndex: number, eMagVPerM: Float32Array) => void
  /** Called before each pair's non-linear iteration; return false to stop (throws `Error('cancelled')`). */
  readonly onProgress?: (pairIndex: number) => boolean
}

/**
 * The σ(E) iteration of one pair of a sequence with the other needles floating: every needle held at its
 * superposed linear potential (`potentialsV`), the floating ones then updated between solves
 * (floating.ts), starting from the superposed linear potential field.
 */
export function solvePairElectroporation(
  grid: Grid3,
  params: EctVoxelParams,
  electrodes: readonly Electrode[],
  pair: ElectrodePair,
  bases: ElectrodeBases,
  potentialsV: ArrayLike<number>,
  options: ElectroporationOptions = {},
): ElectroporationResult {
  const indices: number[] = []
  for (let k = 0; k < electrodes.length; k++) if (k !== pair.a && k !== pair.b) indices.push(k)
  const held = electrodes.map((e, k) => ({ ...e, potentialV: potentialsV[k], floating: false }))
  return solveElectroporation(grid, params, held, [], {
    ...options,
    initialPhi: superposedPotential(bases, potentialsV),
    floating: { indices, conductanceS: bases.conductanceS },
  })
}

/** The pair's electrodes for a direct solve: a at V, b at 0 V, the others floating metal. */
export function pairElectrodes(electrodes: readonly Electrode[], pair: ElectrodePair): Electrode[] {
  return electrodes.map((e, k) =>
    k === pair.a
      ? { ...e, potentialV: pair.voltageV, floating: false }
      : k === pair.b
        ? { ...e, potentialV: 0, floating: false }
        : { ...e, potentialV: 0, floating: true },
  )
}

/**
 * Treatment field of a sequence: the voxel-wise maximum of |E| (V/m) over the pairs, each pair solved with
 * the non-linear σ(E) iteration (or linearly with the baseline σ0 when `nonlinear` is false). `electrodes`
 * gives each needle's voxels (their potentialV is ignored).
 */
export function treatmentField(
  grid: Grid3,
  params: EctVoxelParams,
  electrodes: readonly Electrode[],
  pairs: readonly ElectrodePair[],
  options: TreatmentFieldOptions = {},
): {
  readonly eMaxVPerM: Float32Array
  readonly pairs: readonly PairOutcome[]
  /** The linear basis solutions (floating model only). */
  readonly bases?: ElectrodeBases
} {
  if (options.inactive === 'tissue') return tissueModel(grid, params, electrodes, pairs, options)
  const nonlinear = options.nonlinear ?? true
  const bases = solveElectrodeBases(grid, params.sigma0, electrodes, {
    relTol: options.basisRelTol ?? BASIS_REL_TOL,
    team: options.team,
  })
  if (!nonlinear) {
    const lin = superposedTreatmentField(bases, pairs, options.onPair)
    return {
      eMaxVPerM: lin.eMaxVPerM,
      bases,
      pairs: lin.pairs.map((p) => ({
        pair: p.pair,
        currentA: p.currentsA[p.pair.a],
        iterations: 0,
        converged: true,
        potentialsV: Array.from(p.potentialsV),
      })),
    }
  }
  const n = params.sigma0.length
  const eMax = new Float32Array(n)
  const outcomes: PairOutcome[] = []
  // Linear potentials of every pair first (cheap), then each pair's σ(E) iteration from its own.
  const linear = superposedTreatmentField(bases, pairs)
  pairs.forEach((pair, q) => {
    if (options.onProgress && !options.onProgress(q)) throw new Error('cancelled')
    const U = linear.pairs[q].potentialsV
    const res = solvePairElectroporation(grid, params, electrodes, pair, bases, U, options)
    const e = res.eMagVPerM
    options.onPair?.(q, e)
    for (let v = 0; v < n; v++) if (e[v] > eMax[v]) eMax[v] = e[v]
    outcomes.push({
      pair,
      currentA: res.currentsA[pair.a],
      iterations: res.iterations,
      converged: res.converged,
      potentialsV: Array.from(U),
    })
  })
  return { eMaxVPerM: eMax, pairs: outcomes, bases }
}

/** The earlier model: each pair solved alone, the other needles replaced by tissue. */
function tissueModel(
  grid: Grid3,
  params: EctVoxelParams,
  electrodes: readonly Electrode[],
  pairs: readonly ElectrodePair[],
  options: TreatmentFieldOptions,
): { readonly eMaxVPerM: Float32Array; readonly pairs: readonly PairOutcome[] } {
  const n = params.sigma0.length
  const eMax = new Float32Array(n)
  const outcomes: PairOutcome[] = []
  const nonlinear = options.nonlinear ?? true
  pairs.forEach((pair, q) => {
    if (options.onProgress && !options.onProgress(q)) throw new Error('cancelled')
    const active = [
      { ...electrodes[pair.a], potentialV: pair.voltageV, floating: false },
      { ...electrodes[pair.b], potentialV: 0, floating: false },
    ]
    const res = solveElectroporation(grid, params, active, [], {
      ...options,
      maxIterations: nonlinear ? options.maxIterations : 1,
    })
    options.onPair?.(q, res.eMagVPerM)
    for (let v = 0; v < n; v++) if (res.eMagVPerM[v] > eMax[v]) eMax[v] = res.eMagVPerM[v]
    outcomes.push({
      pair,
      currentA: res.currentsA[0],
      iterations: res.iterations,
      converged: nonlinear ? res.converged : true,
    })
  })
  return { eMaxVPerM: eMax, pairs: outcomes }
}

/**
 * Fraction of the voxels of `mask` (non-zero entries) where |E| ≥ threshold (V/m; one value or one per
 * voxel). Returns 0 for an empty mask.
 */
export function fractionAbove(
  eMagVPerM: ArrayLike<number>,
  mask: ArrayLike<number>,
  thresholdVPerM: number | ArrayLike<number>,
): number {
  let inside = 0
  let above = 0
  for (let v = 0; v < eMagVPerM.length; v++) {
    if (!mask[v]) continue
    inside++
    const t = typeof thresholdVPerM === 'number' ? thresholdVPerM : thresholdVPerM[v]
    if (eMagVPerM[v] >= t) above++
  }
  return inside > 0 ? above / inside : 0
}

/** 1 where |E| ≥ threshold (V/m; one value or one per voxel), else 0: e.g. the irreversible region. */
export function regionAbove(
  eMagVPerM: ArrayLike<number>,
  thresholdVPerM: number | ArrayLike<number>,
): Uint8Array {
  const out = new Uint8Array(eMagVPerM.length)
  for (let v = 0; v < out.length; v++) {
    const t = typeof thresholdVPerM === 'number' ? thresholdVPerM : thresholdVPerM[v]
    out[v] = eMagVPerM[v] >= t ? 1 : 0
  }
  return out
}
