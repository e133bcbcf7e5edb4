/**
 * The digital CT phantom: the only import surface of src/cases/phantom. Pure and deterministic; see
 * ../README.md for the method, the parameters and their sources.
 */
export { generatePhantom } from './generatePhantom'
export {
  resolvePhantomSpec,
  type AdamkiewiczSpec,
  type BodyParams,
  type ImageParams,
  type LesionBone,
  type LesionKind,
  type LesionSite,
  type LesionSpec,
  type OrganParams,
  type PelvisParams,
  type PhantomSpec,
  type Region,
  type ResolvedPhantomSpec,
  type Sex,
  type SpineParams,
  type VesselParams,
} from './phantomSpec'
export type { LesionInfo, Phantom, PointMm, VesselInfo } from './phantomTypes'
export {
  DEFAULT_DISCS,
  DEFAULT_S1,
  DEFAULT_VERTEBRAE,
  VERTEBRAE,
  type DiscMorphometry,
  type SpineLevel,
  type VertebraMorphometry,
  type VertebraName,
} from './morphometry'
export {
  DEFAULT_HU,
  enhancement,
  l1TrabecularHuForAge,
  type ContrastPhase,
  type EnhancementTable,
  type HuTable,
} from './huTable'
export { IN_PLANE_VOXELS, REGION_SPACING } from './regions'
export {
  ADAMKIEWICZ_LEFT,
  ADAMKIEWICZ_LEVEL_WEIGHTS,
  ADAMKIEWICZ_PRESENT,
  drawAdamkiewicz,
  type AdamkiewiczOrigin,
} from './adamkiewicz'
export { layoutSpine, type SpineLayout, type VertebraLayout, type DiscLayout } from './spineLayout'
