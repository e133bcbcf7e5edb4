/**
 * Contrast transport for simulated angiography (DSA). Plug flow along each segment (transit time =
 * lumen volume / flow), perfect mixing at junctions (concentration = contrast flux / total inflow, so
 * branches dilute by flow fraction), a rectangular bolus at the catheter tip, and a well-mixed
 * compartment for each terminal bed (blush: time constant τ = bed blood volume / bed flow).
 * Arrival time at a junction is the contrast-flux-weighted mean of the incoming arrivals (no dispersion).
 */
import type { FlowResult } from './flow'
import { type VascularGraph, incidentSegments, segmentVolumeM3 } from './vascularGraph'

/** Catheter tip: a point on a segment at `positionFraction` ∈ [0, 1] from its `from` node. */
export interface CatheterTip {
  readonly segment: number
  readonly positionFraction: number
}

/** A contrast injection at the tip. */
export interface ContrastInjection {
  readonly tip: CatheterTip
  /** Injection rate (m³/s), e.g. 1 mL/s hand injection = 1e-6. */
  readonly rateM3PerS: number
  readonly durationS: number
}

/** Per-segment transport solution; evaluate opacity at any time with `segmentOpacities`. */
export interface ContrastTransport {
  /** Contrast volume fraction carried by each segment (0 = none; 1 = pure contrast). */
  readonly concentration: Float64Array
  /** Time the front enters the segment's opacified part (s after injection start). */
  readonly arrivalS: Float64Array
  /** Transit time through the opacified part (s); for territories: the washout τ (s). */
  readonly transitS: Float64Array
  /** Opacified extent along from→to, as fractions (the tip segment is opacified downstream only). */
  readonly extentStart: Float64Array
  readonly extentEnd: Float64Array
  readonly durationS: number
}

/**
 * Propagates a bolus downstream of the tip through the steady `flow`. Nodes are visited in decreasing
 * pressure, which is a topological order of the flow (pressure strictly drops along every flowing
 * segment), so loops in the graph (ASA anastomoses) need no special case.
 */
export function computeContrastTransport(
  g: VascularGraph,
  flow: FlowResult,
  injection: ContrastInjection,
): ContrastTransport {
  const nSeg = g.segments.length
  const q = flow.flowM3PerS
  const p = flow.pressurePa
  const concentration = new Float64Array(nSeg)
  const arrivalS = new Float64Array(nSeg).fill(Number.POSITIVE_INFINITY)
  const transitS = new Float64Array(nSeg)
  const extentStart = new Float64Array(nSeg)
  const extentEnd = new Float64Array(nSeg).fill(1)
  let qMax = 0
  for (let i = 0; i < nSeg; i++) qMax = Math.max(qMax, Math.abs(q[i]))
  // Flows below this are stagnant (occluded branches): 1e-12 of the largest flow is round-off level.
  const qTiny = 1e-12 * qMax
  const down = (s: number): number => (q[s] >= 0 ? g.segments[s].to : g.segments[s].from)
  const transit = (s: number, frac: number): number => {
    const seg = g.segments[s]
    const aq = Math.abs(q[s])
    if (seg.territory) {
      return (seg.territory.tissueVolumeM3 * seg.territory.bloodVolumeFraction) / aq
    }
    return (frac * segmentVolumeM3(g, s)) / aq
  }

  const tip = injection.tip
  const qTip = Math.abs(q[tip.segment])
  if (qTip > qTiny) {
    const u = tip.positionFraction
    concentration[tip.segment] = injection.rateM3PerS / (injection.rateM3PerS + qTip)
    arrivalS[tip.segment] = 0
    const forward = q[tip.segment] >= 0
    extentStart[tip.segment] = forward ? u : 0
    extentEnd[tip.segment] = forward ? 1 : u
    transitS[tip.segment] = transit(tip.segment, forward ? 1 - u : u)
  }

  const inc = incidentSegments(g)
  const order = g.nodes.map((_, i) => i).sort((a, b) => p[b] - p[a])
  const flux = new Float64Array(g.nodes.length)
  const inflow = new Float64Array(g.nodes.length)
  const fluxTime = new Float64Array(g.nodes.length)
  for (const n of order) {
    for (const s of inc[n]) {
      if (Math.abs(q[s]) <= qTiny || down(s) !== n) continue
      const aq = Math.abs(q[s])
      inflow[n] += aq
      if (concentration[s] > 0) {
        flux[n] += aq * concentration[s]
        fluxTime[n] += aq * concentration[s] * (arrivalS[s] + transitS[s])
      }
    }
    if (flux[n] === 0) continue
    const c = flux[n] / inflow[n]
    const t = fluxTime[n] / flux[n]
    for (const s of inc[n]) {
      if (Math.abs(q[s]) <= qTiny || down(s) === n || s === tip.segment) continue
      concentration[s] = c
      arrivalS[s] = t
      transitS[s] = transit(s, 1)
    }
  }
  return {
    concentration,
    arrivalS,
    transitS,
    extentStart,
    extentEnd,
    durationS: injection.durationS,
  }
}

/**
 * Opacity of every segment at time `tS` (s after injection start) into `out`: concentration × the
 * opacified fraction of the lumen for vessels; the compartment concentration × blood volume fraction for
 * territories (the blush). Mutates and returns `out`.
 */
export function segmentOpacities(
  g: VascularGraph,
  tr: ContrastTransport,
  tS: number,
  out: Float32Array = new Float32Array(g.segments.length),
): Float32Array {
  const dur = tr.durationS
  for (let s = 0; s < out.length; s++) {
    const c = tr.concentration[s]
    const t0 = tr.arrivalS[s]
    if (!(c > 0) || tS <= t0) {
      out[s] = 0
      continue
    }
    const terr = g.segments[s].territory
    if (terr) {
      // dC/dt = (c_in − C)/τ with a rectangular input on [t0, t0 + dur].
      const tau = tr.transitS[s]
      const rise = (x: number): number => 1 - Math.exp(-x / tau)
      const cBed = tS <= t0 + dur ? rise(tS - t0) : rise(dur) * Math.exp(-(tS - t0 - dur) / tau)
      out[s] = c * cBed * terr.bloodVolumeFraction
      continue
    }
    // A parcel at fractional position ξ left the tip at tS − t0 − ξ·transit; it carries contrast when
    // that is within [0, dur]. The opacified fraction is the overlap of [t0, t0 + transit] with
    // [tS − dur, tS], divided by the transit time.
    const t1 = t0 + tr.transitS[s]
    const lo = Math.max(t0, tS - dur)
    const hi = Math.min(t1, tS)
    out[s] = hi > lo ? (c * (hi - lo)) / Math.max(t1 - t0, 1e-12) : 0
  }
  return out
}
