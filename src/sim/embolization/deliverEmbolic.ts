/**
 * Delivery of an embolic agent at the catheter tip and its effect on the network: progressive particle
 * occlusion with flow re-solved between increments, glue casts by polymerisation time, coils, and reflux
 * when the downstream bed accepts no more. Returns a new state (inputs are not mutated).
 */
import type { CatheterTip } from './contrast'
import { computeContrastTransport } from './contrast'
import { distributeParticles, flowTopology } from './distributeParticles'
import {
  type EmbolicAgent,
  GLUE_POLYMERISATION,
  type GlueAgent,
  type GluePolymerisation,
  type SizedAgent,
  gluePolymerisationTimeS,
} from './embolicAgents'
import {
  DEFAULT_FLOW_PARAMS,
  type FlowParams,
  type FlowResult,
  segmentResistances,
  solveNetworkFlow,
} from './flow'
import { type VascularGraph, segmentVolumeM3 } from './vascularGraph'

/** Embolic load and patency of every segment. */
export interface EmbolizationState {
  /** Conductance multiplier per segment: 1 open … 0 occluded. */
  readonly patency: Float64Array
  /** Embolic volume deposited per segment (m³ of suspension / glue). */
  readonly embolicM3: Float64Array
}

/** A fresh, fully patent state. */
export function createEmbolizationState(g: VascularGraph): EmbolizationState {
  return {
    patency: new Float64Array(g.segments.length).fill(1),
    embolicM3: new Float64Array(g.segments.length),
  }
}

/** Delivery model parameters. */
export interface DeliveryParams {
  readonly flow: FlowParams
  /** Particle suspension a bed accepts per unit tissue volume (m³/m³) [U]. */
  readonly bedCapacityPerTissueVolume: number
  /** Suspension volume that plugs a vessel where particles lodge, as a multiple of its lumen [U]. */
  readonly vesselCapacityFactor: number
  /** Flow re-solves during a particle delivery (progressive occlusion). */
  readonly increments: number
  readonly glue: GluePolymerisation
}

/** Defaults [U]: a bed takes 5 % of its tissue volume in suspension (≈ 1.7 mL for a 20 mm tumour). */
export const DEFAULT_DELIVERY_PARAMS: DeliveryParams = {
  flow: DEFAULT_FLOW_PARAMS,
  bedCapacityPerTissueVolume: 0.05,
  vesselCapacityFactor: 2,
  increments: 24,
  glue: GLUE_POLYMERISATION,
}

/** Outcome of one delivery. */
export interface DeliveryResult {
  readonly state: EmbolizationState
  readonly agent: EmbolicAgent
  readonly tip: CatheterTip
  readonly deliveredM3: number
  /** Deposited downstream of the tip (the intended territory). */
  readonly acceptedM3: number
  /** Left the tip retrogradely (into the parent and beyond). */
  readonly refluxM3: number
  /** Reflux deposited in side branches of the parent vessels (non-target). */
  readonly refluxDepositM3: number
  readonly refluxReachedAorta: boolean
  /** Volume that escaped into the aorta (systemic non-target embolization). */
  readonly systemicM3: number
  /** Particles smaller than bed precapillaries that crossed to the veins (shunting). */
  readonly passedThroughM3: number
  /** Segments walked up by the reflux, from the tip's parent towards the aorta. */
  readonly refluxPath: readonly number[]
  /** Segments that received material in this delivery (including beds). */
  readonly embolizedSegments: readonly number[]
  readonly flowBefore: FlowResult
  readonly flowAfter: FlowResult
}

function capacityM3(g: VascularGraph, s: number, p: DeliveryParams): number {
  const t = g.segments[s].territory
  return t
    ? t.tissueVolumeM3 * p.bedCapacityPerTissueVolume
    : p.vesselCapacityFactor * segmentVolumeM3(g, s)
}

const isAorticNode = (g: VascularGraph, n: number): boolean =>
  g.segments.some((s) => s.kind === 'aorta' && (s.from === n || s.to === n))

interface Work {
  readonly g: VascularGraph
  readonly p: DeliveryParams
  readonly patency: Float64Array
  readonly emb: Float64Array
  readonly touched: Set<number>
  readonly path: number[]
  reflux: number
  accepted: number
  refluxDeposit: number
  systemic: number
  passed: number
  reachedAorta: boolean
}

/** Upstream node of a segment under `flow`; by orientation (parent `from`) when it is stagnant. */
function upstreamNode(g: VascularGraph, flow: FlowResult, s: number): number {
  const q = flow.flowM3PerS[s]
  let qMax = 0
  for (const v of flow.flowM3PerS) qMax = Math.max(qMax, Math.abs(v))
  // Same stagnation threshold as `flowTopology`.
  return q < -1e-12 * qMax ? g.segments[s].to : g.segments[s].from
}

/**
 * Parent segment of a node by the graph's orientation (segments run parent `from` → child `to`), skipping
 * territories and already-walked segments; an ASA segment only if nothing else feeds the node.
 */
function parentSegment(g: VascularGraph, node: number, walked: ReadonlySet<number>): number {
  let asa = -1
  for (let i = 0; i < g.segments.length; i++) {
    const s = g.segments[i]
    if (s.to !== node || s.territory || walked.has(i)) continue
    if (s.kind !== 'anteriorSpinal') return i
    asa = i
  }
  return asa
}

function deposit(w: Work, s: number, v: number): void {
  if (!(v > 0)) return
  w.emb[s] += v
  w.touched.add(s)
  w.patency[s] = Math.max(0, 1 - w.emb[s] / capacityM3(w.g, s, w.p))
}

/** Particles: reflux spreads into the other branches at each parent junction, then climbs. */
function refluxParticles(
  w: Work,
  flow: FlowResult,
  agent: SizedAgent,
  tip: number,
  v: number,
): void {
  const { g } = w
  const topo = flowTopology(g, flow)
  let node = upstreamNode(g, flow, tip)
  let from = tip
  let left = v
  const walked = new Set<number>()
  w.reflux += v
  for (let guard = 0; guard < g.segments.length && left > 0; guard++) {
    if (isAorticNode(g, node)) {
      w.reachedAorta = true
      w.systemic += left
      return
    }
    const starts = topo.outSegs[node]
      .filter((s) => s !== from)
      .map((s) => ({ seg: s, weight: topo.absQ[s] }))
    const remaining = new Float64Array(g.segments.length)
    for (let s = 0; s < remaining.length; s++) remaining[s] = capacityM3(g, s, w.p) - w.emb[s]
    const d = distributeParticles(g, flow, topo, agent, starts, left, remaining)
    d.deposit.forEach((x, s) => deposit(w, s, x))
    w.refluxDeposit += left - d.leftoverM3 - d.passedThroughM3
    w.passed += d.passedThroughM3
    left = d.leftoverM3
    walked.add(from)
    const parent = parentSegment(g, node, walked)
    if (parent < 0) return
    if (!w.path.includes(parent)) w.path.push(parent)
    from = parent
    node = g.segments[parent].from
  }
}

function deliverParticles(w: Work, tip: CatheterTip, agent: SizedAgent, volumeM3: number): void {
  const { g, p } = w
  const resist = segmentResistances(g, p.flow)
  const dV = volumeM3 / p.increments
  for (let k = 0; k < p.increments; k++) {
    const flow = solveNetworkFlow(g, p.flow, w.patency, resist)
    const topo = flowTopology(g, flow)
    let left = dV
    if (topo.absQ[tip.segment] > topo.qTiny) {
      const remaining = new Float64Array(g.segments.length)
      for (let s = 0; s < remaining.length; s++) remaining[s] = capacityM3(g, s, p) - w.emb[s]
      const d = distributeParticles(
        g,
        flow,
        topo,
        agent,
        [{ seg: tip.segment, weight: 1 }],
        dV,
        remaining,
      )
      d.deposit.forEach((x, s) => deposit(w, s, x))
      w.passed += d.passedThroughM3
      w.accepted += dV - d.leftoverM3 - d.passedThroughM3
      left = d.leftoverM3
    }
    if (left > 1e-15 * volumeM3) refluxParticles(w, flow, agent, tip.segment, left)
  }
}

/** Glue: casts every downstream segment reached within the polymerisation time, in arrival order. */
function deliverGlue(w: Work, tip: CatheterTip, agent: GlueAgent, volumeM3: number): void {
  const { g, p } = w
  const flow = solveNetworkFlow(g, p.flow, w.patency)
  const tr = computeContrastTransport(g, flow, { tip, rateM3PerS: 1e-12, durationS: 0 })
  const tPoly = gluePolymerisationTimeS(agent, p.glue)
  const reached = g.segments
    .map((_, s) => s)
    .filter((s) => tr.concentration[s] > 0 && tr.arrivalS[s] < tPoly)
    .sort((a, b) => tr.arrivalS[a] - tr.arrivalS[b])
  let left = volumeM3
  for (const s of reached) {
    if (!(left > 0)) break
    if (g.segments[s].territory) {
      const put = Math.min(left, capacityM3(g, s, p) - w.emb[s])
      deposit(w, s, put)
      left -= Math.max(0, put)
      continue
    }
    const frac = Math.min(1, (tPoly - tr.arrivalS[s]) / Math.max(tr.transitS[s], 1e-12))
    const lumen = (tr.extentEnd[s] - tr.extentStart[s]) * segmentVolumeM3(g, s)
    const put = Math.min(left, frac * lumen)
    w.emb[s] += put
    w.touched.add(s)
    // Any cast plugs the lumen: glue is occlusive where it polymerises.
    w.patency[s] = 0
    left -= put
  }
  w.accepted += volumeM3 - left
  if (!(left > 1e-15 * volumeM3)) return
  // Excess glue refluxes along the catheter: it fills the tip's upstream column, then each parent's
  // lumen, occluding them, until it reaches the aorta.
  w.reflux += left
  const u = flow.flowM3PerS[tip.segment] >= 0 ? tip.positionFraction : 1 - tip.positionFraction
  left -= u * segmentVolumeM3(g, tip.segment)
  let node = upstreamNode(g, flow, tip.segment)
  const walked = new Set<number>([tip.segment])
  while (left > 0) {
    if (isAorticNode(g, node)) {
      w.reachedAorta = true
      w.systemic += left
      return
    }
    const parent = parentSegment(g, node, walked)
    if (parent < 0) return
    walked.add(parent)
    w.path.push(parent)
    w.patency[parent] = 0
    const put = Math.min(left, segmentVolumeM3(g, parent))
    w.emb[parent] += put
    w.refluxDeposit += put
    w.touched.add(parent)
    left -= put
    node = g.segments[parent].from
  }
}

/**
 * Delivers `volumeM3` of `agent` at `tip` into a network in `state`. Particles and gelatin sponge are
 * delivered in `params.increments` steps with the flow re-solved between them (progressive occlusion);
 * glue casts by polymerisation time; a coil occludes the tip segment (volume ignored).
 */
export function deliverEmbolic(
  g: VascularGraph,
  state: EmbolizationState,
  tip: CatheterTip,
  agent: EmbolicAgent,
  volumeM3: number,
  params: DeliveryParams = DEFAULT_DELIVERY_PARAMS,
): DeliveryResult {
  const w: Work = {
    g,
    p: params,
    patency: state.patency.slice(),
    emb: state.embolicM3.slice(),
    touched: new Set(),
    path: [],
    reflux: 0,
    accepted: 0,
    refluxDeposit: 0,
    systemic: 0,
    passed: 0,
    reachedAorta: false,
  }
  const flowBefore = solveNetworkFlow(g, params.flow, state.patency)
  switch (agent.kind) {
    case 'particles':
    case 'gelatinSponge':
      deliverParticles(w, tip, agent, volumeM3)
      break
    case 'glue':
      deliverGlue(w, tip, agent, volumeM3)
      break
    case 'coil':
      w.patency[tip.segment] = 0
      w.touched.add(tip.segment)
      break
  }
  const flowAfter = solveNetworkFlow(g, params.flow, w.patency)
  return {
    state: { patency: w.patency, embolicM3: w.emb },
    agent,
    tip,
    deliveredM3: volumeM3,
    acceptedM3: w.accepted,
    refluxM3: w.reflux,
    refluxDepositM3: w.refluxDeposit,
    refluxReachedAorta: w.reachedAorta,
    systemicM3: w.systemic,
    passedThroughM3: w.passed,
    refluxPath: w.path,
    embolizedSegments: [...w.touched].sort((a, b) => a - b),
    flowBefore,
    flowAfter,
  }
}
