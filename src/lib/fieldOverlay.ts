/**
 * Simulation overlays: what a procedure simulation hands to the views. A field overlay is a scalar field on
 * its own regular grid in LPS millimetres (usually a region of interest around the device, not the CT
 * grid), optionally a time series, drawn as a colour map and/or iso-contours in MPR and as iso-surfaces in
 * 3D. A shape overlay is a polyline (catheter path, vessel, beam axis) drawn as a tube in 3D and projected
 * in MPR. Every overlay names where its numbers come from and how uncertain they are (the guide's rule).
 * Pure data and pure sampling helpers; no DOM.
 */
import type { VolumeGeometry } from './space'
import { worldToIjk } from './space'
import type { Vec3 } from './vec3'

/** Colour maps the views know. `diverging` is centred on the middle of `range`. */
export type ColormapId = 'heat' | 'cold' | 'field' | 'dose' | 'cement' | 'contrast' | 'diverging'

/** One iso-level of a field: a contour in MPR, and an iso-surface in 3D when `show3d`. */
export interface ContourSpec {
  /** Field value of the iso-line, in the overlay's unit. */
  readonly level: number
  /** CSS colour. */
  readonly color: string
  /** Legend text, e.g. "Ω = 1 (ablation zone)", "−40 °C (lethal ice)". */
  readonly label: string
  /** Draw as a translucent iso-surface in 3D. */
  readonly show3d?: boolean
  /** Dashed line in MPR (e.g. the edges of an uncertainty band). */
  readonly dashed?: boolean
  /** The zone is where the field is at or below `level` (cryo isotherms); default: at or above. */
  readonly below?: boolean
}

/** One time frame of a field. */
export interface FieldFrame {
  /** Simulated time of this frame, s (0 for a static field). */
  readonly timeS: number
  /** One value per grid voxel, i fastest. */
  readonly data: Float32Array
}

/** A scalar field to draw over the CT. */
export interface FieldOverlay {
  readonly type: 'field'
  /** Unique among the overlays of one result, e.g. 'rf-1/temperature'. */
  readonly id: string
  /** Legend title, e.g. "Temperature". */
  readonly label: string
  /** Unit of the values, e.g. "°C", "V/cm", "CEM43 min", "" for masks. */
  readonly unit: string
  /** The field's grid in LPS (its own origin, spacing, dims, direction). */
  readonly grid: VolumeGeometry
  /** Time frames in increasing time; one frame for a static field. */
  readonly frames: readonly FieldFrame[]
  /** Colour map for the filled display, or null for contours only. */
  readonly colormap: ColormapId | null
  /**
   * Values mapped to the colour map's ends; values below `range[0]` are transparent. A reversed range
   * (`range[0] > range[1]`, e.g. cold temperatures) colours values at or below `range[0]` instead.
   */
  readonly range: readonly [number, number]
  /** Opacity of the filled display at the top of the range, 0–1. */
  readonly opacity: number
  readonly contours: readonly ContourSpec[]
  /** Where the numbers come from (model and FACTS.md sections). */
  readonly source: string
  /** How uncertain they are, in plain words with figures. */
  readonly uncertainty: string
  /** Shown without the user switching it on. */
  readonly visibleByDefault: boolean
}

/** A polyline to draw as a tube in 3D and projected onto MPR. */
export interface PolylineOverlay {
  readonly type: 'polyline'
  readonly id: string
  readonly label: string
  /** LPS mm. */
  readonly points: readonly Vec3[]
  readonly color: string
  readonly radiusMm: number
  readonly source: string
  readonly uncertainty: string
  readonly visibleByDefault: boolean
}

export type SimOverlay = FieldOverlay | PolylineOverlay

/** Index of the last frame at or before `timeS` (the first frame before the series starts). */
export function frameIndexAt(frames: readonly FieldFrame[], timeS: number): number {
  let lo = 0
  let hi = frames.length - 1
  if (hi <= 0 || timeS <= frames[0]!.timeS) return 0
  if (timeS >= frames[hi]!.timeS) return hi
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (frames[mid]!.timeS <= timeS) lo = mid
    else hi = mid
  }
  return lo
}

/** The frame shown at `timeS`. */
export const frameAt = (o: FieldOverlay, timeS: number): FieldFrame =>
  o.frames[frameIndexAt(o.frames, timeS)]!

/**
 * Trilinear sample of `data` on `grid` at an LPS point; NaN outside the grid (half a voxel beyond the
 * outermost centres counts as outside).
 */
export function sampleField(grid: VolumeGeometry, data: Float32Array, p: Vec3): number {
  const q = worldToIjk(grid, p)
  const [nx, ny, nz] = grid.dims
  const x = Math.min(Math.max(q[0], 0), nx - 1)
  const y = Math.min(Math.max(q[1], 0), ny - 1)
  const z = Math.min(Math.max(q[2], 0), nz - 1)
  if (Math.abs(x - q[0]) > 0.5 || Math.abs(y - q[1]) > 0.5 || Math.abs(z - q[2]) > 0.5) return NaN
  const i0 = Math.min(Math.floor(x), nx - 2 < 0 ? 0 : nx - 2)
  const j0 = Math.min(Math.floor(y), ny - 2 < 0 ? 0 : ny - 2)
  const k0 = Math.min(Math.floor(z), nz - 2 < 0 ? 0 : nz - 2)
  const fx = nx > 1 ? x - i0 : 0
  const fy = ny > 1 ? y - j0 : 0
  const fz = nz > 1 ? z - k0 : 0
  const di = nx > 1 ? 1 : 0
  const dj = ny > 1 ? nx : 0
  const dk = nz > 1 ? nx * ny : 0
  const b = i0 + nx * (j0 + ny * k0)
  const c00 = data[b]! * (1 - fx) + data[b + di]! * fx
  const c10 = data[b + dj]! * (1 - fx) + data[b + dj + di]! * fx
  const c01 = data[b + dk]! * (1 - fx) + data[b + dk + di]! * fx
  const c11 = data[b + dk + dj]! * (1 - fx) + data[b + dk + dj + di]! * fx
  const c0 = c00 * (1 - fy) + c10 * fy
  const c1 = c01 * (1 - fy) + c11 * fy
  return c0 * (1 - fz) + c1 * fz
}

/** Overlays' typed arrays, for transfer from a worker. */
export function overlayTransferables(overlays: readonly SimOverlay[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = []
  for (const o of overlays) {
    if (o.type !== 'field') continue
    for (const f of o.frames) {
      if (f.data.buffer instanceof ArrayBuffer && !out.includes(f.data.buffer)) {
        out.push(f.data.buffer)
      }
    }
  }
  return out
}
