/** Wires the store to the MPR viewers: volume, crosshair and window flow in; scrolls flow back. */
import { useEffect } from 'react'
import {
  decodeDicomFrames,
  setMprCrosshair,
  setMprListener,
  setMprWindow,
  showVolume,
} from '../imaging'
import { setFrameDecoder } from '../store/ports'
import { WINDOW_PRESETS } from '../lib/windowPresets'
import { appStore } from '../store/appStore'
import { getVolume } from '../store/volumeRegistry'

/** Keeps Cornerstone in step with the store for the lifetime of the app. */
export function useImagingSync(): void {
  useEffect(() => {
    setFrameDecoder(async (requests, onProgress, signal) =>
      (await decodeDicomFrames(requests, onProgress, signal)).map((f) => f.pixels),
    )
    setMprListener({
      onCrosshairFromView: (p) => appStore.getState().setCrosshair(p),
      onCameraChanged: () => undefined,
    })
    const show = (volumeId: string | null) => {
      const v = getVolume(volumeId)
      if (!v) return
      showVolume(v).catch((e: unknown) => {
        appStore
          .getState()
          .showError(`The CT could not be shown: ${e instanceof Error ? e.message : String(e)}`)
      })
    }
    const s0 = appStore.getState()
    setMprWindow(WINDOW_PRESETS[s0.windowPreset])
    setMprCrosshair(s0.crosshairMm)
    show(s0.volumeId)
    void s0.extractMeshes()
    const unsub = appStore.subscribe((s, prev) => {
      // A new volume first (it applies the crosshair and window itself once attached).
      if (s.volumeId !== prev.volumeId) {
        show(s.volumeId)
        void appStore.getState().extractMeshes()
      }
      if (s.windowPreset !== prev.windowPreset) setMprWindow(WINDOW_PRESETS[s.windowPreset])
      if (s.crosshairMm !== prev.crosshairMm) setMprCrosshair(s.crosshairMm)
    })
    return () => {
      unsub()
      setMprListener(null)
      setFrameDecoder(null)
    }
  }, [])
}
