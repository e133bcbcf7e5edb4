import { STRUCTURES } from '../../lib/anatomy'
import { SEVERITIES } from '../trajectory/trajectoryTypes'
import type { PlanEvaluation } from './evaluation'
import { METRIC_INFO } from './rubric'
import type { ScoreResult } from './scorePlan'

/** One side of a comparison. */
export interface ComparedPlan {
  readonly name: string
  readonly evaluation: PlanEvaluation
  readonly score?: ScoreResult
}

/** One row of the side-by-side table. */
export interface ComparisonRow {
  readonly key: string
  readonly label: string
  readonly unit: string
  readonly a: number | null
  readonly b: number | null
  /** Which plan does better on this row; null when a value is missing or direction does not apply. */
  readonly better: 'a' | 'b' | 'same' | null
}

/** A side-by-side table of two plans. */
export interface ComparisonTable {
  readonly columns: readonly [string, string]
  readonly rows: readonly ComparisonRow[]
}

const better = (
  a: number | null,
  b: number | null,
  isHigherBetter: boolean | null,
): ComparisonRow['better'] => {
  if (a === null || b === null || isHigherBetter === null) return null
  if (a === b) return 'same'
  return a > b === isHigherBetter ? 'a' : 'b'
}

/**
 * Side-by-side table of two evaluated plans: score (when both are scored), every metric either has (known
 * metrics first, in `METRIC_INFO` order), zone-to-structure distances, and finding counts by severity.
 * `better` marks which plan does better on each row (higher coverage, margin, distance and score; fewer
 * findings and less healthy tissue).
 */
export function comparePlans(a: ComparedPlan, b: ComparedPlan): ComparisonTable {
  const rows: ComparisonRow[] = []
  const push = (
    key: string,
    label: string,
    unit: string,
    va: number | null,
    vb: number | null,
    isHigherBetter: boolean | null,
  ): void => {
    rows.push({ key, label, unit, a: va, b: vb, better: better(va, vb, isHigherBetter) })
  }
  if (a.score && b.score) push('score', 'Score', 'points', a.score.score, b.score.score, true)
  const metricKeys = [
    ...new Set([...Object.keys(a.evaluation.metrics), ...Object.keys(b.evaluation.metrics)]),
  ]
  const known = Object.keys(METRIC_INFO)
  metricKeys.sort((x, y) => {
    const ix = known.indexOf(x)
    const iy = known.indexOf(y)
    return (ix < 0 ? known.length : ix) - (iy < 0 ? known.length : iy) || x.localeCompare(y)
  })
  for (const key of metricKeys) {
    const info = METRIC_INFO[key]
    push(
      key,
      info?.name ?? key,
      info?.unit ?? '',
      a.evaluation.metrics[key] ?? null,
      b.evaluation.metrics[key] ?? null,
      info ? info.isHigherBetter : null,
    )
  }
  const distanceKeys = [
    ...new Set([
      ...Object.keys(a.evaluation.distancesMm),
      ...Object.keys(b.evaluation.distancesMm),
    ]),
  ].sort()
  for (const key of distanceKeys) {
    const name = STRUCTURES.find((s) => s.key === key)?.name ?? key
    push(
      `distance:${key}`,
      `Distance to ${name}`,
      'mm',
      a.evaluation.distancesMm[key] ?? null,
      b.evaluation.distancesMm[key] ?? null,
      true,
    )
  }
  for (const severity of [...SEVERITIES].reverse()) {
    const count = (e: PlanEvaluation): number =>
      e.findings.filter((f) => f.severity === severity).length
    push(
      `findings:${severity}`,
      `${severity.charAt(0).toUpperCase()}${severity.slice(1)} findings`,
      '',
      count(a.evaluation),
      count(b.evaluation),
      severity === 'info' ? null : false,
    )
  }
  return { columns: [a.name, b.name], rows }
}
