/**
 * A second plan shown beside the edited one: the case's expert plan, a snapshot of the current plan or a
 * step of its history. The views draw its devices as "ghosts" (dashed, translucent, one distinct colour);
 * its devices can be simulated like the edited plan's so that the two plans' metrics read side by side.
 * The compare plan belongs to one scan: it is dropped when another scan is shown. Points are LPS mm.
 */
import type { StateCreator, StoreApi } from 'zustand/vanilla'
import type { ProcedureResult } from '../../cases/simulate'
import { parsePlanFile, planToJson, type Device, type Plan } from '../../plan'
import { fetchExpertPlanJson } from '../../workers/caseClient'
import { runSimulation, type SimRun } from '../../workers/simClient'
import type { AppState } from '../appStore'
import { getVolume } from '../volumeRegistry'
import { describeScan, sameScan } from './planScan'
import { isSimStale } from './simSlice'

/** The state of one compare-plan device's simulation. */
export interface CompareRunState {
  readonly state: 'running' | 'done' | 'error'
  readonly progress: number
  readonly message: string
}

/** The compare plan and its simulations. */
export interface CompareSlice {
  /** The second plan, drawn as ghosts; null when none. */
  comparePlan: Plan | null
  /** What the compare plan is, in words (e.g. "Expert plan"). */
  compareLabel: string
  /** Whether the ghosts are drawn. */
  compareVisible: boolean
  /** Simulation results of the compare plan's devices, by device id. */
  compareResults: Readonly<Record<string, ProcedureResult>>
  compareRuns: Readonly<Record<string, CompareRunState>>
  /** Shows `plan` as the ghost plan; refused (error banner) when it was made for another scan. */
  setComparePlan(plan: Plan, label: string): void
  /** Fetches the current case's expert plan and shows it as the ghost plan. */
  compareWithExpert(): Promise<boolean>
  /** A snapshot of the edited plan becomes the ghost plan. */
  compareWithCurrentCopy(label?: string): void
  /** A step of the undo history becomes the ghost plan. */
  compareWithHistory(index: number): void
  clearComparePlan(): void
  setCompareVisible(visible: boolean): void
  /** The ghost plan becomes the edited plan (undoable) and the edited plan the ghost. */
  swapWithComparePlan(): void
  /** Simulates every compare-plan device, and every edited-plan device without a fresh result. */
  runCompareSimulations(): Promise<void>
}

type SetState = StoreApi<AppState>['setState']
type GetState = () => AppState

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** The devices the views draw as ghosts: none when hidden or when there is no compare plan. */
export function ghostDevices(s: AppState): readonly Device[] {
  return s.compareVisible && s.comparePlan ? s.comparePlan.devices : NO_DEVICES
}
const NO_DEVICES: readonly Device[] = []

/** True when a compare plan is set (shown or not). */
export const hasComparePlan = (s: AppState): boolean => s.comparePlan !== null

/** The scan the edited plan is for: the shown scan once known, else the plan's own. */
const shownScan = (s: AppState): Plan['scan'] => s.currentScan ?? s.plan.scan

const running = new Map<string, SimRun>()

/**
 * Forgets the compare runs in flight; their results are dropped when they arrive. They are not cancelled:
 * cancelling terminates the shared simulation worker, which would also stop the edited plan's runs.
 */
function cancelCompareRuns(): void {
  running.clear()
}

/** Runs one compare-plan device; its progress and result land in compareRuns/compareResults. */
async function simulateCompareDevice(
  set: SetState,
  get: GetState,
  deviceId: string,
): Promise<void> {
  const s = get()
  const plan = s.comparePlan
  const volume = getVolume(s.volumeId)
  if (!plan || !volume) return
  const patch = (id: string, run: CompareRunState) =>
    set({ compareRuns: { ...get().compareRuns, [id]: run } })
  patch(deviceId, { state: 'running', progress: 0, message: 'Starting…' })
  const run = runSimulation(volume, planToJson(plan), deviceId, {}, (f, m) => {
    if (running.get(deviceId) === run) {
      patch(deviceId, { state: 'running', progress: f, message: m })
    }
  })
  running.set(deviceId, run)
  try {
    const result = await run.result
    if (running.get(deviceId) !== run || get().comparePlan !== plan) return
    set({ compareResults: { ...get().compareResults, [deviceId]: result } })
    patch(deviceId, { state: 'done', progress: 1, message: 'Done' })
  } catch (e) {
    if (running.get(deviceId) !== run || get().comparePlan !== plan) return
    patch(deviceId, { state: 'error', progress: 0, message: message(e) })
  } finally {
    if (running.get(deviceId) === run) running.delete(deviceId)
  }
}

/** The compare slice. It drops the compare plan when another scan is shown. */
export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = (set, get, api) => {
  api.subscribe((s, prev) => {
    if (s.currentScan === prev.currentScan || !s.comparePlan || !s.currentScan) return
    if (!sameScan(s.comparePlan.scan, s.currentScan)) get().clearComparePlan()
  })
  const show = (plan: Plan, label: string) => {
    cancelCompareRuns()
    set({
      comparePlan: plan,
      compareLabel: label,
      compareVisible: true,
      compareResults: {},
      compareRuns: {},
    })
  }
  return {
    comparePlan: null,
    compareLabel: '',
    compareVisible: true,
    compareResults: {},
    compareRuns: {},

    setComparePlan(plan, label) {
      const scan = shownScan(get())
      if (!sameScan(plan.scan, scan)) {
        get().showError(
          `"${label}" was made for ${describeScan(plan.scan)}, not for ${describeScan(scan)}: it cannot be compared here.`,
        )
        return
      }
      show(plan, label)
    },

    async compareWithExpert() {
      const caseId = get().caseId
      try {
        const parsed = parsePlanFile(await fetchExpertPlanJson(caseId))
        if (!parsed.ok) throw new Error(parsed.errors.join(' '))
        if (get().caseId !== caseId) return false
        get().setComparePlan(parsed.plan, 'Expert plan')
        return get().comparePlan !== null
      } catch (e) {
        get().showError(`The expert plan could not be shown: ${message(e)}`)
        return false
      }
    },

    compareWithCurrentCopy(label) {
      const plan = get().plan
      show(plan, label ?? `Copy of "${plan.title}"`)
    },

    compareWithHistory(index) {
      const entry = get().history[index]
      if (!entry) return
      show(entry.plan, `Step ${index + 1}: ${entry.label}`)
    },

    clearComparePlan() {
      cancelCompareRuns()
      set({ comparePlan: null, compareLabel: '', compareResults: {}, compareRuns: {} })
    },

    setCompareVisible(visible) {
      set({ compareVisible: visible })
    },

    swapWithComparePlan() {
      const s = get()
      const ghost = s.comparePlan
      if (!ghost) return
      const edited = s.plan
      const label = s.compareLabel
      s.loadPlan(ghost, `Swapped in "${label}"`)
      show(edited, `Previous plan "${edited.title}"`)
    },

    async runCompareSimulations() {
      // One after another: the runs share one worker, and each run is CPU-bound anyway.
      const s = get()
      const ghost = s.comparePlan
      for (const d of s.plan.devices) {
        const now = get()
        if (isSimStale(now, d.id) && now.simRuns[d.id]?.state !== 'running') {
          await now.runDeviceSimulation(d.id)
        }
      }
      for (const d of ghost?.devices ?? []) {
        if (get().comparePlan !== ghost) return
        await simulateCompareDevice(set, get, d.id)
      }
    },
  }
}
