/**
 * Floating electrodes in the non-linear σ(E) iteration. Pure; SI units.
 *
 * A floating needle (zero net current, unknown potential) could be solved as stiff metal
 * (potentialOperator.ts), but 10⁴:1 conductances inside the needle slow MG-PCG ~40× (measured on the sacral
 * ECT case: 850 PCG iterations per pair instead of 24). Instead every solve holds all needles at fixed
 * potentials, and between solves the floating potentials take one Newton step on their net currents,
 * I_F(u) = 0, with the baseline conductance matrix of superposition.ts scaled by the conductivity rise
 * around each needle: J = S^½ G⁰_FF S^½, S = diag(Σσ/Σσ₀ over the needle's neighbour voxels). The step is
 * exact for linear σ (one step from any start); with σ(E) it converges alongside the σ fixed point, and the
 * iteration stops only when both the σ residual and max|I_F|/|I_pair| are within tolerance.
 */
import type { Grid3 } from '../grid/grid3'
import type { Electrode } from './potentialOperator'

/** The floating electrodes of a solve and the baseline conductance matrix (S, N × N, row-major). */
export interface FloatingSpec {
  /** Indices (into the electrode list) of the floating electrodes. */
  readonly indices: readonly number[]
  readonly conductanceS: Float64Array
}

/**
 * Solves the dense system M x = r in place (M row-major m × m, r length m; x returned in r) by Gaussian
 * elimination with partial pivoting. A zero pivot (an unconnected unknown) leaves that unknown at 0.
 */
export function solveDense(M: Float64Array, r: Float64Array, m: number): Float64Array {
  for (let c = 0; c < m; c++) {
    let piv = c
    for (let i = c + 1; i < m; i++) if (Math.abs(M[i * m + c]) > Math.abs(M[piv * m + c])) piv = i
    if (piv !== c) {
      for (let j = 0; j < m; j++) {
        const t = M[c * m + j]
        M[c * m + j] = M[piv * m + j]
        M[piv * m + j] = t
      }
      const t = r[c]
      r[c] = r[piv]
      r[piv] = t
    }
    const d = M[c * m + c]
    if (!(Math.abs(d) > 0)) continue
    for (let i = c + 1; i < m; i++) {
      const f = M[i * m + c] / d
      if (f === 0) continue
      for (let j = c; j < m; j++) M[i * m + j] -= f * M[c * m + j]
      r[i] -= f * r[c]
    }
  }
  for (let c = m - 1; c >= 0; c--) {
    const d = M[c * m + c]
    let s = r[c]
    for (let j = c + 1; j < m; j++) s -= M[c * m + j] * r[j]
    r[c] = Math.abs(d) > 0 ? s / d : 0
  }
  return r
}

/** Σσ/Σσ₀ over the 6-neighbours of an electrode's voxels (1 when they are all insulating). */
function conductivityRise(
  grid: Grid3,
  voxels: ArrayLike<number>,
  sigma: ArrayLike<number>,
  sigma0: ArrayLike<number>,
): number {
  const { nx, ny, nz } = grid
  const plane = nx * ny
  let s = 0
  let s0 = 0
  for (let q = 0; q < voxels.length; q++) {
    const v = voxels[q]
    const i = v % nx
    const j = Math.floor(v / nx) % ny
    const k = Math.floor(v / plane)
    const add = (u: number): void => {
      s += sigma[u]
      s0 += sigma0[u]
    }
    if (i > 0) add(v - 1)
    if (i < nx - 1) add(v + 1)
    if (j > 0) add(v - nx)
    if (j < ny - 1) add(v + nx)
    if (k > 0) add(v - plane)
    if (k < nz - 1) add(v + plane)
  }
  return s0 > 0 ? s / s0 : 1
}

/**
 * One Newton step on the floating potentials (updated in `potentialsV`) from the net currents of the last
 * solve (`currentsA`, A, per electrode). Returns the residual max|I_F| / max|I_driven| before the step.
 */
export function floatingStep(
  grid: Grid3,
  spec: FloatingSpec,
  electrodes: readonly Electrode[],
  sigma: ArrayLike<number>,
  sigma0: ArrayLike<number>,
  currentsA: readonly number[],
  potentialsV: Float64Array,
): number {
  const F = spec.indices
  const m = F.length
  if (m === 0) return 0
  const N = electrodes.length
  let drive = 0
  let worst = 0
  for (let k = 0; k < N; k++) {
    if (F.includes(k)) worst = Math.max(worst, Math.abs(currentsA[k]))
    else drive = Math.max(drive, Math.abs(currentsA[k]))
  }
  const scale = F.map((f) => Math.sqrt(conductivityRise(grid, electrodes[f].voxels, sigma, sigma0)))
  const M = new Float64Array(m * m)
  const r = new Float64Array(m)
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      M[i * m + j] = scale[i] * scale[j] * spec.conductanceS[F[i] * N + F[j]]
    }
    r[i] = -currentsA[F[i]]
  }
  solveDense(M, r, m)
  for (let i = 0; i < m; i++) potentialsV[F[i]] += r[i]
  return drive > 0 ? worst / drive : 0
}
