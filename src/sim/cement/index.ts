/**
 * Public surface of the cementoplasty simulator (PMMA injection in porous bone, leaks, kyphoplasty balloon,
 * simulated fluoroscopy). Pure, SI. See README.md for the model, assumptions and validation.
 */
export { carveBalloonCavity } from './balloon'
export type { BalloonSpec } from './balloon'
export { cementFillFraction, createCementState, totalCementM3 } from './cementState'
export type { CementSetup, CementState, CementStatus } from './cementState'
export {
  MU_CEMENT_PER_M,
  MU_TROCAR_PER_M,
  addCylinderToDrr,
  MU_WATER_PER_M,
  createDrrProjector,
  renderDrr,
  renderDrrFrame,
} from './drr'
export type { DrrCement, DrrProjector, DrrView } from './drr'
export {
  LEAK_LARGE_M3,
  LEAK_VISIBLE_M3,
  hasVascularLeak,
  leakSeverity,
  leakVolumeByPathway,
} from './leaks'
export type { LeakSeverity, LeakSite } from './leaks'
export {
  PATHWAY,
  PATHWAY_NAMES,
  PATHWAY_PROPS,
  isLeakPathway,
  isVascularPathway,
  pathwayOfLabel,
} from './pathways'
export type { PathwayName, PathwayProps } from './pathways'
export { DEFAULT_BONE_PARAMS, bonePermeabilityM2, buildPorousMedium } from './porousMedium'
export type { BoneModelParams, PorousMedium, PorousMediumInput } from './porousMedium'
export {
  CEMENTS,
  apparentViscosityPaS,
  cementViscosityPaS,
  isCementSet,
  yieldStressPa,
} from './rheology'
export type { CementKind, CementSpec } from './rheology'
export { stepCement } from './stepCement'
export type { InjectionParams } from './stepCement'
