/**
 * Electrical conductivity of tissue classes (S/m), at RF (≈ 450–500 kHz) and for ECT/IRE pulses (low
 * frequency, with the electroporation change), its temperature dependence at RF, and the electroporation
 * sigmoid σ(E). Pure. Sources are keys of /work/shared/domain/FACTS.md; tags as there: [V] read in a
 * source, [U] unverified, [D] sources disagree. Every [U]/[D] value carries a range and is a parameter.
 */
import { type TissueClass, structureById } from '../../lib/anatomy'

/** Evidence tag of a value (FACTS.md, "How to read this file"). */
export type EvidenceTag = 'V' | 'U' | 'D'

/** A conductivity with its plausible range and source. */
export interface ConductivityValue {
  readonly sigmaSPerM: number
  /** Plausible range (S/m) to vary the value over. */
  readonly rangeSPerM: readonly [number, number]
  readonly tag: EvidenceTag
  /** FACTS.md section and source. */
  readonly source: string
}

const S13 = 'FACTS §1.3 table (Gabriel 1996 / IT’IS v4.1, secondary)'

/**
 * Conductivity at about 500 kHz (RF ablation) per tissue class. Values without a FACTS entry are [U]
 * estimates with wide ranges.
 */
export const RF_CONDUCTIVITY: Readonly<Record<TissueClass, ConductivityValue>> = {
  air: { sigmaSPerM: 0, rangeSPerM: [0, 0], tag: 'V', source: 'insulator (physics)' },
  gas: { sigmaSPerM: 0, rangeSPerM: [0, 0], tag: 'V', source: 'insulator (physics)' },
  corticalBone: { sigmaSPerM: 0.04, rangeSPerM: [0.02, 0.06], tag: 'D', source: S13 },
  trabecularBone: { sigmaSPerM: 0.15, rangeSPerM: [0.08, 0.22], tag: 'D', source: S13 },
  muscle: {
    sigmaSPerM: 0.5,
    rangeSPerM: [0.13, 0.56],
    tag: 'D',
    source: `${S13}: 0.45–0.55 isotropic; 0.13 across to 0.56 along fibres`,
  },
  fat: { sigmaSPerM: 0.04, rangeSPerM: [0.025, 0.055], tag: 'D', source: S13 },
  blood: { sigmaSPerM: 0.72, rangeSPerM: [0.7, 0.75], tag: 'D', source: S13 },
  csf: {
    sigmaSPerM: 1.654,
    rangeSPerM: [1.5, 2.0],
    tag: 'U',
    source:
      'FACTS §1.3 Wagner 2004 (low frequency, [V]); taken as frequency-independent up to RF [U]',
  },
  tumour: {
    sigmaSPerM: 0.4,
    rangeSPerM: [0.12, 0.7],
    tag: 'U',
    source:
      'FACTS §1.3 Haemmerich & Schutt 2010: above 500 kHz tumour ≈ normal soft tissue; value [U]',
  },
  softTissue: {
    sigmaSPerM: 0.35,
    rangeSPerM: [0.12, 0.55],
    tag: 'U',
    source: 'FACTS §1.3 Lobo 2005 (0.12 background) to muscle; liver-like value [U]',
  },
  skin: { sigmaSPerM: 0.2, rangeSPerM: [0.1, 0.45], tag: 'U', source: 'not in FACTS [U]' },
  nerve: { sigmaSPerM: 0.15, rangeSPerM: [0.08, 0.35], tag: 'U', source: 'not in FACTS [U]' },
  disc: { sigmaSPerM: 0.6, rangeSPerM: [0.2, 1.0], tag: 'U', source: 'not in FACTS [U]' },
  lung: { sigmaSPerM: 0.15, rangeSPerM: [0.1, 0.3], tag: 'U', source: 'not in FACTS [U]' },
}

/** Low-frequency (pulse) conductivity before and after electroporation, and the field thresholds. */
export interface EctTissueParams {
  /** Baseline conductivity (S/m). */
  readonly sigma0SPerM: number
  /** Range of the baseline (S/m). */
  readonly sigma0RangeSPerM: readonly [number, number]
  /** Conductivity once fully electroporated (S/m). */
  readonly sigma1SPerM: number
  /** Reversible-electroporation threshold (V/m). */
  readonly reversibleVPerM: number
  /** Irreversible-electroporation threshold (V/m). */
  readonly irreversibleVPerM: number
  readonly tag: EvidenceTag
  readonly source: string
}

const S42 = 'FACTS §4.2 Go-Smart NumaIRE thresholds (public code, secondary)'
const VCM = 100
/** "Background" row of FACTS §4.2, used for tissues without their own row [U mapping]. */
const BACKGROUND = { reversibleVPerM: 100 * VCM, irreversibleVPerM: 400 * VCM } as const

/**
 * ECT/IRE parameters per tissue class (FACTS §4.2; thresholds converted from V/cm). Rows without their own
 * FACTS entry use the §4.2 "background" thresholds and a 3× conductivity rise (§4.2: "roughly 2–4×") [U];
 * acellular tissues (bone mineral, CSF, disc) are given no rise [U].
 */
export const ECT_PARAMS: Readonly<Record<TissueClass, EctTissueParams>> = {
  air: {
    sigma0SPerM: 0,
    sigma0RangeSPerM: [0, 0],
    sigma1SPerM: 0,
    ...BACKGROUND,
    tag: 'V',
    source: 'insulator',
  },
  gas: {
    sigma0SPerM: 0,
    sigma0RangeSPerM: [0, 0],
    sigma1SPerM: 0,
    ...BACKGROUND,
    tag: 'V',
    source: 'insulator',
  },
  tumour: {
    sigma0SPerM: 0.2,
    sigma0RangeSPerM: [0.1, 0.4],
    sigma1SPerM: 0.7,
    reversibleVPerM: 400 * VCM,
    irreversibleVPerM: 800 * VCM,
    tag: 'V',
    source: `${S42}; FACTS §8 case 14`,
  },
  blood: {
    sigma0SPerM: 0.7,
    sigma0RangeSPerM: [0.6, 0.75],
    sigma1SPerM: 1.5,
    reversibleVPerM: 100 * VCM,
    irreversibleVPerM: 450 * VCM,
    tag: 'V',
    source: `${S42} (vessels)`,
  },
  softTissue: {
    sigma0SPerM: 0.08,
    sigma0RangeSPerM: [0.08, 0.12],
    sigma1SPerM: 0.32,
    reversibleVPerM: 350 * VCM,
    irreversibleVPerM: 700 * VCM,
    tag: 'D',
    source: `${S42} (liver); FACTS §1.3 Beitel-White 2021 liver 0.12`,
  },
  fat: {
    sigma0SPerM: 0.02,
    sigma0RangeSPerM: [0.02, 0.055],
    sigma1SPerM: 0.08,
    ...BACKGROUND,
    tag: 'U',
    source: `${S42} (background row, mapped to fat [U])`,
  },
  corticalBone: {
    sigma0SPerM: 0.02,
    sigma0RangeSPerM: [0.01, 0.06],
    sigma1SPerM: 0.02,
    ...BACKGROUND,
    tag: 'D',
    source: 'FACTS §1.3 Wagner 2004 (0.01) and §4.2 Campanacci 2022 (0.01–0.06); no rise [U]',
  },
  trabecularBone: {
    sigma0SPerM: 0.08,
    sigma0RangeSPerM: [0.05, 0.22],
    sigma1SPerM: 0.24,
    ...BACKGROUND,
    tag: 'U',
    source: 'marrow; FACTS §1.3 RF range as upper bound, §4.2 "2–4×" [U]',
  },
  muscle: {
    sigma0SPerM: 0.135,
    sigma0RangeSPerM: [0.1, 0.35],
    sigma1SPerM: 0.405,
    ...BACKGROUND,
    tag: 'U',
    source:
      'FACTS §1.3 (0.13 across fibres at 500 kHz) as baseline; §4.2 background thresholds [U]',
  },
  skin: {
    sigma0SPerM: 0.05,
    sigma0RangeSPerM: [0.001, 0.2],
    sigma1SPerM: 0.15,
    ...BACKGROUND,
    tag: 'U',
    source: 'not in FACTS [U]',
  },
  nerve: {
    sigma0SPerM: 0.1,
    sigma0RangeSPerM: [0.03, 0.2],
    sigma1SPerM: 0.3,
    ...BACKGROUND,
    tag: 'U',
    source: 'not in FACTS [U]',
  },
  csf: {
    sigma0SPerM: 1.654,
    sigma0RangeSPerM: [1.5, 2.0],
    sigma1SPerM: 1.654,
    ...BACKGROUND,
    tag: 'V',
    source: 'FACTS §1.3 Wagner 2004; acellular, no rise [U]',
  },
  disc: {
    sigma0SPerM: 0.3,
    sigma0RangeSPerM: [0.1, 0.8],
    sigma1SPerM: 0.3,
    ...BACKGROUND,
    tag: 'U',
    source: 'not in FACTS; no rise [U]',
  },
  lung: {
    sigma0SPerM: 0.1,
    sigma0RangeSPerM: [0.05, 0.2],
    sigma1SPerM: 0.3,
    ...BACKGROUND,
    tag: 'U',
    source: 'not in FACTS [U]',
  },
}

/**
 * Temperature coefficient of RF conductivity: σ(T) = σ(37 °C)·(1 + α·(T − 37)), α = 2 %/°C, range
 * 1.2–2.3 %/°C (FACTS §1.3, Beitel-White et al. IEEE TBME 2021 [V]).
 */
export const RF_TEMPERATURE_COEFFICIENT = {
  perC: 0.02,
  rangePerC: [0.012, 0.023],
  referenceC: 37,
} as const

/** Settings of {@link rfConductivityAtTemperature}. */
export interface TemperatureDependence {
  /** Fractional change per °C (default {@link RF_TEMPERATURE_COEFFICIENT}). */
  readonly perC?: number
  readonly referenceC?: number
  /**
   * Optional desiccation roll-off: above `tempC` the conductivity is multiplied by `factor`. Common in RF
   * models (tissue water boils near 100 °C) but not in FACTS, so off by default [U].
   */
  readonly rollOff?: { readonly tempC: number; readonly factor: number }
}

/** RF conductivity (S/m) at temperature `tempC` given its value at the reference temperature. */
export function rfConductivityAtTemperature(
  sigmaRefSPerM: number,
  tempC: number,
  dep: TemperatureDependence = {},
): number {
  const alpha = dep.perC ?? RF_TEMPERATURE_COEFFICIENT.perC
  const ref = dep.referenceC ?? RF_TEMPERATURE_COEFFICIENT.referenceC
  let s = sigmaRefSPerM * Math.max(0, 1 + alpha * (tempC - ref))
  if (dep.rollOff && tempC > dep.rollOff.tempC) s *= dep.rollOff.factor
  return s
}

/** Writes σ(T) per voxel into `out` (S/m) from reference conductivities and a temperature field (°C). */
export function applyTemperatureToConductivity(
  out: Float32Array,
  sigmaRefSPerM: ArrayLike<number>,
  tempC: ArrayLike<number>,
  dep: TemperatureDependence = {},
): Float32Array {
  for (let v = 0; v < out.length; v++) {
    out[v] = rfConductivityAtTemperature(sigmaRefSPerM[v], tempC[v], dep)
  }
  return out
}

/**
 * Electroporation sigmoid σ(E): σ0 below the reversible threshold, σ1 above the irreversible one, and a
 * C¹ smooth step (3t² − 2t³) in between, t = (E − E_rev)/(E_irr − E_rev). A smooth monotone step between
 * the two thresholds, as in the non-linear σ(E) models of Šel et al., IEEE TBME 52 (2005) 816 and Čorović
 * et al. 2013 (FACTS §4.2).
 */
export function electroporatedConductivity(
  eVPerM: number,
  sigma0SPerM: number,
  sigma1SPerM: number,
  reversibleVPerM: number,
  irreversibleVPerM: number,
): number {
  if (eVPerM <= reversibleVPerM) return sigma0SPerM
  if (eVPerM >= irreversibleVPerM) return sigma1SPerM
  const t = (eVPerM - reversibleVPerM) / (irreversibleVPerM - reversibleVPerM)
  return sigma0SPerM + (sigma1SPerM - sigma0SPerM) * t * t * (3 - 2 * t)
}

/** Per-voxel conductivity (S/m) from a label volume, via each label's tissue class. */
export function conductivityFromLabels(
  labels: ArrayLike<number>,
  sigmaOf: (tissue: TissueClass) => number = (t) => RF_CONDUCTIVITY[t].sigmaSPerM,
): Float32Array {
  const lut = new Float32Array(256)
  for (let id = 0; id < 256; id++) lut[id] = sigmaOf(structureById(id).tissue)
  const out = new Float32Array(labels.length)
  for (let v = 0; v < labels.length; v++) out[v] = lut[labels[v] & 255]
  return out
}

/** Per-voxel electroporation parameters (S/m, V/m) for {@link solveElectroporation}. */
export interface EctVoxelParams {
  readonly sigma0: Float32Array
  readonly sigma1: Float32Array
  readonly reversibleVPerM: Float32Array
  readonly irreversibleVPerM: Float32Array
}

/** Builds per-voxel ECT parameters from a label volume (tissue class → {@link ECT_PARAMS} by default). */
export function ectParamsFromLabels(
  labels: ArrayLike<number>,
  paramsOf: (tissue: TissueClass) => EctTissueParams = (t) => ECT_PARAMS[t],
): EctVoxelParams {
  const n = labels.length
  const out: EctVoxelParams = {
    sigma0: new Float32Array(n),
    sigma1: new Float32Array(n),
    reversibleVPerM: new Float32Array(n),
    irreversibleVPerM: new Float32Array(n),
  }
  const rows = Array.from({ length: 256 }, (_, id) => paramsOf(structureById(id).tissue))
  for (let v = 0; v < n; v++) {
    const p = rows[labels[v] & 255]
    out.sigma0[v] = p.sigma0SPerM
    out.sigma1[v] = p.sigma1SPerM
    out.reversibleVPerM[v] = p.reversibleVPerM
    out.irreversibleVPerM[v] = p.irreversibleVPerM
  }
  return out
}
