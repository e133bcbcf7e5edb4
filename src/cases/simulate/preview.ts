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
