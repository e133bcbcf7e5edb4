import type { ProcedureResult } from '../../../../src/cases/simulate'

/** The value of the result's metric whose label matches `label` (throws when there is none). */
export const metric = (r: ProcedureResult, label: RegExp): number => {
  const m = r.metrics.find((x) => label.test(x.label))
  if (!m) throw new Error(`no metric ${label}`)
  return m.value
}
