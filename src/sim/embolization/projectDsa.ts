/**
 * Projection renderer for simulated DSA: rasterises opacified segments as cylinders (line + radius) and
 * blushing beds as spheres into a 2-D image of projected contrast thickness (mm of pure-contrast
 * equivalent). Pure; returns a Float32Array (row-major, x fastest). Display mapping (e.g. 1 − e^(−kI),
 * inverted for DSA) is left to the caller.
 */
import type { Vec3 } from '../../lib/vec3'
import type { VascularGraph } from './vascularGraph'

/** Projection geometry. Parallel projection (no magnification). */
export interface DsaView {
  /**
   * Rotation of the C-arm about the patient's S axis (degrees): 0 = AP (patient's left on the image
   * right), > 0 = LAO (detector toward the patient's left), < 0 = RAO. Image right e_u = (cos θ, sin θ, 0).
   */
  readonly angleDeg: number
  /** LPS mm point projected to the image centre. */
  readonly centreMm: Vec3
  readonly pixelSizeMm: number
  readonly width: number
  readonly height: number
}

/** Optional drawn extent per segment along from→to (the catheter-tip segment is partial). */
export interface SegmentExtents {
  readonly extentStart: Float64Array
  readonly extentEnd: Float64Array
}

/** Territory kinds never drawn: too large and diffuse to form a blush, or (cord) not seen on spinal DSA. */
const HIDDEN_TERRITORIES = new Set(['systemic', 'cranialAsa', 'spinalCord'])

/**
 * Renders one DSA frame: I(pixel) = Σ opacity × chord length (mm) through each vessel cylinder seen
 * side-on (2√(r² − d²)) or bed sphere. Foreshortening of vessels along the beam is not modelled.
 * @param opacity per-segment opacity (e.g. from `segmentOpacities`).
 * @param out reused image buffer (zeroed here), length width × height.
 */
export function renderDsaFrame(
  g: VascularGraph,
  opacity: Float32Array,
  view: DsaView,
  extents?: SegmentExtents,
  out: Float32Array = new Float32Array(view.width * view.height),
): Float32Array {
  out.fill(0)
  const th = (view.angleDeg * Math.PI) / 180
  const cu = Math.cos(th)
  const su = Math.sin(th)
  const W = view.width
  const H = view.height
  const px = view.pixelSizeMm
  const c = view.centreMm
  const u0 = c[0] * cu + c[1] * su
  // Continuous pixel coordinates: pixel (i, j) covers [i, i + 1) × [j, j + 1), its centre is i + 0.5.
  const toU = (p: Vec3): number => (p[0] * cu + p[1] * su - u0) / px + W / 2
  const toV = (p: Vec3): number => (c[2] - p[2]) / px + H / 2
  for (let s = 0; s < g.segments.length; s++) {
    const op = opacity[s]
    if (!(op > 0)) continue
    const seg = g.segments[s]
    const a = g.nodes[seg.from].pWorldMm
    if (seg.territory) {
      if (HIDDEN_TERRITORIES.has(seg.territory.kind)) continue
      drawSphere(out, W, H, toU(a), toV(a), (seg.radiusM * 1e3) / px, op * px)
      continue
    }
    const bEnd = g.nodes[seg.to].pWorldMm
    let ax = toU(a)
    let ay = toV(a)
    let bx = toU(bEnd)
    let by = toV(bEnd)
    if (extents) {
      const t0 = extents.extentStart[s]
      const t1 = extents.extentEnd[s]
      const dx = bx - ax
      const dy = by - ay
      bx = ax + t1 * dx
      by = ay + t1 * dy
      ax += t0 * dx
      ay += t0 * dy
    }
    drawCapsule(out, W, H, ax, ay, bx, by, Math.max((seg.radiusM * 1e3) / px, 0.5), op * px)
  }
  return out
}

/** Adds w·2√(r² − d²) (d = distance to segment ab, pixels) over the capsule's bounding box. */
function drawCapsule(
  out: Float32Array,
  W: number,
  H: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  r: number,
  w: number,
): void {
  const i0 = Math.max(0, Math.floor(Math.min(ax, bx) - r))
  const i1 = Math.min(W - 1, Math.ceil(Math.max(ax, bx) + r))
  const j0 = Math.max(0, Math.floor(Math.min(ay, by) - r))
  const j1 = Math.min(H - 1, Math.ceil(Math.max(ay, by) + r))
  const dx = bx - ax
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  const inv = len2 > 0 ? 1 / len2 : 0
  const r2 = r * r
  for (let j = j0; j <= j1; j++) {
    const py = j + 0.5 - ay
    const row = j * W
    for (let i = i0; i <= i1; i++) {
      const pxl = i + 0.5 - ax
      let t = (pxl * dx + py * dy) * inv
      t = t < 0 ? 0 : t > 1 ? 1 : t
      const ex = pxl - t * dx
      const ey = py - t * dy
      const d2 = ex * ex + ey * ey
      if (d2 < r2) out[row + i] += w * 2 * Math.sqrt(r2 - d2)
    }
  }
}

/** Adds w·2√(r² − d²) over a disc (projected sphere). */
function drawSphere(
  out: Float32Array,
  W: number,
  H: number,
  cx: number,
  cy: number,
  r: number,
  w: number,
): void {
  drawCapsule(out, W, H, cx, cy, cx, cy, r, w)
}
