import type { ProcedurePanelProps } from '../procedurePanelProps'

/** The thermal procedure's own controls and results (being built). */
export function ThermalPanel(_props: ProcedurePanelProps) {
  return null
}
