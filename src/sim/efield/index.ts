/**
 * Public surface of the electric-field solver (RF ablation SAR, electrochemotherapy coverage). Pure, SI.
 * See README.md for the equations, discretisation, convergence criterion and validation.
 */
export {
  ECT_PARAMS,
  RF_CONDUCTIVITY,
  RF_TEMPERATURE_COEFFICIENT,
  applyTemperatureToConductivity,
  conductivityFromLabels,
  ectParamsFromLabels,
  electroporatedConductivity,
  rfConductivityAtTemperature,
} from './conductivity'
export type {
  ConductivityValue,
  EctTissueParams,
  EctVoxelParams,
  EvidenceTag,
  TemperatureDependence,
} from './conductivity'
export {
  fractionAbove,
  pairElectrodes,
  pairsWithinDistance,
  regionAbove,
  solveElectroporation,
  solvePairElectroporation,
  treatmentField,
} from './electroporation'
export type {
  ElectrodePair,
  ElectroporationOptions,
  ElectroporationResult,
  PairOutcome,
  TreatmentFieldOptions,
} from './electroporation'
export type { FloatingSpec } from './floating'
export {
  BASIS_REL_TOL,
  electrodeCurrentsOf,
  pairPotentials,
  solveElectrodeBases,
  superposedField,
  superposedPotential,
  superposedTreatmentField,
} from './superposition'
export type { BasisOptions, ElectrodeBases, PairSpec, SuperposedPair } from './superposition'
export {
  electricField,
  electricFieldMagnitude,
  electricFields,
  electricFieldsInterleaved,
  electrodeCurrents,
  fieldAndCurrents,
  jouleHeating,
  powerBalance,
  powerDensityFromField,
  specificAbsorptionRate,
} from './field'
export type { ElectrodeCurrents, PowerBalance } from './field'
export { DEFAULT_CONTACT_SCALE, FLOATING_METAL_RATIO } from './potentialOperator'
export type { Electrode, GridFace, Pad } from './potentialOperator'
export { createPreviewSession, previewTreatmentField, upsamplePreview } from './preview'
export type { PreviewResult, PreviewSession } from './preview'
export { rasteriseNeedle, thinNeedleContactScale } from './rasteriseNeedle'
export type { NeedleGeometry } from './rasteriseNeedle'
export { solvePotential } from './solvePotential'
export type { PotentialProblem, PotentialSolution, SolvePotentialOptions } from './solvePotential'
