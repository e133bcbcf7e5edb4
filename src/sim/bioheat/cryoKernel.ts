/**
 * The explicit enthalpy sweep of the cryo solver: ∂H/∂t = ∇·(k(T)∇T) + ω ρ_b c_b (T_a − T) with
 * T = T(H) and k = k(T) from per-label phase-change tables (latent heat spread over a mushy range).
 * Hot loop: no allocation; H is updated in place, T and k are double-buffered.
 */

/** Per-label phase-change tables (256 entries each), SI. Enthalpy H = 0 at the solidus. */
export interface PhaseTables {
  readonly solidusC: Float64Array
  readonly liquidusC: Float64Array
  /** Frozen volumetric heat capacity, J/m³/K. */
  readonly capFrozen: Float64Array
  /** Apparent heat capacity across the mushy range (sensible + latent), J/m³/K. */
  readonly capMushy: Float64Array
  /** Unfrozen volumetric heat capacity, J/m³/K. */
  readonly capUnfrozen: Float64Array
  /** Enthalpy at the liquidus, J/m³. */
  readonly hLiquidus: Float64Array
  readonly kFrozen: Float64Array
  readonly kUnfrozen: Float64Array
}

/** Arrays the sweep reads and writes; one entry per voxel. */
export interface CryoArrays {
  readonly nx: number
  readonly ny: number
  readonly nz: number
  readonly labels: Uint8Array
  /** 1 for voxels solved for, 0 for fixed nodes (boundary layer, vessels, active probes). */
  readonly isFree: Uint8Array
  /** Enthalpy, J/m³ (free voxels). */
  readonly enthalpy: Float32Array
  /** Geometric face factors, 1/m²: face conductance = factor · harmonic mean of the two k. */
  readonly fX: Float32Array
  readonly fY: Float32Array
  readonly fZ: Float32Array
  /** Perfusion coefficient ω ρ_b c_b, W/m³/K; zeroed for good where tissue reached `stasisC`. */
  readonly perfusion: Float32Array
  readonly minTempC: Float32Array
}

/** Scalars of one sub-step. */
export interface CryoScalars {
  dtS: number
  readonly arterialC: number
  /** Temperature at or below which microcirculation stops for good (vascular stasis), °C. */
  readonly stasisC: number
}

/** Temperature of a voxel of label `m` with enthalpy h. */
export function tempFromEnthalpy(p: PhaseTables, m: number, h: number): number {
  if (h <= 0) return p.solidusC[m] + h / p.capFrozen[m]
  const hl = p.hLiquidus[m]
  if (h < hl) return p.solidusC[m] + h / p.capMushy[m]
  return p.liquidusC[m] + (h - hl) / p.capUnfrozen[m]
}

/** Enthalpy of a voxel of label `m` at temperature t (inverse of `tempFromEnthalpy`). */
export function enthalpyFromTemp(p: PhaseTables, m: number, t: number): number {
  const ts = p.solidusC[m]
  const tl = p.liquidusC[m]
  if (t <= ts) return (t - ts) * p.capFrozen[m]
  if (t < tl) return (t - ts) * p.capMushy[m]
  return p.hLiquidus[m] + (t - tl) * p.capUnfrozen[m]
}

/** Conductivity at temperature t: frozen below the solidus, unfrozen above the liquidus, linear between. */
export function conductivityAt(p: PhaseTables, m: number, t: number): number {
  const ts = p.solidusC[m]
  const tl = p.liquidusC[m]
  if (t <= ts) return p.kFrozen[m]
  if (t >= tl) return p.kUnfrozen[m]
  return p.kFrozen[m] + ((t - ts) / (tl - ts)) * (p.kUnfrozen[m] - p.kFrozen[m])
}

/**
 * One explicit sub-step: reads T and k from `t`/`k`, writes `tn`/`kn` and updates the enthalpy, the
 * minimum temperature and perfusion stasis in place. Fixed voxels copy their T and k across. Returns the
 * perfusion power Σ ω ρ_b c_b (T_a − T) over free voxels, W/m³ summed.
 */
export function cryoSweep(
  a: CryoArrays,
  p: PhaseTables,
  t: Float32Array,
  k: Float32Array,
  tn: Float32Array,
  kn: Float32Array,
  s: CryoScalars,
): number {
  const { nx, ny, nz, labels, isFree, enthalpy, fX, fY, fZ, perfusion, minTempC } = a
  const { solidusC, liquidusC, capFrozen, capMushy, capUnfrozen, hLiquidus, kFrozen, kUnfrozen } = p
  const { dtS, arterialC, stasisC } = s
  const nxy = nx * ny
  let perfW = 0
  for (let kk = 1; kk < nz - 1; kk++) {
    for (let j = 1; j < ny - 1; j++) {
      const base = nx * (j + ny * kk)
      for (let i = base + 1; i < base + nx - 1; i++) {
        const ti = t[i]
        if (isFree[i] === 0) {
          tn[i] = ti
          kn[i] = k[i]
          continue
        }
        const ki = k[i]
        const ke = k[i + 1]
        const kw = k[i - 1]
        const kno = k[i + nx]
        const kso = k[i - nx]
        const ku = k[i + nxy]
        const kd = k[i - nxy]
        // Harmonic-mean face conductivities: series resistance of the two half cells.
        const flux =
          ((fX[i] * 2 * ki * ke) / (ki + ke)) * (t[i + 1] - ti) +
          ((fX[i - 1] * 2 * ki * kw) / (ki + kw)) * (t[i - 1] - ti) +
          ((fY[i] * 2 * ki * kno) / (ki + kno)) * (t[i + nx] - ti) +
          ((fY[i - nx] * 2 * ki * kso) / (ki + kso)) * (t[i - nx] - ti) +
          ((fZ[i] * 2 * ki * ku) / (ki + ku)) * (t[i + nxy] - ti) +
          ((fZ[i - nxy] * 2 * ki * kd) / (ki + kd)) * (t[i - nxy] - ti)
        const m = labels[i]
        const tl = liquidusC[m]
        // Blood does not flow through frozen or mushy tissue.
        const perf = ti > tl ? perfusion[i] * (arterialC - ti) : 0
        perfW += perf
        const h = enthalpy[i] + dtS * (flux + perf)
        enthalpy[i] = h
        const ts = solidusC[m]
        const hl = hLiquidus[m]
        let tNew: number
        let kNew: number
        if (h <= 0) {
          tNew = ts + h / capFrozen[m]
          kNew = kFrozen[m]
        } else if (h < hl) {
          tNew = ts + h / capMushy[m]
          kNew = kFrozen[m] + ((tNew - ts) / (tl - ts)) * (kUnfrozen[m] - kFrozen[m])
        } else {
          tNew = tl + (h - hl) / capUnfrozen[m]
          kNew = kUnfrozen[m]
        }
        tn[i] = tNew
        kn[i] = kNew
        if (tNew < minTempC[i]) {
          minTempC[i] = tNew
          if (tNew <= stasisC) perfusion[i] = 0
        }
      }
    }
  }
  return perfW
}
