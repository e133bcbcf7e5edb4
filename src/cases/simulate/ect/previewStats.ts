/**
 * The last ECT drag preview's figures (coverage, frame time), for the ECT panel's live readout. The preview
 * runs on the main thread, so a tiny module-level observable is enough; it holds plain numbers only.
 */

/** Figures of one preview frame. */
export interface EctPreviewStats {
  readonly deviceId: string
  /** Tumour fraction above the reversible threshold in the coarse linear preview, %. */
  readonly coveragePct: number
  /** Time to compute the frame, ms. */
  readonly frameMs: number
  /** Pairs re-solved in the frame (the others were reused). */
  readonly solvedPairs: number
  /** Frames computed since the session started. */
  readonly frames: number
}

let current: EctPreviewStats | null = null
const listeners = new Set<() => void>()

/** Publishes a frame's figures (null clears them). */
export function publishEctPreview(stats: EctPreviewStats | null): void {
  current = stats
  for (const l of listeners) l()
}

/** The last frame's figures, or null. */
export const getEctPreview = (): EctPreviewStats | null => current

/** Subscribes to new figures; returns the unsubscribe function (useSyncExternalStore's shape). */
export function subscribeEctPreview(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
