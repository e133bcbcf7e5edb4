/**
 * Thermal tissue properties for the Pennes and cryo solvers, per `TissueClass` (src/lib/anatomy.ts).
 * SI units throughout. Every number cites its FACTS.md key (section and source); values tagged [U], [D] or
 * [G] in FACTS carry an explicit range so that uncertainty overlays can sample them
 * (`sampleTissueThermal`). Pure data and arithmetic; no DOM.
 */
import { structureById, type TissueClass } from '../../lib/anatomy'
import type { Rng } from '../../lib/rng'

/** FACTS.md evidence tag: V verified, U unverified, D sources disagree, G gap (value chosen here). */
export type EvidenceTag = 'V' | 'U' | 'D' | 'G'

/** A parameter with its default, its plausible range (for uncertainty display) and its FACTS source. */
export interface UncertainValue {
  readonly value: number
  readonly min: number
  readonly max: number
  readonly tag: EvidenceTag
  /** FACTS.md key, e.g. 'FACTS §1.2 COMSOL'. */
  readonly source: string
}

const v = (value: number, source: string): UncertainValue => ({
  value,
  min: value,
  max: value,
  tag: 'V',
  source,
})
const r = (
  value: number,
  min: number,
  max: number,
  tag: EvidenceTag,
  source: string,
): UncertainValue => ({
  value,
  min,
  max,
  tag,
  source,
})

/**
 * How a tissue class behaves thermally: 'tissue' is solved by Pennes; 'vessel' is a large vessel held at
 * arterial temperature (a Dirichlet heat sink); 'insulator' (gas) conducts no heat; 'air' is outside the
 * body, where the optional convective skin boundary applies.
 */
export type ThermalBehaviour = 'tissue' | 'vessel' | 'insulator' | 'air'

/** Uncertain thermal inputs of one tissue class. */
export interface TissueThermalSpec {
  readonly behaviour: ThermalBehaviour
  readonly densityKgPerM3: UncertainValue
  readonly specificHeatJPerKgK: UncertainValue
  readonly conductivityWPerMK: UncertainValue
  /** Blood perfusion in mL of blood per minute per kg of tissue (the unit FACTS §1.2 quotes). */
  readonly perfusionMlPerMinPerKg: UncertainValue
  /** Metabolic heat in W/m³. Not in FACTS: [G], only used when metabolic heat is switched on. */
  readonly metabolicWPerM3: UncertainValue
  /** Mass fraction of water, which scales the latent heat and the frozen properties (FACTS §1.2, [U]). */
  readonly waterFraction: UncertainValue
}

/** Plain (sampled or default) thermal properties of one tissue, SI. */
export interface TissueThermal {
  readonly behaviour: ThermalBehaviour
  readonly densityKgPerM3: number
  readonly specificHeatJPerKgK: number
  readonly conductivityWPerMK: number
  /** Volumetric perfusion ω in (m³ blood / s) / m³ tissue, i.e. s⁻¹. */
  readonly perfusionPerS: number
  readonly metabolicWPerM3: number
  readonly waterFraction: number
}

const GAP = 'not in FACTS; chosen here [G]'
const ZERO = r(0, 0, 0, 'G', GAP)
const NO_MET = r(0, 0, 0, 'G', GAP)

/** Per-class specs. Sources: FACTS §1.2 table (COMSOL/IT'IS), §1.2 [D] handbook table, marrow PET. */
export const TISSUE_THERMAL_SPECS: Readonly<Record<TissueClass, TissueThermalSpec>> = {
  corticalBone: {
    behaviour: 'tissue',
    densityKgPerM3: r(1908, 1790, 1908, 'D', 'FACTS §1.2 COMSOL [V] vs handbook [D]'),
    specificHeatJPerKgK: r(1313, 1260, 1313, 'D', 'FACTS §1.2 COMSOL [V] vs handbook [D]'),
    conductivityWPerMK: r(
      0.32,
      0.16,
      0.6,
      'D',
      'FACTS §1.2 COMSOL; published 0.16–4.89, >0.6 suspect [D]',
    ),
    perfusionMlPerMinPerKg: r(10, 5, 40, 'U', "FACTS §1.2 IT'IS ~10 [U]"),
    metabolicWPerM3: r(0, 0, 400, 'G', GAP),
    waterFraction: r(0.15, 0.1, 0.25, 'G', GAP),
  },
  trabecularBone: {
    behaviour: 'tissue',
    densityKgPerM3: r(1178, 1178, 1250, 'D', "FACTS §1.2 IT'IS [U] vs handbook 1250 [D]"),
    specificHeatJPerKgK: r(2274, 2274, 2970, 'D', "FACTS §1.2 IT'IS [U] vs handbook 2970 [D]"),
    conductivityWPerMK: r(0.31, 0.29, 0.6, 'D', 'FACTS §1.2 IT’IS 0.31; beef cancellous 0.29 [V]'),
    // IT'IS ~30 mL/min/kg [U]; PET marrow 17.6 mL/min/100 g = 176 mL/min/kg [V] (FACTS §1.2 marrow).
    perfusionMlPerMinPerKg: r(30, 30, 176, 'D', "FACTS §1.2 IT'IS 30 [U] vs marrow PET 176 [V]"),
    metabolicWPerM3: r(0, 0, 600, 'G', GAP),
    waterFraction: r(0.4, 0.3, 0.7, 'G', GAP),
  },
  muscle: {
    behaviour: 'tissue',
    densityKgPerM3: v(1090, 'FACTS §1.2 COMSOL'),
    specificHeatJPerKgK: r(3421, 3421, 3470, 'D', 'FACTS §1.2 COMSOL vs handbook 3470 [D]'),
    conductivityWPerMK: v(0.49, 'FACTS §1.2 COMSOL'),
    perfusionMlPerMinPerKg: r(37, 20, 80, 'U', "FACTS §1.2 IT'IS ~37 [U]"),
    metabolicWPerM3: r(0, 0, 1000, 'G', GAP),
    waterFraction: r(0.75, 0.7, 0.8, 'U', 'FACTS §1.2 frozen tissue, water 0.7–0.8 [U]'),
  },
  fat: {
    behaviour: 'tissue',
    densityKgPerM3: r(911, 911, 940, 'D', 'FACTS §1.2 COMSOL vs handbook 940 [D]'),
    specificHeatJPerKgK: r(2348, 2260, 2348, 'D', 'FACTS §1.2 COMSOL vs handbook 2260 [D]'),
    conductivityWPerMK: v(0.21, 'FACTS §1.2 COMSOL'),
    perfusionMlPerMinPerKg: r(33, 15, 60, 'U', "FACTS §1.2 IT'IS ~33 [U]"),
    metabolicWPerM3: r(0, 0, 500, 'G', GAP),
    waterFraction: r(0.2, 0.1, 0.3, 'G', GAP),
  },
  skin: {
    behaviour: 'tissue',
    densityKgPerM3: v(1109, 'FACTS §1.2 k-Wave script [V, secondary]'),
    specificHeatJPerKgK: v(3391, 'FACTS §1.2 k-Wave script [V, secondary]'),
    conductivityWPerMK: v(0.37, 'FACTS §1.2 k-Wave script [V, secondary]'),
    perfusionMlPerMinPerKg: r(100, 30, 300, 'G', GAP),
    metabolicWPerM3: r(0, 0, 1000, 'G', GAP),
    waterFraction: r(0.65, 0.6, 0.7, 'G', GAP),
  },
  softTissue: {
    // Generic viscera take the liver row (the device-calibration medium, FACTS §1.2 COMSOL).
    behaviour: 'tissue',
    densityKgPerM3: v(1079, 'FACTS §1.2 COMSOL liver'),
    specificHeatJPerKgK: v(3540, 'FACTS §1.2 COMSOL liver'),
    conductivityWPerMK: v(0.52, 'FACTS §1.2 COMSOL liver'),
    perfusionMlPerMinPerKg: r(100, 30, 1000, 'G', GAP),
    metabolicWPerM3: r(0, 0, 10000, 'G', GAP),
    waterFraction: r(0.75, 0.7, 0.8, 'U', 'FACTS §1.2 frozen tissue, water 0.7–0.8 [U]'),
  },
  tumour: {
    // Lytic deposits replace marrow: FACTS §1.2 says use the marrow perfusion for lytic, marrow-rich bone.
    behaviour: 'tissue',
    densityKgPerM3: v(1050, 'FACTS §1.2 k-Wave script [V, secondary]'),
    specificHeatJPerKgK: v(3540, 'FACTS §1.2 k-Wave script [V, secondary]'),
    conductivityWPerMK: v(0.52, 'FACTS §1.2 k-Wave script [V, secondary]'),
    perfusionMlPerMinPerKg: r(
      176,
      0,
      400,
      'D',
      'FACTS §1.2 tumour "variable"; marrow PET 17.6/100 g [V]',
    ),
    metabolicWPerM3: r(0, 0, 5000, 'G', GAP),
    waterFraction: r(0.75, 0.7, 0.8, 'U', 'FACTS §1.2 frozen tissue, water 0.7–0.8 [U]'),
  },
  blood: {
    behaviour: 'vessel',
    densityKgPerM3: v(1050, 'FACTS §1.2 MCmatlab'),
    specificHeatJPerKgK: v(3617, 'FACTS §1.2 MCmatlab'),
    conductivityWPerMK: v(0.52, 'FACTS §1.2 MCmatlab'),
    perfusionMlPerMinPerKg: ZERO,
    metabolicWPerM3: NO_MET,
    waterFraction: r(0.8, 0.75, 0.85, 'G', GAP),
  },
  nerve: {
    // Spinal cord row; perfusion "high (grey/white-matter-like)" in FACTS, number chosen here.
    behaviour: 'tissue',
    densityKgPerM3: r(1075, 1075, 1075, 'U', "FACTS §1.2 IT'IS spinal cord [U]"),
    specificHeatJPerKgK: r(3630, 3630, 3630, 'U', "FACTS §1.2 IT'IS spinal cord [U]"),
    conductivityWPerMK: r(0.51, 0.51, 0.51, 'U', "FACTS §1.2 IT'IS spinal cord [U]"),
    perfusionMlPerMinPerKg: r(300, 150, 700, 'G', 'FACTS §1.2 "high"; number chosen here [G]'),
    metabolicWPerM3: r(0, 0, 10000, 'G', GAP),
    waterFraction: r(0.75, 0.7, 0.8, 'U', 'FACTS §1.2 frozen tissue, water 0.7–0.8 [U]'),
  },
  csf: {
    behaviour: 'tissue',
    densityKgPerM3: r(1007, 1007, 1007, 'U', "FACTS §1.2 IT'IS CSF [U]"),
    specificHeatJPerKgK: r(4096, 4096, 4096, 'U', "FACTS §1.2 IT'IS CSF [U]"),
    conductivityWPerMK: r(0.57, 0.57, 0.57, 'U', "FACTS §1.2 IT'IS CSF [U]"),
    perfusionMlPerMinPerKg: v(0, "FACTS §1.2 IT'IS CSF"),
    metabolicWPerM3: NO_MET,
    waterFraction: r(0.99, 0.98, 1, 'G', GAP),
  },
  disc: {
    // Not in FACTS: a water-rich, avascular tissue; liver-like bulk values and zero perfusion [G].
    behaviour: 'tissue',
    densityKgPerM3: r(1100, 1050, 1150, 'G', GAP),
    specificHeatJPerKgK: r(3600, 3000, 4000, 'G', GAP),
    conductivityWPerMK: r(0.5, 0.4, 0.6, 'G', GAP),
    perfusionMlPerMinPerKg: r(0, 0, 5, 'G', GAP),
    metabolicWPerM3: NO_MET,
    waterFraction: r(0.75, 0.65, 0.85, 'G', GAP),
  },
  lung: {
    // Not in FACTS: aerated lung has low density and low conductivity [G].
    behaviour: 'tissue',
    densityKgPerM3: r(400, 250, 600, 'G', GAP),
    specificHeatJPerKgK: r(3900, 3500, 4000, 'G', GAP),
    conductivityWPerMK: r(0.4, 0.2, 0.5, 'G', GAP),
    perfusionMlPerMinPerKg: r(100, 50, 500, 'G', GAP),
    metabolicWPerM3: NO_MET,
    waterFraction: r(0.75, 0.6, 0.8, 'G', GAP),
  },
  gas: {
    behaviour: 'insulator',
    densityKgPerM3: r(1.2, 1.2, 1.2, 'G', GAP),
    specificHeatJPerKgK: r(1005, 1005, 1005, 'G', GAP),
    conductivityWPerMK: r(0.026, 0.026, 0.026, 'G', GAP),
    perfusionMlPerMinPerKg: ZERO,
    metabolicWPerM3: NO_MET,
    waterFraction: ZERO,
  },
  air: {
    behaviour: 'air',
    densityKgPerM3: r(1.2, 1.2, 1.2, 'G', GAP),
    specificHeatJPerKgK: r(1005, 1005, 1005, 'G', GAP),
    conductivityWPerMK: r(0.026, 0.026, 0.026, 'G', GAP),
    perfusionMlPerMinPerKg: ZERO,
    metabolicWPerM3: NO_MET,
    waterFraction: ZERO,
  },
}

/** Blood properties for the perfusion term (FACTS §1.2, MCmatlab `makeTissueList.m` [V]). */
export const BLOOD = { densityKgPerM3: 1050, specificHeatJPerKgK: 3617 } as const

/** Water (FACTS §1.2 table, 'standard'): the agar/gel phantom medium of the cryo validation studies. */
export const WATER_THERMAL: TissueThermal = {
  behaviour: 'tissue',
  densityKgPerM3: 1000,
  specificHeatJPerKgK: 4184,
  conductivityWPerMK: 0.6,
  perfusionPerS: 0,
  metabolicWPerM3: 0,
  waterFraction: 1,
}

/** Converts perfusion in mL/min per kg of tissue to the volumetric rate ω in s⁻¹. */
export function perfusionPerS(mlPerMinPerKg: number, tissueDensityKgPerM3: number): number {
  // 1 mL = 1e-6 m³; per minute → per second; per kg → per m³ through the tissue density.
  return ((mlPerMinPerKg * 1e-6) / 60) * tissueDensityKgPerM3
}

/** Default (centre-of-range) properties of a tissue class. */
export function tissueThermal(tissue: TissueClass): TissueThermal {
  return fromSpec(TISSUE_THERMAL_SPECS[tissue], (u) => u.value)
}

/**
 * Samples the properties of a tissue class uniformly inside each documented range (for uncertainty
 * overlays). Verified values have an empty range and stay fixed.
 */
export function sampleTissueThermal(tissue: TissueClass, rng: Rng): TissueThermal {
  return fromSpec(TISSUE_THERMAL_SPECS[tissue], (u) =>
    u.max > u.min ? rng.uniform(u.min, u.max) : u.value,
  )
}

function fromSpec(s: TissueThermalSpec, pick: (u: UncertainValue) => number): TissueThermal {
  const densityKgPerM3 = pick(s.densityKgPerM3)
  return {
    behaviour: s.behaviour,
    densityKgPerM3,
    specificHeatJPerKgK: pick(s.specificHeatJPerKgK),
    conductivityWPerMK: pick(s.conductivityWPerMK),
    perfusionPerS: perfusionPerS(pick(s.perfusionMlPerMinPerKg), densityKgPerM3),
    metabolicWPerM3: pick(s.metabolicWPerM3),
    waterFraction: pick(s.waterFraction),
  }
}

/**
 * Liver in the two states the device zone charts come from (FACTS §1.2 COMSOL liver row [V]). In-vivo
 * liver perfusion is not in FACTS [G]. 1.2×10⁻² s⁻¹ (≈ 0.7 mL/min/g; total hepatic blood flow is ≈ 1
 * mL/min/g ≈ 1.7×10⁻² s⁻¹, RF liver models use 6.4×10⁻³–1.7×10⁻²) is FITTED to FACTS §8.7: with it the full
 * RF model's ex/in-vivo zone volume ratio is ≈ 3.06 (Song 2015: 29.6 → 10.3 / 23.9 → 7.8 cm³), so §8.7
 * is a calibration point of the model, not an independent check. The microwave absorbed fraction η and
 * the preview tables were refitted with it (README "Calibrations"). Adjustable, range 2–20×10⁻³ s⁻¹.
 */
export const LIVER_PERFUSION_PER_S = r(
  1.2e-2,
  2e-3,
  2e-2,
  'G',
  'not in FACTS; fitted to FACTS §8.7 (RF ex/in-vivo volume ratio ≈ 3, Song 2015)',
)

/** Liver thermal properties, ex vivo (no perfusion) or in vivo (`LIVER_PERFUSION_PER_S`). */
export function liverThermal(isPerfused: boolean): TissueThermal {
  return {
    behaviour: 'tissue',
    densityKgPerM3: 1079,
    specificHeatJPerKgK: 3540,
    conductivityWPerMK: 0.52,
    perfusionPerS: isPerfused ? LIVER_PERFUSION_PER_S.value : 0,
    metabolicWPerM3: 0,
    waterFraction: 0.75,
  }
}

/**
 * Temperature coefficient of conductivity: k(T) = k₃₇·(1 + β·(T − 37 °C)), β ≈ 0.2 %/°C
 * (FACTS §1.2 "Temperature dependence", Duck 1990 / IT'IS via kwavers [V, secondary]). The Pennes solver
 * applies it to each face's mean temperature up to `K_TEMP_MAX_C` and holds it constant above (water
 * boils; the linear law has no support there [G]). Frozen tissue uses `frozenThermal` instead.
 */
export const K_TEMP_COEFF_PER_K = r(
  0.002,
  0,
  0.003,
  'V',
  'FACTS §1.2 temperature dependence (secondary)',
)
/** Reference temperature of `K_TEMP_COEFF_PER_K`, °C. */
export const K_TEMP_REF_C = 37
/** Upper clamp of the k(T) law, °C. */
export const K_TEMP_MAX_C = 100

/** Arterial blood temperature (core), °C. */
export const ARTERIAL_TEMP_C = 37

/**
 * Perfusion shutdown: where the Arrhenius damage Ω reaches this value, perfusion stops (ω → 0; coagulated
 * vessels carry no blood). FACTS §1.1 ties Ω = 1 to coagulation; the switch itself is a modelling choice
 * common in RF models [U], with a documented range.
 */
export const PERFUSION_SHUTDOWN_OMEGA = r(
  1,
  0.5,
  4.6,
  'U',
  'FACTS §1.1 Ω = 1 coagulation; switch [U]',
)

/** Number of label ids a Uint8 label volume can hold. */
export const LABEL_COUNT = 256

/**
 * Thermal properties per label id (0…255) through the structure → tissue-class map of src/lib/anatomy.ts.
 * `byTissue` replaces whole classes (e.g. a sampled set); `byLabel` replaces single structures (e.g. liver
 * properties for the calibration phantom).
 */
export function labelThermalTable(
  byTissue: Partial<Record<TissueClass, TissueThermal>> = {},
  byLabel: ReadonlyMap<number, TissueThermal> = new Map(),
): TissueThermal[] {
  const table: TissueThermal[] = []
  for (let id = 0; id < LABEL_COUNT; id++) {
    const tissue = structureById(id).tissue
    table.push(byLabel.get(id) ?? byTissue[tissue] ?? tissueThermal(tissue))
  }
  return table
}

/**
 * Ice and phase-change constants for the cryo solver (FACTS §1.2 "Frozen tissue"): ice k ≈ 2.2 W/m/K and
 * latent heat 333 kJ/kg scaled by the water fraction are standard physics [U]; ice specific heat
 * 2100 J/kg/K [G]. Tissue freezes over a mushy range, not at 0 °C [G: −8…−1 °C, a common modelling
 * choice; range given for overlays].
 */
export const ICE = {
  conductivityWPerMK: r(2.2, 2.0, 2.4, 'U', 'FACTS §1.2 frozen tissue, ice k ≈ 2.2 [U]'),
  specificHeatJPerKgK: r(2100, 1900, 2100, 'G', GAP),
  latentHeatJPerKg: r(333e3, 333e3, 333e3, 'U', 'FACTS §1.2 frozen tissue, 333 kJ/kg [U]'),
  liquidusC: r(-1, -1, 0, 'G', GAP),
  solidusC: r(-8, -10, -1, 'G', GAP),
} as const

/** Properties of a tissue in the frozen state, SI; everything the enthalpy method needs. */
export interface FrozenThermal {
  /** Volumetric heat capacity when fully frozen, J/m³/K. */
  readonly frozenHeatCapJPerM3K: number
  /** Volumetric heat capacity when unfrozen, J/m³/K. */
  readonly unfrozenHeatCapJPerM3K: number
  readonly frozenConductivityWPerMK: number
  readonly unfrozenConductivityWPerMK: number
  /** Latent heat per volume, J/m³. */
  readonly latentJPerM3: number
  readonly solidusC: number
  readonly liquidusC: number
}

/**
 * Frozen properties by a water-fraction mixing rule: the tissue's water turns to ice, so k rises by
 * w·(k_ice − k_water) and c falls by w·(c_water − c_ice); latent heat is w·333 kJ/kg. For water (w = 1)
 * this gives ice exactly; it reproduces the strong rise in k and fall in c of FACTS §1.2.
 */
export function frozenThermal(t: TissueThermal): FrozenThermal {
  const w = t.waterFraction
  const kIce = ICE.conductivityWPerMK.value
  const cIce = ICE.specificHeatJPerKgK.value
  const kFrozen = t.conductivityWPerMK + w * (kIce - WATER_THERMAL.conductivityWPerMK)
  const cFrozen = t.specificHeatJPerKgK - w * (WATER_THERMAL.specificHeatJPerKgK - cIce)
  return {
    frozenHeatCapJPerM3K: t.densityKgPerM3 * Math.max(cFrozen, 0.3 * t.specificHeatJPerKgK),
    unfrozenHeatCapJPerM3K: t.densityKgPerM3 * t.specificHeatJPerKgK,
    frozenConductivityWPerMK: kFrozen,
    unfrozenConductivityWPerMK: t.conductivityWPerMK,
    latentJPerM3: t.densityKgPerM3 * w * ICE.latentHeatJPerKg.value,
    solidusC: w > 0 ? ICE.solidusC.value : -1000,
    liquidusC: w > 0 ? ICE.liquidusC.value : -999,
  }
}
