/**
 * The redraw loop shared by the MPR overlay layers (devices, ghosts, simulation fields): one draw per
 * animation frame at most, triggered by the view's camera (pan, zoom, scroll), its size, and the store
 * changes the layer cares about.
 */
import { appStore, type AppState } from '../store/appStore'

/** A layer's redraw loop on a Cornerstone element. */
export interface ViewRedraw {
  /** Schedules a draw on the next animation frame (coalesced). */
  readonly redraw: () => void
  /** Stops listening and cancels a pending draw. */
  readonly dispose: () => void
}

/**
 * Runs `draw` now (on the next frame) and again whenever the camera of `element` changes, the element
 * is resized, or `changed(state, previous)` holds for a store update.
 */
export function watchView(
  element: HTMLElement,
  draw: () => void,
  changed: (s: AppState, prev: AppState) => boolean,
): ViewRedraw {
  let frame = 0
  const run = (): void => {
    frame = 0
    draw()
  }
  const redraw = (): void => {
    frame ||= requestAnimationFrame(run)
  }
  const unsub = appStore.subscribe((s, prev) => {
    if (changed(s, prev)) redraw()
  })
  element.addEventListener('CORNERSTONE_CAMERA_MODIFIED', redraw)
  const ro = new ResizeObserver(redraw)
  ro.observe(element)
  redraw()
  return {
    redraw,
    dispose: () => {
      if (frame) cancelAnimationFrame(frame)
      unsub()
      ro.disconnect()
      element.removeEventListener('CORNERSTONE_CAMERA_MODIFIED', redraw)
    },
  }
}
