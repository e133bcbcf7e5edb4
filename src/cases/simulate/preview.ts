/**
 * Live previews while a device is dragged: a procedure's fast approximate overlays (under ~30 ms), computed
 * on the main thread every frame of a drag. Pure; the store loads this module on the first drag.
 */
import type { SimOverlay } from '../../lib/fieldOverlay'
import type { Device, Plan } from '../../plan'
import type { CtVolume } from '../volume'
import { previewCement } from './cement/preview'
import { previewEct } from './ect/preview'
import { previewEmbolization } from './embolization/preview'
import { previewHifu } from './hifu/preview'
import { procedureOf } from './procedures'
import { previewThermal } from './thermal/preview'
import type { ProcedureId, SimOptions } from './types'

/** A procedure's preview: overlays for the dragged device, or null when it has none. */
export type PreviewFn = (
  volume: CtVolume,
  plan: Plan,
  device: Device,
  options: SimOptions,
) => readonly SimOverlay[] | null

const PREVIEWS: Record<ProcedureId, PreviewFn> = {
  thermal: previewThermal,
  cement: previewCement,
  hifu: previewHifu,
  ect: previewEct,
  embolization: previewEmbolization,
}

/** The preview overlays of a device being dragged (the plan holds the device before the drag). */
export function previewDevice(
  volume: CtVolume,
  plan: Plan,
  device: Device,
  options: SimOptions,
): readonly SimOverlay[] | null {
  return PREVIEWS[procedureOf(device.kind)](volume, plan, device, options)
}

/** Warm-up frames a device's preview runs while the page is idle (see {@link warmPreviewFrame}). */
export const PREVIEW_WARM_FRAMES = 16

/**
 * One warm-up frame of a device's drag preview, computed while nothing is dragged and the page is idle, so
 * that the first frames of a real drag do not pay for building the preview session and for the JavaScript
 * engine's warm-up. Measured in Chromium on the sacral ECT case (27 Nov): the first ten frames of a drag
 * took 13–48 ms (median ≈ 25 ms), frames 30–40 took 9–20 ms (median ≈ 11 ms). Only the ECT preview (a
 * multigrid solve per frame) needs it; the other previews are table look-ups or single passes. The frame
 * moves one electrode by ±1 mm (a different one each frame), as a drag would; results are discarded.
 * Returns false when the device has no warm-up.
 */
export function warmPreviewFrame(
  volume: CtVolume,
  plan: Plan,
  device: Device,
  options: SimOptions,
  frame: number,
): boolean {
  if (device.kind !== 'ectElectrodeSet') return false
  const k = frame % device.electrodes.length
  const d = frame % 2 === 0 ? 1 : -1
  const moved: Device = {
    ...device,
    electrodes: device.electrodes.map((e, i) =>
      i === k
        ? {
            ...e,
            entryMm: [e.entryMm[0] + d, e.entryMm[1], e.entryMm[2]],
            tipMm: [e.tipMm[0] + d, e.tipMm[1], e.tipMm[2]],
          }
        : e,
    ),
  }
  previewDevice(volume, plan, moved, options)
  return true
}
