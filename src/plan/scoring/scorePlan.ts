/** Scores a plan evaluation against a rubric, with a plain-words reason per item. Pure. */
import { STRUCTURES } from '../../lib/anatomy'
import type { DeviceKind } from '../deviceSchemas'
import type { Protection } from '../schema'
import { inSentence } from '../trajectory/findingText'
import type { PlanEvaluation } from './evaluation'
import { METRIC_INFO, type CmpOp, type Criterion, type Rubric } from './rubric'

/** One scored item. */
export interface ScoredItem {
  readonly id: string
  readonly title: string
  /** Points earned (partial credit possible for `zeroAt` criteria), rounded to 0.01. */
  readonly gained: number
  readonly max: number
  readonly passed: boolean
  readonly reason: string
  /** Set when the item's measurement does not exist for this plan (see rubric.ts, "Missing measurements"). */
  readonly notMeasured?: true
}

/** Result of {@link scorePlan}. */
export interface ScoreResult {
  readonly score: number
  readonly max: number
  readonly items: readonly ScoredItem[]
}

/** Plain-words names of device kinds. */
export const DEVICE_NAMES: { readonly [K in DeviceKind]: string } = {
  rfProbe: 'RF probe',
  mwAntenna: 'microwave antenna',
  cryoprobeSet: 'cryoprobe set',
  cementTrocar: 'cement trocar',
  hifuTransducer: 'focused-ultrasound transducer',
  ectElectrodeSet: 'ECT electrode set',
  embolizationCatheter: 'embolization catheter',
}

const PROTECTION_NAMES: { readonly [K in Protection['kind']]: string } = {
  hydrodissection: 'hydrodissection',
  co2Dissection: 'CO₂ dissection',
  thermocouple: 'thermocouple',
}

const OP_WORDS: { readonly [K in CmpOp]: string } = {
  '>=': 'at least',
  '>': 'more than',
  '<=': 'at most',
  '<': 'less than',
  '==': 'exactly',
}

/** True when `x op v`. */
export function compare(x: number, op: CmpOp, v: number): boolean {
  switch (op) {
    case '>=':
      return x >= v
    case '>':
      return x > v
    case '<=':
      return x <= v
    case '<':
      return x < v
    case '==':
      return x === v
  }
}

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(1))
const withUnit = (v: number, unit: string): string => (unit ? `${fmt(v)} ${unit}` : fmt(v))
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
const structureName = (key: string): string =>
  inSentence(STRUCTURES.find((s) => s.key === key)?.name ?? key)

interface Outcome {
  readonly passed: boolean
  /** Share of the points earned, 0–1. */
  readonly fraction: number
  readonly reason: string
  /** The criterion's measurement is missing; `reason` says why (passed false, fraction 0). */
  readonly notMeasured?: true
}

/** An outcome for a missing measurement, with the evaluation's reason or a generic one. */
const unmeasured = (why: string | undefined, generic: string): Outcome => ({
  passed: false,
  fraction: 0,
  reason: `Not measured: ${why ?? generic}.`,
  notMeasured: true,
})

/** Credit for a threshold with optional linear partial credit towards `zeroAt`. */
function thresholdFraction(
  x: number,
  op: CmpOp,
  value: number,
  zeroAt: number | undefined,
): number {
  if (compare(x, op, value)) return 1
  if (zeroAt === undefined || zeroAt === value) return 0
  const isUpward = op === '>=' || op === '>'
  const isDownward = op === '<=' || op === '<'
  if ((isUpward && zeroAt < value) || (isDownward && zeroAt > value)) {
    return Math.max(0, Math.min(1, (x - zeroAt) / (value - zeroAt)))
  }
  return 0
}

/** One "not measured" outcome from several, each distinct reason once. */
function notMeasuredOf(parts: readonly Outcome[]): Outcome {
  const whys = [
    ...new Set(parts.map((p) => p.reason.replace(/^Not measured: /, '').replace(/\.$/, ''))),
  ]
  return unmeasured(whys.join('; '), '')
}

function evaluate(c: Criterion, ev: PlanEvaluation): Outcome {
  if ('metric' in c) {
    const info = METRIC_INFO[c.metric] ?? { name: c.metric, unit: '' }
    const x = ev.metrics[c.metric]
    const need = `${OP_WORDS[c.op]} ${withUnit(c.value, info.unit)}`
    if (x === undefined || x === null) {
      return unmeasured(
        ev.notMeasured?.metrics?.[c.metric],
        `${inSentence(info.name)} was not computed for this plan (${need} would be required)`,
      )
    }
    const fraction = thresholdFraction(x, c.op, c.value, c.zeroAt)
    const passed = fraction >= 1
    const partial =
      !passed && fraction > 0 ? ` Partial credit: ${Math.round(fraction * 100)} %.` : ''
    return {
      passed,
      fraction,
      reason: passed
        ? `${info.name} is ${withUnit(x, info.unit)}, meeting the required ${need}.`
        : `${info.name} is ${withUnit(x, info.unit)}; ${need} is required.${partial}`,
    }
  }
  if ('finding' in c) {
    const op = c.op ?? '<='
    const matching = ev.findings.filter((f) => f.severity === c.finding)
    const n = matching.length
    const passed = compare(n, op, c.count)
    const counted = n === 0 ? `No ${c.finding} findings` : plural(n, `${c.finding} finding`)
    const first = matching[0]?.message
    return {
      passed,
      fraction: passed ? 1 : 0,
      reason: passed
        ? `${counted} (${OP_WORDS[op]} ${c.count} allowed).`
        : `${counted}; ${OP_WORDS[op]} ${c.count} allowed.${first ? ` First: ${first}` : ''}`,
    }
  }
  if ('device' in c) {
    const where = Object.entries(c.where ?? {})
    const matching = ev.devices.filter(
      (d) =>
        d.kind === c.device &&
        where.every(([k, v]) => (d as unknown as Record<string, unknown>)[k] === v),
    )
    const m = matching.length
    const min = c.min ?? 1
    const desc = `${DEVICE_NAMES[c.device]}${where.length ? ` with ${where.map(([k, v]) => `${k} ${String(v)}`).join(' and ')}` : ''}`
    const isTooFew = m < min
    const isTooMany = c.max !== undefined && m > c.max
    const passed = !isTooFew && !isTooMany
    const reason = isTooFew
      ? m === 0
        ? `The plan has no ${desc}${min > 1 ? ` (at least ${min} needed)` : ''}.`
        : `The plan has ${m} × ${desc}; at least ${min} needed.`
      : isTooMany
        ? `The plan has ${m} × ${desc}; at most ${c.max} allowed.`
        : `The plan has ${m} × ${desc}.`
    return { passed, fraction: passed ? 1 : 0, reason }
  }
  if ('distance' in c) {
    const name = structureName(c.distance)
    const x = ev.distancesMm[c.distance]
    const need = `${OP_WORDS[c.op]} ${withUnit(c.value, 'mm')}`
    if (x === undefined || x === null) {
      return unmeasured(
        ev.notMeasured?.distancesMm?.[c.distance],
        `the distance to the ${name} was not computed for this plan (${need} would be required)`,
      )
    }
    const fraction = thresholdFraction(x, c.op, c.value, c.zeroAt)
    const passed = fraction >= 1
    const where =
      x < 0
        ? `reaches ${withUnit(-x, 'mm')} into the ${name}`
        : passed
          ? `stays ${withUnit(x, 'mm')} from the ${name}`
          : `comes within ${withUnit(x, 'mm')} of the ${name}`
    return {
      passed,
      fraction,
      reason: passed
        ? `The treated zone ${where} (${need} required).`
        : `The treated zone ${where}; ${need} is required.`,
    }
  }
  if ('protection' in c) {
    const min = c.min ?? 1
    const m = ev.protections.filter((p) => p.kind === c.protection).length
    const name = PROTECTION_NAMES[c.protection]
    const passed = m >= min
    const reason = passed
      ? `${m} × ${name} planned.`
      : m === 0
        ? `No ${name} is planned (at least ${min} needed).`
        : `${m} × ${name} planned; at least ${min} needed.`
    return { passed, fraction: passed ? 1 : 0, reason }
  }
  if ('all' in c) {
    const parts = c.all.map((x) => evaluate(x, ev))
    const failed = parts.filter((p) => !p.passed && !p.notMeasured)
    const missing = parts.filter((p) => p.notMeasured)
    if (failed.length === 0 && missing.length > 0) return notMeasuredOf(missing)
    return {
      passed: failed.length === 0,
      fraction: Math.min(...parts.map((p) => p.fraction)),
      reason: (failed.length ? failed : parts).map((p) => p.reason).join(' '),
    }
  }
  if ('any' in c) {
    const parts = c.any.map((x) => evaluate(x, ev))
    const hit = parts.find((p) => p.passed)
    const missing = parts.filter((p) => p.notMeasured)
    if (!hit && missing.length > 0) return notMeasuredOf(missing)
    return {
      passed: hit !== undefined,
      fraction: Math.max(...parts.map((p) => p.fraction)),
      reason: hit
        ? hit.reason
        : `None of the alternatives holds: ${parts.map((p) => p.reason).join(' ')}`,
    }
  }
  const inner = evaluate(c.not, ev)
  if (inner.notMeasured) return inner
  // The child's own words already say why the negation holds or not.
  return { passed: !inner.passed, fraction: inner.passed ? 0 : 1, reason: inner.reason }
}

/**
 * Scores `evaluation` against `rubric`: each item earns points × credit (1 when its criterion holds,
 * partial between `value` and `zeroAt` for threshold criteria, 0 otherwise) with a plain-words reason
 * (or the item's own pass/fail text). An item whose measurement is missing earns its points only with
 * `passIfNotMeasured`, and its reason is always "Not measured: <why>" (rubric.ts, "Missing measurements").
 */
export function scorePlan(rubric: Rubric, evaluation: PlanEvaluation): ScoreResult {
  const items = rubric.items.map((item): ScoredItem => {
    const o = evaluate(item.criterion, evaluation)
    if (o.notMeasured) {
      const passed = item.passIfNotMeasured === true
      return {
        id: item.id,
        title: item.title,
        gained: passed ? item.points : 0,
        max: item.points,
        passed,
        reason: passed ? `${o.reason} The item does not apply, so it counts as met.` : o.reason,
        notMeasured: true,
      }
    }
    const custom = o.passed ? item.passReason : item.failReason
    return {
      id: item.id,
      title: item.title,
      gained: Math.round(item.points * o.fraction * 100) / 100,
      max: item.points,
      passed: o.passed,
      reason: custom ?? o.reason,
    }
  })
  const score = Math.round(items.reduce((s, i) => s + i.gained, 0) * 100) / 100
  return { score, max: items.reduce((s, i) => s + i.max, 0), items }
}
