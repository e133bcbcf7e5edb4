import type { ProcedurePanelProps } from '../procedurePanelProps'

/** The cement procedure's own controls and results (being built). */
export function CementPanel(_props: ProcedurePanelProps) {
  return null
}
