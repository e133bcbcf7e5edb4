import type { StateCreator } from 'zustand/vanilla'
import type { AppState } from '../appStore'

/** User-facing messages. */
export interface UiSlice {
  /** The current user-facing error message, or null. */
  error: string | null
  showError(message: string): void
  clearError(): void
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  error: null,
  showError(message) {
    set({ error: message })
  },
  clearError() {
    set({ error: null })
  },
})
