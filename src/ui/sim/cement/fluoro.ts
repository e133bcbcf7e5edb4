/**
 * Simulated fluoroscopy for the cement panel: a DRR of the case CT centred on the trocar tip (the CT's
 * line integrals, with the trocar drawn in, are computed once per C-arm angle in a worker through
 * src/workers/drrClient.ts and cached here), plus the cement of the current frame added voxel by voxel on
 * the main thread (src/sim/cement/drr.ts; a few ms). Plain functions.
 */
import type { CementDetail } from '../../../cases/simulate/cement/detail'
import type { CtVolume } from '../../../cases/volume'
import type { FieldFrame } from '../../../lib/fieldOverlay'
import { lpsToSimM } from '../../../plan/simSpace'
import { renderDrrFrame } from '../../../sim/cement'
import type { FluoroBase } from '../../../workers/drrApi'
import { getDrrClient } from '../../../workers/drrClient'
import type { ProjectionImage } from '../ProjectionCanvas'

export type { FluoroBase }

/** Image size, px (square). */
export const FLUORO_PX = 512
/** Field of view at the isocentre, m: one or two vertebral levels, as a collimated C-arm shows. */
const FOV_M = 0.12
/** An 11 G trocar's outer radius, m (3.05 mm outer diameter). */
const TROCAR_RADIUS_M = 1.5e-3

/** A computed projection with the wall-clock time from request to arrival (queue + worker + transfer). */
export interface FluoroBaseResult {
  readonly base: FluoroBase
  /** ms from the request to the result (0 when it came from the cache). */
  readonly waitMs: number
  readonly key: string
}

const cache = new Map<string, FluoroBase>()
const CACHE_MAX = 8

/** Cache key of a view: volume, angle and trocar. */
export const fluoroKey = (volume: CtVolume, detail: CementDetail, angleDeg: number): string =>
  `${volume.id}|${angleDeg}|${detail.entryMm.join(',')}|${detail.tipMm.join(',')}`

/** The cached projection for this view, or null (no computation). */
export function cachedFluoroBase(
  volume: CtVolume,
  detail: CementDetail,
  angleDeg: number,
): FluoroBase | null {
  return cache.get(fluoroKey(volume, detail, angleDeg)) ?? null
}

/**
 * The CT projection at `angleDeg` (cached per volume, angle and trocar), computed off the main thread.
 * `slot` names the view: a newer request for the same slot supersedes a waiting one (AbortError).
 */
export async function fluoroBase(
  volume: CtVolume,
  detail: CementDetail,
  angleDeg: number,
  slot: string,
): Promise<FluoroBaseResult> {
  const key = fluoroKey(volume, detail, angleDeg)
  const hit = cache.get(key)
  if (hit) return { base: hit, waitMs: 0, key }
  const t0 = performance.now()
  const g = volume.geometry
  const base = await getDrrClient().project(
    {
      id: volume.id,
      ct: volume.ct,
      dims: g.dims,
      spacingM: [g.spacingMm[0] / 1000, g.spacingMm[1] / 1000, g.spacingMm[2] / 1000],
    },
    {
      angleDeg,
      sizePx: FLUORO_PX,
      fovM: FOV_M,
      entryM: lpsToSimM(g, detail.entryMm),
      tipM: lpsToSimM(g, detail.tipMm),
      trocarRadiusM: TROCAR_RADIUS_M,
    },
    slot,
  )
  cache.set(key, base)
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value ?? key)
  return { base, waitMs: performance.now() - t0, key }
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
  const { widthPx, heightPx } = fb.projector.view
  const out = new Float32Array(widthPx * heightPx)
  renderDrrFrame(
    fb.projector,
    frame
      ? { fill: frame.data, porosity: ones, dims: frameDims, offsetIjk: detail.ctOffsetIjk }
      : null,
    out,
  )
  return {
    image: { width: widthPx, height: heightPx, data: out, window: fb.window },
    frameMs: performance.now() - t0,
    startedAt: t0,
  }
}
