/**
 * Simulation follows the plan: while a device is dragged, its procedure's fast preview is drawn every
 * animation frame (`setSimPreview`); when the drag ends, the preview goes and, if the device had a result,
 * the full simulation runs again. Loads the preview code on the first drag. Costly previews are warmed up
 * while the page is idle (`previewWarmup.ts`).
 */
import type { Device } from '../plan'
import type { AppState } from './appStore'
import { startPreviewWarmup } from './previewWarmup'
import { getVolume } from './volumeRegistry'

type Store = {
  getState(): AppState
  subscribe(listener: (s: AppState, prev: AppState) => void): () => void
}

/** Starts following; returns the stop function. */
export function startSimAuto(store: Store): () => void {
  let frame = 0
  let pending: Device | null = null
  let previewing: string | null = null
  const compute = async () => {
    frame = 0
    const device = pending
    if (!device) return
    const s = store.getState()
    const volume = getVolume(s.volumeId)
    if (!volume) return
    const { previewDevice } = await import('../cases/simulate/preview')
    if (store.getState().dragPreview !== device) return
    try {
      const overlays = previewDevice(volume, s.plan, device, s.simOptions[device.id] ?? {})
      if (overlays) {
        previewing = device.id
        store.getState().setSimPreview(device.id, overlays)
      }
    } catch (e) {
      console.warn('The simulation preview failed.', e)
    }
  }
  const unsub = store.subscribe((s, p) => {
    if (s.dragPreview === p.dragPreview) return
    if (s.dragPreview) {
      pending = s.dragPreview
      frame ||= requestAnimationFrame(() => void compute())
      return
    }
    pending = null
    const id = previewing ?? p.dragPreview?.id
    previewing = null
    if (!id) return
    if (s.simPreviews[id]) s.setSimPreview(id, null)
    if (s.simResults[id] && s.plan.devices.some((d) => d.id === id)) {
      void s.runDeviceSimulation(id)
    }
  })
  const stopWarmup = startPreviewWarmup(store)
  return () => {
    stopWarmup()
    if (frame) cancelAnimationFrame(frame)
    unsub()
  }
}
