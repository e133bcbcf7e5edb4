/**
 * Polyline overlays of an embolization: the catheter's path from the groin, the vessels downstream of
 * the tip (the territory the agent would reach), the cord supply when it fills, and what was embolized.
 * A polyline overlay is one line, so a branching set of segments is drawn as a depth-first walk that
 * retraces its steps (the retraced parts coincide). Pure; LPS mm.
 */
import type { PolylineOverlay } from '../../../lib/fieldOverlay'
import type { Vec3 } from '../../../lib/vec3'
import type { VascularGraph } from '../../../sim/embolization'

/** A depth-first walk over `segments` (non-territory) starting at `startNode`, as one polyline. */
export function walkPolyline(
  g: VascularGraph,
  segments: readonly number[],
  startNode: number,
  startMm?: Vec3,
): Vec3[] {
  const set = new Set(segments.filter((s) => !g.segments[s]!.territory))
  const adj = new Map<number, { seg: number; to: number }[]>()
  const link = (a: number, seg: number, b: number): void => {
    const l = adj.get(a) ?? []
    l.push({ seg, to: b })
    adj.set(a, l)
  }
  for (const s of set) {
    const seg = g.segments[s]!
    link(seg.from, s, seg.to)
    link(seg.to, s, seg.from)
  }
  const out: Vec3[] = startMm ? [startMm] : []
  const used = new Set<number>()
  const visit = (n: number): void => {
    out.push(g.nodes[n]!.pWorldMm)
    for (const e of adj.get(n) ?? []) {
      if (used.has(e.seg)) continue
      used.add(e.seg)
      visit(e.to)
      out.push(g.nodes[n]!.pWorldMm)
    }
  }
  visit(startNode)
  // Segments not connected to the start (the far side of an occlusion) start their own walks.
  for (const s of set) {
    if (used.has(s)) continue
    visit(g.segments[s]!.from)
  }
  return out
}

const MODEL_SOURCE =
  'Vessel centrelines of the case phantom (aorta, segmental arteries, artery of Adamkiewicz, anterior spinal artery); spinal, retrocorporeal and tumour-feeder branches added by the model [U]; steady Poiseuille network flow (src/sim/embolization).'

/** Builds a polyline overlay with the shared source text. */
export function polyline(
  id: string,
  label: string,
  points: readonly Vec3[],
  color: string,
  radiusMm: number,
  uncertainty: string,
  visibleByDefault = true,
): PolylineOverlay {
  return {
    type: 'polyline',
    id,
    label,
    points,
    color,
    radiusMm,
    source: MODEL_SOURCE,
    uncertainty,
    visibleByDefault,
  }
}
