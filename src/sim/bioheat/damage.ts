/**
 * Thermal damage models (FACTS §1.1): Arrhenius damage integral Ω, CEM43 thermal dose (Sapareto–Dewey)
 * and cryo lethal isotherms. Scalar functions for single histories plus a lookup table that the time
 * loops use to accumulate both doses per voxel without calling `Math.exp`. Pure; SI units, °C.
 */

/** Universal gas constant, J/mol/K (FACTS §1.1 Arrhenius). */
export const GAS_CONSTANT_J_PER_MOL_K = 8.314

/** 0 °C in kelvin. */
export const KELVIN_OFFSET = 273.15

/** Arrhenius parameters: Ω(t) = A ∫ exp(−Ea / (R·T(t))) dt. */
export interface ArrheniusParams {
  /** Frequency factor A, s⁻¹. */
  readonly aPerS: number
  /** Activation energy Ea, J/mol. */
  readonly eaJPerMol: number
}

/**
 * Published parameter sets (FACTS §1.1, COMSOL Bioheat database [V]). No bone set exists [G]; models
 * borrow liver, so `liver` is the default for every tissue.
 */
export const ARRHENIUS_SETS = {
  liver: { aPerS: 7.39e39, eaJPerMol: 2.577e5 },
  fat: { aPerS: 4.43e16, eaJPerMol: 1.3e5 },
  prostate: { aPerS: 1e91, eaJPerMol: 5.6e5 },
} as const satisfies Record<string, ArrheniusParams>

/** Ω at which tissue counts as coagulated (FACTS §1.1: Ω = 1 ≈ 63 % of cells altered). */
export const OMEGA_COAGULATED = 1

/**
 * Temperature below which the voxel loops do not accumulate Ω, °C. The liver set predicts Ω = 1 after
 * about an hour even at 37 °C (FACTS §1.1 [D]: it is ~28× faster than CEM43 near 43 °C), which is an
 * artefact of extrapolating a high-temperature fit. Starting the integral at 43 °C, the CEM43 break point,
 * keeps hyperthermia below it out of the ablation zone; the scalar functions below have no cut-off.
 */
export const ARRHENIUS_MIN_TEMP_C = 43

/**
 * Temperature below which the voxel loops do not accumulate CEM43, °C. Below 39 °C the dose rate is at
 * most 0.25⁴ = 1/256 min per min, so an hour adds under 0.25 CEM43 (0.1 % of the 240 threshold).
 */
export const CEM43_MIN_TEMP_C = 39

/** CEM43 necrosis threshold, minutes (FACTS §1.1: 240 [U] HIFU maps; 250 used in a disc study [V]). */
export const CEM43_NECROSIS_MIN = 240

/** Cryo isotherms (FACTS §1.1 "Cold" [D]): visible ice edge, lethal default, conservative lethal. */
export const CRYO_ISOTHERMS_C = { visibleIce: 0, lethal: -20, certain: -40 } as const

/** Arrhenius damage rate dΩ/dt at a constant temperature, s⁻¹. */
export function arrheniusRatePerS(
  tempC: number,
  p: ArrheniusParams = ARRHENIUS_SETS.liver,
): number {
  // A spans 200 orders of magnitude (FACTS §1.1): exponentiate the sum of logs so no step overflows.
  return Math.exp(
    Math.log(p.aPerS) - p.eaJPerMol / (GAS_CONSTANT_J_PER_MOL_K * (tempC + KELVIN_OFFSET)),
  )
}

/** Time for Ω to reach `omega` at a constant temperature, s. */
export function timeToOmegaS(
  tempC: number,
  p: ArrheniusParams = ARRHENIUS_SETS.liver,
  omega = OMEGA_COAGULATED,
): number {
  return omega / arrheniusRatePerS(tempC, p)
}

/** CEM43 dose rate, equivalent minutes at 43 °C per second (Sapareto–Dewey, FACTS §1.1). */
export function cem43RateMinPerS(tempC: number): number {
  // R = 0.5 at or above 43 °C, 0.25 below; dose = Σ Δt·R^(43 − T) with Δt in minutes.
  const rBase = tempC >= 43 ? 0.5 : 0.25
  return Math.pow(rBase, 43 - tempC) / 60
}

/** CEM43 of a temperature history sampled every `dtS` seconds (rectangle rule), minutes. */
export function cem43OfHistory(tempsC: ArrayLike<number>, dtS: number): number {
  let dose = 0
  for (let n = 0; n < tempsC.length; n++) dose += cem43RateMinPerS(tempsC[n]) * dtS
  return dose
}

/** Arrhenius Ω of a temperature history sampled every `dtS` seconds (rectangle rule). */
export function omegaOfHistory(
  tempsC: ArrayLike<number>,
  dtS: number,
  p: ArrheniusParams = ARRHENIUS_SETS.liver,
): number {
  let omega = 0
  for (let n = 0; n < tempsC.length; n++) omega += arrheniusRatePerS(tempsC[n], p) * dtS
  return omega
}

/**
 * Tabulated dose rates for the voxel loops: linear interpolation on a uniform temperature grid.
 * Entries below `ARRHENIUS_MIN_TEMP_C` hold zero Arrhenius rate; above `maxC` the last entry is used.
 */
export interface DoseRateTable {
  /** First tabulated temperature, °C (= `CEM43_MIN_TEMP_C`). */
  readonly minC: number
  /** Last tabulated temperature, °C. */
  readonly maxC: number
  /** 1 / table step, per °C. */
  readonly invStepPerC: number
  /** dΩ/dt at each node, s⁻¹. */
  readonly omegaPerS: Float64Array
  /** dCEM43/dt at each node, min/s. */
  readonly cem43MinPerS: Float64Array
}

/**
 * Builds the dose-rate table. A 0.01 °C step keeps the linear-interpolation error of the Arrhenius
 * rate (whose log-slope is Ea/(R·T²) ≈ 0.3 per °C for liver) below 2×10⁻⁶ relative.
 */
export function createDoseRateTable(
  p: ArrheniusParams = ARRHENIUS_SETS.liver,
  arrheniusMinC = ARRHENIUS_MIN_TEMP_C,
  maxC = 200,
  stepC = 0.01,
): DoseRateTable {
  const minC = CEM43_MIN_TEMP_C
  const n = Math.round((maxC - minC) / stepC) + 1
  const omegaPerS = new Float64Array(n)
  const cem43MinPerS = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const t = minC + i * stepC
    omegaPerS[i] = t >= arrheniusMinC - 1e-9 ? arrheniusRatePerS(t, p) : 0
    cem43MinPerS[i] = cem43RateMinPerS(t)
  }
  return { minC, maxC: minC + (n - 1) * stepC, invStepPerC: 1 / stepC, omegaPerS, cem43MinPerS }
}

/** Per-voxel damage record, accumulated by the time loops (bioheat and cryo). */
export interface DamageFields {
  /** Arrhenius damage Ω (dimensionless). */
  readonly omega: Float32Array
  /** CEM43 thermal dose, minutes. */
  readonly cem43Min: Float32Array
  /** Highest temperature reached, °C. */
  readonly maxTempC: Float32Array
  /** Lowest temperature reached, °C (cryo lethal isotherms). */
  readonly minTempC: Float32Array
}

/** Allocates damage fields for `n` voxels, starting at temperature `initialC`. */
export function createDamageFields(n: number, initialC: number | Float32Array): DamageFields {
  const maxTempC = new Float32Array(n)
  const minTempC = new Float32Array(n)
  if (typeof initialC === 'number') {
    maxTempC.fill(initialC)
    minTempC.fill(initialC)
  } else {
    maxTempC.set(initialC)
    minTempC.set(initialC)
  }
  return { omega: new Float32Array(n), cem43Min: new Float32Array(n), maxTempC, minTempC }
}

/** Mask (1/0) of voxels where `field ≥ threshold` (e.g. Ω ≥ 1, CEM43 ≥ 240). */
export function maskAtLeast(
  field: ArrayLike<number>,
  threshold: number,
  out?: Uint8Array,
): Uint8Array {
  const m = out ?? new Uint8Array(field.length)
  for (let i = 0; i < field.length; i++) m[i] = field[i] >= threshold ? 1 : 0
  return m
}

/** Mask (1/0) of voxels where `field ≤ threshold` (e.g. minimum temperature ≤ −40 °C). */
export function maskAtMost(
  field: ArrayLike<number>,
  threshold: number,
  out?: Uint8Array,
): Uint8Array {
  const m = out ?? new Uint8Array(field.length)
  for (let i = 0; i < field.length; i++) m[i] = field[i] <= threshold ? 1 : 0
  return m
}
