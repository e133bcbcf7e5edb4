/**
 * Steady 1-D network flow (Hagen–Poiseuille). Each vessel segment is a resistance R = 8μL/(πr⁴); lumped
 * territories carry a given resistance; fixed-pressure nodes are the boundary conditions (aortic inlet,
 * venous outlets, cranial ASA supply). Flow conservation Σ Q = 0 at every free node gives a weighted graph
 * Laplacian in the nodal pressures, solved directly (`solveGraphLaplacian`). SI units: Pa, m³/s, Pa·s.
 */
import { type LaplacianEdge, solveGraphLaplacian } from './solveGraphLaplacian'
import { type VascularGraph, segmentLengthM } from './vascularGraph'

/** Rheology options. */
export interface FlowParams {
  /** Whole-blood viscosity (Pa·s) used when `fahraeusLindqvist` is off [U] 3.5 mPa·s. */
  readonly bloodViscosityPaS: number
  /** Apply the Fåhræus–Lindqvist diameter dependence (Pries 1992) instead of a constant viscosity. */
  readonly fahraeusLindqvist: boolean
  /** Plasma viscosity (Pa·s) for the Pries formula [U] 1.2 mPa·s. */
  readonly plasmaViscosityPaS: number
}

/** Default rheology: constant 3.5 mPa·s (large-vessel blood, Ht ≈ 0.45) [U]. */
export const DEFAULT_FLOW_PARAMS: FlowParams = {
  bloodViscosityPaS: 3.5e-3,
  fahraeusLindqvist: false,
  plasmaViscosityPaS: 1.2e-3,
}

/**
 * Relative apparent viscosity of blood at discharge haematocrit 0.45 in a tube of diameter D (Pries et
 * al., Am J Physiol 1992;263:H1770, in-vitro fit): μ_rel = 220·e^(−1.3D) + 3.2 − 2.44·e^(−0.06·D^0.645),
 * D in µm. Tends to 3.2 for large tubes and has its minimum (~1.3) near 7 µm.
 */
export function fahraeusLindqvistRelative(diameterM: number): number {
  const dUm = diameterM * 1e6
  return 220 * Math.exp(-1.3 * dUm) + 3.2 - 2.44 * Math.exp(-0.06 * dUm ** 0.645)
}

/** Effective viscosity (Pa·s) in a vessel of radius `radiusM` under `params`. */
export function viscosityPaS(radiusM: number, params: FlowParams): number {
  return params.fahraeusLindqvist
    ? params.plasmaViscosityPaS * fahraeusLindqvistRelative(2 * radiusM)
    : params.bloodViscosityPaS
}

/** Hagen–Poiseuille resistance R = 8μL/(πr⁴) in Pa·s/m³. */
export function poiseuilleResistance(viscPaS: number, lengthM: number, radiusM: number): number {
  return (8 * viscPaS * lengthM) / (Math.PI * radiusM ** 4)
}

/** Result of a flow solve. Flow is positive from a segment's `from` node to its `to` node. */
export interface FlowResult {
  /** Nodal pressures (Pa). Nodes cut off from every boundary read 0. */
  readonly pressurePa: Float64Array
  /** Segment flows (m³/s), signed. */
  readonly flowM3PerS: Float64Array
  /** Segment conductances actually used (m³/(Pa·s)), after occlusion. */
  readonly conductance: Float64Array
}

/**
 * Baseline resistance of every segment (Pa·s/m³): Poiseuille for vessels, the lumped value for
 * territories.
 */
export function segmentResistances(
  g: VascularGraph,
  params: FlowParams = DEFAULT_FLOW_PARAMS,
): Float64Array {
  const res = new Float64Array(g.segments.length)
  g.segments.forEach((s, i) => {
    res[i] =
      s.resistancePaSPerM3 ??
      poiseuilleResistance(viscosityPaS(s.radiusM, params), segmentLengthM(g, i), s.radiusM)
  })
  return res
}

/**
 * Solves the steady flow. `patency` (optional, per segment in [0, 1]) scales each conductance:
 * 1 = open, 0 = fully occluded (progressive embolization lowers it).
 */
export function solveNetworkFlow(
  g: VascularGraph,
  params: FlowParams = DEFAULT_FLOW_PARAMS,
  patency?: Float64Array,
  resistances: Float64Array = segmentResistances(g, params),
): FlowResult {
  const nSeg = g.segments.length
  const conductance = new Float64Array(nSeg)
  const edges: LaplacianEdge[] = []
  for (let i = 0; i < nSeg; i++) {
    const s = g.segments[i]
    const c = (patency ? patency[i] : 1) / resistances[i]
    conductance[i] = c
    edges.push({ a: s.from, b: s.to, g: c })
  }
  const fixed = new Float64Array(g.nodes.length)
  g.nodes.forEach((n, i) => (fixed[i] = n.fixedPressurePa ?? Number.NaN))
  const pressurePa = solveGraphLaplacian(g.nodes.length, edges, fixed)
  const flowM3PerS = new Float64Array(nSeg)
  for (let i = 0; i < nSeg; i++) {
    const s = g.segments[i]
    flowM3PerS[i] = conductance[i] * (pressurePa[s.from] - pressurePa[s.to])
  }
  return { pressurePa, flowM3PerS, conductance }
}

/**
 * Net flow imbalance at each node (inflow − outflow, m³/s) and the sum of |flows| through it, for
 * conservation checks. Fixed-pressure nodes are boundary nodes and may be unbalanced.
 */
export function nodeFlowBalance(
  g: VascularGraph,
  flow: FlowResult,
): { net: Float64Array; throughput: Float64Array } {
  const net = new Float64Array(g.nodes.length)
  const throughput = new Float64Array(g.nodes.length)
  g.segments.forEach((s, i) => {
    const q = flow.flowM3PerS[i]
    net[s.from] -= q
    net[s.to] += q
    throughput[s.from] += Math.abs(q)
    throughput[s.to] += Math.abs(q)
  })
  return { net, throughput }
}
