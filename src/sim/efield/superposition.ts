/**
 * Linear fields of a needle array by superposition (ECT pulse sequences with baseline σ). Pure; SI units.
 *
 * Every needle is metal and present during every pulse; the generator connects two of them (the pair) and
 * leaves the others FLOATING (equipotential, zero net current). With σ fixed the problem is linear, so
 * with N electrodes and no pads:
 * - basis φ_k (k < N − 1): electrode k at 1 V, every other electrode at 0 V (all Dirichlet). All bases share
 *   one operator (same Dirichlet voxels), so one assembly and one multigrid hierarchy serve them all; the
 *   last electrode needs no basis because Σ_k φ_k = 1 (zero-flux boundary);
 * - conductance matrix G (S): G_lk = current leaving electrode l in basis k (flux over its faces with the
 *   solver's conductances). Reciprocity makes it symmetric up to the solver tolerance; it is symmetrised
 *   and its last row and column set to minus the sums of the others, so that every row and column sums
 *   to zero and the currents of a pair are conserved exactly (I_a = −I_b, zero on floating needles);
 * - a pair (a at V, b at 0): the floating potentials u solve G_FF u = −G_Fa V (zero net current on each
 *   floating electrode F), U = (V at a, 0 at b, u on F), φ = U_{N−1} + Σ_{k<N−1} (U_k − U_{N−1}) φ_k and
 *   the electrode currents are exactly G U;
 * - |E| per pair from the combined field (the field reconstruction is linear in φ, field.ts), treatment
 *   field = voxel-wise max over pairs.
 * Cost: N − 1 solves for any number of pairs (12 pairs of a 7-needle hexagon: 6 solves instead of 12),
 * done as ONE block solve (blockPcg.ts: each cell's conductances loaded once for all bases), started by
 * full multigrid (or from the previous drag frame's bases) and finished by MG-PCG per basis.
 * Convergence criterion per basis: ‖b − Aφ‖₂ ≤ relTol·‖b‖₂, default {@link BASIS_REL_TOL}; the resulting
 * field error is measured in tests/sim/efield/superposition.test.ts and README.md.
 */
import { assert } from '../../lib/assert'
import type { Grid3 } from '../grid/grid3'
import { electricFieldsOfBlock } from './field'
import { acquireBlockPcgWork, blockPcgSolve } from './blockPcg'
import {
  type EfieldTeam,
  EFIELD_PARALLEL_MIN_CELLS,
  canShareMemory,
  defaultEfieldTeam,
  solveBasesOnTeam,
  solveBasisRange,
} from './efieldThreads'
import { buildMultigrid } from './multigrid'
import {
  type Electrode,
  VOXEL_ELECTRODE,
  VOXEL_FREE,
  assemblePotentialOperator,
} from './potentialOperator'

/**
 * Default relative residual of each basis solve. Measured on 61³ (README): max |ΔE| of the whole treatment
 * field vs bases solved to 1e-10 is 0.31 V/cm (hexagon, 12 pairs) and 0.95 V/cm (2×3 array; 0.54 V/cm
 * where 200–1200 V/cm, 0.14 % of 400 V/cm); at 1e-3 it is 9–17 V/cm.
 */
export const BASIS_REL_TOL = 1e-4

/** A pulse of a sequence: electrode a at `voltageV`, electrode b at 0 V (the others floating). */
export interface PairSpec {
  readonly a: number
  readonly b: number
  readonly voltageV: number
}

/** Settings of {@link solveElectrodeBases}. */
export interface BasisOptions {
  /** Relative residual per basis (default {@link BASIS_REL_TOL}). */
  readonly relTol?: number
  /** PCG iteration cap per basis (default 100). */
  readonly maxIterations?: number
  /** Red-black Gauss–Seidel sweeps before and after each coarse correction (default 2). */
  readonly smoothingSweeps?: number
  /**
   * Warm start: potentials of the same electrodes' bases (by index, V per volt, one array per basis), e.g.
   * the previous drag frame. Without it each basis starts from a full-multigrid cycle.
   */
  readonly initial?: readonly ArrayLike<number>[]
  /**
   * Helper threads for the bases (efieldThreads.ts; results bit-identical to one thread). Undefined: the
   * default team (`setDefaultEfieldTeam`) on grids of at least EFIELD_PARALLEL_MIN_CELLS cells; null:
   * this thread alone. Not used with `initial` (warm-started drag frames stay on one thread).
   */
  readonly team?: EfieldTeam | null
}

/** The basis solutions of an electrode set; see the module header. */
export interface ElectrodeBases {
  readonly grid: Grid3
  readonly sigma: ArrayLike<number>
  /** The electrodes (their potentialV is ignored). */
  readonly electrodes: readonly Electrode[]
  /** N, the number of electrodes. */
  readonly count: number
  /** φ_k for k < N − 1 (V per volt); electrode voxels hold 1 (electrode k) or 0. */
  readonly phi: readonly Float32Array[]
  /**
   * E of every φ_k interleaved per voxel (V/m per volt): component d of basis k at voxel v is at
   * [3·((N − 1)·v + k) + d], so a pair's field is combined voxel by voxel from contiguous memory.
   */
  readonly field: Float32Array
  /** N × N conductance matrix (S), row-major: entry (l, k) = current leaving l in basis k. */
  readonly conductanceS: Float64Array
  /**
   * Largest |G_lk − G_kl| / max G_ll of the solved columns before symmetrisation (reciprocity holds to the
   * solver tolerance).
   */
  readonly reciprocityError: number
  /** PCG iterations summed over the bases. */
  readonly iterations: number
  /** Largest final relative residual over the bases. */
  readonly maxResidual: number
}

/** Solves the N − 1 basis problems of `electrodes` (at least 2, disjoint voxel sets). */
export function solveElectrodeBases(
  grid: Grid3,
  sigma: ArrayLike<number>,
  electrodes: readonly Electrode[],
  options: BasisOptions = {},
): ElectrodeBases {
  const count = electrodes.length
  assert(count >= 2, 'superposition needs at least two electrodes')
  const relTol = options.relTol ?? BASIS_REL_TOL
  const maxIterations = options.maxIterations ?? 100
  // Distinct potentials make the assembly reject a voxel shared by two electrodes (they would be shorted).
  const op = assemblePotentialOperator(
    grid,
    sigma,
    electrodes.map((e, k) => ({ ...e, potentialV: k, floating: false })),
  )
  const l = op.level
  const mg = buildMultigrid(l, options.smoothingSweeps ?? 2)
  // All N − 1 bases are solved together (blockPcg.ts): value k of padded cell P at B·P + k.
  const B = count - 1
  const x = new Float64Array(B * l.len)
  const { voxel, electrode, conductanceS: linkG } = op.links
  const n = l.n
  const plane = l.plane
  const team = chooseTeam(options, n, B)
  let out: { readonly iterations: ArrayLike<number>; readonly residual: ArrayLike<number> }
  if (options.initial) {
    const work = acquireBlockPcgWork(mg, B)
    const rhs = work.rhs
    for (let q = 0; q < voxel.length; q++) {
      if (electrode[q] < B) rhs[B * voxel[q] + electrode[q]] += linkG[q]
    }
    for (let k = 0; k < B; k++) {
      const init = options.initial[k]
      assert(init.length === n, `initial basis ${k} has ${init.length} values for ${n} voxels`)
      for (let v = 0; v < n; v++) if (op.kind[v] === VOXEL_FREE) x[B * (plane + v) + k] = init[v]
    }
    out = blockPcgSolve(l, mg, work, rhs, x, relTol, maxIterations)
  } else if (team) {
    out = solveBasesOnTeam(team, l, mg, op.links, B, relTol, maxIterations, x)
  } else {
    out = solveBasisRange(l, mg, op.links, 0, B, relTol, maxIterations, x)
  }
  let iterations = 0
  let maxResidual = 0
  for (let k = 0; k < B; k++) {
    iterations += out.iterations[k]
    maxResidual = Math.max(maxResidual, out.residual[k])
  }
  // Electrode voxels carry their basis potential (1 on electrode k in basis k, else 0) in x from here on, so
  // that x is each basis' complete potential (padded layout) for the field and the φ arrays.
  for (let v = 0; v < n; v++) {
    if (op.kind[v] === VOXEL_ELECTRODE && op.fixedV[v] < B) x[B * (plane + v) + op.fixedV[v]] = 1
  }
  const G = new Float64Array(count * count)
  for (let q = 0; q < voxel.length; q++) {
    const e = electrode[q]
    for (let k = 0; k < B; k++) {
      G[e * count + k] += linkG[q] * ((e === k ? 1 : 0) - x[B * voxel[q] + k])
    }
  }
  const reciprocityError = symmetriseConductance(G, count)
  const field = electricFieldsOfBlock({ grid, sigma, electrodes }, x, B, plane)
  let phi: Float32Array[] | null = null
  // φ_k per basis, unpacked on first use (the linear treatment field needs only the fields).
  const phis = (): Float32Array[] => {
    if (phi) return phi
    phi = []
    for (let k = 0; k < B; k++) phi.push(new Float32Array(n))
    for (let v = 0; v < n; v++) {
      for (let k = 0, o = B * (plane + v); k < B; k++, o++) phi[k][v] = x[o]
    }
    return phi
  }
  return {
    grid,
    sigma,
    electrodes,
    count,
    get phi() {
      return phis()
    },
    field,
    conductanceS: G,
    reciprocityError,
    iterations,
    maxResidual,
  }
}

/** The team that solves the bases (see BasisOptions.team), or null for this thread alone. */
function chooseTeam(options: BasisOptions, cells: number, B: number): EfieldTeam | null {
  const team = options.team === undefined ? defaultEfieldTeam() : options.team
  if (!team || team.isBroken || B < 2 || !canShareMemory()) return null
  return options.team !== undefined || cells >= EFIELD_PARALLEL_MIN_CELLS ? team : null
}

/**
 * Symmetrises the solved block (l, k < N − 1) of G in place and fills the last row and column so that
 * every row and column sums to zero; returns the relative asymmetry found.
 */
function symmetriseConductance(G: Float64Array, N: number): number {
  const m = N - 1
  let diag = 0
  for (let l = 0; l < m; l++) diag = Math.max(diag, G[l * N + l])
  let asym = 0
  for (let l = 0; l < m; l++) {
    for (let k = l + 1; k < m; k++) {
      asym = Math.max(asym, Math.abs(G[l * N + k] - G[k * N + l]))
      const mean = 0.5 * (G[l * N + k] + G[k * N + l])
      G[l * N + k] = mean
      G[k * N + l] = mean
    }
  }
  let total = 0
  for (let l = 0; l < m; l++) {
    let s = 0
    for (let k = 0; k < m; k++) s += G[l * N + k]
    G[l * N + m] = -s
    G[m * N + l] = -s
    total += s
  }
  G[m * N + m] = total
  return diag > 0 ? asym / diag : 0
}

/**
 * Electrode potentials (V) of a pair with the other electrodes floating: U_a = V, U_b = 0 and zero net
 * current on each floating electrode (G_FF u = −G_Fa V, solved by Gaussian elimination with pivoting).
 */
export function pairPotentials(
  conductanceS: Float64Array,
  count: number,
  pair: PairSpec,
): Float64Array {
  const { a, b, voltageV } = pair
  assert(a !== b && a >= 0 && b >= 0 && a < count && b < count, 'invalid electrode pair')
  const U = new Float64Array(count)
  U[a] = voltageV
  const F: number[] = []
  for (let k = 0; k < count; k++) if (k !== a && k !== b) F.push(k)
  const m = F.length
  if (m === 0) return U
  const M = new Float64Array(m * (m + 1))
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) M[i * (m + 1) + j] = conductanceS[F[i] * count + F[j]]
    M[i * (m + 1) + m] = -conductanceS[F[i] * count + a] * voltageV
  }
  for (let c = 0; c < m; c++) {
    let piv = c
    for (let r = c + 1; r < m; r++) {
      if (Math.abs(M[r * (m + 1) + c]) > Math.abs(M[piv * (m + 1) + c])) piv = r
    }
    if (piv !== c) {
      for (let j = 0; j <= m; j++) {
        const t = M[c * (m + 1) + j]
        M[c * (m + 1) + j] = M[piv * (m + 1) + j]
        M[piv * (m + 1) + j] = t
      }
    }
    const d = M[c * (m + 1) + c]
    // An electrode in insulator (no conductance) floats at an undefined potential: leave it at 0 V.
    if (!(Math.abs(d) > 0)) continue
    for (let r = c + 1; r < m; r++) {
      const f = M[r * (m + 1) + c] / d
      if (f === 0) continue
      for (let j = c; j <= m; j++) M[r * (m + 1) + j] -= f * M[c * (m + 1) + j]
    }
  }
  for (let c = m - 1; c >= 0; c--) {
    const d = M[c * (m + 1) + c]
    let s = M[c * (m + 1) + m]
    for (let j = c + 1; j < m; j++) s -= M[c * (m + 1) + j] * U[F[j]]
    U[F[c]] = Math.abs(d) > 0 ? s / d : 0
  }
  return U
}

/** Electrode currents (A, positive = into the tissue) for electrode potentials U: exactly G U. */
export function electrodeCurrentsOf(bases: ElectrodeBases, U: ArrayLike<number>): Float64Array {
  const N = bases.count
  const I = new Float64Array(N)
  for (let l = 0; l < N; l++) {
    let s = 0
    for (let k = 0; k < N; k++) s += bases.conductanceS[l * N + k] * U[k]
    I[l] = s
  }
  return I
}

/** The potential (V per voxel) of electrode potentials U: U_{N−1} + Σ_k (U_k − U_{N−1}) φ_k. */
export function superposedPotential(bases: ElectrodeBases, U: ArrayLike<number>): Float32Array {
  const N = bases.count
  const ref = U[N - 1]
  const out = new Float32Array(bases.phi[0].length).fill(ref)
  for (let k = 0; k < N - 1; k++) {
    const c = U[k] - ref
    if (c === 0) continue
    const f = bases.phi[k]
    for (let v = 0; v < out.length; v++) out[v] += c * f[v]
  }
  return out
}

/** Coefficients c_k = U_k − U_{N−1} of the bases for electrode potentials U. */
function coefficients(
  bases: ElectrodeBases,
  U: ArrayLike<number>,
  out: Float64Array,
  at: number,
): void {
  const N = bases.count
  for (let k = 0; k < N - 1; k++) out[at + k] = U[k] - U[N - 1]
}

/** E (interleaved [Ex, Ey, Ez], V/m) of electrode potentials U. */
export function superposedField(bases: ElectrodeBases, U: ArrayLike<number>): Float32Array {
  const B = bases.count - 1
  const n = bases.field.length / (3 * B)
  const c = new Float64Array(B)
  coefficients(bases, U, c, 0)
  const F = bases.field
  const out = new Float32Array(3 * n)
  for (let v = 0; v < n; v++) {
    let ex = 0
    let ey = 0
    let ez = 0
    for (let k = 0, o = 3 * B * v; k < B; k++, o += 3) {
      ex += c[k] * F[o]
      ey += c[k] * F[o + 1]
      ez += c[k] * F[o + 2]
    }
    out[3 * v] = ex
    out[3 * v + 1] = ey
    out[3 * v + 2] = ez
  }
  return out
}

/** One pair of a superposed sequence. */
export interface SuperposedPair {
  readonly pair: PairSpec
  /** Electrode potentials (V): the pair's and the floating ones. */
  readonly potentialsV: Float64Array
  /** Current leaving each electrode (A): G U; zero on the floating ones, ±I on the pair. */
  readonly currentsA: Float64Array
}

/**
 * Treatment field (max over pairs of |E|, V/m) of a sequence from the bases, in one pass over the voxels
 * (all pairs combined per voxel from its contiguous basis fields). `onPair`, when given, receives each
 * pair's own |E| afterwards (one array per pair is then kept).
 */
export function superposedTreatmentField(
  bases: ElectrodeBases,
  pairs: readonly PairSpec[],
  onPair?: (pairIndex: number, eMagVPerM: Float32Array) => void,
): { readonly eMaxVPerM: Float32Array; readonly pairs: readonly SuperposedPair[] } {
  const B = bases.count - 1
  const n = bases.field.length / (3 * B)
  const P = pairs.length
  const eMax = new Float32Array(n)
  const out: SuperposedPair[] = pairs.map((pair) => {
    const U = pairPotentials(bases.conductanceS, bases.count, pair)
    return { pair, potentialsV: U, currentsA: electrodeCurrentsOf(bases, U) }
  })
  const c = new Float64Array(P * B)
  out.forEach((p, q) => coefficients(bases, p.potentialsV, c, q * B))
  const mags = onPair ? pairs.map(() => new Float32Array(n)) : null
  const F = bases.field
  for (let v = 0; v < n; v++) {
    const base = 3 * B * v
    let best = 0
    for (let q = 0; q < P; q++) {
      let ex = 0
      let ey = 0
      let ez = 0
      for (let k = 0, o = base, cq = q * B; k < B; k++, o += 3) {
        const ck = c[cq + k]
        ex += ck * F[o]
        ey += ck * F[o + 1]
        ez += ck * F[o + 2]
      }
      const m2 = ex * ex + ey * ey + ez * ez
      if (m2 > best) best = m2
      if (mags) mags[q][v] = Math.sqrt(m2)
    }
    eMax[v] = Math.sqrt(best)
  }
  if (mags && onPair) mags.forEach((m, q) => onPair(q, m))
  return { eMaxVPerM: eMax, pairs: out }
}
