/**
 * Where the catheter is on the case graph: the tip on the nearest vessel segment to the device's tip
 * (the named vessel wins a near tie), how selective that is, and the catheter's path from the femoral
 * access along the vessels. Pure; LPS mm.
 */
import { type Vec3, distance, lerp } from '../../../lib/vec3'
import type { CatheterTip, VascularGraph } from '../../../sim/embolization'
import type { CaseGraph } from './caseGraph'
import { projectOnPolyline } from './caseGraph'

/** How far a catheter tip may sit from every vessel before it is refused (mm) [U]. */
export const MAX_TIP_OFF_VESSEL_MM = 10

/** How selective a tip position is. */
export type Selectivity = 'aortic' | 'selective' | 'superselective' | 'cordSupply'

/** The resolved tip. */
export interface ResolvedTip {
  readonly tip: CatheterTip
  /** Tip position on the centreline (LPS mm). */
  readonly tipMm: Vec3
  /** Distance from the device's tip to the centreline (mm). */
  readonly offVesselMm: number
  readonly selectivity: Selectivity
  /** Segment name ('left T12 intercostal artery'). */
  readonly vesselName: string
}

const distToSegment = (g: VascularGraph, s: number, p: Vec3): { d: number; f: number } => {
  const seg = g.segments[s]!
  const r = projectOnPolyline([g.nodes[seg.from]!.pWorldMm, g.nodes[seg.to]!.pWorldMm], p)
  return { d: r.d, f: r.f }
}

/** Selectivity of a tip in a segment of this kind. */
export function selectivityOf(g: VascularGraph, s: number): Selectivity {
  switch (g.segments[s]!.kind) {
    case 'aorta':
      return 'aortic'
    case 'segmental':
      return 'selective'
    case 'radiculomedullary':
    case 'adamkiewicz':
    case 'anteriorSpinal':
      return 'cordSupply'
    case 'dorsal':
    case 'spinal':
    case 'bodyBranch':
    case 'tumourFeeder':
    case 'muscular':
    case 'territory':
      return 'superselective'
  }
}

/**
 * Snaps a device tip to the graph. Throws a readable error when no vessel is within
 * `MAX_TIP_OFF_VESSEL_MM`.
 */
export function resolveTip(cg: CaseGraph, tipMm: Vec3, vesselId?: string): ResolvedTip {
  const g = cg.graph
  let best = -1
  let bestD = Number.POSITIVE_INFINITY
  let bestF = 0
  g.segments.forEach((seg, s) => {
    if (seg.territory) return
    const { d, f } = distToSegment(g, s, tipMm)
    // The named vessel wins ties within 1 mm (junctions are shared by parent and branch).
    const named = vesselId !== undefined && cg.onVessel[s]?.vesselId === vesselId ? 1 : 0
    if (d - named < bestD) {
      best = s
      bestD = d - named
      bestF = f
    }
  })
  if (best < 0) throw new Error('The case has no vessels to place the catheter in.')
  const seg = g.segments[best]!
  const a = g.nodes[seg.from]!.pWorldMm
  const b = g.nodes[seg.to]!.pWorldMm
  const onMm = lerp(a, b, bestF)
  const off = distance(onMm, tipMm)
  if (off > MAX_TIP_OFF_VESSEL_MM) {
    throw new Error(
      `The catheter tip is ${off.toFixed(0)} mm from the nearest vessel (${seg.name}): move the tip into a vessel (use "Move the tip to…" in the embolization panel).`,
    )
  }
  return {
    tip: { segment: best, positionFraction: bestF },
    tipMm: onMm,
    offVesselMm: off,
    selectivity: selectivityOf(g, best),
    vesselName: seg.name,
  }
}

/**
 * The catheter's path (LPS mm) from the access node to the tip along the vessels (shortest centreline
 * path, Dijkstra over non-territory segments).
 */
export function catheterPath(cg: CaseGraph, tip: CatheterTip): Vec3[] {
  const g = cg.graph
  const n = g.nodes.length
  const adj: { to: number; w: number }[][] = Array.from({ length: n }, () => [])
  g.segments.forEach((s) => {
    if (s.territory) return
    const w = distance(g.nodes[s.from]!.pWorldMm, g.nodes[s.to]!.pWorldMm)
    adj[s.from]!.push({ to: s.to, w })
    adj[s.to]!.push({ to: s.from, w })
  })
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY)
  const prev = new Int32Array(n).fill(-1)
  const done = new Uint8Array(n)
  dist[cg.accessNode] = 0
  // O(n²) Dijkstra: the graph has a few hundred nodes.
  for (;;) {
    let u = -1
    for (let i = 0; i < n; i++) if (!done[i] && dist[i]! < (u < 0 ? Infinity : dist[u]!)) u = i
    if (u < 0 || !Number.isFinite(dist[u]!)) break
    done[u] = 1
    for (const e of adj[u]!) {
      if (dist[u]! + e.w < dist[e.to]!) {
        dist[e.to] = dist[u]! + e.w
        prev[e.to] = u
      }
    }
  }
  const seg = g.segments[tip.segment]!
  const pa = g.nodes[seg.from]!.pWorldMm
  const pb = g.nodes[seg.to]!.pWorldMm
  const tipMm = lerp(pa, pb, tip.positionFraction)
  const viaFrom = dist[seg.from]! + tip.positionFraction * distance(pa, pb)
  const viaTo = dist[seg.to]! + (1 - tip.positionFraction) * distance(pa, pb)
  let u = viaFrom <= viaTo ? seg.from : seg.to
  if (!Number.isFinite(dist[u]!)) return [tipMm]
  const out: Vec3[] = [tipMm]
  while (u >= 0) {
    out.push(g.nodes[u]!.pWorldMm)
    u = prev[u]!
  }
  return out.reverse()
}
