/**
 * Where cement can go: every voxel belongs to one flow pathway, derived from its anatomy label. 'body' is
 * the intended target (trabecular bone, lytic or blastic tumour, a breached cortex, a kyphoplasty cavity);
 * 'barrier' is impermeable (intact cortex and endplate, dura/CSF, cord, nerves, arteries, organs); every
 * other pathway is a leak site (FACTS §2.2: canal/epidural, disc, venous, vena cava, foramina, needle
 * track, paravertebral soft tissue; in the pelvis also the joint: cement reaching the hip joint space
 * through a destroyed subchondral plate, Cotten 1998, FACTS §2.1). Pure data; no DOM.
 */
import { S } from '../../lib/anatomy'

/** Flow pathway codes stored per voxel (Uint8). */
export const PATHWAY = {
  body: 0,
  barrier: 1,
  epidural: 2,
  disc: 3,
  venous: 4,
  ivc: 5,
  foramen: 6,
  needleTrack: 7,
  paravertebral: 8,
  joint: 9,
} as const

/** A pathway name. */
export type PathwayName = keyof typeof PATHWAY

/** Pathway names indexed by code. */
export const PATHWAY_NAMES: readonly PathwayName[] = [
  'body',
  'barrier',
  'epidural',
  'disc',
  'venous',
  'ivc',
  'foramen',
  'needleTrack',
  'paravertebral',
  'joint',
]

/** True for the leak pathways (not the vertebral body, not a barrier). */
export const isLeakPathway = (code: number): boolean => code > PATHWAY.barrier

/** True for the vascular leak pathways (FACTS §2.2: venous plexus and vena cava). */
export const isVascularPathway = (code: number): boolean =>
  code === PATHWAY.venous || code === PATHWAY.ivc

/** Flow properties of a non-bone pathway. All [U] teaching values except where a FACTS key is cited. */
export interface PathwayProps {
  /** Fraction of the voxel cement can occupy (pore or displaceable volume). */
  readonly porosity: number
  /** Isotropic permeability, m². */
  readonly permeabilityM2: number
  /** Capillary / tissue-opening entry pressure the cement must exceed to invade, Pa. */
  readonly entryPressurePa: number
}

/**
 * Defaults per pathway. Veins are open channels (Poiseuille K = r²/8 for r ≈ 1 mm gives ~1e-7 m², above
 * bone's 4e-8 m², FACTS §2.4); their entry pressure equals trabecular bone's (6 kPa), calibrated so that
 * seeded metastatic vertebrae have 10–25 % vascular leaks (FACTS §8.11; 300 Pa gave 70 %, see README).
 * The disc resists (cement must open tissue planes); paravertebral soft tissue is pushed aside as a blob
 * once a cortical defect lets cement reach it. All values [U] (FACTS §2.4 "teaching simplification").
 */
export const PATHWAY_PROPS: Readonly<
  Record<Exclude<PathwayName, 'body' | 'barrier'>, PathwayProps>
> = {
  epidural: { porosity: 0.8, permeabilityM2: 4e-8, entryPressurePa: 800 },
  disc: { porosity: 0.4, permeabilityM2: 1e-8, entryPressurePa: 2500 },
  venous: { porosity: 1, permeabilityM2: 1.2e-7, entryPressurePa: 6000 },
  ivc: { porosity: 1, permeabilityM2: 5e-7, entryPressurePa: 100 },
  foramen: { porosity: 0.6, permeabilityM2: 2e-8, entryPressurePa: 1500 },
  needleTrack: { porosity: 0.5, permeabilityM2: 2e-8, entryPressurePa: 5000 },
  paravertebral: { porosity: 0.8, permeabilityM2: 2e-8, entryPressurePa: 4000 },
  // Articular cartilage over destroyed subchondral bone (fissured) and the joint space behind it: cement
  // must split the cartilage; the entry pressure is a teaching value calibrated so that seeded lytic
  // supra-acetabular lesions leak in about 45 % of injections (FACTS §2.1, Skeletal Radiol 2019; see
  // tests/sim/cement/pelvicLeakStatistics.test.ts) [U].
  joint: { porosity: 0.5, permeabilityM2: 2e-8, entryPressurePa: 800 },
}

/** Maps an anatomy label (src/lib/anatomy.ts) to its default pathway code (before breaches and track). */
export function pathwayOfLabel(label: number): number {
  switch (label) {
    case S.trabecularBone:
    case S.tumourLytic:
    case S.tumourBlastic:
      return PATHWAY.body
    case S.epiduralFat:
      return PATHWAY.epidural
    case S.disc:
      return PATHWAY.disc
    case S.venousPlexus:
      return PATHWAY.venous
    case S.ivc:
    case S.iliacVessel:
      return PATHWAY.ivc
    case S.nerveRoot:
      return PATHWAY.foramen
    case S.jointSpace:
      return PATHWAY.joint
    case S.muscle:
    case S.paraspinalMuscle:
    case S.psoas:
    case S.subcutaneousFat:
    case S.visceralFat:
    case S.softTissue:
    case S.tumourSoftTissue:
    case S.glutealMuscle:
      return PATHWAY.paravertebral
    default:
      return PATHWAY.barrier
  }
}
