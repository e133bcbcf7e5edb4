/**
 * Safety and outcome of an embolization plan (FACTS.md §5.2–5.3): critical errors for spinal-cord supply
 * (radiculomedullary / Adamkiewicz / ASA) and aortic reflux, devascularization grade, surgery timing.
 */
import type { CatheterTip } from './contrast'
import type { DeliveryResult, EmbolizationState } from './deliverEmbolic'
import { flowTopology, downstreamNode } from './distributeParticles'
import type { FlowResult } from './flow'
import type { TerritoryKind, VascularGraph, VesselKind } from './vascularGraph'

/** One finding, shown to the trainee with its reason. */
export interface SafetyFinding {
  readonly severity: 'critical' | 'warning' | 'info'
  readonly code:
    | 'spinalCordSupplyDownstream'
    | 'spinalCordSupplyEmbolized'
    | 'spinalCordSupplyCut'
    | 'sameLevelAsAdamkiewicz'
    | 'aorticReflux'
    | 'nonTargetEmbolization'
  readonly message: string
  /** Segments concerned. */
  readonly segments: readonly number[]
}

/** Thresholds [U] unless noted. */
export interface SafetyParams {
  /** Devascularization counted as successful (FACTS §5.2: > 70 % stain obliteration [V]). */
  readonly adequatePct: number
  /** "Complete" (no residual stain) [U] 95 %. */
  readonly completePct: number
  /** Flow loss in a cord-supply vessel treated as cutting it [U] 50 %. */
  readonly cordFlowLossPct: number
  /** Flow loss in a non-target territory reported as non-target embolization [U] 20 %. */
  readonly nonTargetFlowLossPct: number
}

/** Default thresholds. */
export const DEFAULT_SAFETY_PARAMS: SafetyParams = {
  adequatePct: 70,
  completePct: 95,
  cordFlowLossPct: 50,
  nonTargetFlowLossPct: 20,
}

const CORD_KINDS: ReadonlySet<VesselKind> = new Set([
  'radiculomedullary',
  'adamkiewicz',
  'anteriorSpinal',
])

/** Whether a segment supplies the spinal cord (radiculomedullary, AKA, ASA or a cord territory). */
export function isCordSupply(g: VascularGraph, s: number): boolean {
  const seg = g.segments[s]
  return CORD_KINDS.has(seg.kind) || seg.territory?.kind === 'spinalCord'
}

/** Segments reached by flow downstream of the tip (including the tip segment). */
export function downstreamOf(g: VascularGraph, flow: FlowResult, tip: CatheterTip): number[] {
  const topo = flowTopology(g, flow)
  const seen = new Uint8Array(g.segments.length)
  const stack = [tip.segment]
  const out: number[] = []
  while (stack.length > 0) {
    const s = stack.pop() as number
    if (seen[s]) continue
    seen[s] = 1
    out.push(s)
    if (topo.absQ[s] <= topo.qTiny) continue
    for (const o of topo.outSegs[downstreamNode(g, flow, s)]) stack.push(o)
  }
  return out
}

/**
 * Pre-delivery check of a catheter position: critical if any cord-supply vessel fills from the tip (the
 * plan is refused); warning if the tip is at the level and side of a radiculomedullary feeder
 * (high risk, Pol J Radiol 2020 [V]) even when it does not fill.
 */
export function checkCatheterPosition(
  g: VascularGraph,
  flow: FlowResult,
  tip: CatheterTip,
): SafetyFinding[] {
  const findings: SafetyFinding[] = []
  const cord = downstreamOf(g, flow, tip).filter(
    (s) => isCordSupply(g, s) && g.segments[s].kind !== 'territory',
  )
  if (cord.length > 0) {
    findings.push({
      severity: 'critical',
      code: 'spinalCordSupplyDownstream',
      message: `Embolization refused: ${g.segments[cord[0]].name} fills from this catheter position (spinal cord supply; occluding it is a contraindication).`,
      segments: cord,
    })
  }
  const t = g.segments[tip.segment]
  const sameLevel = g.segments.flatMap((s, i) =>
    (s.kind === 'adamkiewicz' || s.kind === 'radiculomedullary') &&
    s.level === t.level &&
    s.side === t.side
      ? [i]
      : [],
  )
  if (cord.length === 0 && sameLevel.length > 0 && t.level !== undefined) {
    findings.push({
      severity: 'warning',
      code: 'sameLevelAsAdamkiewicz',
      message: `The ${t.side === 'L' ? 'left' : 'right'} ${t.level} segmental artery also gives a radiculomedullary branch: high risk, keep the tip distal and watch for reflux.`,
      segments: sameLevel,
    })
  }
  return findings
}

/** A non-target territory that lost flow or received embolic material. */
export interface NonTargetTerritory {
  readonly segment: number
  readonly kind: TerritoryKind
  readonly flowLossPct: number
  readonly embolicM3: number
}

/** Assessment after delivery. */
export interface EmbolizationAssessment {
  /** 100 × (1 − bed flow after / before), over tumour beds. */
  readonly devascularizationPct: number
  readonly grade: 'complete' | 'adequate' | 'partial'
  readonly findings: readonly SafetyFinding[]
  readonly hasCriticalError: boolean
  /** Non-target territories with flow loss (%), by kind. */
  readonly nonTarget: readonly NonTargetTerritory[]
  readonly timingAdvice: string
}

/** Flow loss (%) along the baseline direction: a reversed flow (steal) counts as a 100 % loss. */
const lossPct = (before: number, after: number): number => {
  const b = Math.abs(before)
  if (!(b > 0)) return 0
  return 100 * Math.min(1, Math.max(0, 1 - (after * Math.sign(before)) / b))
}

/**
 * Grades a plan: compares the unembolized `baseline` flow with the final state, and scans every delivery
 * for cord-supply deposits and aortic reflux.
 */
export function assessEmbolization(
  g: VascularGraph,
  baseline: FlowResult,
  final: FlowResult,
  state: EmbolizationState,
  deliveries: readonly DeliveryResult[],
  params: SafetyParams = DEFAULT_SAFETY_PARAMS,
): EmbolizationAssessment {
  const findings: SafetyFinding[] = []
  let bedBefore = 0
  let bedAfter = 0
  const nonTarget: NonTargetTerritory[] = []
  const cordEmbolized: number[] = []
  const cordCut: number[] = []
  g.segments.forEach((s, i) => {
    const qb = baseline.flowM3PerS[i]
    const qa = final.flowM3PerS[i]
    if (s.territory?.kind === 'tumour') {
      bedBefore += Math.abs(qb)
      bedAfter += Math.max(0, qa * Math.sign(qb))
    } else if (
      s.territory &&
      s.territory.kind !== 'systemic' &&
      s.territory.kind !== 'cranialAsa'
    ) {
      const loss = lossPct(qb, qa)
      if (loss >= params.nonTargetFlowLossPct || state.embolicM3[i] > 0) {
        nonTarget.push({
          segment: i,
          kind: s.territory.kind,
          flowLossPct: loss,
          embolicM3: state.embolicM3[i],
        })
      }
    }
    if (!isCordSupply(g, i)) return
    if (state.embolicM3[i] > 0) cordEmbolized.push(i)
    else if (
      s.kind !== 'territory' &&
      s.kind !== 'anteriorSpinal' &&
      lossPct(qb, qa) >= params.cordFlowLossPct
    ) {
      cordCut.push(i)
    }
  })
  if (cordEmbolized.length > 0) {
    findings.push({
      severity: 'critical',
      code: 'spinalCordSupplyEmbolized',
      message: `Non-target embolization of the spinal cord supply (${g.segments[cordEmbolized[0]].name}): risk of cord infarction.`,
      segments: cordEmbolized,
    })
  }
  if (cordCut.length > 0) {
    findings.push({
      severity: 'critical',
      code: 'spinalCordSupplyCut',
      message: `The inflow of ${g.segments[cordCut[0]].name} was occluded upstream: its flow fell by ≥ ${params.cordFlowLossPct} %.`,
      segments: cordCut,
    })
  }
  const aortic = deliveries.filter((d) => d.refluxReachedAorta)
  if (aortic.length > 0) {
    findings.push({
      severity: 'critical',
      code: 'aorticReflux',
      message: `Embolic reflux reached the aorta (${(aortic.reduce((a, d) => a + d.systemicM3, 0) * 1e6).toFixed(2)} mL): systemic non-target embolization.`,
      segments: aortic.flatMap((d) => d.refluxPath),
    })
  }
  for (const n of nonTarget) {
    findings.push({
      severity: 'warning',
      code: 'nonTargetEmbolization',
      message: `Non-target ${n.kind} territory (${g.segments[n.segment].name}): flow −${n.flowLossPct.toFixed(0)} %, ${(n.embolicM3 * 1e9).toFixed(0)} µL of embolic.`,
      segments: [n.segment],
    })
  }
  const devascularizationPct = lossPct(bedBefore, bedAfter)
  const grade =
    devascularizationPct >= params.completePct
      ? 'complete'
      : devascularizationPct >= params.adequatePct
        ? 'adequate'
        : 'partial'
  return {
    devascularizationPct,
    grade,
    findings,
    hasCriticalError: findings.some((f) => f.severity === 'critical'),
    nonTarget,
    timingAdvice: timingAdvice(grade),
  }
}

/** Surgery-timing advice after pre-operative embolization (FACTS.md §5.2). */
export function timingAdvice(grade: 'complete' | 'adequate' | 'partial'): string {
  switch (grade) {
    case 'complete':
      return 'Complete devascularization: operate within 24 h (early surgery saved 233 mL, Yuh 2023; 596 mL at < 1 day, 2025 meta-analysis).'
    case 'adequate':
      return 'More than 70 % devascularization (blood loss 460 vs 750 mL in RCC): surgery within 24 h or at 36–120 h gave similar blood loss with PVA; earlier is reasonable.'
    case 'partial':
      return 'Less than 70 % devascularization: the blood-loss benefit is doubtful; consider further feeders before surgery.'
  }
}
