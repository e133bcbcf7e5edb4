/**
 * One RKL2 stage of the Pennes solver over a slab of z planes, fused with the dose accumulation of the
 * stage interval (Meyer, Balsara & Aslam 2014, J Comput Phys 257:594, eq. 16–17). Hot loop: no
 * allocation, no closures. Each interior face flux is computed once and handed to the voxel on its other
 * side (x: in a register; y: a row buffer; z: a plane buffer), which gives the same bits as computing it
 * from both sides: the flux is an exact odd function of the two temperatures. The result therefore does
 * not depend on how the planes are split among threads (`pennesThreads.ts`).
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

/** Per-thread scratch of the face-flux cache (Float64: the cached flux must equal the recomputed one). */
export interface StageScratch {
  /** North (+y) face fluxes of the previous row, nx entries. */
  readonly fluxY: Float64Array
  /** Up (+z) face fluxes of the previous plane, nx·ny entries. */
  readonly fluxZ: Float64Array
}

/** Allocates the scratch of one thread for a grid of nx × ny. */
export function createStageScratch(nx: number, ny: number): StageScratch {
  return { fluxY: new Float64Array(nx), fluxZ: new Float64Array(nx * ny) }
}

/** Natural logs of a dose-rate table's entries (−∞ where the rate is 0), built once per table. */
interface LogRates {
  readonly omega: Float64Array
  readonly cem43: Float64Array
}
const logRates = new WeakMap<DoseRateTable, LogRates>()

function logRatesOf(table: DoseRateTable): LogRates {
  let l = logRates.get(table)
  if (!l) {
    l = { omega: table.omegaPerS.map(Math.log), cem43: table.cem43MinPerS.map(Math.log) }
    logRates.set(table, l)
  }
  return l
}

/**
 * Adds the dose of one stage interval at voxel i, from temperature t0 to t1 (both Float32 values), to Ω
 * and CEM43: τ times the logarithmic mean (r1 − r0)/ln(r1/r0) of the end-point rates, the exact interval
 * mean of a rate exponential in time. Rates are interpolated in the table, and ln(r1/r0) as the
 * difference of the interpolated log-rates (no Math.log per voxel; the two differ by the table's
 * interpolation error, ≤ 2·10⁻⁶ relative). Below the table, or where a rate is 0, the arithmetic mean.
 * Returns the new Ω.
 */
function addDose(
  omega: Float32Array,
  cem43Min: Float32Array,
  table: DoseRateTable,
  logs: LogRates,
  i: number,
  t0: number,
  t1: number,
  tauS: number,
): number {
  const tabO = table.omegaPerS
  const tabC = table.cem43MinPerS
  const last = tabO.length - 2
  let o0 = 0
  let o1 = 0
  let c0 = 0
  let c1 = 0
  let lo0 = 0
  let lo1 = 0
  let lc0 = 0
  let lc1 = 0
  const isIn0 = t0 >= table.minC
  const isIn1 = t1 >= table.minC
  if (isIn0) {
    const x = (t0 - table.minC) * table.invStepPerC
    const k = Math.min(x | 0, last)
    const f = Math.min(x - k, 1)
    o0 = tabO[k] + f * (tabO[k + 1] - tabO[k])
    c0 = tabC[k] + f * (tabC[k + 1] - tabC[k])
    lo0 = logs.omega[k] + f * (logs.omega[k + 1] - logs.omega[k])
    lc0 = logs.cem43[k] + f * (logs.cem43[k + 1] - logs.cem43[k])
  }
  if (isIn1) {
    const x = (t1 - table.minC) * table.invStepPerC
    const k = Math.min(x | 0, last)
    const f = Math.min(x - k, 1)
    o1 = tabO[k] + f * (tabO[k + 1] - tabO[k])
    c1 = tabC[k] + f * (tabC[k + 1] - tabC[k])
    lo1 = logs.omega[k] + f * (logs.omega[k + 1] - logs.omega[k])
    lc1 = logs.cem43[k] + f * (logs.cem43[k + 1] - logs.cem43[k])
  }
  const dO = lo1 - lo0
  const dC = lc1 - lc0
  const mO = o0 <= 0 || o1 <= 0 || !(Math.abs(dO) >= 1e-6) ? 0.5 * (o0 + o1) : (o1 - o0) / dO
  const mC = c0 <= 0 || c1 <= 0 || !(Math.abs(dC) >= 1e-6) ? 0.5 * (c0 + c1) : (c1 - c0) / dC
  const om = omega[i] + tauS * mO
  omega[i] = om
  cem43Min[i] += tauS * mC
  return om
}

/** One stage's inputs and outputs, for the plane kernel. */
export interface StageJob {
  readonly b: StageBuffers
  readonly c: StageCoefficients
  /** Length of the stage's dose interval, s. */
  readonly doseTauS: number
  readonly scratch: StageScratch
  /** Per row: perfusion and source terms of L(yPrev), W/m³ summed (the energy books). */
  readonly rowPerfusionW: Float64Array
  readonly rowSourceW: Float64Array
}

/**
 * One RKL2 stage over the interior rows of the z planes [k0, k1). L(Y) = (ρc)⁻¹·[∇·(k∇Y) + ω ρ_b c_b
 * (T_a − Y) + Q·rolloff(Y)] at `yPrev`, exactly as in `pennesSweep`. Writes `out` (and `ly0` on the
 * first stage) on those rows, and per row the perfusion and source terms of L(yPrev) (W/m³ summed) into
 * `rowPerfusionW`/`rowSourceW` for the energy books. Then, per voxel, adds the dose of the stage interval
 * (`doseTauS`, from `yPrev` to `out`, logarithmic mean of the end-point rates: exact for CEM43 when T is
 * linear in time), the maximum temperature and perfusion shutdown. Perfusion is read before it is shut
 * down, so the order of operations is that of a stage sweep followed by a dose pass.
 */
export function pennesStageSlab(
  a: PennesArrays,
  s: SweepScalars,
  table: DoseRateTable,
  b: StageBuffers,
  c: StageCoefficients,
  doseTauS: number,
  scratch: StageScratch,
  k0: number,
  k1: number,
): void {
  const job: StageJob = {
    b,
    c,
    doseTauS,
    scratch,
    rowPerfusionW: a.rowPerfusionW,
    rowSourceW: a.rowSourceW,
  }
  const kStart = Math.max(1, k0)
  const kEnd = Math.min(k1, a.nz - 1)
  seedFluxBelow(a, s, job, kStart - 1)
  for (let k = kStart; k < kEnd; k++) stagePlane(a, s, table, job, k)
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
  seedFluxBelow(a, s, jobA, 0)
  for (let k = 1; k < nz; k++) {
    if (k < nz - 1) stagePlane(a, s, table, jobA, k)
    if (k === 1) continue
    if (k === 2) seedFluxBelow(a, s, jobB, 0)
    stagePlane(a, s, table, jobB, k - 1)
  }
}

/**
 * Seeds the z-flux cache with the up-faces of plane kb (the plane below the first swept one): the up-flux
 * of the voxel below is minus the down-flux of the voxel above, bit for bit (same operands, exact
 * negation).
 */
function seedFluxBelow(a: PennesArrays, s: SweepScalars, job: StageJob, kb: number): void {
  const { nx, ny, gZ } = a
  const { kc0, kc1, kSumHi } = s
  const yPrev = job.b.yPrev
  const fluxZ = job.scratch.fluxZ
  const nxy = nx * ny
  for (let j = 1; j < ny - 1; j++) {
    for (let i = nx * (j + ny * kb) + 1, e = i + nx - 2; i < e; i++) {
      const t0 = yPrev[i]
      const t1 = yPrev[i + nxy]
      fluxZ[i - nxy * kb] = gZ[i] * (kc0 + kc1 * Math.min(t0 + t1, kSumHi)) * (t1 - t0)
    }
  }
}

/** One stage on the interior rows of plane k (the z-flux cache must hold the up-faces of plane k − 1). */
function stagePlane(
  a: PennesArrays,
  s: SweepScalars,
  table: DoseRateTable,
  job: StageJob,
  k: number,
): void {
  const { nx, ny, invHeatCap, gX, gY, gZ, perfusion, sourceTotal } = a
  const { omega, cem43Min, maxTempC } = a
  const { arterialC, kc0, kc1, kSumHi, rollHiC, rollInvK, shutdownOmega } = s
  const { yPrev, yPrev2, y0, ly0, out } = job.b
  const { mu, nu, muTilde, gammaTilde, tauS, isFirst } = job.c
  const { fluxY, fluxZ } = job.scratch
  const { rowPerfusionW, rowSourceW, doseTauS } = job
  const mt = muTilde * tauS
  const nxy = nx * ny
  const tabMin = table.minC
  const logs = logRatesOf(table)
  // On the first stage Y_{j−1} = Y_{j−2} = Y_0 and L(Y_0) is being written: the general update with
  // μ = 1, ν = 0, w0 = 0, γ̃ = 0 gives exactly Y_0 + μ̃τL (the extra terms are ±0; ly0 is finite).
  const muS = isFirst ? 1 : mu
  const nuS = isFirst ? 0 : nu
  const w0S = isFirst ? 0 : 1 - mu - nu
  const gtS = isFirst ? 0 : gammaTilde * tauS
  // Seed the y-flux cache with the faces between row 0 and row 1 (as for z).
  for (let i = nxy * k + 1, e = i + nx - 2; i < e; i++) {
    const t0 = yPrev[i]
    const t1 = yPrev[i + nx]
    fluxY[i - nxy * k] = gY[i] * (kc0 + kc1 * Math.min(t0 + t1, kSumHi)) * (t1 - t0)
  }
  for (let j = 1; j < ny - 1; j++) {
    const row = j + ny * k
    const base = nx * row
    const end = base + nx - 1
    let perfW = 0
    let srcW = 0
    // West face of the first voxel: computed directly (its other side is the boundary layer).
    let fPrevE =
      gX[base] *
      (kc0 + kc1 * Math.min(yPrev[base] + yPrev[base + 1], kSumHi)) *
      (yPrev[base + 1] - yPrev[base])
    for (let i = base + 1; i < end; i++) {
      const ti = yPrev[i]
      const te = yPrev[i + 1]
      const tno = yPrev[i + nx]
      const tu = yPrev[i + nxy]
      const ii = i - base
      const pi = i - nxy * k
      const fw = -fPrevE
      const fs = -fluxY[ii]
      const fd = -fluxZ[pi]
      const fe = gX[i] * (kc0 + kc1 * Math.min(ti + te, kSumHi)) * (te - ti)
      const fn = gY[i] * (kc0 + kc1 * Math.min(ti + tno, kSumHi)) * (tno - ti)
      const fu = gZ[i] * (kc0 + kc1 * Math.min(ti + tu, kSumHi)) * (tu - ti)
      fPrevE = fe
      fluxY[ii] = fn
      fluxZ[pi] = fu
      const perf = perfusion[i] * (arterialC - ti)
      const q = sourceTotal[i]
      const src = q === 0 ? 0 : q * Math.min(1, Math.max(0, (rollHiC - ti) * rollInvK))
      const ihc = invHeatCap[i]
      const l = ihc * (fe + fw + fn + fs + fu + fd + perf + src)
      perfW += perf
      srcW += src
      const o = muS * ti + nuS * yPrev2[i] + w0S * y0[i] + mt * l + gtS * ly0[i]
      if (isFirst) ly0[i] = l
      // The dose uses the stored (Float32) end temperature, as a separate dose pass would.
      const t1 = Math.fround(o)
      out[i] = t1
      if ((ti < tabMin && t1 < tabMin) || ihc === 0) continue
      const om = addDose(omega, cem43Min, table, logs, i, ti, t1, doseTauS)
      if (t1 > maxTempC[i]) maxTempC[i] = t1
      if (om >= shutdownOmega) perfusion[i] = 0
    }
    rowPerfusionW[row] = perfW
    rowSourceW[row] = srcW
  }
}
