import type { ProcedurePanelProps } from '../procedurePanelProps'

/** The embolization procedure's own controls and results (being built). */
export function EmbolizationPanel(_props: ProcedurePanelProps) {
  return null
}
