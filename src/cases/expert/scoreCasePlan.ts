/** Scores a plan on a built-in case against the case's rubric, with reasons that quote the measurements. */
import { STRUCTURES } from '../../lib/anatomy'
import { scorePlan, type Criterion, type Plan, type ScoreResult } from '../../plan'
import { getCase } from '../library'
import type { Phantom } from '../phantom'
import { evaluatePlan, type PlanEvaluationResult } from './evaluatePlan'
import { caseRubric } from './rubrics'

/** Metric keys a criterion refers to. */
function metricKeys(c: Criterion): string[] {
  if ('metric' in c) return [c.metric]
  if ('all' in c) return c.all.flatMap(metricKeys)
  if ('any' in c) return c.any.flatMap(metricKeys)
  if ('not' in c) return metricKeys(c.not)
  return []
}

/** Result of {@link scoreCasePlan}. */
export interface CaseScore {
  readonly score: ScoreResult
  readonly result: PlanEvaluationResult
}

/**
 * Evaluates `plan` on the case's phantom and scores it with the case's rubric. Items scored on case checks
 * get the measured detail appended to their reason (e.g. which vessel, how far from the pedicle).
 */
export function scoreCasePlan(caseId: string, plan: Plan, phantom: Phantom): CaseScore {
  const def = getCase(caseId)
  if (!def) throw new Error(`There is no built-in case "${caseId}".`)
  const rubric = caseRubric(caseId)
  const result = evaluatePlan(plan, phantom, { criticalKeys: def.criticalStructures })
  const raw = scorePlan(rubric, result.evaluation)
  const items = raw.items.map((it, n) => {
    const keys = metricKeys(rubric.items[n]!.criterion)
    const details = [...new Set(keys)].flatMap((k) => {
      const check = result.checks[k]
      if (check) return [check.detail]
      const gap = /^lethalGapMm\.(.+)$/.exec(k)
      if (!gap) return []
      const v = result.evaluation.metrics[k]
      const name = (STRUCTURES.find((s) => s.key === gap[1])?.name ?? gap[1] ?? '').toLowerCase()
      return v === null || v === undefined
        ? []
        : [
            `The lethal zone ${v < 0 ? `reaches ${(-v).toFixed(1)} mm into` : `stays ${v.toFixed(1)} mm from`} the ${name}.`,
          ]
    })
    // A missing measurement keeps its "Not measured: …" reason (the item's own texts would be false).
    if (details.length === 0 || it.notMeasured) return it
    // Case-check metrics have no plain-words name in the plan core: state the rule, then the measurement.
    const own = rubric.items[n]!
    const rule = it.passed
      ? (own.passReason ?? `${it.title}: met.`)
      : (own.failReason ?? `${it.title}: not met.`)
    return { ...it, reason: `${rule} ${details.join(' ')}` }
  })
  return { score: { ...raw, items }, result }
}
