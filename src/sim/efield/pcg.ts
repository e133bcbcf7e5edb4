/**
 * Multigrid-preconditioned conjugate gradients on an assembled level: the one MG-PCG loop of the solver
 * (solvePotential.ts; superposition.ts solves its bases with the block version, blockPcg.ts). Pure.
 */
import { applyOperator, computeResidual, dotLevel, type MgLevel } from './mgLevel'
import { type Multigrid, vCycle } from './multigrid'

/** Work vectors of {@link pcgSolve} (padded layout of the level). */
export interface PcgWork {
  readonly r: Float64Array
  readonly z: Float64Array
  readonly p: Float64Array
  readonly q: Float64Array
}

/** Allocates the work vectors for a level of `len` entries. */
export const createPcgWork = (len: number): PcgWork => ({
  r: new Float64Array(len),
  z: new Float64Array(len),
  p: new Float64Array(len),
  q: new Float64Array(len),
})

/** Outcome of {@link pcgSolve}. */
export interface PcgOutcome {
  readonly iterations: number
  /** Relative residual ‖b − Ax‖/‖b‖: recomputed before the first iteration, then the CG recurrence. */
  readonly residual: number
}

/**
 * Solves A x = b from the guess in x (updated in place) until ‖b − Ax‖₂ ≤ relTol·‖b‖₂ (the criterion of
 * solvePotential.ts) or `maxIterations`. Fixed cells of b and x must be zero. `mg` may be a function that
 * builds the hierarchy: it is then called only if an iteration is needed (a warm start may already be
 * converged). `history`, when given, receives the relative residual before the first iteration and after
 * each one (the recurrence's).
 */
export function pcgSolve(
  l: MgLevel,
  mg: Multigrid | (() => Multigrid),
  b: Float64Array,
  x: Float64Array,
  relTol: number,
  maxIterations: number,
  work: PcgWork,
  history?: number[],
): PcgOutcome {
  const { r, z, p, q } = work
  const bNorm = Math.sqrt(dotLevel(l, b, b))
  if (bNorm === 0) {
    x.fill(0)
    return { iterations: 0, residual: 0 }
  }
  computeResidual(l, x, b, r)
  let residual = Math.sqrt(dotLevel(l, r, r)) / bNorm
  history?.push(residual)
  let iterations = 0
  if (residual <= relTol || maxIterations <= 0) return { iterations, residual }
  const hierarchy = typeof mg === 'function' ? mg() : mg
  const start = l.plane
  const end = l.plane + l.n
  vCycle(hierarchy, r, z)
  p.set(z)
  let rz = dotLevel(l, r, z)
  while (iterations < maxIterations) {
    applyOperator(l, p, q)
    const alpha = rz / dotLevel(l, p, q)
    let rr = 0
    for (let P = start; P < end; P++) {
      x[P] += alpha * p[P]
      const rv = r[P] - alpha * q[P]
      r[P] = rv
      rr += rv * rv
    }
    iterations++
    residual = Math.sqrt(rr) / bNorm
    history?.push(residual)
    if (residual <= relTol) break
    vCycle(hierarchy, r, z)
    let rzNew = 0
    for (let P = start; P < end; P++) rzNew += r[P] * z[P]
    const beta = rzNew / rz
    rz = rzNew
    for (let P = start; P < end; P++) p[P] = z[P] + beta * p[P]
  }
  return { iterations, residual }
}
