/**
 * CT numbers (HU, 120 kVp) of the phantom's materials, with their ANATOMY.md §6 source keys. Every value is
 * a default of an adjustable parameter (`PhantomSpec.hu`). Contrast-phase values are [U] teaching defaults
 * except the arterial aorta (Maffei15, Wintersperger05: 333–350 → 320).
 */

/** Contrast phase of the simulated acquisition. */
export type ContrastPhase = 'none' | 'arterial' | 'portalVenous'

/** HU of every material the phantom paints. */
export interface HuTable {
  /** Air outside the body: −1000, RadClass [V]. */
  readonly air: number
  /** Bowel gas: −1000, RadClass [V]; −990 so gas reads just above the air floor after noise. */
  readonly bowelGas: number
  /** Lung parenchyma (inspiration): −817, Lung91 [V]. */
  readonly lung: number
  /** Subcutaneous fat: −50 to −100, RadClass [V] → −100. */
  readonly subcutaneousFat: number
  /** Visceral and retroperitoneal fat → −95 [U within RadClass]. */
  readonly visceralFat: number
  /** Epidural fat → −90 [U within RadClass]. */
  readonly epiduralFat: number
  /** Skin (dermis) → 40 [U]. */
  readonly skin: number
  /** Skeletal muscle: 48.4 ± 5.5, Lawlor22 [V] → 48. */
  readonly muscle: number
  /** CSF: 0–15, JackNaim / Examzify → [D] 8. */
  readonly csf: number
  /** Spinal cord: ~30–40 [U] → 35. */
  readonly cord: number
  /** Nerve roots and peripheral nerves → 30 [U]. */
  readonly nerve: number
  /** Unenhanced blood: means 36–38 (AnemiaCT), 39–50 non-anaemic (ResSquare22) → [D] 45. */
  readonly blood: number
  /** Kidney, unenhanced: 20–40, RadClass [V] → 30. */
  readonly kidney: number
  /** Liver, unenhanced: 45–65, RadClass [V] → 55. */
  readonly liver: number
  /** Spleen, heart and other solid viscera, unenhanced → 45 [U]. */
  readonly softTissue: number
  /** Bowel wall → 40 [U]. */
  readonly bowelWall: number
  /** Bowel fluid content → 15 [U]. */
  readonly bowelFluid: number
  /** Urine in the bladder → 5 [U]. */
  readonly urine: number
  /** Annulus fibrosus: disc 60–80, CTLearn [V]; annulus taken at the top → 85 [U]. */
  readonly discAnnulus: number
  /** Nucleus pulposus → 65 [U] (not separable from the annulus on CT, CTLearn [V]). */
  readonly discNucleus: number
  /** Hyaline cartilage: ~80–120 [U] → 100. */
  readonly cartilage: number
  /** Joint fluid / joint space → 20 [U]. */
  readonly jointFluid: number
  /** Dense cortical bone: 1000–2000 (UVM, CommonVein, RadClass) → [D] 1400. */
  readonly cortex: number
  /** Yellow marrow of the femoral shaft → −60 [U]. */
  readonly yellowMarrow: number
  /** Lytic tumour (soft-tissue density replacing bone): 20–60 [U] → 40. */
  readonly tumourLytic: number
  /** Blastic metastasis: mean 654 ± 176, Ulano16 [V] → 650. */
  readonly tumourBlastic: number
  /** Extra-osseous tumour → 40 [U]. */
  readonly tumourSoftTissue: number
}

/** Unenhanced defaults. */
export const DEFAULT_HU: HuTable = {
  air: -1000,
  bowelGas: -990,
  lung: -817,
  subcutaneousFat: -100,
  visceralFat: -95,
  epiduralFat: -90,
  skin: 40,
  muscle: 48,
  csf: 8,
  cord: 35,
  nerve: 30,
  blood: 45,
  kidney: 30,
  liver: 55,
  softTissue: 45,
  bowelWall: 40,
  bowelFluid: 15,
  urine: 5,
  discAnnulus: 85,
  discNucleus: 65,
  cartilage: 100,
  jointFluid: 20,
  cortex: 1400,
  yellowMarrow: -60,
  tumourLytic: 40,
  tumourBlastic: 650,
  tumourSoftTissue: 40,
}

/** Enhanced HU of vessels, organs and hypervascular tumour in a contrast phase. */
export interface EnhancementTable {
  readonly artery: number
  readonly vein: number
  readonly kidney: number
  readonly liver: number
  readonly softTissue: number
  /** Hypervascular tumour (e.g. renal cell carcinoma metastasis). */
  readonly hypervascularTumour: number
  /** Ordinary tumour. */
  readonly tumour: number
}

/**
 * Enhancement by phase. Arterial aorta 320 (Maffei15 350 ± 59, Wintersperger05 333 ± 90 [V]); all other
 * enhanced values are teaching defaults [U].
 */
export function enhancement(phase: ContrastPhase, hu: HuTable): EnhancementTable {
  switch (phase) {
    case 'none':
      return {
        artery: hu.blood,
        vein: hu.blood,
        kidney: hu.kidney,
        liver: hu.liver,
        softTissue: hu.softTissue,
        hypervascularTumour: hu.tumourLytic,
        tumour: hu.tumourLytic,
      }
    case 'arterial':
      return {
        artery: 320,
        vein: 90,
        kidney: 160,
        liver: 70,
        softTissue: 70,
        hypervascularTumour: 210,
        tumour: 60,
      }
    case 'portalVenous':
      return {
        artery: 170,
        vein: 160,
        kidney: 170,
        liver: 110,
        softTissue: 80,
        hypervascularTumour: 130,
        tumour: 80,
      }
  }
}

/**
 * Trabecular HU at L1 by age: 226 HU below 30 years falling 2.5 HU per year (Jang19 [V]), floored at
 * 60 HU (the osteoporotic preset's lower bound, ANATOMY §8).
 */
export const l1TrabecularHuForAge = (ageYears: number): number =>
  Math.max(60, 226 - 2.5 * Math.max(0, ageYears - 30))
