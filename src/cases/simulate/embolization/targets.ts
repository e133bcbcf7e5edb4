/**
 * Where the panel can send the catheter tip: each tumour feeder (superselective), each segmental artery
 * near its origin (selective), and any branch downstream of the current tip. Each target is a complete
 * device position (vessel id, fraction along it, tip in LPS mm), so one plan edit moves the catheter.
 * Pure.
 */
import { type Vec3, lerp } from '../../../lib/vec3'
import type { CtVolume } from '../../volume'
import { cachedCaseGraph } from './cachedGraph'
import type { CaseGraph } from './caseGraph'

/** A catheter position the panel offers. */
export interface CatheterTarget {
  /** Stable id for test ids, e.g. 'feeder-LT12', 'segmental-RT9', 'branch-154'. */
  readonly id: string
  readonly label: string
  readonly group: 'feeder' | 'segmental' | 'branch'
  readonly vesselId: string
  readonly tipAlongVessel: number
  readonly tipMm: Vec3
}

/** Fraction along a drawn vessel where the catheter sits "at the origin" of a segmental artery [U]. */
export const SELECTIVE_TIP_FRACTION = 0.05
/** Fraction along a branch segment where an advanced tip sits. */
const ADVANCE_FRACTION = 0.4

const round = (p: Vec3): Vec3 => [
  Math.round(p[0] * 1000) / 1000,
  Math.round(p[1] * 1000) / 1000,
  Math.round(p[2] * 1000) / 1000,
]

/** The LPS point at fraction `t` of a polyline's length. */
export function pointAlong(points: readonly Vec3[], t: number): Vec3 {
  const len: number[] = []
  let total = 0
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!
    const b = points[i]!
    const l = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2])
    len.push(l)
    total += l
  }
  let rest = Math.min(1, Math.max(0, t)) * total
  for (let i = 0; i < len.length; i++) {
    if (rest <= len[i]! || i === len.length - 1) {
      return lerp(points[i]!, points[i + 1]!, len[i]! > 0 ? Math.min(1, rest / len[i]!) : 0)
    }
    rest -= len[i]!
  }
  return points[0]!
}

/** The target that advances the tip into graph segment `s` (a branch downstream of the tip). */
export function branchTarget(cg: CaseGraph, s: number): CatheterTarget | null {
  const g = cg.graph
  const seg = g.segments[s]
  if (!seg || seg.territory) return null
  const tipMm = round(
    lerp(g.nodes[seg.from]!.pWorldMm, g.nodes[seg.to]!.pWorldMm, ADVANCE_FRACTION),
  )
  const on = cg.onVessel[s]
  const parent = cg.parentVessel[s]
  if (on) {
    const t = on.t0 + ADVANCE_FRACTION * (on.t1 - on.t0)
    return {
      id: `branch-${s}`,
      label: seg.name,
      group: 'branch',
      vesselId: on.vesselId,
      tipAlongVessel: t,
      tipMm,
    }
  }
  if (!parent) return null
  // An added branch (feeder, spinal branch): the vessel is its parent, at the branch's origin.
  const into = g.segments.findIndex(
    (x, i) => x.to === seg.from && cg.onVessel[i]?.vesselId === parent,
  )
  const t = into >= 0 ? cg.onVessel[into]!.t1 : 0.5
  return {
    id: `branch-${s}`,
    label: seg.name,
    group: 'branch',
    vesselId: parent,
    tipAlongVessel: t,
    tipMm,
  }
}

/** Feeder and segmental targets of a case volume (empty without vessels). */
export function catheterTargets(volume: CtVolume): CatheterTarget[] {
  if (!volume.vessels?.some((v) => v.kind === 'aorta')) return []
  const cg = cachedCaseGraph(volume)
  const g = cg.graph
  const out: CatheterTarget[] = []
  g.segments.forEach((seg, s) => {
    if (seg.kind !== 'tumourFeeder') return
    // The proximal half of each feeder starts on the dorsal branch, not on another feeder segment.
    if (g.segments.some((x) => x.kind === 'tumourFeeder' && x.to === seg.from)) return
    const t = branchTarget(cg, s)
    if (t) {
      out.push({
        ...t,
        id: `feeder-${seg.side ?? ''}${seg.level ?? s}`,
        label: `Superselective: ${seg.name}`,
        group: 'feeder',
      })
    }
  })
  for (const v of volume.vessels) {
    if (v.kind !== 'intercostalArtery' && v.kind !== 'lumbarArtery') continue
    const side = v.side === 'R' ? 'right' : 'left'
    const kind = v.kind === 'lumbarArtery' ? 'lumbar' : 'intercostal'
    out.push({
      id: `segmental-${v.side ?? ''}${v.level ?? v.id}`,
      label: `Selective: ${side} ${v.level ?? ''} ${kind} artery`,
      group: 'segmental',
      vesselId: v.id,
      tipAlongVessel: SELECTIVE_TIP_FRACTION,
      tipMm: round(pointAlong(v.points, SELECTIVE_TIP_FRACTION)),
    })
  }
  return out
}
