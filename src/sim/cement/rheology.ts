/**
 * PMMA bone-cement rheology as data: viscosity rising with time after mixing, shear thinning (power law)
 * and a Bingham yield stress, for low-, medium- and high-viscosity cements. Pure, SI units.
 *
 * FACTS §2.3 has no numerical viscosity-versus-time curves (marked [G]; the Lewis review, J Biomed Mater
 * Res B 2011;98B:171, is the target). Every number below is therefore an adjustable teaching value [U],
 * chosen so that: viscosities at the start of injection are ordered low < medium < high; viscosity rises
 * exponentially while the cement cures; a medium cement hardens about 11 min after placement at 37 °C
 * (FACTS §2.3, Hindawi 2011 571728 [V]); curing PMMA is shear-thinning (FACTS §2.3, Trivedi arXiv
 * 2312.11426 [V]); and all cements are far more viscous than marrow (FACTS §2.4, Trivedi 2023), so the front
 * is stable (compact) unless entry thresholds dominate.
 */

/** The three clinical cement classes. */
export type CementKind = 'low' | 'medium' | 'high'

/** Rheology of one cement class; every field is a documented [U] teaching value (FACTS §2.3 [G]). */
export interface CementSpec {
  readonly kind: CementKind
  /** Plain-words name. */
  readonly name: string
  /** Zero-shear (reference-rate) viscosity at `refTimeS` after mixing, Pa·s. */
  readonly viscosityRefPaS: number
  /** Time after mixing at which `viscosityRefPaS` holds, s. */
  readonly refTimeS: number
  /** e-folding time of the exponential viscosity rise, s. */
  readonly riseTimeS: number
  /** Power-law index n (< 1: shear-thinning). */
  readonly powerLawIndex: number
  /** Shear rate at which the power law returns the reference viscosity, 1/s. */
  readonly refShearRatePerS: number
  /** Bingham yield stress at `refTimeS`, Pa; scales with viscosity as the cement cures. */
  readonly yieldStressRefPa: number
  /** Time after mixing beyond which the cement is too hard to inject, s. */
  readonly settingTimeS: number
  /** Evidence tag and source. */
  readonly source: string
}

const SOURCE =
  '[U] teaching value; FACTS §2.3 (no Pa·s curves retrieved [G]; Hindawi 2011 571728: ~11 min hardening)'

/** Default cement classes. Adjustable: every value is [U] (see module header). */
export const CEMENTS: Readonly<Record<CementKind, CementSpec>> = {
  low: {
    kind: 'low',
    name: 'Low-viscosity PMMA',
    viscosityRefPaS: 15,
    refTimeS: 180,
    riseTimeS: 150,
    powerLawIndex: 0.8,
    refShearRatePerS: 1,
    yieldStressRefPa: 0,
    settingTimeS: 12 * 60,
    source: SOURCE,
  },
  medium: {
    kind: 'medium',
    name: 'Medium-viscosity PMMA',
    viscosityRefPaS: 60,
    refTimeS: 180,
    riseTimeS: 150,
    powerLawIndex: 0.7,
    refShearRatePerS: 1,
    yieldStressRefPa: 20,
    settingTimeS: 11 * 60,
    source: SOURCE,
  },
  high: {
    kind: 'high',
    name: 'High-viscosity PMMA',
    viscosityRefPaS: 250,
    refTimeS: 180,
    riseTimeS: 180,
    powerLawIndex: 0.6,
    refShearRatePerS: 1,
    yieldStressRefPa: 80,
    settingTimeS: 15 * 60,
    source: SOURCE,
  },
}

/** Reference (zero-shear) viscosity in Pa·s at `tSinceMixS` seconds after mixing: μ_ref·e^{(t−t_ref)/τ}. */
export function cementViscosityPaS(spec: CementSpec, tSinceMixS: number): number {
  return spec.viscosityRefPaS * Math.exp((tSinceMixS - spec.refTimeS) / spec.riseTimeS)
}

/**
 * Apparent power-law viscosity μ_app = μ(t)·(γ̇/γ̇_ref)^(n−1) in Pa·s at shear rate `shearRatePerS`.
 * Shear rates below 1e-6 s⁻¹ are clamped so a cement at rest has a finite (large) viscosity.
 */
export function apparentViscosityPaS(
  spec: CementSpec,
  tSinceMixS: number,
  shearRatePerS: number,
): number {
  const rate = Math.max(shearRatePerS, 1e-6)
  return (
    cementViscosityPaS(spec, tSinceMixS) *
    Math.pow(rate / spec.refShearRatePerS, spec.powerLawIndex - 1)
  )
}

/** Bingham yield stress in Pa at `tSinceMixS`; it rises in proportion to the reference viscosity. */
export function yieldStressPa(spec: CementSpec, tSinceMixS: number): number {
  return spec.yieldStressRefPa * Math.exp((tSinceMixS - spec.refTimeS) / spec.riseTimeS)
}

/** True once the cement is past its working time and can no longer be injected. */
export const isCementSet = (spec: CementSpec, tSinceMixS: number): boolean =>
  tSinceMixS >= spec.settingTimeS
