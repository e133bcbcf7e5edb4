import type { ProcedurePanelProps } from '../procedurePanelProps'

/** The hifu procedure's own controls and results (being built). */
export function HifuPanel(_props: ProcedurePanelProps) {
  return null
}
