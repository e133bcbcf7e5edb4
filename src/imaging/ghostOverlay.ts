/**
 * The educator's device layers in an MPR view, drawn with `drawDevices` into two SVGs nested in one layer:
 * - ghosts: the compare plan's devices (dashed and translucent in one colour, by CSS on `.ghost-devices`);
 * - step-through: the edited plan's devices as far as they are inserted during a step-through (the usual
 *   device layer is hidden meanwhile, by CSS on the workspace).
 * Redrawn imperatively from the store (STYLE.md 3.6); no pointer handling (ghosts are not editable).
 */
import { appStore, type AppState } from '../store/appStore'
import { ghostDevices } from '../store/slices/compareSlice'
import { insertedDevice, insertionFractions } from '../store/slices/educatorSlice'
import { deviceColor } from '../store/slices/planEdits'
import { drawDevices, type DrawnDevice, type OverlayView } from './drawDevices'
import { canvasToWorldMm, viewVectors, worldToCanvasPx, type MprOrientation } from './mprController'
import { watchView } from './viewRedraw'

/** The one colour of ghost devices: violet, apart from the severity colours of the edited plan. */
export const GHOST_COLOR = '#c58cff'

const SVG_NS = 'http://www.w3.org/2000/svg'

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

/** Ghost devices as drawn: one colour, never selected. */
export function drawnGhosts(s: AppState): DrawnDevice[] {
  return ghostDevices(s).map((device) => ({ device, color: GHOST_COLOR, isSelected: false }))
}

/** The edited plan's devices as far as the step-through has inserted them (none when not stepping). */
export function drawnInsertions(s: AppState): DrawnDevice[] {
  const fractions = insertionFractions(s)
  if (!fractions) return []
  return s.plan.devices.flatMap((d) => {
    const f = fractions[d.id] ?? 0
    if (f <= 0) return []
    const color = deviceColor(s.reports[d.id] ?? [])
    return [{ device: insertedDevice(d, f), color, isSelected: false }]
  })
}

/** Attaches the ghost and step-through layers to an MPR view; returns the detach function. */
export function attachGhostOverlay(
  o: MprOrientation,
  element: HTMLDivElement,
  svg: SVGSVGElement,
): () => void {
  const ghosts = document.createElementNS(SVG_NS, 'svg')
  ghosts.setAttribute('class', 'ghost-devices')
  const steps = document.createElementNS(SVG_NS, 'svg')
  steps.setAttribute('class', 'step-devices')
  svg.replaceChildren(ghosts, steps)
  const draw = () => {
    const v = mprView(o, element)
    const s = appStore.getState()
    const g = v ? drawnGhosts(s) : []
    const i = v ? drawnInsertions(s) : []
    svg.dataset.count = String(g.length)
    svg.dataset.inserting = String(i.length)
    if (!v) {
      ghosts.replaceChildren()
      steps.replaceChildren()
      return
    }
    svg.setAttribute('viewBox', `0 0 ${v.width} ${v.height}`)
    for (const [layer, devices] of [
      [ghosts, g],
      [steps, i],
    ] as const) {
      layer.setAttribute('width', String(v.width))
      layer.setAttribute('height', String(v.height))
      drawDevices(layer, v, devices, null)
    }
  }
  const view = watchView(
    element,
    draw,
    (s, prev) =>
      s.comparePlan !== prev.comparePlan ||
      s.compareVisible !== prev.compareVisible ||
      s.stepThrough !== prev.stepThrough ||
      s.plan !== prev.plan ||
      s.reports !== prev.reports ||
      s.crosshairMm !== prev.crosshairMm,
  )
  return () => {
    view.dispose()
    svg.replaceChildren()
  }
}
