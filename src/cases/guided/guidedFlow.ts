/**
 * The guided flow's state machine: briefing → find → stability → techniques → plan → simulate → debrief,
 * with back-navigation, what each step requires before moving on, and "try again" that keeps every
 * finished attempt. Pure reducer over plain data; the store and the UI do the effects (scoring, saving).
 */
import type { Technique } from '../library'
import {
  isStabilityComplete,
  reviewStability,
  reviewTechniques,
  type StabilityDraft,
  type TechniqueChoices,
} from './review'
import type { GuidedCase } from './types'

/** The steps, in order. */
export const GUIDED_STEPS = [
  'briefing',
  'find',
  'stability',
  'techniques',
  'plan',
  'simulate',
  'debrief',
] as const

/** One step of the guided flow. */
export type GuidedStep = (typeof GUIDED_STEPS)[number]

/** Plain-words titles of the steps. */
export const GUIDED_STEP_TITLES: Readonly<Record<GuidedStep, string>> = {
  briefing: 'Briefing',
  find: 'Find the lesion and critical structures',
  stability: 'Stability and fracture risk',
  techniques: 'Choose techniques',
  plan: 'Plan',
  simulate: 'Simulate and score',
  debrief: 'Debrief',
}

/** Shortest reason accepted for a chosen technique, characters. */
export const MIN_REASON_CHARS = 10

/** A click of the find step. */
export interface FindAttempt {
  readonly key: string
  readonly found: boolean
  readonly clickedName: string
}

/** The score of the plan at the simulate step. */
export interface ScoredPlan {
  readonly score: number
  readonly max: number
  /** JSON of the plan that was scored. */
  readonly planJson: string
  /** Ids of the seeded mistakes the plan shows. */
  readonly mistakes: readonly string[]
  /** Rubric items that failed. */
  readonly failedItems: readonly string[]
}

/** A finished attempt, kept when the trainee tries again. */
export interface AttemptRecord {
  readonly attempt: number
  readonly score: number
  readonly max: number
  readonly mistakes: readonly string[]
  readonly failedItems: readonly string[]
  readonly stabilityCorrect: boolean
  readonly techniquesCorrect: boolean
  /** ISO time the attempt was finished (given by the caller: the reducer reads no clock). */
  readonly finishedAt: string
  readonly planJson: string
}

/** Everything the guided flow remembers. */
export interface GuidedState {
  readonly caseId: string
  readonly step: GuidedStep
  /** Furthest step reached in this attempt (the step list shows it). */
  readonly reached: GuidedStep
  /** Structures found (find-target keys). */
  readonly found: readonly string[]
  readonly findLog: readonly FindAttempt[]
  readonly stabilityDraft: StabilityDraft
  readonly stabilitySubmitted: boolean
  readonly techniques: TechniqueChoices
  readonly techniquesSubmitted: boolean
  /** Devices in the current plan (set by the shell whenever the plan changes). */
  readonly planDevices: number
  /** JSON of the current plan (set by the shell), to tell a stale score from a fresh one. */
  readonly planJson: string
  readonly scored: ScoredPlan | null
  /** 1 for the first attempt. */
  readonly attempt: number
  readonly history: readonly AttemptRecord[]
}

/** Everything the guided flow can be told. */
export type GuidedAction =
  | { readonly type: 'next' }
  | { readonly type: 'back' }
  | { readonly type: 'goto'; readonly step: GuidedStep }
  | { readonly type: 'find'; readonly attempt: FindAttempt }
  | { readonly type: 'setStability'; readonly item: string; readonly value: string }
  | { readonly type: 'submitStability' }
  | { readonly type: 'toggleTechnique'; readonly technique: Technique }
  | { readonly type: 'setReason'; readonly technique: Technique; readonly reason: string }
  | { readonly type: 'submitTechniques' }
  | { readonly type: 'planChanged'; readonly devices: number; readonly planJson: string }
  | { readonly type: 'scored'; readonly scored: ScoredPlan }
  | { readonly type: 'finish'; readonly at: string }
  | { readonly type: 'tryAgain'; readonly at: string }

/** A new guided flow on a case, at the briefing. */
export function startGuided(caseId: string, history: readonly AttemptRecord[] = []): GuidedState {
  return {
    caseId,
    step: 'briefing',
    reached: 'briefing',
    found: [],
    findLog: [],
    stabilityDraft: {},
    stabilitySubmitted: false,
    techniques: {},
    techniquesSubmitted: false,
    planDevices: 0,
    planJson: '',
    scored: null,
    attempt: history.length + 1,
    history,
  }
}

const indexOf = (s: GuidedStep): number => GUIDED_STEPS.indexOf(s)

/**
 * What the current step still needs before "Next" is allowed, in plain words; null when the trainee may
 * move on. The debrief is the last step (nothing follows it).
 */
export function advanceBlocker(s: GuidedState, g: GuidedCase): string | null {
  switch (s.step) {
    case 'briefing':
      return null
    case 'find': {
      const missing = g.find.filter((t) => !s.found.includes(t.key)).map((t) => t.name)
      return missing.length ? `Find the ${missing.join(', the ')} first.` : null
    }
    case 'stability':
      if (!isStabilityComplete(g.stability.system, s.stabilityDraft)) {
        return 'Choose a value for every item of the score.'
      }
      return s.stabilitySubmitted ? null : 'Check your score first.'
    case 'techniques': {
      const chosen = Object.entries(s.techniques)
      if (chosen.length === 0) return 'Choose at least one technique.'
      const short = chosen.filter(([, r]) => (r ?? '').trim().length < MIN_REASON_CHARS)
      if (short.length) {
        return `Give a reason (at least ${MIN_REASON_CHARS} characters) for every technique you choose.`
      }
      return s.techniquesSubmitted ? null : 'Check your choices first.'
    }
    case 'plan':
      return s.planDevices > 0
        ? null
        : 'Place at least one device (or open the expert plan to study it).'
    case 'simulate':
      if (!s.scored) return 'Score your plan first.'
      return s.scored.planJson === s.planJson
        ? null
        : 'The plan changed since it was scored: score it again.'
    case 'debrief':
      return 'This is the last step.'
  }
}

const later = (a: GuidedStep, b: GuidedStep): GuidedStep => (indexOf(a) >= indexOf(b) ? a : b)

/** Applies an action; actions that are not allowed now leave the state unchanged (same object). */
export function guidedReducer(s: GuidedState, a: GuidedAction, g: GuidedCase): GuidedState {
  switch (a.type) {
    case 'next': {
      if (advanceBlocker(s, g) !== null) return s
      const step = GUIDED_STEPS[indexOf(s.step) + 1]
      return step ? { ...s, step, reached: later(s.reached, step) } : s
    }
    case 'back': {
      const step = GUIDED_STEPS[indexOf(s.step) - 1]
      return step ? { ...s, step } : s
    }
    case 'goto': {
      if (a.step === s.step || indexOf(a.step) > indexOf(s.reached)) return s
      if (indexOf(a.step) < indexOf(s.step)) return { ...s, step: a.step }
      // Forward only through steps whose requirements still hold (an answer changed on the way back
      // must be checked again before the later steps open).
      let t = s
      while (t.step !== a.step) {
        const n = guidedReducer(t, { type: 'next' }, g)
        if (n === t) return s
        t = n
      }
      return t
    }
    case 'find': {
      if (s.step !== 'find' || !g.find.some((t) => t.key === a.attempt.key)) return s
      const found =
        a.attempt.found && !s.found.includes(a.attempt.key) ? [...s.found, a.attempt.key] : s.found
      return { ...s, found, findLog: [...s.findLog, a.attempt] }
    }
    case 'setStability':
      if (s.step !== 'stability') return s
      return {
        ...s,
        stabilityDraft: { ...s.stabilityDraft, [a.item]: a.value },
        stabilitySubmitted: false,
      }
    case 'submitStability':
      if (s.step !== 'stability' || !isStabilityComplete(g.stability.system, s.stabilityDraft)) {
        return s
      }
      return { ...s, stabilitySubmitted: true }
    case 'toggleTechnique': {
      if (s.step !== 'techniques' || !g.techniques.some((o) => o.technique === a.technique)) {
        return s
      }
      const next: Partial<Record<Technique, string>> = { ...s.techniques }
      if (next[a.technique] === undefined) next[a.technique] = ''
      else delete next[a.technique]
      return { ...s, techniques: next, techniquesSubmitted: false }
    }
    case 'setReason':
      if (s.step !== 'techniques' || s.techniques[a.technique] === undefined) return s
      return {
        ...s,
        techniques: { ...s.techniques, [a.technique]: a.reason },
        techniquesSubmitted: false,
      }
    case 'submitTechniques':
      if (s.step !== 'techniques' || Object.keys(s.techniques).length === 0) return s
      return { ...s, techniquesSubmitted: true }
    case 'planChanged':
      return { ...s, planDevices: a.devices, planJson: a.planJson }
    case 'scored':
      return s.step === 'simulate' || s.step === 'debrief' ? { ...s, scored: a.scored } : s
    case 'finish': {
      // Recorded once per attempt, when the debrief is reached with a fresh score.
      if (s.step !== 'debrief' || !s.scored || s.history.some((h) => h.attempt === s.attempt)) {
        return s
      }
      const record: AttemptRecord = {
        attempt: s.attempt,
        score: s.scored.score,
        max: s.scored.max,
        mistakes: s.scored.mistakes,
        failedItems: s.scored.failedItems,
        stabilityCorrect: reviewStability(g.stability, s.stabilityDraft).allCorrect,
        techniquesCorrect: reviewTechniques(g.techniques, s.techniques).allCorrect,
        finishedAt: a.at,
        planJson: s.scored.planJson,
      }
      return { ...s, history: [...s.history, record] }
    }
    case 'tryAgain': {
      if (s.step !== 'debrief' || !s.scored) return s
      // The finished attempt is kept, then a new attempt at the plan starts: what was found and answered
      // stays; the score and the debrief go.
      const done = guidedReducer(s, { type: 'finish', at: a.at }, g)
      return {
        ...done,
        step: 'plan',
        reached: 'plan',
        scored: null,
        attempt: done.history.length + 1,
      }
    }
  }
}
