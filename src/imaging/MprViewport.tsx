/**
 * One MPR view: the Cornerstone element, an SVG crosshair overlay and orientation letters. The overlay is
 * redrawn imperatively on camera and crosshair changes, never through React state (STYLE.md 3.6).
 */
import { useEffect, useRef } from 'react'
import type { Vec3 } from '../lib/vec3'
import {
  attachMprElement,
  canvasToWorldMm,
  detachMprElement,
  mmPerCanvasPixel,
  requestMprResize,
  setActiveMprView,
  viewVectors,
  worldToCanvasPx,
  type MprOrientation,
} from './mprController'
import { attachDeviceOverlay } from './deviceOverlay'
import { attachFieldOverlay } from './fieldOverlayLayer'
import { attachGhostOverlay } from './ghostOverlay'
import { getMprTool } from './mprTools'
import { scaleBarLength } from './scaleBar'
import { edgeLetters } from './orientation'

/** Props of an MPR view. */
export interface MprViewportProps {
  orientation: MprOrientation
  /** Current crosshair (LPS mm), read when redrawing. */
  getCrosshair: () => Vec3
  /** Subscribes to crosshair changes; returns an unsubscribe function. */
  subscribeCrosshair: (cb: () => void) => () => void
  /** The user clicked a point in this view (LPS mm). */
  onPick: (p: Vec3) => void
  /** Reports an error to the user. */
  onError: (message: string) => void
}

const COLORS: Record<MprOrientation, string> = {
  axial: '#ff5a5a',
  sagittal: '#f5d442',
  coronal: '#4cc3ff',
}
const TITLES: Record<MprOrientation, string> = {
  axial: 'Axial',
  sagittal: 'Sagittal',
  coronal: 'Coronal',
}
/** The views whose plane traces are the vertical and horizontal crosshair lines of each view. */
const TRACES: Record<MprOrientation, { vertical: MprOrientation; horizontal: MprOrientation }> = {
  axial: { vertical: 'sagittal', horizontal: 'coronal' },
  sagittal: { vertical: 'coronal', horizontal: 'axial' },
  coronal: { vertical: 'sagittal', horizontal: 'axial' },
}

/** An axial, sagittal or coronal view of the current volume. */
export function MprViewport(props: MprViewportProps) {
  const { orientation, getCrosshair, subscribeCrosshair, onPick, onError } = props
  const elementRef = useRef<HTMLDivElement>(null)
  const svgRef = useRef<SVGSVGElement>(null)
  const devicesRef = useRef<SVGSVGElement>(null)
  const ghostsRef = useRef<SVGSVGElement>(null)
  const fieldsRef = useRef<HTMLCanvasElement>(null)
  const lettersRef = useRef<HTMLDivElement>(null)
  const cbRef = useRef({ onPick, onError, getCrosshair })
  useEffect(() => {
    cbRef.current = { onPick, onError, getCrosshair }
  })

  useEffect(() => {
    const element = elementRef.current
    if (!element) return
    let cancelled = false
    const redraw = () =>
      drawOverlay(
        orientation,
        element,
        svgRef.current,
        lettersRef.current,
        cbRef.current.getCrosshair(),
      )
    const onCamera = () => redraw()
    attachMprElement(orientation, element).then(
      () => {
        if (cancelled) return
        element.addEventListener('CORNERSTONE_CAMERA_MODIFIED', onCamera)
        redraw()
      },
      (e: unknown) =>
        cbRef.current.onError(
          `The ${orientation} view could not start: ${e instanceof Error ? e.message : String(e)}`,
        ),
    )
    const unsub = subscribeCrosshair(() => requestAnimationFrame(redraw))
    // Canvases must follow their element (the side panel or top bar can change the layout).
    const ro = new ResizeObserver(() => requestMprResize(redraw))
    ro.observe(element)
    return () => {
      cancelled = true
      unsub()
      ro.disconnect()
      element.removeEventListener('CORNERSTONE_CAMERA_MODIFIED', onCamera)
      detachMprElement(orientation)
    }
  }, [orientation, subscribeCrosshair])

  useEffect(() => {
    const element = elementRef.current
    const svg = devicesRef.current
    if (!element || !svg) return
    return attachDeviceOverlay(orientation, element, svg)
  }, [orientation])

  useEffect(() => {
    const element = elementRef.current
    const svg = ghostsRef.current
    if (!element || !svg) return
    return attachGhostOverlay(orientation, element, svg)
  }, [orientation])

  useEffect(() => {
    const element = elementRef.current
    const canvas = fieldsRef.current
    if (!element || !canvas) return
    return attachFieldOverlay(orientation, element, canvas)
  }, [orientation])

  useEffect(() => {
    const element = elementRef.current
    if (!element) return
    let down: { x: number; y: number } | null = null
    const onDown = (e: PointerEvent) => {
      // Only the window/level mode picks: a click of a measurement tool places a measurement point.
      const picks = e.button === 0 && !e.shiftKey && getMprTool() === 'windowLevel'
      down = picks ? { x: e.clientX, y: e.clientY } : null
    }
    const onEnter = () => setActiveMprView(orientation)
    const onUp = (e: PointerEvent) => {
      if (!down || e.button !== 0) return
      const moved = Math.hypot(e.clientX - down.x, e.clientY - down.y)
      down = null
      // A click (not a window/level drag) sets the crosshair.
      if (moved > 3) return
      const r = element.getBoundingClientRect()
      const p = canvasToWorldMm(orientation, e.clientX - r.left, e.clientY - r.top)
      if (p) cbRef.current.onPick(p)
    }
    element.addEventListener('pointerdown', onDown)
    element.addEventListener('pointerup', onUp)
    element.addEventListener('pointerenter', onEnter)
    return () => {
      element.removeEventListener('pointerenter', onEnter)
      element.removeEventListener('pointerdown', onDown)
      element.removeEventListener('pointerup', onUp)
    }
  }, [orientation])

  return (
    <div
      className="viewport"
      data-testid={`viewport-${orientation}`}
      onContextMenu={(e) => e.preventDefault()}
    >
      <div className="viewport-element" ref={elementRef} />
      <canvas
        className="viewport-overlay sim-overlay"
        ref={fieldsRef}
        data-testid={`sim-overlay-${orientation}`}
        aria-hidden="true"
      />
      <svg className="viewport-overlay" ref={svgRef} aria-hidden="true" />
      <svg
        className="viewport-overlay device-overlay"
        ref={devicesRef}
        data-testid={`device-overlay-${orientation}`}
        aria-hidden="true"
      />
      {/* Ghosts of a compared plan draw over the plan's devices, so that coinciding ones still show. */}
      <svg
        className="viewport-overlay ghost-overlay"
        ref={ghostsRef}
        data-testid={`ghost-overlay-${orientation}`}
        aria-hidden="true"
      />
      <div className="viewport-letters" ref={lettersRef} aria-hidden="true" />
      <div className="viewport-title" style={{ color: COLORS[orientation] }}>
        {TITLES[orientation]}
      </div>
    </div>
  )
}

function drawOverlay(
  o: MprOrientation,
  element: HTMLDivElement,
  svg: SVGSVGElement | null,
  letters: HTMLDivElement | null,
  crosshair: Vec3,
): void {
  if (!svg) return
  const w = element.clientWidth
  const h = element.clientHeight
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`)
  const c = worldToCanvasPx(o, crosshair)
  const v = viewVectors(o)
  if (!c || !v) {
    svg.innerHTML = ''
    return
  }
  // Each line is the trace of another view's plane: coloured like that view.
  const { vertical, horizontal } = TRACES[o]
  const gap = 8
  svg.innerHTML =
    `<line x1="${c[0]}" y1="0" x2="${c[0]}" y2="${c[1] - gap}" stroke="${COLORS[vertical]}" stroke-width="1" opacity="0.8"/>` +
    `<line x1="${c[0]}" y1="${c[1] + gap}" x2="${c[0]}" y2="${h}" stroke="${COLORS[vertical]}" stroke-width="1" opacity="0.8"/>` +
    `<line x1="0" y1="${c[1]}" x2="${c[0] - gap}" y2="${c[1]}" stroke="${COLORS[horizontal]}" stroke-width="1" opacity="0.8"/>` +
    `<line x1="${c[0] + gap}" y1="${c[1]}" x2="${w}" y2="${c[1]}" stroke="${COLORS[horizontal]}" stroke-width="1" opacity="0.8"/>`
  svg.innerHTML += scaleBarSvg(o, w, h)
  if (letters) {
    const l = edgeLetters(v.up, v.normal)
    letters.innerHTML = `<span class="l-top">${l.top}</span><span class="l-bottom">${l.bottom}</span><span class="l-left">${l.left}</span><span class="l-right">${l.right}</span>`
  }
}

/** A scale bar in the bottom-left corner, sized to a round number of millimetres. */
function scaleBarSvg(o: MprOrientation, w: number, h: number): string {
  const mmPerPx = mmPerCanvasPixel(o)
  if (!mmPerPx) return ''
  const mm = scaleBarLength(mmPerPx * w * 0.25)
  const px = mm / mmPerPx
  const x = 12
  const y = h - 14
  const label = mm >= 10 ? `${mm / 10} cm` : `${mm} mm`
  return (
    `<g class="scale-bar" data-testid="scale-bar-${o}" data-mm="${mm}" data-px="${px.toFixed(1)}">` +
    `<path d="M${x} ${y - 5}V${y}H${x + px}V${y - 5}" fill="none" stroke="#e6e6e6" stroke-width="1.5"/>` +
    `<text x="${x + px + 6}" y="${y}" fill="#e6e6e6" font-size="11">${label}</text></g>`
  )
}
