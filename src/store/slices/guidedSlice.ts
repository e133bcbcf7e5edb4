import type { StateCreator } from 'zustand/vanilla'
import {
  guidedCase,
  guidedReducer,
  matchMistakes,
  startGuided as startFlow,
  type GuidedAction,
  type GuidedState,
} from '../../cases/guided'
import { planToJson } from '../../plan'
import type { AppState } from '../appStore'
import {
  addAttempt,
  emptyProgress,
  progressStorage,
  progressToJson,
  type ProgressData,
} from '../progress'

/** Guided-case mode: the flow's state, and the trainee's progress kept in this browser. */
export interface GuidedSlice {
  /** The guided flow, or null when guided mode is off. */
  guided: GuidedState | null
  /** Attempts per case (loaded from the browser's storage on first use). */
  progress: ProgressData
  progressLoaded: boolean
  /** Starts guided mode on the current case (only cases with a guided path). */
  startGuidedCase(): Promise<void>
  exitGuided(): void
  /** Sends an action to the flow; a finished attempt is saved to the progress store. */
  guidedDispatch(action: GuidedAction): void
  /** Scores the current plan on the case's rubric and hands the score (and the mistakes it shows) to the flow. */
  guidedScorePlan(): Promise<void>
  loadProgress(): Promise<void>
  /** The progress export's text. */
  exportProgress(): string
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

export const createGuidedSlice: StateCreator<AppState, [], [], GuidedSlice> = (set, get) => {
  /** Saves every attempt of the flow's history that the progress store does not hold yet. */
  const persist = async (flow: GuidedState): Promise<void> => {
    let data = get().progress
    const saved = new Set((data.cases[flow.caseId] ?? []).map((a) => a.attempt))
    const fresh = flow.history.filter((h) => !saved.has(h.attempt))
    if (fresh.length === 0) return
    for (const h of fresh) data = addAttempt(data, flow.caseId, h)
    set({ progress: data })
    try {
      await progressStorage().save(data)
    } catch (e) {
      get().showError(`Your progress could not be saved in this browser: ${message(e)}`)
    }
  }

  return {
    guided: null,
    progress: emptyProgress(),
    progressLoaded: false,

    async loadProgress() {
      try {
        const data = await progressStorage().load()
        set({ progress: data, progressLoaded: true })
      } catch (e) {
        set({ progressLoaded: true })
        get().showError(`Saved progress could not be read: ${message(e)}`)
      }
    },

    async startGuidedCase() {
      const { caseId } = get()
      if (!guidedCase(caseId)) {
        get().showError(
          `The case "${caseId}" has no guided path. Open a built-in teaching case first.`,
        )
        return
      }
      if (!get().progressLoaded) await get().loadProgress()
      const history = get().progress.cases[caseId] ?? []
      const plan = get().plan
      const flow = guidedReducer(
        startFlow(caseId, history),
        { type: 'planChanged', devices: plan.devices.length, planJson: planToJson(plan) },
        guidedCase(caseId)!,
      )
      set({ guided: flow })
    },

    exitGuided() {
      set({ guided: null })
    },

    guidedDispatch(action) {
      const flow = get().guided
      const g = flow ? guidedCase(flow.caseId) : undefined
      if (!flow || !g) return
      let next = guidedReducer(flow, action, g)
      // Reaching the debrief finishes the attempt (recorded once).
      if (next.step === 'debrief' && flow.step !== 'debrief') {
        next = guidedReducer(next, { type: 'finish', at: new Date().toISOString() }, g)
      }
      if (next === flow) return
      set({ guided: next })
      if (next.history.length !== flow.history.length) void persist(next)
    },

    async guidedScorePlan() {
      const flow = get().guided
      const g = flow ? guidedCase(flow.caseId) : undefined
      if (!flow || !g) return
      const plan = get().plan
      const json = planToJson(plan)
      get().guidedDispatch({ type: 'planChanged', devices: plan.devices.length, planJson: json })
      await get().scoreCurrentPlan()
      const { scoreResult, scoredPlanJson, scoreStatus } = get()
      if (scoreStatus !== 'ready' || !scoreResult || scoredPlanJson !== json) return
      get().guidedDispatch({
        type: 'scored',
        scored: {
          score: scoreResult.score.score,
          max: scoreResult.score.max,
          planJson: json,
          mistakes: matchMistakes(g, scoreResult.score, plan).map((m) => m.id),
          failedItems: scoreResult.score.items.filter((i) => !i.passed).map((i) => i.id),
        },
      })
    },

    exportProgress() {
      return progressToJson(get().progress, new Date().toISOString())
    },
  }
}
