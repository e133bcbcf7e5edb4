import type { StateCreator } from 'zustand/vanilla'
import type { WindowPresetId } from '../../lib/windowPresets'
import type { Vec3 } from '../../lib/vec3'
import type { AppState } from '../appStore'

/** What the viewers show: the shared crosshair and the display window. */
export interface ViewSlice {
  /** Crosshair in DICOM LPS millimetres, shared by every view. */
  crosshairMm: Vec3
  windowPreset: WindowPresetId
  setCrosshair(p: Vec3): void
  setWindowPreset(id: WindowPresetId): void
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  crosshairMm: [0, 0, 0],
  windowPreset: 'bone',
  setCrosshair(p) {
    const c = get().crosshairMm
    if (c[0] === p[0] && c[1] === p[1] && c[2] === p[2]) return
    set({ crosshairMm: p })
  },
  setWindowPreset(id) {
    set({ windowPreset: id })
  },
})
