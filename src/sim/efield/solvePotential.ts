/**
 * Solves ∇·(σ∇φ) = 0 for the electric potential on a heterogeneous voxel grid (SI: m, S/m, V). Pure.
 *
 * Discretisation: potentialOperator.ts. Solver: conjugate gradients preconditioned by one symmetric
 * geometric-multigrid V-cycle per iteration (MG-PCG, pcg.ts and multigrid.ts), or plain V-cycle iteration.
 * Convergence criterion: the relative residual ‖b − Aφ‖₂ / ‖b‖₂ ≤ relTol on the free voxels, where b is the
 * load from the imposed potentials (amperes: the residual is the current imbalance of each voxel). The
 * criterion is relative to ‖b‖, not to the initial residual, so a warm start converges in fewer iterations
 * to the same accuracy.
 */
import type { Grid3 } from '../grid/grid3'
import { computeResidual, dotLevel } from './mgLevel'
import { buildMultigrid, vCycle } from './multigrid'
import { createPcgWork, pcgSolve } from './pcg'
import {
  type Electrode,
  type Pad,
  type PotentialOperator,
  VOXEL_ELECTRODE,
  VOXEL_FREE,
  assemblePotentialOperator,
} from './potentialOperator'

/** Inputs of a potential solve. */
export interface PotentialProblem {
  readonly grid: Grid3
  /** Conductivity per voxel (S/m), x fastest. */
  readonly sigma: ArrayLike<number>
  readonly electrodes: readonly Electrode[]
  /** Optional Dirichlet pads on domain faces (the other faces are zero-flux). */
  readonly pads?: readonly Pad[]
}

/** Solver settings; every field has a default. */
export interface SolvePotentialOptions {
  /** Relative residual target ‖b − Aφ‖₂/‖b‖₂ (default 1e-6). */
  readonly relTol?: number
  /** Iteration cap (default 200). */
  readonly maxIterations?: number
  /** Warm start (V per voxel), e.g. the previous solution while dragging a needle. */
  readonly initialPhi?: ArrayLike<number>
  /** 'mgpcg' (default): multigrid-preconditioned CG; 'multigrid': plain V-cycles. */
  readonly method?: 'mgpcg' | 'multigrid'
  /** Red-black Gauss–Seidel sweeps before and after each coarse correction (default 2). */
  readonly smoothingSweeps?: number
}

/** Result of a potential solve. */
export interface PotentialSolution {
  /** Potential per voxel (V); electrode voxels hold their potential, inactive voxels 0. */
  readonly phi: Float32Array
  /** Iterations used (PCG iterations or V-cycles). */
  readonly iterations: number
  /** Final true relative residual ‖b − Aφ‖₂/‖b‖₂ (recomputed, not the recursive CG estimate). */
  readonly residual: number
  readonly converged: boolean
  /** Relative residual before the first iteration and after each one. */
  readonly residualHistory: readonly number[]
}

const norm = (op: PotentialOperator, v: Float64Array): number => Math.sqrt(dotLevel(op.level, v, v))

/** Solves an assembled problem (see {@link solvePotential}); use it to reuse an assembly. */
export function solveAssembled(
  op: PotentialOperator,
  options: SolvePotentialOptions = {},
): PotentialSolution {
  const relTol = options.relTol ?? 1e-6
  const maxIterations = options.maxIterations ?? 200
  const l = op.level
  const { plane, n, len } = l
  const end = plane + n
  const x = new Float64Array(len)
  if (options.initialPhi) {
    const init = options.initialPhi
    if (init.length !== n) throw new Error(`initialPhi has ${init.length} values for ${n} voxels`)
    for (let v = 0; v < n; v++) if (op.kind[v] === VOXEL_FREE) x[plane + v] = init[v]
  }
  const bNorm = norm(op, op.rhs)
  const history: number[] = []
  let iterations = 0
  const buildMg = () => buildMultigrid(l, options.smoothingSweeps ?? 2)
  const work = createPcgWork(len)
  const r = work.r
  if (options.method === 'multigrid') {
    if (bNorm > 0) computeResidual(l, x, op.rhs, r)
    if (bNorm > 0) history.push(norm(op, r) / bNorm)
    // The hierarchy is built only when an iteration is needed (a warm start may already be converged).
    if (bNorm > 0 && history[0] > relTol) {
      const mg = buildMg()
      const z = work.z
      while (history[history.length - 1] > relTol && iterations < maxIterations) {
        vCycle(mg, r, z)
        for (let P = plane; P < end; P++) x[P] += z[P]
        computeResidual(l, x, op.rhs, r)
        history.push(norm(op, r) / bNorm)
        iterations++
      }
    }
  } else if (bNorm > 0) {
    iterations = pcgSolve(l, buildMg, op.rhs, x, relTol, maxIterations, work, history).iterations
  }
  computeResidual(l, x, op.rhs, r)
  const residual = bNorm > 0 ? norm(op, r) / bNorm : 0
  const phi = new Float32Array(n)
  for (let v = 0; v < n; v++) {
    const kind = op.kind[v]
    phi[v] = kind === VOXEL_FREE ? x[plane + v] : kind === VOXEL_ELECTRODE ? op.fixedV[v] : 0
  }
  return { phi, iterations, residual, converged: residual <= relTol, residualHistory: history }
}

/**
 * Solves ∇·(σ∇φ) = 0 with the electrodes' potentials imposed, zero flux on the domain boundary except on
 * pads. Returns φ in volts per voxel.
 */
export function solvePotential(
  problem: PotentialProblem,
  options: SolvePotentialOptions = {},
): PotentialSolution {
  const op = assemblePotentialOperator(
    problem.grid,
    problem.sigma,
    problem.electrodes,
    problem.pads,
  )
  return solveAssembled(op, options)
}
