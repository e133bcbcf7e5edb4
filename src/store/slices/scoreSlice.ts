import type { StateCreator } from 'zustand/vanilla'
import { parsePlanFile, planToJson } from '../../plan'
import { fetchExpertPlanJson, scorePlanOnCase } from '../../workers/caseClient'
import { getPackage } from '../packageRegistry'
import type { CaseScoreSummary } from '../../workers/scoreApi'
import type { AppState } from '../appStore'

/** Scoring the current plan against the case's rubric, with the expert plan beside it. */
export interface ScoreSlice {
  scoreStatus: 'idle' | 'scoring' | 'ready' | 'error'
  scoreResult: CaseScoreSummary | null
  /** JSON of the plan that was scored (the result is stale when the plan has changed since). */
  scoredPlanJson: string | null
  scoreCurrentPlan(): Promise<void>
  loadExpertPlan(): Promise<void>
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

export const createScoreSlice: StateCreator<AppState, [], [], ScoreSlice> = (set, get) => ({
  scoreStatus: 'idle',
  scoreResult: null,
  scoredPlanJson: null,

  async scoreCurrentPlan() {
    const { caseId, plan } = get()
    const json = planToJson(plan)
    set({ scoreStatus: 'scoring', scoredPlanJson: json })
    try {
      const pkg = getPackage(caseId)
      // Authored packages are scored here with their own rubric (small volumes, no phantom to generate).
      const result = pkg
        ? (await import('../../cases/package')).scorePackagePlan(pkg, plan)
        : await scorePlanOnCase(caseId, json)
      if (get().scoredPlanJson !== json) return
      set({ scoreStatus: 'ready', scoreResult: result })
    } catch (e) {
      set({ scoreStatus: 'error', scoreResult: null })
      get().showError(`The plan could not be scored: ${message(e)}`)
    }
  },

  async loadExpertPlan() {
    try {
      const pkg = getPackage(get().caseId)
      if (pkg) {
        get().loadPlan(pkg.plan, 'Opened the expert plan')
        return
      }
      const parsed = parsePlanFile(await fetchExpertPlanJson(get().caseId))
      if (!parsed.ok) throw new Error(parsed.errors.join(' '))
      get().loadPlan(parsed.plan, 'Opened the expert plan')
    } catch (e) {
      get().showError(`The expert plan could not be opened: ${message(e)}`)
    }
  },
})
