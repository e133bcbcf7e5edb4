/**
 * One embolization on the case graph: baseline flow, the catheter-position safety check, the angiogram,
 * progressive delivery of the agent in chunks (for the devascularization-vs-volume curve), the control
 * angiogram and the assessment. Pure; SI inside, mL and % in the summary.
 */
import {
  type CatheterTip,
  type ContrastTransport,
  DEFAULT_DELIVERY_PARAMS,
  type DeliveryResult,
  type EmbolicAgent,
  type EmbolizationAssessment,
  type EmbolizationState,
  type FlowResult,
  type SafetyFinding,
  assessEmbolization,
  checkCatheterPosition,
  computeContrastTransport,
  createEmbolizationState,
  deliverEmbolic,
  downstreamOf,
  solveNetworkFlow,
} from '../../../sim/embolization'
import type { CaseGraph } from './caseGraph'

/** Injection for the angiogram [U]: hand injection through a microcatheter. */
export const DSA_INJECTION = { rateMlPerS: 1, durationS: 2, runS: 12 } as const

/** One point of the delivery curve. */
export interface DeliveryStep {
  readonly injectedMl: number
  readonly devascularizationPct: number
  readonly tumourFlowPct: number
  readonly refluxMl: number
}

/** Everything the result is made from. */
export interface EmbolizationRun {
  readonly flowBefore: FlowResult
  readonly flowAfter: FlowResult
  readonly positionFindings: readonly SafetyFinding[]
  readonly refused: boolean
  readonly transport: ContrastTransport
  readonly transportAfter: ContrastTransport | null
  readonly state: EmbolizationState | null
  readonly deliveries: readonly DeliveryResult[]
  readonly assessment: EmbolizationAssessment | null
  readonly steps: readonly DeliveryStep[]
  readonly filling: readonly number[]
}

const tumourFlow = (cg: CaseGraph, f: FlowResult): number =>
  cg.tumourBeds.reduce((a, s) => a + Math.max(0, f.flowM3PerS[s]!), 0)

/**
 * Runs the embolization. `chunks` splits the delivered volume to sample the curve; `onChunk` reports
 * progress and returns false to stop.
 */
export function runEmbolization(
  cg: CaseGraph,
  tip: CatheterTip,
  agent: EmbolicAgent,
  volumeMl: number,
  chunks: number,
  onChunk: (k: number) => boolean,
  prior: EmbolizationState | null = null,
): EmbolizationRun {
  const g = cg.graph
  const flowBefore = solveNetworkFlow(g)
  const flowNow = prior ? solveNetworkFlow(g, undefined, prior.patency) : flowBefore
  const positionFindings = checkCatheterPosition(g, flowNow, tip)
  const refused = positionFindings.some((f) => f.severity === 'critical')
  const injection = {
    tip,
    rateM3PerS: DSA_INJECTION.rateMlPerS * 1e-6,
    durationS: DSA_INJECTION.durationS,
  }
  const transport = computeContrastTransport(g, flowNow, injection)
  const filling = downstreamOf(g, flowNow, tip)
  if (refused) {
    return {
      flowBefore,
      flowAfter: flowNow,
      positionFindings,
      refused,
      transport,
      transportAfter: null,
      state: prior,
      deliveries: [],
      assessment: null,
      steps: [],
      filling,
    }
  }
  const n = agent.kind === 'coil' ? 1 : Math.max(1, Math.round(chunks))
  const params = {
    ...DEFAULT_DELIVERY_PARAMS,
    increments: Math.max(2, Math.round(DEFAULT_DELIVERY_PARAMS.increments / n)),
  }
  let state = prior ?? createEmbolizationState(g)
  const deliveries: DeliveryResult[] = []
  const q0 = tumourFlow(cg, flowBefore)
  const steps: DeliveryStep[] = [
    {
      injectedMl: 0,
      devascularizationPct: 100 * (1 - tumourFlow(cg, flowNow) / (q0 || 1)),
      tumourFlowPct: (100 * tumourFlow(cg, flowNow)) / (q0 || 1),
      refluxMl: 0,
    },
  ]
  let reflux = 0
  for (let k = 0; k < n; k++) {
    if (!onChunk(k / n)) throw new StopRun()
    const d = deliverEmbolic(g, state, tip, agent, (volumeMl * 1e-6) / n, params)
    deliveries.push(d)
    state = d.state
    reflux += d.refluxM3
    const q = tumourFlow(cg, d.flowAfter)
    steps.push({
      injectedMl: (volumeMl * (k + 1)) / n,
      devascularizationPct: 100 * Math.max(0, 1 - q / (q0 || 1)),
      tumourFlowPct: (100 * q) / (q0 || 1),
      refluxMl: reflux * 1e6,
    })
  }
  const flowAfter = solveNetworkFlow(g, undefined, state.patency)
  const assessment = assessEmbolization(g, flowBefore, flowAfter, state, deliveries)
  return {
    flowBefore,
    flowAfter,
    positionFindings,
    refused,
    transport,
    transportAfter: computeContrastTransport(g, flowAfter, injection),
    state,
    deliveries,
    assessment,
    steps,
    filling,
  }
}

/** Thrown when the progress callback asks to stop. */
export class StopRun extends Error {}
