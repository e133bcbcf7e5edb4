/**
 * The phantom's input: a region, a patient (sex, age), optional overrides of every anatomical parameter
 * and the lesions, all in patient terms. `resolvePhantomSpec` fills the defaults; the generator only ever
 * sees the resolved form. Source keys refer to /work/shared/domain/ANATOMY.md.
 */
import { DEFAULT_HU, l1TrabecularHuForAge, type ContrastPhase, type HuTable } from './huTable'
import {
  DEFAULT_DISCS,
  DEFAULT_S1,
  DEFAULT_VERTEBRAE,
  VERTEBRAE,
  type DiscMorphometry,
  type VertebraMorphometry,
  type VertebraName,
} from './morphometry'

/** Body region covered by the volume. */
export type Region = 'thoracolumbar' | 'lumbar' | 'pelvis'

/** Patient sex (drives the sex-specific defaults). */
export type Sex = 'M' | 'F'

/** Lesion matrix. */
export type LesionKind = 'lytic' | 'blastic' | 'mixed'

/** Bone hosting a lesion. */
export type LesionBone = VertebraName | 'sacrum' | 'ilium'

/** Where in the host bone. Vertebrae: 'body'; ilium: 'wing' | 'supraAcetabular'; sacrum: 'ala'. */
export type LesionSite = 'body' | 'wing' | 'supraAcetabular' | 'ala'

/** A metastasis described as a radiologist would. */
export interface LesionSpec {
  readonly id: string
  readonly kind: LesionKind
  readonly bone: LesionBone
  readonly site?: LesionSite
  readonly side: 'left' | 'right' | 'midline'
  /** Antero-posterior position inside a vertebral body. */
  readonly ap?: 'anterior' | 'central' | 'posterior'
  /** Cranio-caudal position inside a vertebral body. */
  readonly cc?: 'superior' | 'middle' | 'inferior'
  /** Largest diameter. */
  readonly sizeMm: number
  /** Tumour breaks through the posterior wall into the anterior epidural space. */
  readonly posteriorWallBreach?: boolean
  /** Tumour extends into the pedicle on its side. */
  readonly pedicleInvolvement?: boolean
  /** Tumour destroys this endplate. */
  readonly endplateDestruction?: 'superior' | 'inferior'
  /** Extra-osseous soft-tissue mass thickness (0 = none). */
  readonly softTissueExtensionMm?: number
  /** Loss of vertebral body height, percent of the anterior height (pathological collapse). */
  readonly collapsePercent?: number
  /** Enhances strongly in contrast phases (e.g. renal cell carcinoma). */
  readonly hypervascular?: boolean
}

/** Artery of Adamkiewicz: drawn from the seed ('auto'), absent, or pinned. */
export type AdamkiewiczSpec =
  | { readonly mode: 'auto' }
  | { readonly mode: 'absent' }
  | {
      readonly mode: 'present'
      readonly side?: 'L' | 'R'
      /** Candidate levels; one is drawn from the seed with the Taterra19 weights. */
      readonly levels?: readonly VertebraName[]
    }

/** Body habitus. Default body at L3 AP 240 × lateral 340 mm and hips 220 × 360 [U] (ANATOMY §5). */
export interface BodyParams {
  readonly abdomenApMm: number
  readonly abdomenLatMm: number
  /** Lower chest (T8) [U]. */
  readonly thoraxApMm: number
  readonly thoraxLatMm: number
  readonly hipsApMm: number
  readonly hipsLatMm: number
  /** Skin 1.5–3 mm [U] (Skin22site pattern). */
  readonly skinMm: number
  /** Subcutaneous fat [U]; dorsal > 8.5–9.4 mm is common (SFI22). */
  readonly subcutaneousFatMm: number
  /** Abdominal / chest wall muscle layer [U]. */
  readonly muscleWallMm: number
  /** Skin to posterior epidural space at L3: [D] 50 (Epid04, Cha11, SED25). */
  readonly skinToEpiduralMm: number
  /** Squareness of the trunk section: 0 = ellipse, 1 = rounded rectangle [U]. */
  readonly squareness: number
}

/** Spine parameters beyond the per-level tables. */
export interface SpineParams {
  readonly levels: Readonly<Record<VertebraName, VertebraMorphometry>>
  readonly s1: VertebraMorphometry
  readonly discs: Readonly<Record<VertebraName, DiscMorphometry>>
  /** Sagittal tilt of L3 (+ = top tilted posteriorly); the rest follows from wedges and discs. */
  readonly l3TiltDeg: number
  /** Vertebral body shell: ~0.35 mm, range 0.09–0.86 (Silva94 [V]) → 0.4. */
  readonly bodyShellMm: number
  /** Bony endplate → 0.5 [U] (Silva94 shell, Segami21 denser endplates). */
  readonly endplateMm: number
  /** Cortex of laminae, processes and facets: 1–2.5 [U] → 1.5. */
  readonly archCortexMm: number
  /** Waist: fractional narrowing of the body at mid-height [U]. */
  readonly bodyWaist: number
  /** Rounding of the body rim [U]. */
  readonly rimRoundingMm: number
  /** Facet joint gap [U]. */
  readonly facetGapMm: number
  /** Conus tip: in this vertebra at this fraction of its height from the top (Saifuddin98: lower L1). */
  readonly conusLevel: VertebraName
  readonly conusFraction: number
  /** Dural sac AP / canal AP: 0.56–0.82 (Pierro17 [V]) → 0.8 (sac ≈ 13–14 mm, ANATOMY §3 default 14). */
  readonly thecalApRatio: number
  /** Dural sac width / canal width [U]. */
  readonly thecalWidthRatio: number
  /** Cord at T8: transverse 8.3 × AP 6.3 (Frostell16 [V]); lumbar enlargement 9.4 wide. */
  readonly cordWidthMm: number
  readonly cordApMm: number
  readonly cordEnlargementWidthMm: number
  /** Root diameters 5 mm from the ganglion (MRN18 [V]): L2 3.12 … S1 5.38; T8–L1 [U]. */
  readonly rootDiameterMm: Readonly<Record<VertebraName | 'S1' | 'S2' | 'S3' | 'S4', number>>
  /** Dorsal root ganglion width: 3.2–6.5 (Silverstein15 [V]) → 5.5. */
  readonly ganglionWidthMm: number
  /** Trabecular HU relative to L1 per level [U] (Hendrickson18: L3 ≈ 0.96 × L1). */
  readonly trabecularFactor: Readonly<Record<VertebraName | 'S1', number>>
}

/** Pelvis and proximal femur. */
export interface PelvisParams {
  /** Pelvic incidence: 32–74°, midpoint 53 (MacThiong11). */
  readonly pelvicIncidenceDeg: number
  /** Sacral plate midpoint to the hip axis ("pelvic thickness") [U]. */
  readonly sacroFemoralDistanceMm: number
  /** Half the distance between the hip centres [U]. */
  readonly hipHalfSeparationMm: number
  /** Femoral head diameter: men 49, women 44 (GermanFemur [V]). */
  readonly femoralHeadDiameterMm: number
  /** Neck-shaft angle [D] 127 (Toogood09, Carmona, Femur1070). */
  readonly neckShaftAngleDeg: number
  /** Femoral version [D] 12. */
  readonly femoralVersionDeg: number
  /** Acetabular anteversion [D] 20 (Stem06, Jiang15, Wang17). */
  readonly acetabularAnteversionDeg: number
  /** Acetabular inclination 39 ± 4 (Stem06 [V]). */
  readonly acetabularInclinationDeg: number
  /** Neck (supero-inferior) diameter: men 30–35, women 26–30 [U]. */
  readonly neckDiameterMm: number
  /** Mid-shaft outer diameter [D] men 29, women 27. */
  readonly shaftDiameterMm: number
  /** Diaphyseal cortex 5–8 [U] → 6. */
  readonly shaftCortexMm: number
  /** Neck length, head centre to shaft axis: 63 (IndianFemur10 [V]) → reduced to fit offset 42 [U]. */
  readonly femoralOffsetMm: number
  /** Iliac wing centre thickness between tables: < 5 (Wang23Iliac [V]) → 3. */
  readonly iliacWingCentreMm: number
  /** Thick rim below the crest: men 20.3, women 13.8 (Wang23Iliac [V]). */
  readonly iliacCrestMm: number
  /** Bi-iliac (crest) width ~270–290 [U]. */
  readonly biIliacWidthMm: number
  /** Hip joint space (two cartilage layers) [U]. */
  readonly hipJointSpaceMm: number
}

/** Vessels. */
export interface VesselParams {
  /** Outer aortic diameter at T8, T12, L2 and just above the bifurcation: [D] 24, 22, 19, 17. */
  readonly aortaDiameterMm: readonly [number, number, number, number]
  /** Bifurcation: lower L4 (Lee02bif 67 % at L4; SRA98 mean lower L4). */
  readonly bifurcationLevel: VertebraName
  readonly bifurcationFraction: number
  /** IVC at the renal veins: AP 16.3, transverse 25.8 (IVC22 [V]). */
  readonly ivcApMm: number
  readonly ivcLatMm: number
  /** Aorta to anterior disc surface: 1–2.5 (Kot22 [V]) → 2. */
  readonly aortaDiscGapMm: number
  /** Lumbar / intercostal artery diameter ~2–3 [U]. */
  readonly segmentalDiameterMm: number
  /** Common iliac artery diameter [U]. */
  readonly iliacDiameterMm: number
  /** Adamkiewicz artery: diameter ~1 mm (Taterra19 [V]). */
  readonly adamkiewicz: AdamkiewiczSpec
  readonly adamkiewiczDiameterMm: number
}

/** Organs and muscles. */
export interface OrganParams {
  /** Kidney length right 108, left 110 (Isfahan [V]); width 55, thickness 40 [U] (KidneyTeach). */
  readonly kidneyLengthMm: number
  readonly kidneyWidthMm: number
  readonly kidneyThicknessMm: number
  /** Right kidney lower than the left [U] (KidneyTeach, Morris). */
  readonly rightKidneyDropMm: number
  /** One psoas, cm²: ~9–10 at L3, ~12–15 at L4 [U] (derived from Lawlor22 index). */
  readonly psoasAreaL3Cm2: number
  readonly psoasAreaL4Cm2: number
}

/** Image formation. */
export interface ImageParams {
  /** Noise SD in a uniform region: routine abdomen 10–15 [U]; hybrid IR 18.4 (EmphNoise18) → 12. */
  readonly noiseSdHu: number
  /** Side weight w of the separable blur kernel [w, 1 − 2w, w] (0 = none). */
  readonly blurWeight: number
  /** Amplitude of the trabecular texture [U]. */
  readonly trabecularTextureHu: number
  /** In-plane and slice spacing; default per region (see regions.ts). */
  readonly spacingMm?: readonly [number, number, number]
  /** In-plane voxel count (default 256; smaller for quick previews and tests). */
  readonly inPlaneVoxels?: number
  /** Centre (x, y LPS mm) of the in-plane field of view (default: the trunk's centre), for zoomed volumes. */
  readonly fieldCentreMm?: readonly [number, number]
  /** World z range [bottom, top] in mm (default: the region's range), for zoomed volumes. */
  readonly zRangeMm?: readonly [number, number]
}

/** What the caller provides. Everything but the region is optional. */
export interface PhantomSpec {
  readonly region: Region
  readonly sex?: Sex
  readonly ageYears?: number
  /** L1 trabecular HU; default from age (Jang19). */
  readonly l1TrabecularHu?: number
  readonly contrast?: ContrastPhase
  readonly body?: Partial<BodyParams>
  readonly spine?: Partial<Omit<SpineParams, 'levels' | 'discs'>> & {
    readonly levels?: Partial<Record<VertebraName, Partial<VertebraMorphometry>>>
    readonly discs?: Partial<Record<VertebraName, Partial<DiscMorphometry>>>
  }
  readonly pelvis?: Partial<PelvisParams>
  readonly vessels?: Partial<VesselParams>
  readonly organs?: Partial<OrganParams>
  readonly image?: Partial<ImageParams>
  readonly hu?: Partial<HuTable>
  readonly lesions?: readonly LesionSpec[]
}

/** The spec with every default filled in. */
export interface ResolvedPhantomSpec {
  readonly region: Region
  readonly sex: Sex
  readonly ageYears: number
  readonly l1TrabecularHu: number
  readonly contrast: ContrastPhase
  readonly body: BodyParams
  readonly spine: SpineParams
  readonly pelvis: PelvisParams
  readonly vessels: VesselParams
  readonly organs: OrganParams
  readonly image: ImageParams
  readonly hu: HuTable
  readonly lesions: readonly LesionSpec[]
}

const DEFAULT_BODY: BodyParams = {
  abdomenApMm: 240,
  abdomenLatMm: 340,
  thoraxApMm: 230,
  thoraxLatMm: 315,
  hipsApMm: 220,
  hipsLatMm: 360,
  skinMm: 2,
  subcutaneousFatMm: 18,
  muscleWallMm: 12,
  skinToEpiduralMm: 50,
  squareness: 0.35,
}

const TRABECULAR_FACTOR: SpineParams['trabecularFactor'] = {
  T8: 1.06,
  T9: 1.05,
  T10: 1.04,
  T11: 1.03,
  T12: 1.02,
  L1: 1,
  L2: 0.98,
  L3: 0.96,
  L4: 0.95,
  L5: 0.95,
  S1: 0.85,
}

const ROOTS: SpineParams['rootDiameterMm'] = {
  T8: 2.5,
  T9: 2.5,
  T10: 2.5,
  T11: 2.6,
  T12: 2.8,
  L1: 3.0,
  L2: 3.12,
  L3: 4.29,
  L4: 5.13,
  L5: 5.29,
  S1: 5.38,
  S2: 4.5,
  S3: 3.5,
  S4: 2.5,
}

/** Fills every default. Sex-specific defaults follow ANATOMY §2.3 / §2.2. */
export function resolvePhantomSpec(spec: PhantomSpec): ResolvedPhantomSpec {
  const sex = spec.sex ?? 'M'
  const ageYears = spec.ageYears ?? 60
  const s = spec.spine ?? {}
  const levels = {} as Record<VertebraName, VertebraMorphometry>
  const discs = {} as Record<VertebraName, DiscMorphometry>
  for (const v of VERTEBRAE) {
    levels[v] = { ...DEFAULT_VERTEBRAE[v], ...(s.levels?.[v] ?? {}) }
    discs[v] = { ...DEFAULT_DISCS[v], ...(s.discs?.[v] ?? {}) }
  }
  const male = sex === 'M'
  return {
    region: spec.region,
    sex,
    ageYears,
    l1TrabecularHu: spec.l1TrabecularHu ?? l1TrabecularHuForAge(ageYears),
    contrast: spec.contrast ?? 'none',
    body: { ...DEFAULT_BODY, ...(spec.body ?? {}) },
    spine: {
      s1: DEFAULT_S1,
      l3TiltDeg: 0,
      bodyShellMm: 0.4,
      endplateMm: 0.5,
      archCortexMm: 1.5,
      bodyWaist: 0.07,
      rimRoundingMm: 2,
      facetGapMm: 1.5,
      conusLevel: 'L1',
      conusFraction: 0.67,
      thecalApRatio: 0.8,
      thecalWidthRatio: 0.75,
      cordWidthMm: 8.3,
      cordApMm: 6.3,
      cordEnlargementWidthMm: 9.4,
      rootDiameterMm: ROOTS,
      ganglionWidthMm: 5.5,
      trabecularFactor: TRABECULAR_FACTOR,
      ...s,
      levels,
      discs,
    },
    pelvis: {
      pelvicIncidenceDeg: 53,
      sacroFemoralDistanceMm: 110,
      hipHalfSeparationMm: male ? 88 : 84,
      femoralHeadDiameterMm: male ? 49 : 44,
      neckShaftAngleDeg: 127,
      femoralVersionDeg: 12,
      acetabularAnteversionDeg: 20,
      acetabularInclinationDeg: 39,
      neckDiameterMm: male ? 32 : 28,
      shaftDiameterMm: male ? 29 : 27,
      shaftCortexMm: 6,
      femoralOffsetMm: 42,
      iliacWingCentreMm: 3,
      iliacCrestMm: male ? 20.3 : 13.8,
      biIliacWidthMm: 280,
      hipJointSpaceMm: 4,
      ...(spec.pelvis ?? {}),
    },
    vessels: {
      aortaDiameterMm: [24, 22, 19, 17],
      bifurcationLevel: 'L4',
      bifurcationFraction: 0.75,
      ivcApMm: 16.3,
      ivcLatMm: 25.8,
      aortaDiscGapMm: 2,
      segmentalDiameterMm: 2.5,
      iliacDiameterMm: 10,
      adamkiewicz: { mode: 'auto' },
      adamkiewiczDiameterMm: 1,
      ...(spec.vessels ?? {}),
    },
    organs: {
      kidneyLengthMm: 110,
      kidneyWidthMm: 55,
      kidneyThicknessMm: 40,
      rightKidneyDropMm: 15,
      psoasAreaL3Cm2: male ? 10 : 8,
      psoasAreaL4Cm2: male ? 14 : 11,
      ...(spec.organs ?? {}),
    },
    image: {
      noiseSdHu: 12,
      blurWeight: 0.15,
      trabecularTextureHu: 22,
      ...(spec.image ?? {}),
    },
    hu: { ...DEFAULT_HU, ...(spec.hu ?? {}) },
    lesions: spec.lesions ?? [],
  }
}
