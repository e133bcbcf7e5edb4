/**
 * Simulated fluoroscopy for the cement panel: a DRR of the case CT centred on the trocar tip (the CT's
 * line integrals are computed once per C-arm angle and cached, with the trocar drawn in), plus the cement
 * of the current frame added voxel by voxel (src/sim/cement/drr.ts). Main thread; plain functions.
 */
import type { CementDetail } from '../../../cases/simulate/cement/detail'
import type { CtVolume } from '../../../cases/volume'
import type { FieldFrame } from '../../../lib/fieldOverlay'
import type { Vec3 } from '../../../lib/vec3'
import { lpsToSimM } from '../../../plan/simSpace'
import {
  addCylinderToDrr,
  createDrrProjector,
  type DrrProjector,
  renderDrrFrame,
} from '../../../sim/cement'
import type { ProjectionImage } from '../ProjectionCanvas'

/** Image size, px (square). */
export const FLUORO_PX = 512
/** Field of view at the isocentre, m: one or two vertebral levels, as a collimated C-arm shows. */
const FOV_M = 0.12
/** An 11 G trocar's outer radius, m (3.05 mm outer diameter). */
const TROCAR_RADIUS_M = 1.5e-3

/** A projector with the trocar drawn into its base image, and the display window. */
export interface FluoroBase {
  readonly projector: DrrProjector
  readonly base: Float32Array
  readonly window: readonly [number, number]
  /** Time spent building it, ms (shown in the panel). */
  readonly buildMs: number
}

const cache = new Map<string, FluoroBase>()
const CACHE_MAX = 6

const percentile = (data: Float32Array, q: number): number => {
  const s = Float32Array.from(data).sort()
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0
}

/** The CT projection at `angleDeg` (cached per volume, angle and trocar), with the trocar. */
export function fluoroBase(volume: CtVolume, detail: CementDetail, angleDeg: number): FluoroBase {
  const key = `${volume.id}|${angleDeg}|${detail.entryMm.join(',')}|${detail.tipMm.join(',')}`
  const hit = cache.get(key)
  if (hit) return hit
  const t0 = performance.now()
  const g = volume.geometry
  const spacingM: Vec3 = [g.spacingMm[0] / 1000, g.spacingMm[1] / 1000, g.spacingMm[2] / 1000]
  const tip = lpsToSimM(g, detail.tipMm)
  const entry = lpsToSimM(g, detail.entryMm)
  const mag = 1 / 0.75
  const projector = createDrrProjector(volume.ct, g.dims, spacingM, {
    angleDeg,
    widthPx: FLUORO_PX,
    heightPx: FLUORO_PX,
    detectorPixelM: (FOV_M / FLUORO_PX) * mag,
    isocentreM: tip,
  })
  const base = Float32Array.from(projector.base)
  addCylinderToDrr(projector, entry, tip, TROCAR_RADIUS_M, base)
  // Window from the CT image: soft tissue light, bone grey, cement (added later) near black.
  const lo = percentile(projector.base, 0.02)
  const hi = percentile(projector.base, 0.995)
  const value: FluoroBase = {
    projector,
    base,
    window: [lo, hi + 0.6 * (hi - lo)],
    buildMs: performance.now() - t0,
  }
  cache.set(key, value)
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value ?? key)
  return value
}

/** Renders the cement frame over a cached base; returns the image and the frame time in ms. */
export function fluoroFrame(
  fb: FluoroBase,
  detail: CementDetail,
  frame: FieldFrame | null,
  frameDims: readonly [number, number, number],
  ones: Float32Array,
): { image: ProjectionImage; frameMs: number; startedAt: number } {
  const t0 = performance.now()
  const out = new Float32Array(FLUORO_PX * FLUORO_PX)
  const proj: DrrProjector = { ...fb.projector, base: fb.base }
  renderDrrFrame(
    proj,
    frame
      ? { fill: frame.data, porosity: ones, dims: frameDims, offsetIjk: detail.ctOffsetIjk }
      : null,
    out,
  )
  return {
    image: { width: FLUORO_PX, height: FLUORO_PX, data: out, window: fb.window },
    frameMs: performance.now() - t0,
    startedAt: t0,
  }
}
