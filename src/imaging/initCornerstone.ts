/**
 * Initialises Cornerstone3D once per page (idempotent; concurrent callers share one promise).
 * Works with and without cross-origin isolation: nothing here needs SharedArrayBuffer (stack.md P6).
 */
import { init as initCore } from '@cornerstonejs/core'
import { init as initTools } from '@cornerstonejs/tools'

let ready: Promise<void> | null = null

/** Starts Cornerstone3D (core and tools). */
export function initCornerstone(): Promise<void> {
  ready ??= (async () => {
    // Two pooled WebGL contexts are plenty for three MPR views and leave room for the 3D scene's own
    // context under Chromium's per-page limit (stack.md P11).
    initCore({ rendering: { webGlContextCount: 2 }, debug: {} })
    initTools()
    await Promise.resolve()
  })()
  return ready
}
