import type { ProcedurePanelProps } from '../procedurePanelProps'

/** The ect procedure's own controls and results (being built). */
export function EctPanel(_props: ProcedurePanelProps) {
  return null
}
