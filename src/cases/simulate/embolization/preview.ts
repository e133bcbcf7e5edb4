/**
 * The embolization drag preview: while the catheter tip is dragged, the catheter path from the groin and
 * the vessels that would fill from the tip (no delivery). Cheap: the graph and its baseline flow are
 * cached per volume. Pure.
 */
import {
  type FlowResult,
  type VascularGraph,
  downstreamOf,
  solveNetworkFlow,
} from '../../../sim/embolization'
import type { PreviewFn } from '../preview'
import { caseGraphFor } from './cachedGraph'
import { catheterPath, resolveTip } from './catheterTip'
import { polyline, walkPolyline } from './overlays'

const flows = new WeakMap<VascularGraph, FlowResult>()

const CORD = new Set(['adamkiewicz', 'radiculomedullary', 'anteriorSpinal'])

export const previewEmbolization: PreviewFn = (volume, plan, device, options) => {
  if (device.kind !== 'embolizationCatheter') return null
  try {
    const cg = caseGraphFor(volume, plan, options)
    const g = cg.graph
    let flow = flows.get(g)
    if (!flow) {
      flow = solveNetworkFlow(g)
      flows.set(g, flow)
    }
    const rt = resolveTip(cg, device.tipMm, device.vesselId)
    const seg = g.segments[rt.tip.segment]!
    const down = flow.flowM3PerS[rt.tip.segment]! >= 0 ? seg.to : seg.from
    const filling = downstreamOf(g, flow, rt.tip).filter((s) => s !== rt.tip.segment)
    const cord = filling.filter((s) => CORD.has(g.segments[s]!.kind))
    const uncertainty = 'Preview: which vessels fill from the tip; run the simulation for flows.'
    const out = [
      polyline('catheter', 'Catheter path', catheterPath(cg, rt.tip), '#ffd400', 0.9, uncertainty),
    ]
    if (filling.length > 0) {
      const pts = walkPolyline(g, filling, down, rt.tipMm)
      out.push(polyline('downstream', 'Fills from the tip', pts, '#00d8ff', 0.7, uncertainty))
    }
    if (cord.length > 0) {
      const pts = walkPolyline(g, cord, g.segments[cord[0]!]!.from)
      out.push(polyline('cord-supply', 'Cord supply fills!', pts, '#ff2020', 0.9, uncertainty))
    }
    return out
  } catch {
    // Off every vessel while dragging: no preview (the full run explains why).
    return null
  }
}
