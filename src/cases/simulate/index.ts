/**
 * Procedure simulations: one entry point that dispatches a device to its procedure's physics. Pure (Node,
 * worker, inline).
 */
import type { Plan } from '../../plan'
import type { CtVolume } from '../volume'
import { simulateCement } from './cement'
import { simulateEct } from './ect'
import { simulateEmbolization } from './embolization'
import { simulateHifu } from './hifu'
import { simulateThermal } from './thermal'
import { procedureOf } from './procedures'
import type { ProcedureId, ProcedureResult, SimContext, SimOptions, SimulateFn } from './types'
import { silentContext } from './types'

export * from './types'
export { procedureOf } from './procedures'

const SIMULATORS: Record<ProcedureId, SimulateFn> = {
  thermal: simulateThermal,
  cement: simulateCement,
  hifu: simulateHifu,
  ect: simulateEct,
  embolization: simulateEmbolization,
}

/** Simulates one device of a plan on a volume. */
export function simulateDevice(
  volume: CtVolume,
  plan: Plan,
  deviceId: string,
  options: SimOptions = {},
  ctx: SimContext = silentContext,
): Promise<ProcedureResult> {
  const device = plan.devices.find((d) => d.id === deviceId)
  if (!device) return Promise.reject(new Error(`The plan has no device "${deviceId}".`))
  return SIMULATORS[procedureOf(device.kind)](volume, plan, device, options, ctx)
}
