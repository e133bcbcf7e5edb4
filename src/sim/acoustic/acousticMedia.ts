/**
 * Acoustic properties per tissue class (src/lib/anatomy.ts) for the HIFU field model: speed of sound,
 * density, and power-law attenuation α(f) = α₀ · f_MHz^y. SI units (m/s, kg/m³, Np/m). Values cite FACTS.md
 * §3.4; values not in FACTS are tagged [U]/[G] and are adjustable (pass your own table). Pure data.
 */
import { isBoneLabel, structureById, type TissueClass } from '../../lib/anatomy'
import type { EvidenceTag } from '../bioheat/tissueProperties'

/** Nepers per metre in one dB/cm (FACTS §3.4 conversion: 1 dB/cm = 11.51 Np/m). */
export const NP_PER_M_PER_DB_PER_CM = 100 / (20 * Math.LOG10E)

/** Acoustic medium: a fluid model (compressional waves only; shear waves are not modelled). */
export interface AcousticMedium {
  /** Compressional speed of sound, m/s. */
  readonly speedMPerS: number
  readonly densityKgPerM3: number
  /** Attenuation prefactor α₀, dB/cm/MHz^y. */
  readonly alphaDbPerCmMHz: number
  /** Frequency power-law exponent y. */
  readonly powerLaw: number
  /** Evidence tag of the least certain value in the row (FACTS.md legend). */
  readonly tag: EvidenceTag
  /** FACTS.md key(s) of the values. */
  readonly source: string
}

/** Coupling water / degassed gel bath between the transducer and the skin. Textbook values [U]. */
export const WATER: AcousticMedium = {
  speedMPerS: 1482,
  densityKgPerM3: 1000,
  alphaDbPerCmMHz: 0.0022,
  powerLaw: 2,
  tag: 'U',
  source: 'textbook water at 20 °C (not in FACTS) [U]',
}

const softTissue: AcousticMedium = {
  speedMPerS: 1540,
  densityKgPerM3: 1050,
  alphaDbPerCmMHz: 0.52,
  powerLaw: 1,
  tag: 'U',
  source: 'FACTS §3.4 Duck "average soft tissue" α; c, ρ textbook [U]',
}

/**
 * Default acoustic properties per tissue class. Bone: FACTS §3.4 [D] — cortical c = 3514.86 m/s (IT'IS),
 * Z ≈ 6.7 MRayl (so ρ = 1906 kg/m³), α₀ = 13.3 dB/cm/MHz (PRESTUS skull; FACTS range 1–13.3);
 * trabecular c = 2200 m/s (PRESTUS), α₀ = 9.94 (Duck cancellous). Muscle and fat: c and Z from the
 * implant-ultrasound table (PMC10346919), α₀ from Duck. Gas and lung are [G]: they only need to be
 * nearly total reflectors.
 */
export const ACOUSTIC_TISSUES: Readonly<Record<TissueClass, AcousticMedium>> = {
  air: WATER,
  skin: { ...softTissue, source: 'soft-tissue values used for skin [U]' },
  fat: {
    speedMPerS: 1460,
    densityKgPerM3: 1.39e6 / 1460,
    alphaDbPerCmMHz: 0.48,
    powerLaw: 1,
    tag: 'V',
    source: 'FACTS §3.4 PMC10346919 (c, Z), Duck (α)',
  },
  muscle: {
    speedMPerS: 1580,
    densityKgPerM3: 1.68e6 / 1580,
    alphaDbPerCmMHz: 0.57,
    powerLaw: 1,
    tag: 'V',
    source: 'FACTS §3.4 PMC10346919 (c, Z), Duck along fibres (α)',
  },
  corticalBone: {
    speedMPerS: 3514.86,
    densityKgPerM3: 6.7e6 / 3514.86,
    alphaDbPerCmMHz: 13.3,
    powerLaw: 1,
    tag: 'D',
    source: "FACTS §3.4 cortical bone [D]: IT'IS c, Z ≈ 6.7 MRayl, PRESTUS α",
  },
  trabecularBone: {
    speedMPerS: 2200,
    densityKgPerM3: 1178,
    alphaDbPerCmMHz: 9.94,
    powerLaw: 1,
    tag: 'D',
    source: 'FACTS §3.4 PRESTUS trabecular c, Duck cancellous α; ρ textbook [U]',
  },
  disc: softTissue,
  csf: { ...WATER, speedMPerS: 1504, densityKgPerM3: 1007, source: 'CSF ≈ water [U]' },
  nerve: softTissue,
  blood: {
    speedMPerS: 1570,
    densityKgPerM3: 1050,
    alphaDbPerCmMHz: 0.18,
    powerLaw: 1.21,
    tag: 'U',
    source: 'FACTS §3.4 Duck blood (α, y); c, ρ textbook [U]',
  },
  softTissue,
  lung: {
    speedMPerS: 650,
    densityKgPerM3: 400,
    alphaDbPerCmMHz: 40,
    powerLaw: 1,
    tag: 'G',
    source: 'aerated lung, order of magnitude [G]',
  },
  gas: {
    speedMPerS: 343,
    densityKgPerM3: 1.2,
    alphaDbPerCmMHz: 1.6,
    powerLaw: 1,
    tag: 'G',
    source: 'air at 20 °C [G]',
  },
  tumour: { ...softTissue, source: 'soft-tissue values used for tumour [U]' },
}

/** Characteristic acoustic impedance Z = ρc, Rayl (kg/m²/s). */
export const impedanceRayl = (m: AcousticMedium): number => m.densityKgPerM3 * m.speedMPerS

/** Amplitude attenuation coefficient α(f) = α₀ f_MHz^y, converted to Np/m. */
export const attenuationNpPerM = (m: AcousticMedium, frequencyHz: number): number =>
  m.alphaDbPerCmMHz * Math.pow(frequencyHz / 1e6, m.powerLaw) * NP_PER_M_PER_DB_PER_CM

/**
 * Acoustic medium per label id (256 entries). Label 0 (outside the body) is the coupling water bath, not
 * air: in MRgFUS the skin is wetted by water or gel. Blastic tumour (`isBoneLabel`) is trabecular bone.
 */
export function labelAcousticTable(
  tissues: Readonly<Record<TissueClass, AcousticMedium>> = ACOUSTIC_TISSUES,
): AcousticMedium[] {
  const out: AcousticMedium[] = []
  for (let id = 0; id < 256; id++) {
    const info = structureById(id)
    if (id === 0) out.push(WATER)
    else if (isBoneLabel(id) && info.tissue === 'tumour') out.push(tissues.trabecularBone)
    else out.push(tissues[info.tissue])
  }
  return out
}
