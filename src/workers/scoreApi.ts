/**
 * Scoring a plan on its built-in case (phantom generation + evaluation + rubric) takes seconds, so it runs
 * in the case worker. Plans cross the boundary as JSON text and are validated on arrival.
 */
import { EXPERT_CASE_IDS, expertPlan, scoreCasePlan } from '../cases/expert'
import { generateCase } from '../cases/library'
import {
  comparePlans,
  parsePlanFile,
  planToJson,
  type ComparisonTable,
  type ScoreResult,
} from '../plan'

/** What the score panel shows. */
export interface CaseScoreSummary {
  readonly score: ScoreResult
  /** Which zone model each device used, in plain words. */
  readonly zoneModel: string
  /** The expert plan's score and the side-by-side table, when the case has an expert plan. */
  readonly expert: { readonly score: ScoreResult; readonly table: ComparisonTable } | null
}

/** True when the case has an expert plan and a rubric. */
export const hasExpert = (caseId: string): boolean => EXPERT_CASE_IDS.includes(caseId)

/** The case's expert plan as a plan file's text. */
export function expertPlanJson(caseId: string): string {
  if (!hasExpert(caseId)) throw new Error(`The case "${caseId}" has no expert plan.`)
  return planToJson(expertPlan(caseId, generateCase(caseId)))
}

/** Scores a plan (JSON text) on a built-in case, with the expert plan beside it. */
export function scorePlanOnCase(caseId: string, planJson: string): CaseScoreSummary {
  if (!hasExpert(caseId)) throw new Error(`The case "${caseId}" has no rubric to score against.`)
  const parsed = parsePlanFile(planJson)
  if (!parsed.ok) throw new Error(`The plan is not valid: ${parsed.errors.join(' ')}`)
  const phantom = generateCase(caseId)
  const mine = scoreCasePlan(caseId, parsed.plan, phantom)
  const expert = scoreCasePlan(caseId, expertPlan(caseId, phantom), phantom)
  const table = comparePlans(
    { name: 'Your plan', evaluation: mine.result.evaluation, score: mine.score },
    { name: 'Expert plan', evaluation: expert.result.evaluation, score: expert.score },
  )
  return {
    score: mine.score,
    zoneModel: mine.result.zoneModel,
    expert: { score: expert.score, table },
  }
}
