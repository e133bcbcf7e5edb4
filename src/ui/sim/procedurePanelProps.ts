import type { ProcedureResult } from '../../cases/simulate'
import type { Device } from '../../plan'

/** What the simulation panel hands to a procedure's own panel. */
export interface ProcedurePanelProps {
  readonly device: Device
  /** The device's last result (possibly stale), if any. */
  readonly result: ProcedureResult | undefined
  /** True when the device changed since `result` was computed. */
  readonly stale: boolean
}
