/** CT display windows (width/level in HU), shared by the MPR views and the 3D slice planes. */
export interface WindowPreset {
  readonly id: WindowPresetId
  readonly name: string
  /** Window width, HU. */
  readonly width: number
  /** Window centre (level), HU. */
  readonly level: number
}

/** Preset identifiers. */
export type WindowPresetId = 'bone' | 'softTissue' | 'lung' | 'brain'

/** Standard presets (common radiology defaults; bone W1500/L300 suits trabecular bone and cortex). */
export const WINDOW_PRESETS: Readonly<Record<WindowPresetId, WindowPreset>> = {
  bone: { id: 'bone', name: 'Bone', width: 1500, level: 300 },
  softTissue: { id: 'softTissue', name: 'Soft tissue', width: 400, level: 40 },
  lung: { id: 'lung', name: 'Lung', width: 1500, level: -600 },
  brain: { id: 'brain', name: 'Brain', width: 80, level: 40 },
}

/** Lower and upper HU bounds of a window (c ± w/2). */
export const windowRange = (w: {
  width: number
  level: number
}): { lower: number; upper: number } => ({
  lower: w.level - w.width / 2,
  upper: w.level + w.width / 2,
})

/** Maps HU to a 0–255 grey value through a linear window. */
export function windowToByte(hu: number, lower: number, upper: number): number {
  if (hu <= lower) return 0
  if (hu >= upper) return 255
  return Math.round(((hu - lower) / (upper - lower)) * 255)
}
