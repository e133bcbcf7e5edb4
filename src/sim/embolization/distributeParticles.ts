/**
 * One step of particle transport: a particle load released into some segments is carried downstream by
 * the flow (split at junctions by flow fraction), lodges where the lumen is smaller than the particles
 * (`lodgedFraction`), and deposits up to each sink's remaining capacity. Overflow from full sinks is
 * re-spread over the sinks that still accept (water filling); what nobody accepts is returned.
 */
import { type SizedAgent, lodgedFraction } from './embolicAgents'
import type { FlowResult } from './flow'
import type { VascularGraph } from './vascularGraph'

/** Precomputed per-flow topology for repeated distributions. */
export interface FlowTopology {
  /** Nodes in decreasing pressure (a topological order of the flow). */
  readonly order: readonly number[]
  /** Flowing segments leaving / entering each node. */
  readonly outSegs: readonly number[][]
  readonly inSegs: readonly number[][]
  /** |Q| per segment, and the threshold below which a segment is stagnant. */
  readonly absQ: Float64Array
  readonly qTiny: number
}

/** Builds `FlowTopology` for a flow solution. */
export function flowTopology(g: VascularGraph, flow: FlowResult): FlowTopology {
  const n = g.nodes.length
  const absQ = flow.flowM3PerS.map(Math.abs)
  let qMax = 0
  for (const v of absQ) qMax = Math.max(qMax, v)
  // 1e-12 of the largest flow: round-off level, i.e. occluded or dead-end branches.
  const qTiny = 1e-12 * qMax
  const outSegs: number[][] = Array.from({ length: n }, () => [])
  const inSegs: number[][] = Array.from({ length: n }, () => [])
  g.segments.forEach((s, i) => {
    if (absQ[i] <= qTiny) return
    const fwd = flow.flowM3PerS[i] > 0
    outSegs[fwd ? s.from : s.to].push(i)
    inSegs[fwd ? s.to : s.from].push(i)
  })
  const p = flow.pressurePa
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b] - p[a])
  return { order, outSegs, inSegs, absQ, qTiny }
}

/** Downstream node of a flowing segment. */
export const downstreamNode = (g: VascularGraph, flow: FlowResult, s: number): number =>
  flow.flowM3PerS[s] >= 0 ? g.segments[s].to : g.segments[s].from

/** Outcome of one distribution. */
export interface Distribution {
  /** Volume deposited per segment (m³). */
  readonly deposit: Float64Array
  /** Volume that crossed beds through precapillaries larger than the particles (venous shunt). */
  readonly passedThroughM3: number
  /** Volume no sink could accept (it refluxes). */
  readonly leftoverM3: number
}

/**
 * Spreads `volumeM3` of particle suspension entering `start` segments (weights normalised) downstream.
 * `remaining` is each segment's remaining capacity (m³); it is not modified.
 */
export function distributeParticles(
  g: VascularGraph,
  flow: FlowResult,
  topo: FlowTopology,
  agent: SizedAgent,
  start: readonly { seg: number; weight: number }[],
  volumeM3: number,
  remaining: Float64Array,
): Distribution {
  const nSeg = g.segments.length
  const share = new Float64Array(nSeg)
  const nodeShare = new Float64Array(g.nodes.length)
  const isStart = new Uint8Array(nSeg)
  const wSum = start.reduce((a, s) => a + s.weight, 0)
  const deposit = new Float64Array(nSeg)
  if (!(wSum > 0) || !(volumeM3 > 0)) return { deposit, passedThroughM3: 0, leftoverM3: volumeM3 }
  for (const s of start) {
    share[s.seg] += s.weight / wSum
    isStart[s.seg] = 1
  }
  const lodged = new Float64Array(nSeg)
  let passed = 0
  const settle = (s: number): void => {
    const seg = g.segments[s]
    const lumen = seg.territory ? seg.territory.precapillaryDiameterM : 2 * seg.radiusM
    const lam = lodgedFraction(agent, lumen)
    lodged[s] = lam * share[s]
    const onward = (1 - lam) * share[s]
    if (seg.territory) passed += onward
    else nodeShare[downstreamNode(g, flow, s)] += onward
  }
  // Start segments carry their load to their downstream node; the rest follow in topological order.
  for (const s of start) if (topo.absQ[s.seg] > topo.qTiny) settle(s.seg)
  for (const n of topo.order) {
    if (!(nodeShare[n] > 0)) continue
    const outs = topo.outSegs[n]
    let qOut = 0
    for (const o of outs) if (!isStart[o]) qOut += topo.absQ[o]
    if (!(qOut > 0)) continue
    for (const o of outs) {
      if (isStart[o]) continue
      share[o] = (nodeShare[n] * topo.absQ[o]) / qOut
      settle(o)
    }
  }
  // Water filling over sinks.
  let toPlace = 0
  const demand = new Float64Array(nSeg)
  for (let s = 0; s < nSeg; s++) demand[s] = lodged[s] * volumeM3
  for (let pass = 0; pass < 16; pass++) {
    toPlace = 0
    let openDemand = 0
    for (let s = 0; s < nSeg; s++) {
      if (!(demand[s] > 0)) continue
      const room = remaining[s] - deposit[s]
      const put = Math.min(demand[s], Math.max(0, room))
      deposit[s] += put
      toPlace += demand[s] - put
      demand[s] = 0
      if (remaining[s] - deposit[s] > 0) openDemand += lodged[s]
    }
    if (!(toPlace > 1e-18) || !(openDemand > 0)) break
    for (let s = 0; s < nSeg; s++) {
      if (lodged[s] > 0 && remaining[s] - deposit[s] > 0) {
        demand[s] = (toPlace * lodged[s]) / openDemand
      }
    }
  }
  return { deposit, passedThroughM3: passed * volumeM3, leftoverM3: toPlace }
}
