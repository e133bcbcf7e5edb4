/**
 * The fluoroscopy CT-projection API (cement panel): the per-angle DRR base image of the CT without cement,
 * with the trocar drawn in, and its display window. Kept apart from the worker entry so tests can expose
 * it on a MessageChannel and the client can run it inline. Imports only the pure `sim` layer and comlink;
 * no DOM. Lengths in metres (the caller converts from LPS with src/plan/simSpace.ts).
 */
import * as Comlink from 'comlink'
import { addCylinderToDrr, createDrrProjector, type DrrProjector } from '../sim/cement'

/** A CT for projection: HU on its voxel grid. */
export interface DrrVolume {
  /** Identifies the volume; the worker keeps the last one it was sent and reuses it by id. */
  readonly id: string
  readonly ct: Int16Array
  readonly dims: readonly [number, number, number]
  readonly spacingM: readonly [number, number, number]
}

/** One C-arm view of the CT, centred on the trocar tip. */
export interface FluoroRequest {
  /** Rotation about the long axis, degrees: 0 = AP, 90 = lateral. */
  readonly angleDeg: number
  /** Image size, px (square). */
  readonly sizePx: number
  /** Field of view at the isocentre, m. */
  readonly fovM: number
  /** Trocar entry and tip on the CT grid, m from voxel [0,0,0]'s centre; the tip is the isocentre. */
  readonly entryM: readonly [number, number, number]
  readonly tipM: readonly [number, number, number]
  /** Trocar outer radius, m. */
  readonly trocarRadiusM: number
}

/** A projector whose `base` holds the CT line integrals with the trocar, and the display window. */
export interface FluoroBase {
  readonly projector: DrrProjector
  readonly window: readonly [number, number]
  /** Time spent computing it (where it ran), ms. */
  readonly buildMs: number
}

/** Source-to-detector / source-to-isocentre (1.0 m / 0.75 m), as in src/sim/cement/drr.ts. */
const MAGNIFICATION = 1 / 0.75

const percentile = (data: Float32Array, q: number): number => {
  const s = Float32Array.from(data).sort()
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0
}

/** Computes the CT projection for one view (0.5–1.5 s at 512² in a browser: keep it off the UI thread). */
export function computeFluoroBase(volume: DrrVolume, req: FluoroRequest): FluoroBase {
  if (!(req.sizePx >= 16 && req.sizePx <= 2048) || !Number.isInteger(req.sizePx)) {
    throw new RangeError(`Fluoroscopy image size ${req.sizePx} px is not an integer in 16…2048`)
  }
  if (!(req.fovM > 0) || !Number.isFinite(req.angleDeg)) {
    throw new RangeError(`Fluoroscopy view is invalid (fov ${req.fovM} m, angle ${req.angleDeg}°)`)
  }
  const t0 = performance.now()
  const projector = createDrrProjector(volume.ct, volume.dims, volume.spacingM, {
    angleDeg: req.angleDeg,
    widthPx: req.sizePx,
    heightPx: req.sizePx,
    detectorPixelM: (req.fovM / req.sizePx) * MAGNIFICATION,
    isocentreM: req.tipM,
  })
  // Window from the CT image: soft tissue light, bone grey, cement (added later) near black.
  const lo = percentile(projector.base, 0.02)
  const hi = percentile(projector.base, 0.995)
  const base = Float32Array.from(projector.base)
  addCylinderToDrr(projector, req.entryM, req.tipM, req.trocarRadiusM, base)
  return {
    projector: { ...projector, base },
    window: [lo, hi + 0.6 * (hi - lo)],
    buildMs: performance.now() - t0,
  }
}

/** The worker's state: the last volume it was sent (a CT is tens of MB: sent once, not per call). */
export function createDrrApi() {
  let volume: DrrVolume | null = null
  return {
    /** Stores the CT for later `project` calls (replaces the previous one). */
    setVolume(v: DrrVolume): void {
      volume = v
    },
    /** The id of the stored volume, or null. */
    volumeId(): string | null {
      return volume?.id ?? null
    },
    /** The CT projection of the stored volume; the image buffer is transferred back. */
    project(volumeId: string, req: FluoroRequest): FluoroBase {
      if (!volume || volume.id !== volumeId) {
        throw new Error(
          `DRR worker has no volume "${volumeId}" (it holds "${volume?.id ?? 'none'}")`,
        )
      }
      const out = computeFluoroBase(volume, req)
      return Comlink.transfer(out, [out.projector.base.buffer as ArrayBuffer])
    },
  }
}

/** The worker's API, for `Comlink.wrap<DrrApi>`. */
export type DrrApi = ReturnType<typeof createDrrApi>
