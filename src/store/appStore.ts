/**
 * The single application store: a vanilla zustand store (readable without React by workers' clients, the
 * render loop and tests) built from slices, plus a React hook.
 */
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { createAuthoringSlice, type AuthoringSlice } from './slices/authoringSlice'
import { createCaseSlice, type CaseSlice } from './slices/caseSlice'
import { createGuidedSlice, type GuidedSlice } from './slices/guidedSlice'
import { createCompareSlice, type CompareSlice } from './slices/compareSlice'
import { createEducatorSlice, type EducatorSlice } from './slices/educatorSlice'
import { createImportSlice, type ImportSlice } from './slices/importSlice'
import { createMeshSlice, type MeshSlice } from './slices/meshSlice'
import { createScoreSlice, type ScoreSlice } from './slices/scoreSlice'
import { createPlanSlice, type PlanSlice } from './slices/planSlice'
import { createSimSlice, type SimSlice } from './slices/simSlice'
import { createUiSlice, type UiSlice } from './slices/uiSlice'
import { createViewSlice, type ViewSlice } from './slices/viewSlice'

/** The whole application state. */
export type AppState = CaseSlice &
  ViewSlice &
  UiSlice &
  ImportSlice &
  PlanSlice &
  MeshSlice &
  ScoreSlice &
  SimSlice &
  AuthoringSlice &
  CompareSlice &
  EducatorSlice &
  GuidedSlice

/** Creates a fresh store (tests create their own). */
export const createAppStore = () =>
  createStore<AppState>()((...a) => ({
    ...createCaseSlice(...a),
    ...createViewSlice(...a),
    ...createUiSlice(...a),
    ...createImportSlice(...a),
    ...createMeshSlice(...a),
    ...createScoreSlice(...a),
    ...createPlanSlice(...a),
    ...createSimSlice(...a),
    ...createAuthoringSlice(...a),
    ...createGuidedSlice(...a),
    ...createCompareSlice(...a),
    ...createEducatorSlice(...a),
  }))

/** The app's store instance. */
export const appStore = createAppStore()

/** React hook: select a slice of the app store. */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector)
}
