/**
 * Feedback of the guided steps: the trainee's stability score against the case's, the technique choices
 * against the options' verdicts, and which seeded mistakes a scored plan shows. Pure.
 */
import type { Plan, ScoreResult } from '../../plan'
import {
  MIRELS_ITEMS,
  MIRELS_ITEM_TITLES,
  MIRELS_LABELS,
  SINS_CATEGORY_TEXT,
  SINS_COMPONENTS,
  SINS_COMPONENT_TITLES,
  SINS_LABELS,
  mirelsScore,
  sinsScore,
  type MirelsInputs,
  type SinsInputs,
  MIRELS_ADVICE_TEXT,
} from '../../plan/teaching'
import type { Technique } from '../library'
import type { GuidedCase, SeededMistake, StabilityAnswer, TechniqueOption } from './types'

/** The items (and their choices) of a stability system, for a form. */
export interface StabilityItemSpec {
  readonly item: string
  readonly title: string
  readonly choices: readonly { readonly value: string; readonly label: string }[]
}

const choicesOf = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }))

/** The form of the case's stability system. */
export function stabilityItems(system: StabilityAnswer['system']): StabilityItemSpec[] {
  if (system === 'sins') {
    return SINS_COMPONENTS.map((k) => ({
      item: k,
      title: SINS_COMPONENT_TITLES[k],
      choices: choicesOf(SINS_LABELS[k]),
    }))
  }
  return MIRELS_ITEMS.map((k) => ({
    item: k,
    title: MIRELS_ITEM_TITLES[k],
    choices: choicesOf(MIRELS_LABELS[k]),
  }))
}

/** The trainee's choice per item (item → value). */
export type StabilityDraft = Readonly<Record<string, string>>

/** Feedback on one item. */
export interface StabilityItemFeedback {
  readonly item: string
  readonly title: string
  readonly chosen: string | null
  readonly correct: string
  readonly ok: boolean
  /** Why the case's value is right. */
  readonly reason: string
}

/** Feedback on the whole stability answer. */
export interface StabilityFeedback {
  readonly system: StabilityAnswer['system']
  readonly items: readonly StabilityItemFeedback[]
  /** The trainee's total, or null when an item is missing. */
  readonly traineeTotal: number | null
  readonly caseTotal: number
  /** The case total's category or advice, in words. */
  readonly caseCategory: string
  readonly traineeCategory: string | null
  /** Every item right. */
  readonly allCorrect: boolean
  /** Same category or advice band as the case (the clinically decisive part). */
  readonly categoryCorrect: boolean
  readonly consequence: string
  readonly applicability: string | null
}

/** True when every item of the system has a valid choice. */
export function isStabilityComplete(
  system: StabilityAnswer['system'],
  draft: StabilityDraft,
): boolean {
  return stabilityItems(system).every((s) => s.choices.some((c) => c.value === draft[s.item]))
}

const labelOf = (system: StabilityAnswer['system'], item: string, value: string | null): string => {
  if (value === null) return '—'
  const spec = stabilityItems(system).find((s) => s.item === item)
  return spec?.choices.find((c) => c.value === value)?.label ?? value
}

function totalOf(
  system: StabilityAnswer['system'],
  draft: StabilityDraft,
): { total: number; category: string } | null {
  if (!isStabilityComplete(system, draft)) return null
  if (system === 'sins') {
    const s = sinsScore(draft as unknown as SinsInputs)
    return { total: s.total, category: SINS_CATEGORY_TEXT[s.category] }
  }
  const m = mirelsScore(draft as unknown as MirelsInputs)
  return {
    total: m.total ?? m.imagingPoints,
    category: m.advice ? MIRELS_ADVICE_TEXT[m.advice] : '',
  }
}

/** Compares the trainee's stability answer with the case's. */
export function reviewStability(answer: StabilityAnswer, draft: StabilityDraft): StabilityFeedback {
  const correctDraft = answer.inputs as unknown as Readonly<Record<string, string | null>>
  const items = stabilityItems(answer.system).map((s) => {
    const chosen = draft[s.item] ?? null
    const correct = correctDraft[s.item] ?? null
    return {
      item: s.item,
      title: s.title,
      chosen: labelOf(answer.system, s.item, chosen),
      correct: labelOf(answer.system, s.item, correct),
      ok: chosen !== null && chosen === correct,
      reason: (answer.reasons as Readonly<Record<string, string>>)[s.item] ?? '',
    }
  })
  const caseResult = totalOf(answer.system, correctDraft as StabilityDraft)
  if (!caseResult) throw new Error('The case’s own stability answer is incomplete.')
  const mine = totalOf(answer.system, draft)
  return {
    system: answer.system,
    items,
    traineeTotal: mine?.total ?? null,
    caseTotal: caseResult.total,
    caseCategory: caseResult.category,
    traineeCategory: mine?.category ?? null,
    allCorrect: items.every((i) => i.ok),
    categoryCorrect: mine !== null && mine.category === caseResult.category,
    consequence: answer.consequence,
    applicability: answer.system === 'mirels' ? answer.applicability : null,
  }
}

/** The trainee's technique choices: technique → reason in their words. */
export type TechniqueChoices = Readonly<Partial<Record<Technique, string>>>

/** Feedback on the technique choices. */
export interface TechniqueFeedback {
  /** Recommended techniques the trainee did not choose. */
  readonly missed: readonly TechniqueOption[]
  /** Techniques to avoid that the trainee chose. */
  readonly wrong: readonly TechniqueOption[]
  /** Chosen techniques that fit (recommended or acceptable). */
  readonly fitting: readonly TechniqueOption[]
  readonly allCorrect: boolean
}

/** Compares the chosen techniques with the options' verdicts. */
export function reviewTechniques(
  options: readonly TechniqueOption[],
  chosen: TechniqueChoices,
): TechniqueFeedback {
  const picked = (o: TechniqueOption) => chosen[o.technique] !== undefined
  const missed = options.filter((o) => o.verdict === 'recommended' && !picked(o))
  const wrong = options.filter((o) => o.verdict === 'avoid' && picked(o))
  const fitting = options.filter((o) => o.verdict !== 'avoid' && picked(o))
  return { missed, wrong, fitting, allCorrect: missed.length === 0 && wrong.length === 0 }
}

/** True when the scored plan shows the mistake: every signature item failed and the device rules hold. */
export function showsMistake(m: SeededMistake, score: ScoreResult, plan: Plan): boolean {
  const failed = new Set(score.items.filter((i) => !i.passed).map((i) => i.id))
  if (!m.signature.failedItems.every((id) => failed.has(id))) return false
  const passed = new Set(score.items.filter((i) => i.passed).map((i) => i.id))
  if (m.signature.passedItems?.some((id) => !passed.has(id))) return false
  const kinds = new Set(plan.devices.map((d) => d.kind))
  if (m.signature.lacksDevices?.some((k) => kinds.has(k))) return false
  if (m.signature.hasDevices && !m.signature.hasDevices.some((k) => kinds.has(k))) return false
  return true
}

/** The seeded mistakes of the case that the scored plan shows. */
export const matchMistakes = (
  guided: GuidedCase,
  score: ScoreResult,
  plan: Plan,
): SeededMistake[] => guided.mistakes.filter((m) => showsMistake(m, score, plan))
