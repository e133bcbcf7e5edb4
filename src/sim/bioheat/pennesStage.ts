/**
 * One RKL2 stage of the Pennes solver over z planes of the grid, fused with the dose accumulation of the
 * stage interval (Meyer, Balsara & Aslam 2014, J Comput Phys 257:594, eq. 16–17). Hot loop: no
 * allocation, no closures, no calls in the stencil loop. The static coefficients come interleaved per
 * voxel (`PennesArrays.packed`: one memory stream instead of four, fewer array bases to keep in
 * registers). A face flux is computed from either side with the same operands, and it is an exact odd
 * function of the two temperatures, so each voxel's result does not depend on which thread sweeps which
 * planes, or in which order (`pennesThreads.ts`; bit-identical, tested).
 */
import type { DoseRateTable } from './damage'
import type { PennesArrays, SweepScalars } from './pennesKernel'

/** Coefficients of one RKL2 stage: Y_j = μ Y_{j−1} + ν Y_{j−2} + (1−μ−ν) Y_0 + μ̃ τ L(Y_{j−1}) + γ̃ τ L(Y_0). */
export interface StageCoefficients {
  mu: number
  nu: number
  muTilde: number
  gammaTilde: number
  /** Super-step τ, s. */
  tauS: number
  /** Stage 1: also store L(Y_0) into `ly0` and use Y_1 = Y_0 + μ̃ τ L(Y_0). */
  isFirst: boolean
}

/** The temperature buffers of one stage. */
export interface StageBuffers {
  readonly yPrev: Float32Array
  readonly yPrev2: Float32Array
  readonly y0: Float32Array
  readonly ly0: Float32Array
  readonly out: Float32Array
}

/**
 * A dose-rate table interleaved for the voxel loops: per node q, 8 doubles [Ω rate, next − this, CEM43
 * rate, next − this, ln Ω rate, next − this, ln CEM43 rate, next − this] (−∞ logs where a rate is 0).
 * An interpolation at one temperature then reads one 64-byte record instead of eight entries of four
 * tables, with the same arithmetic (a + f·(b − a), b − a stored): bit-identical values. Built once per
 * table.
 */
const DOSE_STRIDE = 8
const doseRecords = new WeakMap<DoseRateTable, Float64Array>()

function doseRecordsOf(table: DoseRateTable): Float64Array {
  let r = doseRecords.get(table)
  if (!r) {
    const o = table.omegaPerS
    const c = table.cem43MinPerS
    const n = o.length
    r = new Float64Array(n * DOSE_STRIDE)
    for (let q = 0; q < n; q++) {
      const q1 = Math.min(q + 1, n - 1)
      const at = q * DOSE_STRIDE
      const lo = Math.log(o[q])
      const lc = Math.log(c[q])
      r[at] = o[q]
      r[at + 1] = o[q1] - o[q]
      r[at + 2] = c[q]
      r[at + 3] = c[q1] - c[q]
      r[at + 4] = lo
      r[at + 5] = Math.log(o[q1]) - lo
      r[at + 6] = lc
      r[at + 7] = Math.log(c[q1]) - lc
    }
    doseRecords.set(table, r)
  }
  return r
}

/**
 * Adds the dose of one stage interval to Ω and CEM43 on the voxels of one row [i0, i1) that are free and
 * at or above the table's first temperature at either end: τ times the logarithmic mean (r1 − r0)/ln(r1/r0)
 * of the end-point rates (from `t0` to `t1`, both Float32 values), the exact interval mean of a rate
 * exponential in time. Rates are interpolated in the table, and ln(r1/r0) as the difference of the
 * interpolated log-rates (no Math.log per voxel; the two differ by the table's interpolation error,
 * ≤ 2·10⁻⁶ relative). Below the table, or where a rate is 0, the arithmetic mean. Then the maximum
 * temperature and perfusion shutdown.
 */
function doseRow(
  a: PennesArrays,
  table: DoseRateTable,
  rec: Float64Array,
  t0s: Float32Array,
  t1s: Float32Array,
  i0: number,
  i1: number,
  tauS: number,
  shutdownOmega: number,
): void {
  const { omega, cem43Min, maxTempC, perfusion, invHeatCap } = a
  const tabMin = table.minC
  const inv = table.invStepPerC
  const last = table.omegaPerS.length - 2
  for (let i = i0; i < i1; i++) {
    const t0 = t0s[i]
    const t1 = t1s[i]
    if ((t0 < tabMin && t1 < tabMin) || invHeatCap[i] === 0) continue
    let o0 = 0
    let o1 = 0
    let c0 = 0
    let c1 = 0
    let lo0 = 0
    let lo1 = 0
    let lc0 = 0
    let lc1 = 0
    if (t0 >= tabMin) {
      const x = (t0 - tabMin) * inv
      const q = Math.min(x | 0, last)
      const f = Math.min(x - q, 1)
      const at = q * DOSE_STRIDE
      o0 = rec[at] + f * rec[at + 1]
      c0 = rec[at + 2] + f * rec[at + 3]
      lo0 = rec[at + 4] + f * rec[at + 5]
      lc0 = rec[at + 6] + f * rec[at + 7]
    }
    if (t1 >= tabMin) {
      const x = (t1 - tabMin) * inv
      const q = Math.min(x | 0, last)
      const f = Math.min(x - q, 1)
      const at = q * DOSE_STRIDE
      o1 = rec[at] + f * rec[at + 1]
      c1 = rec[at + 2] + f * rec[at + 3]
      lo1 = rec[at + 4] + f * rec[at + 5]
      lc1 = rec[at + 6] + f * rec[at + 7]
    }
    const dO = lo1 - lo0
    const dC = lc1 - lc0
    const mO = o0 <= 0 || o1 <= 0 || !(Math.abs(dO) >= 1e-6) ? 0.5 * (o0 + o1) : (o1 - o0) / dO
    const mC = c0 <= 0 || c1 <= 0 || !(Math.abs(dC) >= 1e-6) ? 0.5 * (c0 + c1) : (c1 - c0) / dC
    const om = omega[i] + tauS * mO
    omega[i] = om
    cem43Min[i] += tauS * mC
    if (t1 > maxTempC[i]) maxTempC[i] = t1
    if (om >= shutdownOmega) perfusion[i] = 0
  }
}

/** One stage's inputs and outputs, for the plane kernel. */
export interface StageJob {
  readonly b: StageBuffers
  readonly c: StageCoefficients
  /** Length of the stage's dose interval, s. */
  readonly doseTauS: number
  /** Per row: perfusion and source terms of L(yPrev), W/m³ summed (the energy books). */
  readonly rowPerfusionW: Float64Array
  readonly rowSourceW: Float64Array
  /** Per row: heat flow from fixed nodes at `yPrev`, W/m³ summed. */
  readonly rowBoundaryW: Float64Array
}

/**
 * One RKL2 stage over the interior rows of the z planes [k0, k1). L(Y) = (ρc)⁻¹·[∇·(k∇Y) + ω ρ_b c_b
 * (T_a − Y) + Q·rolloff(Y)] at `yPrev`, exactly as in `pennesSweep`. Writes `out` (and `ly0` on the
 * first stage) on those rows, and per row the perfusion and source terms of L(yPrev) (W/m³ summed) into
 * `rowPerfusionW`/`rowSourceW` (and the heat from fixed nodes into `rowBoundaryW`) for the energy books.
 * Then, per voxel, the dose of the stage interval (`doseTauS`, from `yPrev` to `out`, logarithmic mean
 * of the end-point rates: exact for CEM43 when T is linear in time), the maximum temperature and
 * perfusion shutdown. Perfusion is read before it is shut down, so the order
 * of operations is that of a stage sweep followed by a dose pass.
 */
export function pennesStageSlab(
  a: PennesArrays,
  s: SweepScalars,
  table: DoseRateTable,
  b: StageBuffers,
  c: StageCoefficients,
  doseTauS: number,
  k0: number,
  k1: number,
): void {
  const job = stageJob(a, b, c, doseTauS)
  const kEnd = Math.min(k1, a.nz - 1)
  for (let k = Math.max(1, k0); k < kEnd; k++) pennesStagePlane(a, s, table, job, k)
}

/** A stage's job writing the arrays' own per-row sums. */
export function stageJob(
  a: PennesArrays,
  b: StageBuffers,
  c: StageCoefficients,
  doseTauS: number,
): StageJob {
  return {
    b,
    c,
    doseTauS,
    rowPerfusionW: a.rowPerfusionW,
    rowSourceW: a.rowSourceW,
    rowBoundaryW: a.rowBoundaryW,
  }
}

/**
 * Two consecutive RKL2 stages over every interior plane in one pass over memory (temporal blocking):
 * stage B (the later one) sweeps plane k − 1 right after stage A swept plane k, while the planes it reads
 * are still in cache. Bit-identical to running A then B (tested): B reads A's output only on planes A has
 * finished; B writes the buffer A reads only at A's own, already swept voxels (the three-buffer rotation:
 * out_B = yPrev2_A); per voxel the dose and perfusion shutdown of A precede B's.
 */
export function pennesStagePair(
  a: PennesArrays,
  s: SweepScalars,
  table: DoseRateTable,
  jobA: StageJob,
  jobB: StageJob,
): void {
  const nz = a.nz
  for (let k = 1; k < nz; k++) {
    if (k < nz - 1) pennesStagePlane(a, s, table, jobA, k)
    if (k >= 2) pennesStagePlane(a, s, table, jobB, k - 1)
  }
}

/**
 * One stage on the interior rows of plane k (1 ≤ k ≤ nz − 2). Planes may be swept in any order and by
 * any thread: a plane reads `yPrev` and its own voxels' other inputs only.
 */
export function pennesStagePlane(
  a: PennesArrays,
  s: SweepScalars,
  table: DoseRateTable,
  job: StageJob,
  k: number,
): void {
  const { nx, ny, packed, perfusion, sourceTotal } = a
  const { fixedRowStart, fixedVoxel, fixedNode, fixedG } = a
  const { arterialC, kc0, kc1, kSumHi, rollHiC, rollInvK, shutdownOmega } = s
  const { yPrev, yPrev2, y0, ly0, out } = job.b
  const { mu, nu, muTilde, gammaTilde, tauS, isFirst } = job.c
  const { rowPerfusionW, rowSourceW, rowBoundaryW, doseTauS } = job
  const mt = muTilde * tauS
  const nxy = nx * ny
  // Offsets in `packed` (4 entries per voxel) of the y face below (gY at i − nx) and z face below.
  const pS = 4 * nx - 1
  const pD = 4 * nxy - 2
  const tabMin = table.minC
  const rec = doseRecordsOf(table)
  // On the first stage Y_{j−1} = Y_{j−2} = Y_0 and L(Y_0) is being written: the general update with
  // μ = 1, ν = 0, w0 = 0, γ̃ = 0 gives exactly Y_0 + μ̃τL (the extra terms are ±0; ly0 is finite).
  const muS = isFirst ? 1 : mu
  const nuS = isFirst ? 0 : nu
  const w0S = isFirst ? 0 : 1 - mu - nu
  const gtS = isFirst ? 0 : gammaTilde * tauS
  for (let j = 1; j < ny - 1; j++) {
    const row = j + ny * k
    const base = nx * row
    const end = base + nx - 1
    let perfW = 0
    let srcW = 0
    // Hottest temperature of the row at either end of the stage: no dose pass below the table.
    let tHot = -Infinity
    // West face of the first voxel (its other side is the boundary layer); then carried east.
    let fPrevE =
      packed[4 * base] *
      (kc0 + kc1 * Math.min(yPrev[base] + yPrev[base + 1], kSumHi)) *
      (yPrev[base + 1] - yPrev[base])
    for (let i = base + 1; i < end; i++) {
      const ti = yPrev[i]
      const te = yPrev[i + 1]
      const tno = yPrev[i + nx]
      const tso = yPrev[i - nx]
      const tu = yPrev[i + nxy]
      const td = yPrev[i - nxy]
      const c = 4 * i
      // k(T) at each face from the face's mean temperature, held constant above the law's range (no
      // lower clamp needed: the factor stays positive down to −463 °C).
      const fw = -fPrevE
      const fe = packed[c] * (kc0 + kc1 * Math.min(ti + te, kSumHi)) * (te - ti)
      const fn = packed[c + 1] * (kc0 + kc1 * Math.min(ti + tno, kSumHi)) * (tno - ti)
      const fs = packed[c - pS] * (kc0 + kc1 * Math.min(ti + tso, kSumHi)) * (tso - ti)
      const fu = packed[c + 2] * (kc0 + kc1 * Math.min(ti + tu, kSumHi)) * (tu - ti)
      const fd = packed[c - pD] * (kc0 + kc1 * Math.min(ti + td, kSumHi)) * (td - ti)
      fPrevE = fe
      const perf = perfusion[i] * (arterialC - ti)
      const q = sourceTotal[i]
      const src = q === 0 ? 0 : q * Math.min(1, Math.max(0, (rollHiC - ti) * rollInvK))
      const l = packed[c + 3] * (fe + fw + fn + fs + fu + fd + perf + src)
      perfW += perf
      srcW += src
      const o = muS * ti + nuS * yPrev2[i] + w0S * y0[i] + mt * l + gtS * ly0[i]
      if (isFirst) ly0[i] = l
      // The dose uses the stored (Float32) end temperature, as a separate dose pass would.
      const t1 = Math.fround(o)
      out[i] = t1
      if (t1 > tHot) tHot = t1
      if (ti > tHot) tHot = ti
    }
    rowPerfusionW[row] = perfW
    rowSourceW[row] = srcW
    // Heat flow from fixed nodes into the row (energy books), as the state's `fixedFaceFluxW`.
    let bndW = 0
    for (let f = fixedRowStart[row], fEnd = fixedRowStart[row + 1]; f < fEnd; f++) {
      const tv = yPrev[fixedVoxel[f]]
      const tb = yPrev[fixedNode[f]]
      bndW += fixedG[f] * (kc0 + kc1 * Math.min(tv + tb, kSumHi)) * (tb - tv)
    }
    rowBoundaryW[row] = bndW
    // The row's doses after its stencil: no voxel's stencil reads another voxel's perfusion, so this is
    // the order of a stage sweep followed by a dose pass.
    if (tHot >= tabMin) {
      doseRow(a, table, rec, yPrev, out, base + 1, end, doseTauS, shutdownOmega)
    }
  }
}
