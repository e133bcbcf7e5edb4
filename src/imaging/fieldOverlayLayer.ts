/**
 * Simulation overlays in an MPR view: field colour maps and iso-contours sampled on the view's plane, and
 * polylines projected onto it, drawn into a canvas layered over the Cornerstone element (under the device
 * layer). Redrawn imperatively on camera, overlay, time and palette changes (STYLE.md 3.6). The field is
 * sampled every `STEP` CSS pixels by trilinear interpolation on the overlay's own grid, so any ROI grid and
 * any view orientation work without resampling into the CT.
 */
import { colormapLut, contourColor, type OverlayPalette } from '../lib/colormaps'
import { frameAt, type FieldOverlay, type PolylineOverlay } from '../lib/fieldOverlay'
import { isoSegments } from '../lib/marchingSquares'
import { worldToIjk } from '../lib/space'
import { dot, sub, type Vec3 } from '../lib/vec3'
import { appStore, type AppState } from '../store/appStore'
import { shownOverlays, type ShownOverlay } from '../store/slices/simSlice'
import { canvasToWorldMm, viewVectors, worldToCanvasPx, type MprOrientation } from './mprController'
import { watchView } from './viewRedraw'

/** Sampling step of fields on the view, CSS px. */
const STEP = 2
/** Half-thickness of the slab in which a polyline is drawn solid, mm. */
const SLAB_MM = 3

/** Samples a field on the view's sample lattice: world(u, v) = c0 + u·ex + v·ey (u, v in samples). */
export function sampleOnPlane(
  o: FieldOverlay,
  data: Float32Array,
  c0: Vec3,
  ex: Vec3,
  ey: Vec3,
  sw: number,
  sh: number,
): Float32Array | null {
  const g = o.grid
  const [nx, ny, nz] = g.dims
  const q0 = worldToIjk(g, c0)
  const qx = sub(worldToIjk(g, [c0[0] + ex[0], c0[1] + ex[1], c0[2] + ex[2]]), q0)
  const qy = sub(worldToIjk(g, [c0[0] + ey[0], c0[1] + ey[1], c0[2] + ey[2]]), q0)
  const out = new Float32Array(sw * sh)
  const sxy = nx * ny
  let any = false
  for (let v = 0; v < sh; v++) {
    for (let u = 0; u < sw; u++) {
      const x = q0[0] + u * qx[0] + v * qy[0]
      const y = q0[1] + u * qx[1] + v * qy[1]
      const z = q0[2] + u * qx[2] + v * qy[2]
      const n = v * sw + u
      if (x < -0.5 || y < -0.5 || z < -0.5 || x > nx - 0.5 || y > ny - 0.5 || z > nz - 0.5) {
        out[n] = NaN
        continue
      }
      any = true
      const cx = Math.min(Math.max(x, 0), nx - 1)
      const cy = Math.min(Math.max(y, 0), ny - 1)
      const cz = Math.min(Math.max(z, 0), nz - 1)
      const i0 = Math.min(Math.floor(cx), Math.max(nx - 2, 0))
      const j0 = Math.min(Math.floor(cy), Math.max(ny - 2, 0))
      const k0 = Math.min(Math.floor(cz), Math.max(nz - 2, 0))
      const fx = nx > 1 ? cx - i0 : 0
      const fy = ny > 1 ? cy - j0 : 0
      const fz = nz > 1 ? cz - k0 : 0
      const di = nx > 1 ? 1 : 0
      const dj = ny > 1 ? nx : 0
      const dk = nz > 1 ? sxy : 0
      const b = i0 + nx * j0 + sxy * k0
      const c00 = data[b]! + (data[b + di]! - data[b]!) * fx
      const c10 = data[b + dj]! + (data[b + dj + di]! - data[b + dj]!) * fx
      const c01 = data[b + dk]! + (data[b + dk + di]! - data[b + dk]!) * fx
      const c11 = data[b + dk + dj]! + (data[b + dk + dj + di]! - data[b + dk + dj]!) * fx
      const c0v = c00 + (c10 - c00) * fy
      const c1v = c01 + (c11 - c01) * fy
      out[n] = c0v + (c1v - c0v) * fz
    }
  }
  return any ? out : null
}

/** Paints the colour map of sampled values into an offscreen canvas of sw × sh. */
function paintFill(
  o: FieldOverlay,
  values: Float32Array,
  sw: number,
  sh: number,
  palette: OverlayPalette,
): HTMLCanvasElement | null {
  if (!o.colormap) return null
  const lut = colormapLut(o.colormap, palette)
  const [lo, hi] = o.range
  const img = new ImageData(sw, sh)
  const px = img.data
  const span = hi - lo || 1
  for (let n = 0; n < values.length; n++) {
    // A reversed range (lo > hi, e.g. cold: [20, −60]) colours values at or below lo.
    const t0 = (values[n]! - lo) / span
    if (!(t0 >= 0)) continue
    const t = Math.min(1, t0)
    const k = Math.round(t * 255) * 3
    px[4 * n] = lut[k]!
    px[4 * n + 1] = lut[k + 1]!
    px[4 * n + 2] = lut[k + 2]!
    px[4 * n + 3] = 255 * o.opacity * (0.45 + 0.55 * t)
  }
  const c = document.createElement('canvas')
  c.width = sw
  c.height = sh
  c.getContext('2d')?.putImageData(img, 0, 0)
  return c
}

function drawField(
  ctx: CanvasRenderingContext2D,
  o: FieldOverlay,
  timeS: number,
  lattice: { c0: Vec3; ex: Vec3; ey: Vec3; sw: number; sh: number },
  palette: OverlayPalette,
): boolean {
  const { c0, ex, ey, sw, sh } = lattice
  const values = sampleOnPlane(o, frameAt(o, timeS).data, c0, ex, ey, sw, sh)
  if (!values) return false
  const fill = paintFill(o, values, sw, sh, palette)
  if (fill) {
    ctx.imageSmoothingEnabled = true
    // Sample (u, v) sits at canvas (u·STEP, v·STEP): centre the sample cells on those points.
    ctx.drawImage(fill, -STEP / 2, -STEP / 2, sw * STEP, sh * STEP)
  }
  o.contours.forEach((c, n) => {
    const seg = isoSegments(values, sw, sh, c.level)
    if (seg.length === 0) return
    ctx.beginPath()
    for (let s = 0; s < seg.length; s += 4) {
      ctx.moveTo(seg[s]! * STEP, seg[s + 1]! * STEP)
      ctx.lineTo(seg[s + 2]! * STEP, seg[s + 3]! * STEP)
    }
    ctx.strokeStyle = contourColor(c.color, n, palette)
    ctx.lineWidth = 1.6
    ctx.setLineDash(c.dashed ? [5, 4] : [])
    ctx.stroke()
  })
  ctx.setLineDash([])
  return true
}

function drawPolyline(
  ctx: CanvasRenderingContext2D,
  o: MprOrientation,
  p: PolylineOverlay,
  c0: Vec3,
  normal: Vec3,
): boolean {
  let drawn = false
  for (let n = 0; n + 1 < p.points.length; n++) {
    const a = p.points[n]!
    const b = p.points[n + 1]!
    const pa = worldToCanvasPx(o, a)
    const pb = worldToCanvasPx(o, b)
    if (!pa || !pb) continue
    const near =
      Math.abs(dot(sub(a, c0), normal)) <= SLAB_MM && Math.abs(dot(sub(b, c0), normal)) <= SLAB_MM
    ctx.beginPath()
    ctx.moveTo(pa[0], pa[1])
    ctx.lineTo(pb[0], pb[1])
    ctx.strokeStyle = p.color
    ctx.globalAlpha = near ? 1 : 0.45
    ctx.lineWidth = near ? 2.5 : 1.2
    ctx.setLineDash(near ? [] : [4, 4])
    ctx.stroke()
    drawn ||= near
  }
  ctx.globalAlpha = 1
  ctx.setLineDash([])
  return drawn
}

/** Draws every shown overlay into `canvas` for view `o`; returns the keys of the overlays drawn. */
export function drawFieldOverlays(
  o: MprOrientation,
  element: HTMLElement,
  canvas: HTMLCanvasElement,
  shown: readonly ShownOverlay[],
  timeS: number,
  palette: OverlayPalette,
): string[] {
  const w = element.clientWidth
  const h = element.clientHeight
  const dpr = globalThis.devicePixelRatio || 1
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr)
    canvas.height = Math.round(h * dpr)
  }
  const ctx = canvas.getContext('2d')
  if (!ctx) return []
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.clearRect(0, 0, canvas.width, canvas.height)
  if (shown.length === 0) return []
  const c0 = canvasToWorldMm(o, 0, 0)
  const cx = canvasToWorldMm(o, STEP, 0)
  const cy = canvasToWorldMm(o, 0, STEP)
  const vectors = viewVectors(o)
  if (!c0 || !cx || !cy || !vectors) return []
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  const lattice = {
    c0,
    ex: sub(cx, c0),
    ey: sub(cy, c0),
    sw: Math.ceil(w / STEP) + 1,
    sh: Math.ceil(h / STEP) + 1,
  }
  const drawn: string[] = []
  for (const s of shown) {
    const ok =
      s.overlay.type === 'field'
        ? drawField(ctx, s.overlay, timeS, lattice, palette)
        : drawPolyline(ctx, o, s.overlay, c0, vectors.normal)
    if (ok) drawn.push(s.key)
  }
  drawLegend(
    ctx,
    w,
    shown.filter((s) => drawn.includes(s.key)),
    palette,
  )
  return drawn
}

/** A compact legend in the top-right corner: each drawn overlay's label, colours and unit. */
function drawLegend(
  ctx: CanvasRenderingContext2D,
  w: number,
  shown: readonly ShownOverlay[],
  palette: OverlayPalette,
): void {
  const lines: { text: string; color: string }[] = []
  for (const { overlay: o, isPreview } of shown) {
    const tag = isPreview ? ' (preview)' : ''
    if (o.type === 'polyline') {
      lines.push({ text: `${o.label}${tag}`, color: o.color })
      continue
    }
    if (o.colormap) {
      const lut = colormapLut(o.colormap, palette)
      const unit = o.unit ? ` ${o.unit}` : ''
      lines.push({
        text: `${o.label} ${o.range[0]}–${o.range[1]}${unit}${tag}`,
        color: `rgb(${lut[600]}, ${lut[601]}, ${lut[602]})`,
      })
    }
    o.contours.forEach((c, n) =>
      lines.push({ text: c.label, color: contourColor(c.color, n, palette) }),
    )
  }
  if (lines.length === 0) return
  lines.push({ text: 'Simulated · teaching only', color: '#9aa4b2' })
  ctx.font = '11px system-ui, sans-serif'
  const lh = 14
  const width = Math.max(...lines.map((l) => ctx.measureText(l.text).width)) + 22
  const x = w - width - 6
  const y = 26
  ctx.fillStyle = 'rgba(8, 10, 14, 0.72)'
  ctx.fillRect(x - 4, y - 4, width + 8, lines.length * lh + 6)
  lines.forEach((l, n) => {
    ctx.fillStyle = l.color
    ctx.fillRect(x, y + n * lh + 3, 10, 4)
    ctx.fillStyle = '#e6e9ee'
    ctx.fillText(l.text, x + 16, y + n * lh + 10)
  })
}

/** Attaches the overlay layer to a view; returns the detach function. */
export function attachFieldOverlay(
  o: MprOrientation,
  element: HTMLDivElement,
  canvas: HTMLCanvasElement,
): () => void {
  const draw = () => {
    const s = appStore.getState()
    const drawn = drawFieldOverlays(
      o,
      element,
      canvas,
      shownOverlays(s),
      s.simTimeS,
      s.overlayPalette,
    )
    canvas.dataset.drawn = drawn.join(' ')
  }
  const changed = (s: AppState, p: AppState) =>
    shownOverlays(s) !== shownOverlays(p) ||
    s.simTimeS !== p.simTimeS ||
    s.overlayPalette !== p.overlayPalette
  return watchView(element, draw, changed).dispose
}
