/**
 * Draws plan devices into a view's SVG layer: each straight segment projected onto the view, solid where it
 * lies within the slice slab and dashed where it runs out of the plane, a ring where a steep needle pierces
 * the plane, entry (hollow) and tip (filled) handles (for a set, its axis's and, smaller, each needle's),
 * and the placement in progress. Built with DOM calls
 * and `textContent` only: plan text never goes through `innerHTML`.
 */
import type { Vec3 } from '../lib/vec3'
import { distance, dot, sub } from '../lib/vec3'
import type { Device } from '../plan'
import { deviceSegments, type DeviceSegment } from '../store/slices/planEdits'

/** A view devices are drawn into: LPS mm ↔ canvas px, and the view plane. */
export interface OverlayView {
  readonly width: number
  readonly height: number
  toCanvas(pMm: Vec3): readonly [number, number] | null
  /** A point of the view plane (LPS mm). */
  readonly planePointMm: Vec3
  /** Unit normal of the view plane (LPS). */
  readonly normal: Vec3
}

/** Half-thickness of the slab in which a needle counts as "in the slice", mm. */
export const SLAB_HALF_MM = 1.5
/** Pointer distance that grabs a handle, px. */
export const HANDLE_HIT_PX = 10
/** Pointer distance that grabs a needle's body, px. */
export const BODY_HIT_PX = 6

/** One device to draw, with its colour and whether it is selected. */
export interface DrawnDevice {
  readonly device: Device
  readonly color: string
  readonly isSelected: boolean
}

/** The placement in progress, as drawn. */
export interface DrawnPlacement {
  readonly firstMm: Vec3 | null
  /** The pointer in this view, or null when it is elsewhere. */
  readonly pointerMm: Vec3 | null
  /** The hint shown at the bottom of the view. */
  readonly hint: string
}

const SVG_NS = 'http://www.w3.org/2000/svg'
/** Dark halo under every stroke so that overlays read on bright bone and on black air alike. */
const HALO = 'rgba(0,0,0,0.85)'

function el(name: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(SVG_NS, name)
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v))
  return e
}

/** Signed distance of a point from the view plane, mm. */
export const planeDistanceMm = (v: OverlayView, pMm: Vec3): number =>
  dot(sub(pMm, v.planePointMm), v.normal)

/** The part [t0, t1] ⊂ [0, 1] of a segment whose distance to the plane is at most `halfMm`, or null. */
export function slabInterval(da: number, db: number, halfMm: number): [number, number] | null {
  const d = db - da
  if (Math.abs(d) < 1e-9) return Math.abs(da) <= halfMm ? [0, 1] : null
  const ta = (-halfMm - da) / d
  const tb = (halfMm - da) / d
  const t0 = Math.max(0, Math.min(ta, tb))
  const t1 = Math.min(1, Math.max(ta, tb))
  return t0 <= t1 ? [t0, t1] : null
}

/** Distance from point p to segment ab in px. */
export function segmentDistancePx(
  p: readonly [number, number],
  a: readonly [number, number],
  b: readonly [number, number],
): number {
  const abx = b[0] - a[0]
  const aby = b[1] - a[1]
  const len2 = abx * abx + aby * aby
  const t =
    len2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * abx + (p[1] - a[1]) * aby) / len2)) : 0
  return Math.hypot(p[0] - (a[0] + t * abx), p[1] - (a[1] + t * aby))
}

const lerp2 = (a: readonly [number, number], b: readonly [number, number], t: number) =>
  [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])] as const

/** A line with a dark halo under it. */
function haloLine(
  g: SVGElement,
  a: readonly [number, number],
  b: readonly [number, number],
  color: string,
  widthPx: number,
  dash: string | null,
): void {
  const common = { x1: a[0], y1: a[1], x2: b[0], y2: b[1], 'stroke-linecap': 'round' }
  const dashAttr: Record<string, string> = dash ? { 'stroke-dasharray': dash } : {}
  g.append(el('line', { ...common, ...dashAttr, stroke: HALO, 'stroke-width': widthPx + 2.5 }))
  g.append(el('line', { ...common, ...dashAttr, stroke: color, 'stroke-width': widthPx }))
}

const SEGMENT_WIDTH: Record<DeviceSegment['style'], number> = {
  needle: 3,
  axis: 1.5,
  beam: 2,
  catheter: 2,
}

function drawSegment(g: SVGElement, v: OverlayView, s: DeviceSegment, d: DrawnDevice): void {
  const a = v.toCanvas(s.entryMm)
  const b = v.toCanvas(s.tipMm)
  if (!a || !b) return
  const da = planeDistanceMm(v, s.entryMm)
  const db = planeDistanceMm(v, s.tipMm)
  const width = SEGMENT_WIDTH[s.style] + (d.isSelected ? 1 : 0)
  const outDash = s.style === 'axis' ? '2 4' : '7 5'
  // The whole projection, dashed: the parts out of the slice.
  haloLine(g, a, b, d.color, Math.max(1.5, width - 1.5), outDash)
  const inSlab = slabInterval(da, db, SLAB_HALF_MM)
  if (inSlab && s.style !== 'axis') {
    const p0 = lerp2(a, b, inSlab[0])
    const p1 = lerp2(a, b, inSlab[1])
    haloLine(g, p0, p1, d.color, width, s.style === 'catheter' ? '3 3' : null)
  }
  // A steep needle shows as a short stub: ring the point where it pierces the plane.
  const pierces = da * db <= 0 && Math.abs(db - da) > 1e-9
  if (pierces && Math.hypot(b[0] - a[0], b[1] - a[1]) < 12) {
    const c = lerp2(a, b, da / (da - db))
    g.append(
      el('circle', { cx: c[0], cy: c[1], r: 6, fill: 'none', stroke: HALO, 'stroke-width': 4 }),
    )
    g.append(
      el('circle', { cx: c[0], cy: c[1], r: 6, fill: 'none', stroke: d.color, 'stroke-width': 2 }),
    )
  }
}

function drawHandle(
  g: SVGElement,
  v: OverlayView,
  pMm: Vec3,
  kind: 'entry' | 'tip',
  d: DrawnDevice,
): void {
  const c = v.toCanvas(pMm)
  if (!c) return
  const isOff = Math.abs(planeDistanceMm(v, pMm)) > SLAB_HALF_MM
  const r = kind === 'entry' ? 6 : 5
  const attrs = {
    cx: c[0],
    cy: c[1],
    r,
    opacity: isOff ? 0.6 : 1,
    'data-handle': kind,
    'data-device': d.device.id,
  }
  g.append(el('circle', { ...attrs, r: r + 1.5, fill: 'none', stroke: HALO, 'stroke-width': 3 }))
  g.append(
    el('circle', {
      ...attrs,
      fill: kind === 'tip' ? d.color : 'rgba(0,0,0,0.45)',
      stroke: kind === 'tip' ? '#fff' : d.color,
      'stroke-width': d.isSelected ? 2.5 : 2,
      'stroke-dasharray': isOff ? '3 2' : 'none',
    }),
  )
}

/** Radius of a needle's own handle in a set, px (smaller than the set's axis handles). */
const NEEDLE_HANDLE_PX = 3.5
/** A needle end this close to the set's axis end is grabbed through the axis handle, mm. */
const SAME_POINT_MM = 0.5

/** The individually movable needle ends of a set (those not on the set's axis ends). */
export function needleHandles(
  d: Device,
): { needle: number; end: 'entry' | 'tip'; pMm: Vec3; needleId: string }[] {
  const out: { needle: number; end: 'entry' | 'tip'; pMm: Vec3; needleId: string }[] = []
  let n = 0
  for (const s of deviceSegments(d)) {
    if (s.needleId === null) continue
    for (const end of ['tip', 'entry'] as const) {
      const pMm = end === 'tip' ? s.tipMm : s.entryMm
      const axisEnd = end === 'tip' ? d.tipMm : d.entryMm
      if (distance(pMm, axisEnd) > SAME_POINT_MM) {
        out.push({ needle: n, end, pMm, needleId: s.needleId })
      }
    }
    n++
  }
  return out
}

function drawNeedleHandles(g: SVGElement, v: OverlayView, d: DrawnDevice): void {
  for (const h of needleHandles(d.device)) {
    const c = v.toCanvas(h.pMm)
    if (!c) continue
    const isOff = Math.abs(planeDistanceMm(v, h.pMm)) > SLAB_HALF_MM
    const attrs = {
      cx: c[0],
      cy: c[1],
      r: NEEDLE_HANDLE_PX,
      opacity: isOff ? 0.5 : 0.95,
      'data-needle-handle': h.end,
      'data-needle': h.needle,
      'data-needle-id': h.needleId,
      'data-device': d.device.id,
    }
    g.append(el('circle', { ...attrs, fill: 'none', stroke: HALO, 'stroke-width': 3 }))
    g.append(
      el('circle', {
        ...attrs,
        fill: h.end === 'tip' ? d.color : 'rgba(0,0,0,0.45)',
        stroke: h.end === 'tip' ? '#fff' : d.color,
        'stroke-width': 1.5,
      }),
    )
  }
}

/** Rough width of a label character at 12 px, px (to keep labels inside the view). */
const LABEL_CHAR_PX = 7

function drawLabel(g: SVGElement, v: OverlayView, d: DrawnDevice): void {
  const c = v.toCanvas(d.device.entryMm)
  if (!c) return
  // The selected device shows its label; the others their short id, to keep the image readable.
  const label = d.isSelected ? d.device.label : d.device.id
  const isFlipped = c[0] + 10 + label.length * LABEL_CHAR_PX > v.width
  const text = el('text', {
    x: isFlipped ? c[0] - 10 : c[0] + 10,
    y: Math.max(14, c[1] - 8),
    'text-anchor': isFlipped ? 'end' : 'start',
    fill: d.color,
    stroke: HALO,
    'stroke-width': 3,
    'paint-order': 'stroke',
    'font-size': 12,
    'font-weight': d.isSelected ? 700 : 500,
    'font-family': 'system-ui, sans-serif',
  })
  // Plan text: textContent only, never markup.
  text.textContent = label
  g.append(text)
}

function drawPlacement(g: SVGElement, v: OverlayView, p: DrawnPlacement): void {
  const accent = '#4cc3ff'
  const first = p.firstMm ? v.toCanvas(p.firstMm) : null
  const pointer = p.pointerMm ? v.toCanvas(p.pointerMm) : null
  if (first && pointer) haloLine(g, first, pointer, accent, 2, '6 4')
  if (first) {
    g.append(
      el('circle', {
        cx: first[0],
        cy: first[1],
        r: 6,
        fill: accent,
        stroke: HALO,
        'stroke-width': 2,
      }),
    )
  }
  const hint = el('text', {
    x: v.width / 2,
    y: v.height - 12,
    'text-anchor': 'middle',
    fill: accent,
    stroke: HALO,
    'stroke-width': 4,
    'paint-order': 'stroke',
    'font-size': 13,
    'font-weight': 600,
    'font-family': 'system-ui, sans-serif',
  })
  hint.textContent = p.hint
  g.append(hint)
}

/** Redraws every device (and the placement in progress) into `svg`, replacing what was there. */
export function drawDevices(
  svg: SVGSVGElement,
  v: OverlayView,
  devices: readonly DrawnDevice[],
  placement: DrawnPlacement | null,
): void {
  svg.setAttribute('viewBox', `0 0 ${v.width} ${v.height}`)
  const g = el('g', {})
  // Selected last, so it draws on top.
  const ordered = [...devices].sort((x, y) => Number(x.isSelected) - Number(y.isSelected))
  for (const d of ordered) {
    for (const s of deviceSegments(d.device)) drawSegment(g, v, s, d)
    drawNeedleHandles(g, v, d)
    drawHandle(g, v, d.device.entryMm, 'entry', d)
    drawHandle(g, v, d.device.tipMm, 'tip', d)
    drawLabel(g, v, d)
  }
  if (placement) drawPlacement(g, v, placement)
  svg.replaceChildren(g)
}

/**
 * What a pointer at canvas point `p` grabs: a device's axis handle, one needle's end of a set (`needle`
 * set; the nearer wins, the axis handle on a tie), the body of a device, or nothing.
 */
export interface HitResult {
  readonly deviceId: string
  readonly handle: 'entry' | 'tip' | 'whole'
  /** Needle index within a set when one needle's end is grabbed. */
  readonly needle?: number
}

/** What a pointer at canvas point `p` would grab: a handle, a needle's end, the body, or nothing. */
export function hitTest(
  v: OverlayView,
  devices: readonly Device[],
  p: readonly [number, number],
): HitResult | null {
  let best: (HitResult & { distPx: number }) | null = null
  const consider = (hit: HitResult, pMm: Vec3) => {
    const c = v.toCanvas(pMm)
    if (!c) return
    const dist = Math.hypot(c[0] - p[0], c[1] - p[1])
    if (dist <= HANDLE_HIT_PX && (!best || dist < best.distPx)) best = { ...hit, distPx: dist }
  }
  for (const d of devices) {
    consider({ deviceId: d.id, handle: 'tip' }, d.tipMm)
    consider({ deviceId: d.id, handle: 'entry' }, d.entryMm)
    for (const h of needleHandles(d)) {
      consider({ deviceId: d.id, handle: h.end, needle: h.needle }, h.pMm)
    }
  }
  if (best) {
    const { distPx: _distPx, ...hit } = best as HitResult & { distPx: number }
    return hit
  }
  for (const d of devices) {
    for (const s of deviceSegments(d)) {
      const a = v.toCanvas(s.entryMm)
      const b = v.toCanvas(s.tipMm)
      if (a && b && segmentDistancePx(p, a, b) <= BODY_HIT_PX) {
        return { deviceId: d.id, handle: 'whole' }
      }
    }
  }
  return null
}
