/**
 * Microwave dielectric properties per tissue class and the attenuation they imply, for the antenna pattern
 * of `microwave.ts`. At 2.45 GHz the field in a lossy tissue decays with the attenuation constant
 * α = ω √(μ₀ε/2) · √(√(1 + (σ/ωε)²) − 1); low-water tissue (fat, marrow, bone) has a far smaller σ and ε
 * than liver or muscle, so the field reaches further and deposits less per unit length. Values are NOT in
 * FACTS.md: they come from Gabriel, Lau & Gabriel 1996 (Phys Med Biol 41:2271, the 4-Cole–Cole model; the
 * bone and marrow rows were read from the model's published parameter table, Gabriel 1996 report
 * AL/OE-TR-1996-0037 Appendix C), evaluated here; liver, muscle and fat rows and the single-frequency
 * values of the other tissues are the IT'IS v4 database values (Hasgall et al. 2018), not re-read [U].
 * Pure.
 */
import type { TissueClass } from '../../lib/anatomy'
import type { ProtectionMedium } from './protection'
import type { UncertainValue } from './tissueProperties'

const EPS0 = 8.854187817e-12
const MU0 = 4e-7 * Math.PI

/** Parameters of Gabriel's 4-Cole–Cole model (τ in s, σ in S/m). */
export interface ColeCole {
  readonly epsInf: number
  /** [Δε, τ (s), α] of the four dispersions. */
  readonly terms: readonly (readonly [number, number, number])[]
  readonly sigmaIonic: number
}

/** Relative permittivity and conductivity at one frequency. */
export interface Dielectric {
  readonly relPermittivity: number
  readonly conductivitySPerM: number
}

const cc = (
  epsInf: number,
  t: readonly [number, number, number, number, number, number, number, number],
  sigmaIonic: number,
  t34: readonly [number, number, number, number, number, number],
): ColeCole => ({
  epsInf,
  terms: [
    [t[0], t[1] * 1e-12, t[2]],
    [t[3], t[4] * 1e-9, t[5]],
    [t34[0], t34[1] * 1e-6, t34[2]],
    [t34[3], t34[4] * 1e-3, t34[5]],
  ],
  sigmaIonic,
})

/**
 * Gabriel 1996 4-Cole–Cole rows: [Δε₁, τ₁ ps, α₁, Δε₂, τ₂ ns, α₂, (unused), (unused)], σ, [Δε₃, τ₃ µs,
 * α₃, Δε₄, τ₄ ms, α₄]. Bone rows read from the published table; liver, muscle, fat [U] (see module doc).
 */
export const GABRIEL_1996: Readonly<Record<string, ColeCole>> = {
  boneCancellous: cc(
    2.5,
    [18, 13.263, 0.22, 300, 79.577, 0.25, 0, 0],
    0.07,
    [2e4, 159.155, 0.2, 2e7, 15.915, 0],
  ),
  boneCortical: cc(
    2.5,
    [10, 13.263, 0.2, 180, 79.577, 0.2, 0, 0],
    0.02,
    [5e3, 159.155, 0.2, 1e5, 15.915, 0],
  ),
  marrowNotInfiltrated: cc(
    2.5,
    [3, 7.958, 0.2, 25, 15.915, 0.1, 0, 0],
    0.001,
    [5e3, 1591.549, 0.1, 2e6, 15.915, 0.1],
  ),
  liver: cc(
    4,
    [39, 8.842, 0.1, 6000, 530.516, 0.2, 0, 0],
    0.02,
    [5e4, 22.736, 0.2, 3e7, 15.915, 0.05],
  ),
  muscle: cc(
    4,
    [50, 7.234, 0.1, 7000, 353.678, 0.1, 0, 0],
    0.2,
    [1.2e6, 318.31, 0.1, 2.5e7, 2.274, 0],
  ),
  fat: cc(
    2.5,
    [3, 7.958, 0.2, 15, 15.915, 0.1, 0, 0],
    0.01,
    [3.3e4, 159.155, 0.05, 1e7, 7.958, 0.01],
  ),
}

/** ε′ and effective σ of a Cole–Cole tissue at `frequencyHz`. */
export function coleCole(p: ColeCole, frequencyHz: number): Dielectric {
  const w = 2 * Math.PI * frequencyHz
  let re = p.epsInf
  let im = 0
  for (const [d, tau, a] of p.terms) {
    // d / (1 + (jωτ)^(1−α)): (jωτ)^(1−α) = (ωτ)^(1−α) · e^{j(1−α)π/2}.
    const m = (w * tau) ** (1 - a)
    const ph = ((1 - a) * Math.PI) / 2
    const dr = 1 + m * Math.cos(ph)
    const di = m * Math.sin(ph)
    const den = dr * dr + di * di
    re += (d * dr) / den
    im -= (d * di) / den
  }
  im -= p.sigmaIonic / (w * EPS0)
  return { relPermittivity: re, conductivitySPerM: -im * w * EPS0 }
}

/** Field attenuation constant α of a plane wave in a lossy dielectric, Np/m. */
export function attenuationNpPerM(d: Dielectric, frequencyHz: number): number {
  const w = 2 * Math.PI * frequencyHz
  const eps = d.relPermittivity * EPS0
  const loss = d.conductivitySPerM / (w * eps)
  return w * Math.sqrt((MU0 * eps) / 2) * Math.sqrt(Math.sqrt(1 + loss * loss) - 1)
}

const F_2450 = 2.45e9
const fromModel = (key: string): Dielectric => coleCole(GABRIEL_1996[key], F_2450)
const itis = (relPermittivity: number, conductivitySPerM: number): Dielectric => ({
  relPermittivity,
  conductivitySPerM,
})

/**
 * Dielectric properties at 2.45 GHz per tissue class. Trabecular bone is Gabriel's cancellous bone (which
 * contains red marrow); tumour and generic soft tissue take liver (water-rich, the calibration medium)
 * [G]; the disc takes cartilage [G]. IT'IS v4 single values [U]: skin (dry) 38.0/1.46, CSF 66.2/3.46,
 * blood 58.3/2.54, nerve 30.1/1.09, inflated lung 20.5/0.80, cartilage 38.8/1.76. Air and gas absorb
 * nothing.
 */
export const MW_DIELECTRIC_2450: Readonly<Record<TissueClass, Dielectric>> = {
  air: itis(1, 0),
  gas: itis(1, 0),
  skin: itis(38, 1.46),
  fat: fromModel('fat'),
  muscle: fromModel('muscle'),
  corticalBone: fromModel('boneCortical'),
  trabecularBone: fromModel('boneCancellous'),
  disc: itis(38.8, 1.76),
  csf: itis(66.2, 3.46),
  nerve: itis(30.1, 1.09),
  blood: itis(58.3, 2.54),
  softTissue: fromModel('liver'),
  lung: itis(20.5, 0.8),
  tumour: fromModel('liver'),
}

/** Field attenuation constant of liver at 2.45 GHz (Gabriel 1996 model: ≈ 47.9 Np/m). */
export const MW_LIVER_ATTENUATION_NP_PER_M = attenuationNpPerM(fromModel('liver'), F_2450)

/**
 * Attenuation of each tissue relative to liver, the medium the antenna pattern was calibrated in
 * (`MWA_CALIBRATION`): the pattern's radial decay length is divided by it along each ray, and the local
 * deposition is proportional to it (2α × the power flux). Muscle ≈ 0.93, trabecular bone ≈ 0.73,
 * cortical bone ≈ 0.45, fat ≈ 0.18. The same ratios are used at 915 MHz [G] (Gabriel's model gives
 * 0.60 / 0.33 / 0.18 there for trabecular bone / cortical bone / fat).
 */
export const MW_RELATIVE_ATTENUATION: Readonly<Record<TissueClass, number>> = (() => {
  const ref = attenuationNpPerM(fromModel('liver'), F_2450)
  const out = {} as Record<TissueClass, number>
  for (const [k, d] of Object.entries(MW_DIELECTRIC_2450) as [TissueClass, Dielectric][]) {
    out[k] = attenuationNpPerM(d, F_2450) / ref
  }
  return out
})()

/** Refractive index √εr per tissue class at 2.45 GHz (for the reflection at gas boundaries). */
export const MW_REFRACTIVE_INDEX: Readonly<Record<TissueClass, number>> = (() => {
  const out = {} as Record<TissueClass, number>
  for (const [k, d] of Object.entries(MW_DIELECTRIC_2450) as [TissueClass, Dielectric][]) {
    out[k] = Math.sqrt(d.relPermittivity)
  }
  return out
})()

/** Refractive index of the protection media (εr 75 / 76 / 1, see below). */
export const MW_PROTECTION_REFRACTIVE_INDEX: Readonly<Record<ProtectionMedium, number>> = {
  saline: Math.sqrt(75),
  dextrose5: Math.sqrt(76),
  co2: 1,
}

/**
 * Protection media at 2.45 GHz [U, not in FACTS]: 0.9 % saline ≈ water's dipolar loss plus its ionic σ
 * (εr ≈ 75, σ ≈ 3.0 S/m; Stogryn-type saline models give 2.6–3.2); 5 % dextrose ≈ water (εr ≈ 76,
 * σ ≈ 1.5 S/m from ε″ ≈ 10); CO₂ is a lossless gas. Attenuation relative to liver as for tissues.
 */
export const MW_PROTECTION_RELATIVE_ATTENUATION: Readonly<Record<ProtectionMedium, number>> =
  (() => {
    const ref = attenuationNpPerM(fromModel('liver'), F_2450)
    return {
      saline: attenuationNpPerM(itis(75, 3.0), F_2450) / ref,
      dextrose5: attenuationNpPerM(itis(76, 1.5), F_2450) / ref,
      co2: 0,
    }
  })()

/**
 * Scale of the dielectric contrast (1: Gabriel/IT'IS values as given; 0: every tissue absorbs like liver).
 * Tissue samples scatter by ±10–30 % around the database values, and trabecular bone's σ and ε fall with
 * its bone volume fraction (Irastorza et al., Med Biol Eng Comput 2014) [U]: range 0.5–1.5.
 */
export const MW_DIELECTRIC_CONTRAST: UncertainValue = {
  value: 1,
  min: 0.5,
  max: 1.5,
  tag: 'U',
  source: 'not in FACTS: Gabriel 1996 / IT’IS v4 scatter (see mwDielectric.ts)',
}
