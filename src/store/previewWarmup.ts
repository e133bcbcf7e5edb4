/**
 * Idle warm-up of costly drag previews: when a device whose preview runs a solver (ECT) is selected, gets a
 * result or the volume changes, its preview is computed for a few throwaway frames while the page is idle
 * (`warmPreviewFrame`), one frame per idle callback, stopping as soon as a drag starts. The first frames of
 * a real drag then find the preview session built and the JavaScript engine warmed up.
 */
import type { AppState } from './appStore'
import { getVolume } from './volumeRegistry'

type Store = {
  getState(): AppState
  subscribe(listener: (s: AppState, prev: AppState) => void): () => void
}

const idle = (fn: () => void): number =>
  typeof requestIdleCallback === 'function'
    ? requestIdleCallback(fn, { timeout: 1000 })
    : setTimeout(fn, 50)

const cancelIdle = (h: number): void => {
  if (typeof cancelIdleCallback === 'function') cancelIdleCallback(h)
  else clearTimeout(h)
}

/** What a warm-up was started for; a new key cancels the old warm-up. */
type WarmKey = readonly [unknown, unknown, unknown]

const sameKey = (a: WarmKey | null, b: WarmKey | null): boolean =>
  a === b || (a !== null && b !== null && a.every((v, i) => v === b[i]))

/** Starts warming the selected device's preview whenever needed; returns the stop function. */
export function startPreviewWarmup(store: Store): () => void {
  let key: WarmKey | null = null
  let handle = 0
  const step = (id: string, frame: number, forKey: WarmKey): void => {
    handle = idle(() => {
      handle = 0
      void import('../cases/simulate/preview').then(({ warmPreviewFrame, PREVIEW_WARM_FRAMES }) => {
        const s = store.getState()
        const device = s.plan.devices.find((d) => d.id === id)
        const volume = getVolume(s.volumeId)
        if (forKey !== key || s.dragPreview || !device || !volume) return
        let more: boolean
        try {
          more = warmPreviewFrame(volume, s.plan, device, s.simOptions[id] ?? {}, frame)
        } catch {
          return
        }
        if (more && frame + 1 < PREVIEW_WARM_FRAMES) step(id, frame + 1, forKey)
      })
    })
  }
  const restart = (s: AppState): void => {
    const id = s.selectedDeviceId
    const device = id ? s.plan.devices.find((d) => d.id === id) : undefined
    const next: WarmKey | null = device ? [device, s.simResults[device.id], s.volumeId] : null
    if (sameKey(key, next)) return
    if (handle) cancelIdle(handle)
    handle = 0
    key = next
    if (device?.kind === 'ectElectrodeSet' && next) step(device.id, 0, next)
  }
  const unsub = store.subscribe((s, p) => {
    if (
      s.selectedDeviceId !== p.selectedDeviceId ||
      s.simResults !== p.simResults ||
      s.volumeId !== p.volumeId ||
      s.plan !== p.plan
    ) {
      restart(s)
    }
  })
  return () => {
    if (handle) cancelIdle(handle)
    key = null
    unsub()
  }
}
