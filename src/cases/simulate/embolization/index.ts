/**
 * The embolization procedure's simulation: the catheter on the case's arterial graph, the angiogram
 * (DSA) from its tip, delivery of the agent with reflux, devascularization of the tumour bed, non-target
 * territories and the spinal-cord safety rules (FACTS.md §5). Catheters earlier in the plan are
 * embolized first, so a second catheter sees what the first left. Pure.
 */
import type { Device, DeviceOf, Plan } from '../../../plan'
import { type EmbolizationState, segmentOpacities } from '../../../sim/embolization'
import { SimCancelled, type SimulateFn } from '../types'
import { agentName, simAgent } from './agents'
import { caseGraphFor } from './cachedGraph'
import type { CaseGraph } from './caseGraph'
import { resolveTip } from './catheterTip'
import { buildResult } from './result'
import { StopRun, runEmbolization } from './runEmbolization'

export type { EmbolizationDetail } from './detail'
export { buildCaseGraph } from './buildCaseGraph'
export { cachedCaseGraph, caseGraphFor } from './cachedGraph'
export { TRACED_RADIUS_MM, parseTracedVessels, volumeWithTraced } from './traced'
export type { TracedVessel } from './traced'
export { resolveTip, catheterPath } from './catheterTip'
export { catheterTargets, branchTarget, pointAlong } from './targets'
export type { CatheterTarget } from './targets'
export { isEmbolizationDetail } from './detail'
export { dsaImage } from './dsaImage'

type Catheter = DeviceOf<'embolizationCatheter'>

const isCatheter = (d: Device): d is Catheter => d.kind === 'embolizationCatheter'

/** Delivers the catheters placed before `device` (refused or unplaceable ones are skipped). */
function priorState(cg: CaseGraph, plan: Plan, device: Catheter): EmbolizationState | null {
  let state: EmbolizationState | null = null
  for (const d of plan.devices) {
    if (d.id === device.id) break
    if (!isCatheter(d)) continue
    try {
      const rt = resolveTip(cg, d.tipMm, d.vesselId)
      const run = runEmbolization(cg, rt.tip, simAgent(d.agent), d.volumeMl, 1, () => true, state)
      if (!run.refused && run.state) state = run.state
    } catch {
      // A catheter that cannot be placed embolizes nothing; its own run reports why.
    }
  }
  return state
}

/** Simulates one embolization catheter of the plan. */
export const simulateEmbolization: SimulateFn = (volume, plan, device, options, ctx) => {
  const t0 = Date.now()
  if (!isCatheter(device)) {
    return Promise.reject(new Error(`${device.label} is not an embolization catheter.`))
  }
  try {
    if (!ctx.progress(0, 'Building the arterial graph')) throw new SimCancelled()
    const cg = caseGraphFor(volume, plan, options)
    const rt = resolveTip(cg, device.tipMm, device.vesselId)
    const prior = priorState(cg, plan, device)
    if (!ctx.progress(0.1, 'Flow, angiogram and safety checks')) throw new SimCancelled()
    const run = runEmbolization(
      cg,
      rt.tip,
      simAgent(device.agent),
      device.volumeMl,
      12,
      (f) => ctx.progress(0.15 + 0.8 * f, `Delivering ${agentName(device.agent)}`),
      prior,
    )
    ctx.progress(1, 'Done')
    return Promise.resolve(buildResult(cg, device, rt, run, Date.now() - t0))
  } catch (e) {
    if (e instanceof StopRun) return Promise.reject(new SimCancelled())
    return Promise.reject(e instanceof Error ? e : new Error(String(e)))
  }
}

/** Tumour-bed opacity (blush, mm-equivalent per mm of tissue) over a run, for tests and charts. */
export function tumourBlush(
  cg: CaseGraph,
  transport: Parameters<typeof segmentOpacities>[1],
  tS: number,
): number {
  const op = segmentOpacities(cg.graph, transport, tS)
  return cg.tumourBeds.reduce((a, s) => a + op[s]!, 0)
}
