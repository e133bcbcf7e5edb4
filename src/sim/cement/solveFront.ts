/**
 * Darcy pressure in the cement-filled cluster and the flux into each front voxel. Pure; SI units.
 *
 * Unknowns: the gauge pressure p_c of every full voxel. Face conductance between voxels a and b along axis d:
 * g = K_ab·A_d/(μ·h_d), K_ab the harmonic mean of the two permeabilities along d (anisotropic: K_SI on the
 * superior–inferior axis, K_trans on the others). Mass balance per voxel: Σ_b g (p_c − p_b) + Σ_f g (p_c − pₑ_f)
 * = Q·δ(c = tip), where f runs over ACTIVE front voxels, held at their entry pressure pₑ_f (capillary
 * displacement of marrow plus a Bingham yield term 2τ_y·h/r, r = √(8K/φ) the capillary-bundle pore
 * radius). A front voxel is active when the cement pushing on it exceeds its entry pressure (net flux > 0);
 * the active set is found by a few solve/update sweeps. Inactive front faces are no-flux. This is
 * invasion percolation when the driving pressure is near the entry pressures (thin cement fingers into
 * the easiest path) and a stable, compact Darcy front when it is far above them (viscous cement).
 * Solver: Jacobi-preconditioned conjugate gradients, warm-started from the last pressures.
 */
import { type CementState, ensureWork } from './cementState'

/**
 * Relative residual at which CG stops. Rates are renormalised to the injected flow, so 1e-4 moves the front
 * by far less than the entry-pressure disorder does; it saves ~30 % of the iterations over 1e-5.
 */
const CG_TOL = 1e-4
const CG_MAX_ITER = 3000
const ACTIVE_SET_SWEEPS = 3

/**
 * Rebuilds the front of `state`, solves the cluster pressure for injection rate `qM3PerS` with viscosity
 * `muPaS` and yield stress `yieldPa`, and writes per-front-voxel rates (m³/s) into `state.work`. Mutates
 * `state.work`, `state.pressurePa`, `state.tipPressurePa` and the solver counters. Requires a non-empty
 * cluster. Returns the number of front voxels (0 = the cement is sealed in: nowhere to go).
 */
export function solveFront(
  state: CementState,
  muPaS: number,
  yieldPa: number,
  qM3PerS: number,
): number {
  const m = state.medium
  const g = m.grid
  const { nx, ny } = g
  const nxy = nx * ny
  const nc = state.clusterCount
  const old = state.work
  // Clear the previous front's map before the buffers may be reallocated.
  for (let f = 0; f < old.frontCount; f++) old.frontOf[old.frontVox[f]] = -1
  old.frontCount = 0
  ensureWork(state, nc, 6 * nc)
  const w = state.work
  w.faceCount = 0
  const hMin = Math.min(g.spacingM[0], g.spacingM[1], g.spacingM[2])
  const area = [
    g.spacingM[1] * g.spacingM[2],
    g.spacingM[0] * g.spacingM[2],
    g.spacingM[0] * g.spacingM[1],
  ]
  const strides = [1, nx, nxy]
  const dims = [g.nx, g.ny, g.nz]
  const si = m.siAxis
  // Assemble cluster couplings and front faces.
  for (let c = 0; c < nc; c++) {
    const v = state.cluster[c]
    const ci = v % nx
    const cj = Math.floor(v / nx) % ny
    const ck = Math.floor(v / nxy)
    for (let d = 0; d < 3; d++) {
      const cd = d === 0 ? ci : d === 1 ? cj : ck
      const ka = d === si ? m.kSiM2[v] : m.kTransM2[v]
      for (let s = 0; s < 2; s++) {
        const slot = 6 * c + 2 * d + s
        // No coupling: point at itself with zero conductance, so applyA needs no branch.
        w.nbr[slot] = c
        w.nbrG[slot] = 0
        const cc = cd + (s === 0 ? -1 : 1)
        if (cc < 0 || cc >= dims[d]) continue
        const u = v + (s === 0 ? -strides[d] : strides[d])
        const kb = d === si ? m.kSiM2[u] : m.kTransM2[u]
        if (!(kb > 0) || !(ka > 0)) continue
        const cond = ((2 * ka * kb) / (ka + kb)) * (area[d] / (muPaS * g.spacingM[d]))
        if (state.isFull[u]) {
          w.nbr[slot] = state.localOf[u]
          w.nbrG[slot] = cond
          continue
        }
        let f = w.frontOf[u]
        if (f < 0) {
          f = w.frontCount++
          w.frontOf[u] = f
          w.frontVox[f] = u
          const rEff = Math.sqrt((8 * m.kTransM2[u]) / Math.max(m.porosity[u], 1e-6))
          w.frontEntryPa[f] = m.entryPressurePa[u] + (2 * yieldPa * hMin) / rEff
          w.frontActive[f] = 0
        }
        const e = w.faceCount++
        w.faceLocal[e] = c
        w.faceFront[e] = f
        w.faceG[e] = cond
      }
    }
  }
  if (w.frontCount === 0) return 0
  // Warm start and initial active set from the previous pressures.
  for (let c = 0; c < nc; c++) w.p[c] = state.pressurePa[state.cluster[c]]
  const rate = w.frontRate
  computeRates(state)
  for (let f = 0; f < w.frontCount; f++) w.frontActive[f] = rate[f] > 0 ? 1 : 0
  activateBest(state)
  const tipLocal = state.localOf[state.tipVoxel]
  for (let sweep = 0; sweep < ACTIVE_SET_SWEEPS; sweep++) {
    assemble(state, tipLocal, qM3PerS)
    state.cgIterations += conjugateGradient(state, nc)
    state.solves++
    computeRates(state)
    let changed = false
    for (let f = 0; f < w.frontCount; f++) {
      const shouldBe = rate[f] > 0 ? 1 : 0
      if (shouldBe !== w.frontActive[f]) {
        w.frontActive[f] = shouldBe
        changed = true
      }
    }
    if (!activateBest(state) && !changed) break
  }
  // Active front area for the pore shear rate; faces counted at the mean face area.
  const meanArea = (area[0] + area[1] + area[2]) / 3
  let areaM2 = 0
  for (let e = 0; e < w.faceCount; e++) {
    const f = w.faceFront[e]
    if (w.frontActive[f] && rate[f] > 0) areaM2 += meanArea
  }
  for (let f = 0; f < w.frontCount; f++) if (!w.frontActive[f] || rate[f] < 0) rate[f] = 0
  w.activeAreaM2 = areaM2
  for (let c = 0; c < nc; c++) state.pressurePa[state.cluster[c]] = w.p[c]
  state.tipPressurePa = tipLocal >= 0 ? w.p[tipLocal] : 0
  return w.frontCount
}

/** Net flux into every front voxel at the current pressures: Σ_faces g (p_c − pₑ_f), m³/s. */
function computeRates(state: CementState): void {
  const w = state.work
  for (let f = 0; f < w.frontCount; f++) w.frontRate[f] = 0
  for (let e = 0; e < w.faceCount; e++) {
    const f = w.faceFront[e]
    w.frontRate[f] += w.faceG[e] * (w.p[w.faceLocal[e]] - w.frontEntryPa[f])
  }
}

/** Ensures at least one active front voxel (the one closest to breaking through). True if it changed. */
function activateBest(state: CementState): boolean {
  const w = state.work
  let best = -1
  for (let f = 0; f < w.frontCount; f++) {
    if (w.frontActive[f]) return false
    if (best < 0 || w.frontRate[f] > w.frontRate[best]) best = f
  }
  if (best >= 0) w.frontActive[best] = 1
  return best >= 0
}

/** Diagonal and right-hand side for the current active set. */
function assemble(state: CementState, tipLocal: number, qM3PerS: number): void {
  const w = state.work
  const nc = state.clusterCount
  for (let c = 0; c < nc; c++) {
    let d = 0
    for (let s = 0; s < 6; s++) d += w.nbrG[6 * c + s]
    w.diag[c] = d
    w.rhs[c] = 0
  }
  for (let e = 0; e < w.faceCount; e++) {
    const f = w.faceFront[e]
    if (!w.frontActive[f]) continue
    const c = w.faceLocal[e]
    w.diag[c] += w.faceG[e]
    w.rhs[c] += w.faceG[e] * w.frontEntryPa[f]
  }
  if (tipLocal >= 0) w.rhs[tipLocal] += qM3PerS
}

/** y = A x on the cluster (arrays passed as locals so the loop stays monomorphic and allocation-free). */
function applyA(
  nc: number,
  diag: Float64Array,
  nbr: Int32Array,
  nbrG: Float64Array,
  x: Float64Array,
  y: Float64Array,
): void {
  for (let c = 0; c < nc; c++) {
    let s = diag[c] * x[c]
    const b = 6 * c
    s -= nbrG[b] * x[nbr[b]] + nbrG[b + 1] * x[nbr[b + 1]] + nbrG[b + 2] * x[nbr[b + 2]]
    s -= nbrG[b + 3] * x[nbr[b + 3]] + nbrG[b + 4] * x[nbr[b + 4]] + nbrG[b + 5] * x[nbr[b + 5]]
    y[c] = s
  }
}

/** Jacobi-PCG on the cluster system, in place on `work.p`. Returns the iteration count. */
function conjugateGradient(state: CementState, nc: number): number {
  const { p, r, z, d, q, rhs, diag, nbr, nbrG } = state.work
  applyA(nc, diag, nbr, nbrG, p, q)
  let bNorm = 0
  let rz = 0
  let rr = 0
  for (let c = 0; c < nc; c++) {
    r[c] = rhs[c] - q[c]
    z[c] = r[c] / diag[c]
    d[c] = z[c]
    rz += r[c] * z[c]
    rr += r[c] * r[c]
    bNorm += rhs[c] * rhs[c]
  }
  const tol2 = CG_TOL * CG_TOL * Math.max(bNorm, 1e-300)
  for (let it = 0; it < CG_MAX_ITER; it++) {
    if (rr <= tol2) return it
    applyA(nc, diag, nbr, nbrG, d, q)
    let dq = 0
    for (let c = 0; c < nc; c++) dq += d[c] * q[c]
    const alpha = rz / dq
    let rzNew = 0
    rr = 0
    for (let c = 0; c < nc; c++) {
      p[c] += alpha * d[c]
      const rc = r[c] - alpha * q[c]
      r[c] = rc
      const zc = rc / diag[c]
      z[c] = zc
      rzNew += rc * zc
      rr += rc * rc
    }
    const beta = rzNew / rz
    rz = rzNew
    for (let c = 0; c < nc; c++) d[c] = z[c] + beta * d[c]
  }
  return CG_MAX_ITER
}
