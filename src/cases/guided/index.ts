/** Guided cases: the only import surface of src/cases/guided. */
import { ACETABULUM_GUIDED } from './acetabulumLungCryo'
import { ILIAC_WING_GUIDED } from './iliacWingMrgfus'
import { L3_GUIDED } from './l3RccLytic'
import { SACRUM_GUIDED } from './sacralAlaEct'
import { T11_GUIDED } from './t11BreastBreach'
import { T12_GUIDED } from './t12RccEmbolization'
import type { GuidedCase } from './types'

/** The guided path of every built-in teaching case. */
export const GUIDED_CASES: readonly GuidedCase[] = [
  L3_GUIDED,
  T11_GUIDED,
  ACETABULUM_GUIDED,
  ILIAC_WING_GUIDED,
  T12_GUIDED,
  SACRUM_GUIDED,
]

/** The guided path of a case, or undefined when it has none. */
export const guidedCase = (caseId: string): GuidedCase | undefined =>
  GUIDED_CASES.find((g) => g.caseId === caseId)

export type {
  FactsRef,
  FindTarget,
  GuidedCase,
  MistakeSignature,
  OutcomeFact,
  SeededMistake,
  StabilityAnswer,
  TechniqueOption,
  TechniqueVerdict,
} from './types'
export { checkFind, countTargetVoxels, type FindCheck } from './findStructure'
export {
  isStabilityComplete,
  matchMistakes,
  reviewStability,
  reviewTechniques,
  showsMistake,
  stabilityItems,
  type StabilityDraft,
  type StabilityFeedback,
  type StabilityItemFeedback,
  type StabilityItemSpec,
  type TechniqueChoices,
  type TechniqueFeedback,
} from './review'
export {
  GUIDED_STEPS,
  GUIDED_STEP_TITLES,
  MIN_REASON_CHARS,
  advanceBlocker,
  guidedReducer,
  startGuided,
  type AttemptRecord,
  type FindAttempt,
  type GuidedAction,
  type GuidedState,
  type GuidedStep,
  type ScoredPlan,
} from './guidedFlow'
