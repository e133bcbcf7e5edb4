/**
 * Default vertebral and disc morphometry of the phantom, level by level, with the ANATOMY.md source key of
 * each value (/work/shared/domain/ANATOMY.md §1). Values tagged [U] there are defaults of adjustable
 * parameters (override them through `PhantomSpec.spine.levels` / `.discs`); [D] values state the choice.
 * All lengths in millimetres, angles in degrees.
 */

/** Vertebrae the phantom models, top to bottom (S1 is the top of the sacrum, built in sacrum.ts). */
export const VERTEBRAE = ['T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5'] as const

/** A modelled vertebra. */
export type VertebraName = (typeof VERTEBRAE)[number]

/** A vertebra or the first sacral segment. */
export type SpineLevel = VertebraName | 'S1'

/** Shape numbers of one vertebra. */
export interface VertebraMorphometry {
  /** Upper endplate width (medio-lateral). */
  readonly endplateWidthMm: number
  /** Upper endplate depth (antero-posterior) at the midline. */
  readonly endplateDepthMm: number
  /** Body height at the anterior rim. */
  readonly anteriorHeightMm: number
  /** Body height at the posterior rim. */
  readonly posteriorHeightMm: number
  /** Interpedicular canal width (between the medial pedicle walls). */
  readonly canalWidthMm: number
  /** Canal depth: posterior body wall to the lamina at the midline. */
  readonly canalDepthMm: number
  /** Outer (cortex-to-cortex) pedicle width at the isthmus. */
  readonly pedicleWidthMm: number
  /** Outer pedicle height (sagittal). */
  readonly pedicleHeightMm: number
  /** Medial convergence of the pedicle axis from the sagittal plane (+ = converging anteriorly). */
  readonly pedicleTransverseAngleDeg: number
  /** Sagittal angle of the pedicle axis (+ = axis descends towards the body). */
  readonly pedicleSagittalAngleDeg: number
  /** Pedicle cortex thickness per side. */
  readonly pedicleCortexMm: number
  /** Transverse process length from its base. */
  readonly transverseProcessLengthMm: number
  /** Posterior sweep of the transverse process from the coronal plane. */
  readonly transverseProcessSweepDeg: number
  /** Spinous process length, laminar junction to tip. */
  readonly spinousLengthMm: number
  /** Spinous process height (cranio-caudal). */
  readonly spinousHeightMm: number
  /** Downward tilt of the spinous process from the axial plane. */
  readonly spinousTiltDeg: number
  /** Lamina thickness. */
  readonly laminaThicknessMm: number
  /** Angle of the facet joint with the vertebra above, from the sagittal plane (0 sagittal, 90 coronal). */
  readonly facetAngleDeg: number
  /** Distance between the facet joint centres / endplate width. */
  readonly interfacetRatio: number
}

/** Heights of one disc, named by the vertebra above it. */
export interface DiscMorphometry {
  readonly anteriorMm: number
  readonly middleMm: number
  readonly posteriorMm: number
}

/** Pedicle axis sagittal angle: 10–15° at T8–T10, less at T11–T12 [U]; lumbar 0–10° [U] (ANATOMY §1.2, §1.4). */
const sag = { T8: 12, T9: 12, T10: 11, T11: 8, T12: 5, L: 3 }

/**
 * Thoracic anterior heights are derived from the posterior height and Masharawi10 wedging (mean of women
 * and men: T9 3.8°, T10 3.2°, T11 5.0°, T12 4.2°; T8 taken as 3.5° [U]): Ha = Hp − D·tan(wedge).
 */
const wedgeAnterior = (hp: number, d: number, wedgeDeg: number): number =>
  Math.round((hp - d * Math.tan((wedgeDeg * Math.PI) / 180)) * 10) / 10

/**
 * Default morphometry per vertebra.
 * Body and canal: thoracic Panjabi91 [U] (T9 height near Egwu19 [V]), lumbar Panjabi92 [U] with L5 from
 * Cook21 [V]. Pedicles: Zindrick87 [U] / ChinaCT94 [V]; T12 width [D] 7.5; L5 width [D] 16, height Cook21.
 * Transverse angles [D] defaults of ANATOMY §1.2/§1.4. TP lengths Li03TP [V] (lumbar) and Kaur16 [V]
 * (thoracic, interpolated T7 31.2 → T12 12.1). SP tilt Kaur16 [V] (interpolated T6 57.9° → T12 16.2°).
 * Lamina: lumbar 5–8 [U] → 6.5; T9 7.3 Egwu19 [V]. Facet angles ANATOMY §1.3 [U]. Interfacet ratio
 * Masharawi10 [V] (pooled ≈ 0.70 lumbar). Pedicle cortex 1–2.5 mm [U]: 1.5 lumbar, 1.2 thoracic so the
 * T8–T10 cancellous channel stays ≥ 3 mm (ANATOMY §8).
 */
export const DEFAULT_VERTEBRAE: Readonly<Record<VertebraName, VertebraMorphometry>> = {
  T8: thoracic(32, 28, 20, 3.5, 20, 17, 5.9, 12.5, 8, sag.T8, 27.4, 44.6),
  T9: thoracic(34, 29, 21, 3.8, 20.5, 17, 6.1, 13.5, 7, sag.T9, 23.6, 37.6),
  T10: thoracic(36, 30, 22, 3.2, 21, 17.5, 6.3, 14.5, 5, sag.T10, 19.8, 30.6),
  T11: thoracic(38, 31, 23.5, 5.0, 21.5, 17.5, 7.8, 17.0, 2, sag.T11, 16, 23.4),
  T12: {
    ...thoracic(40, 32, 25, 4.2, 22, 18, 7.5, 15.5, 0, sag.T12, 12.1, 16.2),
    facetAngleDeg: 70,
  },
  L1: lumbar(40, 31, 25, 26, 22, 17, 8.7, 15.4, 12, 10, 30, 18, 30),
  L2: lumbar(42, 32.5, 26, 27, 22.5, 16.5, 8.9, 15.0, 13, 15, 32, 18, 25),
  L3: lumbar(44.5, 33.5, 27, 27, 23, 16, 10.0, 14.9, 15, 19, 32, 18, 30),
  L4: lumbar(47, 34.5, 27.5, 26.5, 24, 16.5, 12.4, 14.8, 18, 15, 30, 17, 35),
  L5: lumbar(49, 35.7, 30.3, 26.3, 28.2, 15.6, 16, 12.9, 28, 15, 25, 14, 45),
}

/**
 * Pseudo-morphometry of S1 used for its superior articular processes and canal (ANATOMY §2.1): endplate
 * ~50 × 35 [U], S1 pedicle height 13.6 Okutan03 [V]; L5–S1 facet angle 50° [U]; canal width and depth
 * follow L5 [U].
 */
export const DEFAULT_S1: VertebraMorphometry = {
  ...lumbar(50, 35, 28, 28, 28, 14, 20, 13.6, 40, 15, 0, 0, 50),
  interfacetRatio: 0.72,
}

function thoracic(
  w: number,
  d: number,
  hp: number,
  wedge: number,
  cw: number,
  cd: number,
  pw: number,
  ph: number,
  ta: number,
  sa: number,
  tp: number,
  spTilt: number,
): VertebraMorphometry {
  return {
    endplateWidthMm: w,
    endplateDepthMm: d,
    anteriorHeightMm: wedgeAnterior(hp, d, wedge),
    posteriorHeightMm: hp,
    canalWidthMm: cw,
    canalDepthMm: cd,
    pedicleWidthMm: pw,
    pedicleHeightMm: ph,
    pedicleTransverseAngleDeg: ta,
    pedicleSagittalAngleDeg: sa,
    pedicleCortexMm: 1.2,
    transverseProcessLengthMm: tp,
    transverseProcessSweepDeg: 35,
    spinousLengthMm: 38,
    spinousHeightMm: 9,
    spinousTiltDeg: spTilt,
    laminaThicknessMm: 7.3,
    facetAngleDeg: 75,
    interfacetRatio: 0.72,
  }
}

function lumbar(
  w: number,
  d: number,
  ha: number,
  hp: number,
  cw: number,
  cd: number,
  pw: number,
  ph: number,
  ta: number,
  tp: number,
  spLen: number,
  spH: number,
  facet: number,
): VertebraMorphometry {
  return {
    endplateWidthMm: w,
    endplateDepthMm: d,
    anteriorHeightMm: ha,
    posteriorHeightMm: hp,
    canalWidthMm: cw,
    canalDepthMm: cd,
    pedicleWidthMm: pw,
    pedicleHeightMm: ph,
    pedicleTransverseAngleDeg: ta,
    pedicleSagittalAngleDeg: sag.L,
    pedicleCortexMm: 1.5,
    transverseProcessLengthMm: tp,
    transverseProcessSweepDeg: 12,
    spinousLengthMm: spLen,
    spinousHeightMm: spH,
    spinousTiltDeg: 8,
    laminaThicknessMm: 6.5,
    facetAngleDeg: facet,
    interfacetRatio: 0.7,
  }
}

/**
 * Default disc heights, keyed by the vertebra above. Lumbar: NepalMRI [V] (L1–L2, L4–L5, L5–S1 anterior,
 * middle, posterior), Onishi19 [V] (L3–L4 anterior 9.30, L4–L5 10.94, L5–S1 12.41–13.55 → 12.98); the
 * L2–L3 and L3–L4 middle/posterior values and T12–L1 are interpolated [U]. Thoracic: Fletcher15 [V]
 * (T10–T11 anterior ≈ 5.25) and T8–T9 ~4.5, T11–T12 ~6 [U]. The middle height exceeds the rim mean by
 * the endplate concavity (Sun_ECD: concave endplates, S1 flat).
 */
export const DEFAULT_DISCS: Readonly<Record<VertebraName, DiscMorphometry>> = {
  T8: { anteriorMm: 4.2, middleMm: 4.9, posteriorMm: 4.0 },
  T9: { anteriorMm: 4.6, middleMm: 5.3, posteriorMm: 4.4 },
  T10: { anteriorMm: 5.25, middleMm: 6.0, posteriorMm: 5.0 },
  T11: { anteriorMm: 6.0, middleMm: 6.8, posteriorMm: 5.6 },
  T12: { anteriorMm: 6.5, middleMm: 7.4, posteriorMm: 5.5 },
  L1: { anteriorMm: 6.91, middleMm: 7.89, posteriorMm: 5.52 },
  L2: { anteriorMm: 8.5, middleMm: 9.4, posteriorMm: 6.0 },
  L3: { anteriorMm: 9.3, middleMm: 10.4, posteriorMm: 7.0 },
  L4: { anteriorMm: 10.94, middleMm: 11.96, posteriorMm: 8.09 },
  L5: { anteriorMm: 12.98, middleMm: 11.1, posteriorMm: 6.94 },
}

/** Name of the level below a vertebra ('L5' → 'S1'). */
export function levelBelow(v: VertebraName): SpineLevel {
  const i = VERTEBRAE.indexOf(v)
  return VERTEBRAE[i + 1] ?? 'S1'
}

/** True for thoracic vertebrae. */
export const isThoracic = (v: SpineLevel): boolean => v.startsWith('T')
