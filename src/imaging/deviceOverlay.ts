/**
 * Plan devices in an MPR view: an SVG layer redrawn imperatively from the store (STYLE.md 3.6), and the
 * pointer handling for placing devices (click entry then target, or the reverse), dragging an end or the
 * whole device (Shift slides an end along the axis), dragging one needle's end of a set (ECT electrodes,
 * cryoprobes) and selecting. Pointer events are taken in the capture phase on the view's element, before
 * Cornerstone's tools; `preventDefault` on pointerdown suppresses the compatibility mouse events those
 * tools listen to, so a handle drag never also changes the window.
 */
import type { Vec3 } from '../lib/vec3'
import { add, sub } from '../lib/vec3'
import { DEVICE_NAMES, type Device } from '../plan'
import { appStore, type AppState } from '../store/appStore'
import { deviceColor, deviceReports, needleEnds, type Handle } from '../store/slices/planEdits'
import { getVolume } from '../store/volumeRegistry'
import {
  drawDevices,
  hitTest,
  type DrawnDevice,
  type DrawnPlacement,
  type OverlayView,
} from './drawDevices'
import { canvasToWorldMm, viewVectors, worldToCanvasPx, type MprOrientation } from './mprController'
import { watchView } from './viewRedraw'

/** Pointer travel below which a press counts as a click, px. */
const CLICK_SLOP_PX = 4

/** The devices to draw: the plan's, with the one being dragged replaced by its preview. */
export function drawnDevices(s: AppState): DrawnDevice[] {
  const volume = getVolume(s.volumeId)
  return s.plan.devices.map((planned) => {
    const isPreview = s.dragPreview?.id === planned.id
    const device = isPreview && s.dragPreview ? s.dragPreview : planned
    const reports = isPreview ? deviceReports(volume, device) : (s.reports[device.id] ?? [])
    return { device, color: deviceColor(reports), isSelected: s.selectedDeviceId === device.id }
  })
}

/** The hint shown while placing. */
export function placementHint(s: AppState): string {
  const p = s.placement
  if (!p) return ''
  const entryFirst = s.placementOrder === 'entryFirst'
  const wantsEntry = p.firstMm === null ? entryFirst : !entryFirst
  const what = wantsEntry ? 'the entry point' : 'the target (tip)'
  return `Placing ${DEVICE_NAMES[p.kind]}: ${p.firstMm ? 'now ' : ''}click ${what} · Esc cancels`
}

/** The MPR view as an overlay target, or null before it shows a volume. */
function mprView(o: MprOrientation, element: HTMLElement): OverlayView | null {
  const width = element.clientWidth
  const height = element.clientHeight
  const centre = canvasToWorldMm(o, width / 2, height / 2)
  const vectors = viewVectors(o)
  if (!centre || !vectors) return null
  return {
    width,
    height,
    toCanvas: (p) => worldToCanvasPx(o, p),
    planePointMm: centre,
    normal: vectors.normal,
  }
}

interface Drag {
  readonly pointerId: number
  readonly deviceId: string
  readonly handle: Handle
  /** Needle index within a set when one needle's end is dragged. */
  readonly needle?: number
  readonly start: Device
  readonly startMm: Vec3
  readonly startPx: readonly [number, number]
  isMoved: boolean
}

/** The point a drag has moved `handle` to: its start position plus the pointer's in-plane travel. */
function dragTarget(drag: Drag, pointerMm: Vec3): Vec3 {
  const delta = sub(pointerMm, drag.startMm)
  const ends = drag.needle === undefined ? drag.start : needleEnds(drag.start, drag.needle)
  const from = ends ?? drag.start
  return add(drag.handle === 'tip' ? from.tipMm : from.entryMm, delta)
}

/**
 * Attaches the device layer to an MPR view: draws into `svg` and handles pointers on `element` (the
 * Cornerstone element). Returns the detach function.
 */
export function attachDeviceOverlay(
  o: MprOrientation,
  element: HTMLDivElement,
  svg: SVGSVGElement,
): () => void {
  let pointerMm: Vec3 | null = null
  let drag: Drag | null = null
  let press: readonly [number, number] | null = null

  const draw = () => {
    const v = mprView(o, element)
    if (!v) {
      svg.replaceChildren()
      return
    }
    const s = appStore.getState()
    const placement: DrawnPlacement | null = s.placement
      ? { firstMm: s.placement.firstMm, pointerMm, hint: placementHint(s) }
      : null
    drawDevices(svg, v, drawnDevices(s), placement)
  }
  const view = watchView(
    element,
    draw,
    (s, prev) =>
      s.plan !== prev.plan ||
      s.dragPreview !== prev.dragPreview ||
      s.selectedDeviceId !== prev.selectedDeviceId ||
      s.placement !== prev.placement ||
      s.placementOrder !== prev.placementOrder ||
      s.reports !== prev.reports ||
      s.crosshairMm !== prev.crosshairMm,
  )
  const redraw = view.redraw
  const local = (e: PointerEvent): [number, number] => {
    const r = element.getBoundingClientRect()
    return [e.clientX - r.left, e.clientY - r.top]
  }
  const worldAt = (px: readonly [number, number]) => canvasToWorldMm(o, px[0], px[1])
  const swallow = (e: Event) => {
    e.preventDefault()
    e.stopPropagation()
  }

  const onDown = (e: PointerEvent) => {
    if (e.button !== 0) return
    const s = appStore.getState()
    const px = local(e)
    if (s.placement) {
      press = px
      swallow(e)
      return
    }
    const v = mprView(o, element)
    const startMm = worldAt(px)
    if (!v || !startMm) return
    const hit = hitTest(v, s.plan.devices, px)
    const start = hit ? s.plan.devices.find((d) => d.id === hit.deviceId) : undefined
    if (!hit || !start) return
    swallow(e)
    s.selectDevice(hit.deviceId)
    element.setPointerCapture(e.pointerId)
    drag = { ...hit, pointerId: e.pointerId, start, startMm, startPx: px, isMoved: false }
  }

  const onMove = (e: PointerEvent) => {
    const px = local(e)
    const s = appStore.getState()
    if (drag && e.pointerId === drag.pointerId) {
      e.stopPropagation()
      if (Math.hypot(px[0] - drag.startPx[0], px[1] - drag.startPx[1]) > CLICK_SLOP_PX) {
        drag.isMoved = true
      }
      const p = worldAt(px)
      if (drag.isMoved && p) {
        if (drag.needle !== undefined && drag.handle !== 'whole') {
          s.previewNeedleHandle(drag.deviceId, drag.needle, drag.handle, dragTarget(drag, p))
        } else s.previewHandle(drag.deviceId, drag.handle, dragTarget(drag, p), e.shiftKey)
      }
      return
    }
    if (s.placement) {
      pointerMm = worldAt(px)
      redraw()
      return
    }
    const v = mprView(o, element)
    const hit = v ? hitTest(v, s.plan.devices, px) : null
    element.style.cursor = hit ? (hit.handle === 'whole' ? 'move' : 'grab') : ''
  }

  const onUp = (e: PointerEvent) => {
    const s = appStore.getState()
    const px = local(e)
    if (drag && e.pointerId === drag.pointerId) {
      e.stopPropagation()
      const d = drag
      drag = null
      if (element.hasPointerCapture(e.pointerId)) element.releasePointerCapture(e.pointerId)
      const p = worldAt(px)
      if (!d.isMoved || !p) {
        s.clearPreview()
        return
      }
      const target = dragTarget(d, p)
      if (d.needle !== undefined && d.handle !== 'whole') {
        s.moveNeedleHandle(d.deviceId, d.needle, d.handle, target)
      } else if (e.shiftKey && d.handle !== 'whole') s.snapAlongAxis(d.deviceId, d.handle, target)
      else s.moveHandle(d.deviceId, d.handle, target)
      return
    }
    if (press && s.placement && e.button === 0) {
      e.stopPropagation()
      const isClick = Math.hypot(px[0] - press[0], px[1] - press[1]) <= CLICK_SLOP_PX
      press = null
      const p = worldAt(px)
      if (isClick && p) s.placePoint(p)
    }
  }

  const onCancel = () => {
    if (drag) appStore.getState().clearPreview()
    drag = null
    press = null
  }
  const onLeave = () => {
    if (pointerMm) {
      pointerMm = null
      redraw()
    }
  }

  element.addEventListener('pointerdown', onDown, { capture: true })
  element.addEventListener('pointermove', onMove, { capture: true })
  element.addEventListener('pointerup', onUp, { capture: true })
  element.addEventListener('pointercancel', onCancel, { capture: true })
  element.addEventListener('pointerleave', onLeave)
  return () => {
    view.dispose()
    element.removeEventListener('pointerdown', onDown, { capture: true })
    element.removeEventListener('pointermove', onMove, { capture: true })
    element.removeEventListener('pointerup', onUp, { capture: true })
    element.removeEventListener('pointercancel', onCancel, { capture: true })
    element.removeEventListener('pointerleave', onLeave)
    svg.replaceChildren()
  }
}
