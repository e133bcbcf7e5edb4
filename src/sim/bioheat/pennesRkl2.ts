/**
 * RKL2 super-time-stepping for the Pennes solver (Meyer, Balsara & Aslam 2014, J Comput Phys 257:594):
 * an explicit, second-order Runge–Kutta–Legendre method whose s stages are each one stencil sweep and
 * whose stable step grows as s²: τ ≤ Δt_FE·(s² + s − 2)/4. A 30 s step at Δt_FE ≈ 1 s takes 11 sweeps
 * instead of 30. Damage is integrated along the stages, each stage output standing for T at its effective
 * time (logarithmic mean of the rates per stage interval). Pure; mutates the state it is given.
 */
import { voxelVolumeM3 } from '../grid/grid3'
import type { BioheatState } from './pennes'
import {
  pennesStagePair,
  pennesStagePlane,
  pennesStageSlab,
  stageJob,
  type StageCoefficients,
  type StageJob,
} from './pennesStage'
import { teamIssueStage, teamNextPlane, teamWait } from './pennesThreads'
import { boundBufferIndex } from './pennesBind'

/** Largest stage count per super-step; longer steps are split (keeps round-off growth ∝ s² modest). */
export const RKL2_MAX_STAGES = 40

/** Stage coefficients and the energy weights of one s-stage super-step. */
export interface Rkl2Plan {
  readonly stages: number
  /** Per stage j = 1…s (index j − 1). */
  readonly coefficients: readonly StageCoefficients[]
  /** Y_s − Y_0 = τ Σ_k weights[k]·L(Y_k), k = 0…s−1: used to book energy per term. */
  readonly weights: Float64Array
  /**
   * Effective time of each stage output Y_j as a fraction of τ (j = 1…s, index j − 1): the row sums
   * Σ_k c[j][k], exact for a constant L. Used to integrate the dose along the stages.
   */
  readonly stageTimes: Float64Array
}

/** Smallest s ≥ 2 with Δt_FE·(s² + s − 2)/4 ≥ τ. */
export function rkl2Stages(tauS: number, dtForwardEulerS: number): number {
  let s = 2
  while ((dtForwardEulerS * (s * s + s - 2)) / 4 < tauS) s++
  return s
}

/** RKL2 coefficients (paper eq. 16–17) and the stage weights of the update. */
export function rkl2Plan(s: number): Rkl2Plan {
  const b = (j: number): number => (j < 2 ? 1 / 3 : (j * j + j - 2) / (2 * j * (j + 1)))
  const w1 = 4 / (s * s + s - 2)
  const coefficients: StageCoefficients[] = [
    { mu: 0, nu: 0, muTilde: b(1) * w1, gammaTilde: 0, tauS: 0, isFirst: true },
  ]
  // c[j][k]: Y_j − Y_0 = τ Σ_k c[j][k] L(Y_k); D_j = μ D_{j−1} + ν D_{j−2} + μ̃ L_{j−1} + γ̃ L_0.
  const c: Float64Array[] = [new Float64Array(s), new Float64Array(s)]
  c[1][0] = b(1) * w1
  for (let j = 2; j <= s; j++) {
    const mu = ((2 * j - 1) / j) * (b(j) / b(j - 1))
    const nu = (-(j - 1) / j) * (b(j) / b(j - 2))
    const muTilde = mu * w1
    const gammaTilde = -(1 - b(j - 1)) * muTilde
    coefficients.push({ mu, nu, muTilde, gammaTilde, tauS: 0, isFirst: false })
    const cj = new Float64Array(s)
    for (let k = 0; k < s; k++) cj[k] = mu * c[j - 1][k] + nu * c[j - 2][k]
    cj[j - 1] = cj[j - 1] + muTilde
    cj[0] = cj[0] + gammaTilde
    c.push(cj)
  }
  const stageTimes = new Float64Array(s)
  for (let j = 1; j <= s; j++) stageTimes[j - 1] = c[j].reduce((a, b) => a + b, 0)
  return { stages: s, coefficients, weights: c[s], stageTimes }
}

/** Scratch buffers of the RKL2 path, allocated on first use and kept on the state. */
export interface Rkl2Buffers {
  readonly ly0: Float32Array
  extraA: Float32Array
  extraB: Float32Array
  readonly plans: Map<number, Rkl2Plan>
  /** Row sums of the second stage of a pair (the first uses the arrays' own). */
  readonly rowPerfusionB: Float64Array
  readonly rowSourceB: Float64Array
  readonly rowBoundaryB: Float64Array
  /** Indices of the fixed nodes (built on the first super-step). */
  fixedNodes: Int32Array | null
}

/**
 * Allocates the RKL2 scratch buffers for an nx × ny × nz grid, on SharedArrayBuffers when `shared` (the
 * state runs on a thread team).
 */
export function createRkl2Buffers(
  nx: number,
  ny: number,
  nz: number,
  shared: boolean,
): Rkl2Buffers {
  const n = nx * ny * nz
  const f32 = (): Float32Array =>
    shared ? new Float32Array(new SharedArrayBuffer(4 * n)) : new Float32Array(n)
  return {
    ly0: f32(),
    extraA: f32(),
    extraB: f32(),
    plans: new Map(),
    rowPerfusionB: new Float64Array(ny * nz),
    rowSourceB: new Float64Array(ny * nz),
    rowBoundaryB: new Float64Array(ny * nz),
    fixedNodes: null,
  }
}

/**
 * One RKL2 super-step of length τ with s stages. Mutates `state`: temperature buffers (rotated), damage,
 * perfusion shutdown, energy, time and counters. The energy books take each stage's per-row sums
 * (perfusion, source, heat from fixed nodes) in row order, so they do not depend on the thread count.
 */
export function rkl2SuperStep(state: BioheatState, rk: Rkl2Buffers, tauS: number, s: number): void {
  let plan = rk.plans.get(s)
  if (!plan) {
    plan = rkl2Plan(s)
    rk.plans.set(s, plan)
  }
  const y0 = state.tempC
  const bufs = [state.tempNextC, rk.extraA, rk.extraB] as const
  // Fixed nodes (outer layer, vessels, probes) are never updated by the stages: seed them in every
  // buffer. Free voxels need no seed: each stage writes them before a later stage reads them.
  rk.fixedNodes ??= fixedNodeList(state.isFixed)
  for (const b of bufs) for (const v of rk.fixedNodes) b[v] = y0[v]
  let prev2 = y0
  let prev = y0
  let perf = 0
  let src = 0
  let bnd = 0
  const a = state.arrays
  const { ny, nz } = a
  // With a thread team: this thread and the helpers share out the planes, a barrier per stage.
  const team = state.team
  const rowSum = (rows: Float64Array): number => {
    let sum = 0
    for (let r = ny; r < ny * (nz - 1); r++) sum += rows[r]
    return sum
  }
  // Dose along the stages (each stage output approximates T at its effective time): a single end-point
  // interval under-doses the zone edge by 1–3 % of its diameter at 30–120 s super-steps, and one
  // interval per two stages by 0.6–0.9 % more than one per stage (measured, liver block at 60–120 s).
  const doseTau = (j: number): number =>
    (plan.stageTimes[j - 1] - (j > 1 ? plan.stageTimes[j - 2] : 0)) * tauS
  let j = 1
  while (j <= s) {
    const out = bufs[(j - 1) % 3]
    const c = plan.coefficients[j - 1]
    c.tauS = tauS
    const w = plan.weights[j - 1]
    const dose = doseTau(j)
    const b = { yPrev: prev, yPrev2: prev2, y0, ly0: rk.ly0, out }
    const idx = team ? boundBufferIndex(state, [prev, prev2, y0, rk.ly0, out]) : null
    if (team && idx) {
      teamIssueStage(team, c, dose, [idx[0], idx[1], idx[2], idx[3], idx[4]])
      const job = stageJob(a, b, c, dose)
      for (let k = teamNextPlane(team); k < nz - 1; k = teamNextPlane(team)) {
        pennesStagePlane(a, state.scalars, state.doseTable, job, k)
      }
      teamWait(team)
    } else if (j < s) {
      // One thread: two stages per pass over memory (temporal blocking: stage B reads A's fresh planes).
      const c2 = plan.coefficients[j]
      c2.tauS = tauS
      const out2 = bufs[j % 3]
      const jobA: StageJob = {
        b,
        c,
        doseTauS: dose,
        rowPerfusionW: a.rowPerfusionW,
        rowSourceW: a.rowSourceW,
        rowBoundaryW: a.rowBoundaryW,
      }
      const jobB: StageJob = {
        b: { yPrev: out, yPrev2: prev, y0, ly0: rk.ly0, out: out2 },
        c: c2,
        doseTauS: doseTau(j + 1),
        rowPerfusionW: rk.rowPerfusionB,
        rowSourceW: rk.rowSourceB,
        rowBoundaryW: rk.rowBoundaryB,
      }
      pennesStagePair(a, state.scalars, state.doseTable, jobA, jobB)
      perf += w * rowSum(a.rowPerfusionW)
      src += w * rowSum(a.rowSourceW)
      bnd += w * rowSum(a.rowBoundaryW)
      const w2 = plan.weights[j]
      perf += w2 * rowSum(rk.rowPerfusionB)
      src += w2 * rowSum(rk.rowSourceB)
      bnd += w2 * rowSum(rk.rowBoundaryB)
      prev2 = out
      prev = out2
      j += 2
      continue
    } else {
      pennesStageSlab(a, state.scalars, state.doseTable, b, c, dose, 1, nz - 1)
    }
    perf += w * rowSum(a.rowPerfusionW)
    src += w * rowSum(a.rowSourceW)
    bnd += w * rowSum(a.rowBoundaryW)
    prev2 = prev
    prev = out
    j++
  }
  const vol = voxelVolumeM3(state.grid)
  state.energy.perfusionJ += perf * vol * tauS
  state.energy.sourceJ += src * vol * tauS
  state.energy.boundaryJ += bnd * vol * tauS
  // Rotate: the result becomes tempC, the old Y_0 the Euler scratch, the other two stay RKL2 scratch.
  const rest = bufs.filter((b) => b !== prev)
  state.tempC = prev
  state.tempNextC = y0
  rk.extraA = rest[0]
  rk.extraB = rest[1]
  state.timeS += tauS
  state.steps += s
  state.dtS = tauS
  state.rowsSwept += s * (state.grid.ny - 2) * (state.grid.nz - 2)
  state.forceFullSweep = true
}

/** Indices of the voxels flagged in `isFixed`. */
function fixedNodeList(isFixed: Uint8Array): Int32Array {
  let n = 0
  for (const f of isFixed) n += f
  const list = new Int32Array(n)
  for (let i = 0, q = 0; i < isFixed.length; i++) if (isFixed[i] === 1) list[q++] = i
  return list
}
