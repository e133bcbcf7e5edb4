/**
 * Parameters of the spinal arterial tree generator. Landmarks (vertebral bodies, canal, tumour) are in
 * DICOM LPS millimetres so that a phantom can pass its own; radii, pressures and flows are SI.
 * Values tagged [U] are unverified (FACTS.md/ANATOMY.md) and meant to be adjusted.
 */
import type { Vec3 } from '../../lib/vec3'
import { ADAMKIEWICZ_DISTRIBUTION, type AdamkiewiczDistribution } from './adamkiewicz'
import type { AdamkiewiczOrigin } from './adamkiewicz'
import type { TerritoryKind } from './vascularGraph'

/** One vertebral level's landmarks, cranial to caudal. */
export interface SpinalLevel {
  /** 'T10', 'L1', … */
  readonly name: string
  /** Centre of the vertebral body at the height of the segmental artery (mid-waist), LPS mm. */
  readonly bodyCentreMm: Vec3
  /** Half the lateral width of the body (mm). The AP half-depth is taken as 0.8× this. */
  readonly bodyRadiusMm: number
  /** Centre of the spinal canal (LPS mm); default: behind the body. */
  readonly canalCentreMm?: Vec3
  /** Aorta centre at this level (LPS mm); default: left-anterolateral of the body (ANATOMY §5). */
  readonly aortaCentreMm?: Vec3
  /** Aortic lumen radius (mm) [U]: ~9–10 (inner), ANATOMY aorta table. */
  readonly aortaRadiusMm?: number
}

/** The tumour to be embolized. Vascularity on the 0–3 angiographic scale (PMC3806015: RCC 2.0 [V]). */
export interface TumourSpec {
  readonly centreMm: Vec3
  readonly radiusMm: number
  readonly vascularity: number
}

/** Lumen radii (m) by vessel role [U] unless noted. */
export interface VesselRadii {
  /** Lumbar / lower intercostal ~2–3 mm diameter [U] (ANATOMY §5). */
  readonly segmentalM: number
  readonly dorsalM: number
  readonly spinalM: number
  readonly muscularM: number
  readonly bodyBranchM: number
  /** AKA diameter ~1 mm (Taterra19 [V]). */
  readonly adamkiewiczM: number
  readonly radiculomedullaryM: number
  readonly anteriorSpinalM: number
  /** Feeder radius = base + perVascularity × vascularity [U]. */
  readonly tumourFeederBaseM: number
  readonly tumourFeederPerVascularityM: number
}

/** Per-territory lumped bed description [U]. Flow is the nominal flow at `nominalPerfusionPa`. */
export interface TerritoryDefaults {
  readonly nominalFlowM3PerS: number
  readonly tissueVolumeM3: number
  readonly bloodVolumeFraction: number
  readonly precapillaryDiameterM: number
}

/** All generator parameters. */
export interface SpinalArteryTreeParams {
  readonly levels: readonly SpinalLevel[]
  readonly tumour: TumourSpec | null
  /** 'auto' draws from `distribution`; an origin pins it (e.g. the phantom's draw); null = absent. */
  readonly adamkiewicz: 'auto' | AdamkiewiczOrigin | null
  /** Optional second ASA feeder when `adamkiewicz` is pinned (ignored for 'auto', which draws it). */
  readonly secondFeeder?: AdamkiewiczOrigin | null
  readonly distribution: AdamkiewiczDistribution
  readonly radii: VesselRadii
  /** Mean aortic pressure (Pa) [U] 93 mmHg. */
  readonly aorticPressurePa: number
  /** Venous outlet pressure of every bed (Pa) [U] 5 mmHg. */
  readonly venousPressurePa: number
  /** Pressure of the cranial ASA supply (vertebral/upper thoracic feeders), Pa [U] 85 mmHg. */
  readonly cranialAsaPressurePa: number
  /** Perfusion pressure at which territory flows are nominal (Pa) [U] 85 mmHg. */
  readonly nominalPerfusionPa: number
  readonly territories: Readonly<Record<TerritoryKind, TerritoryDefaults>>
  /** Tumour perfusion (m³/s per m³ of tumour) = base + perVascularity × vascularity [U]. */
  readonly tumourPerfusionBasePerS: number
  readonly tumourPerfusionPerVascularityPerS: number
}

const MMHG_PA = 133.322
const ML_PER_MIN = 1e-6 / 60
const ML = 1e-6

/** Level heights (vertebral body + disc, mm) [U]: ~25 mm at T8 rising to ~35 mm at L3–L5. */
const LEVEL_HEIGHT_MM: Readonly<Record<string, number>> = {
  T5: 23,
  T6: 23,
  T7: 24,
  T8: 25,
  T9: 26,
  T10: 27,
  T11: 28,
  T12: 29,
  L1: 31,
  L2: 33,
  L3: 34,
  L4: 35,
  L5: 35,
}
/** Half lateral body width (mm) [U]: ~15 at T8 to ~24 at L3. */
const BODY_RADIUS_MM: Readonly<Record<string, number>> = {
  T5: 13,
  T6: 13.5,
  T7: 14,
  T8: 15,
  T9: 16,
  T10: 17,
  T11: 18,
  T12: 19,
  L1: 20.5,
  L2: 22,
  L3: 23.5,
  L4: 24.5,
  L5: 25,
}

/** Default landmarks for a run of levels (cranial → caudal) stacked down from z = 0, body centres on x = y = 0. */
export function defaultSpinalLevels(names: readonly string[]): SpinalLevel[] {
  let zMm = 0
  return names.map((name, i) => {
    if (i > 0) zMm -= ((LEVEL_HEIGHT_MM[names[i - 1]] ?? 30) + (LEVEL_HEIGHT_MM[name] ?? 30)) / 2
    return { name, bodyCentreMm: [0, 0, zMm], bodyRadiusMm: BODY_RADIUS_MM[name] ?? 20 }
  })
}

/** Default radii (see `VesselRadii`). */
export const DEFAULT_RADII: VesselRadii = {
  segmentalM: 1.25e-3,
  dorsalM: 0.8e-3,
  spinalM: 0.45e-3,
  muscularM: 1.0e-3,
  bodyBranchM: 0.3e-3,
  adamkiewiczM: 0.5e-3,
  radiculomedullaryM: 0.3e-3,
  anteriorSpinalM: 0.35e-3,
  tumourFeederBaseM: 0.25e-3,
  tumourFeederPerVascularityM: 0.15e-3,
}

/** Default lumped territories [U] (flows per level and side; cord per level). */
export const DEFAULT_TERRITORIES: Readonly<Record<TerritoryKind, TerritoryDefaults>> = {
  tumour: {
    nominalFlowM3PerS: 0,
    tissueVolumeM3: 0,
    bloodVolumeFraction: 0.15,
    precapillaryDiameterM: 50e-6,
  },
  spinalCord: {
    nominalFlowM3PerS: 0.5 * ML_PER_MIN,
    tissueVolumeM3: 1.5 * ML,
    bloodVolumeFraction: 0.03,
    precapillaryDiameterM: 50e-6,
  },
  vertebralBody: {
    nominalFlowM3PerS: 0.6 * ML_PER_MIN,
    tissueVolumeM3: 15 * ML,
    bloodVolumeFraction: 0.05,
    precapillaryDiameterM: 50e-6,
  },
  muscle: {
    nominalFlowM3PerS: 2 * ML_PER_MIN,
    tissueVolumeM3: 80 * ML,
    bloodVolumeFraction: 0.02,
    precapillaryDiameterM: 50e-6,
  },
  bodyWall: {
    nominalFlowM3PerS: 4 * ML_PER_MIN,
    tissueVolumeM3: 150 * ML,
    bloodVolumeFraction: 0.02,
    precapillaryDiameterM: 50e-6,
  },
  systemic: {
    nominalFlowM3PerS: 3500 * ML_PER_MIN,
    tissueVolumeM3: 20000 * ML,
    bloodVolumeFraction: 0.05,
    precapillaryDiameterM: 50e-6,
  },
  cranialAsa: {
    nominalFlowM3PerS: 0,
    tissueVolumeM3: 0,
    bloodVolumeFraction: 0,
    precapillaryDiameterM: 50e-6,
  },
}

/** Default parameters: T8–L3, a 20 mm hypervascular (vascularity 2) tumour in T12, AKA drawn. */
export function defaultSpinalArteryTreeParams(
  over: Partial<SpinalArteryTreeParams> = {},
): SpinalArteryTreeParams {
  const levels =
    over.levels ?? defaultSpinalLevels(['T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3'])
  const t12 = levels.find((l) => l.name === 'T12') ?? levels[Math.floor(levels.length / 2)]
  const c = t12.bodyCentreMm
  return {
    levels,
    tumour: { centreMm: [c[0] + 4, c[1], c[2]], radiusMm: 20, vascularity: 2 },
    adamkiewicz: 'auto',
    distribution: ADAMKIEWICZ_DISTRIBUTION,
    radii: DEFAULT_RADII,
    aorticPressurePa: 93 * MMHG_PA,
    venousPressurePa: 5 * MMHG_PA,
    cranialAsaPressurePa: 85 * MMHG_PA,
    nominalPerfusionPa: 85 * MMHG_PA,
    territories: DEFAULT_TERRITORIES,
    tumourPerfusionBasePerS: 0.05 / 60,
    tumourPerfusionPerVascularityPerS: 0.25 / 60,
    ...over,
  }
}
