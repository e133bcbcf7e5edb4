/** Expert plans, rubrics and plan evaluation of the built-in cases: the only import surface of src/cases/expert. */
export { expertPlan, EXPERT_CASE_IDS } from './expertPlans'
export {
  CASE_RUBRICS,
  CEMENT_RANGES_ML,
  COVERAGE_PERCENT,
  CURATIVE_MARGIN_MM,
  PROTECTION_DISTANCE_MM,
  SPINE_MW_MAX_POWER_W,
  caseRubric,
} from './rubrics'
export {
  evaluatePlan,
  planTargetMask,
  DEFAULT_CRITICAL_KEYS,
  type EvaluatePlanOptions,
  type PlanEvaluationResult,
} from './evaluatePlan'
export { scoreCasePlan, type CaseScore } from './scoreCasePlan'
export { caseChecks, PEDICLE_OFFSET_MAX_MM, type CaseCheck, type CaseChecks } from './caseChecks'
export { HIFU_LIMITS } from './hifuChecks'
export { ECT_LIMITS } from './ectChecks'
export { MIN_PARTICLE_UM } from './embolizationChecks'
export { ZONE_MODEL } from './zoneModel'
export type { CaseVolume } from './caseVolume'
