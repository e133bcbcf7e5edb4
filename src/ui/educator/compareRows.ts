/**
 * The two-column comparison of two plans: the devices of each, then every simulation metric of each
 * procedure, matched by procedure and metric label (so microwave vs cryo both fill the "thermal" rows).
 * Pure.
 */
import type { ProcedureResult, SimMetric } from '../../cases/simulate/types'
import { DEVICE_NAMES, type Plan } from '../../plan'

/** One row of the comparison. `null` cells read "—" (no result for that plan). */
export interface CompareRow {
  readonly key: string
  readonly label: string
  readonly mine: string | null
  readonly theirs: string | null
  /** A group heading row (procedure name), with no cells. */
  readonly isHeading?: boolean
}

/** A metric as text: value, unit and band. */
export function formatMetric(m: SimMetric): string {
  const d = m.digits ?? 1
  const band = m.band ? ` (${m.band[0].toFixed(d)}–${m.band[1].toFixed(d)})` : ''
  return `${m.value.toFixed(d)}${m.unit ? ` ${m.unit}` : ''}${band}`
}

/** A result's verdict, led by whether it is acceptable (unless the verdict already says so). */
export function verdictText(r: ProcedureResult): string {
  const word = r.acceptable ? 'Acceptable' : 'Not acceptable'
  return r.verdict.toLowerCase().startsWith(word.toLowerCase())
    ? r.verdict
    : `${word}: ${r.verdict}`
}

/** The device list of a plan in words, e.g. "Microwave antenna, Cement trocar". */
export function deviceSummary(plan: Plan | null): string | null {
  if (!plan) return null
  if (plan.devices.length === 0) return 'no devices'
  const names = plan.devices.map((d) => DEVICE_NAMES[d.kind]).join(', ')
  return names.charAt(0).toUpperCase() + names.slice(1)
}

const PROCEDURE_WORDS: Record<ProcedureResult['procedure'], string> = {
  thermal: 'Ablation',
  cement: 'Cement',
  hifu: 'Focused ultrasound',
  ect: 'Electrochemotherapy',
  embolization: 'Embolization',
}

/**
 * Rows comparing two plans and their simulation results. Devices of one procedure are numbered when a
 * plan has several (e.g. "Ablation 2"), and matched in order with the other plan's.
 */
export function compareRows(
  mine: { plan: Plan; results: readonly ProcedureResult[] },
  theirs: { plan: Plan | null; results: readonly ProcedureResult[] },
): CompareRow[] {
  const rows: CompareRow[] = [
    { key: 'title', label: 'Plan', mine: mine.plan.title, theirs: theirs.plan?.title ?? null },
    {
      key: 'devices',
      label: 'Devices',
      mine: deviceSummary(mine.plan),
      theirs: deviceSummary(theirs.plan),
    },
  ]
  const groups = (results: readonly ProcedureResult[]) => {
    const out = new Map<string, ProcedureResult>()
    const counts: Record<string, number> = {}
    for (const r of results) {
      const n = (counts[r.procedure] = (counts[r.procedure] ?? 0) + 1)
      out.set(`${r.procedure}#${n}`, r)
    }
    return out
  }
  const a = groups(mine.results)
  const b = groups(theirs.results)
  const keys = [...new Set([...a.keys(), ...b.keys()])]
  for (const key of keys) {
    const ra = a.get(key)
    const rb = b.get(key)
    const proc = (ra ?? rb)!.procedure
    const n = Number(key.split('#')[1])
    const name = `${PROCEDURE_WORDS[proc]}${n > 1 ? ` ${n}` : ''}`
    rows.push({ key: `${key}/h`, label: name, mine: null, theirs: null, isHeading: true })
    rows.push({
      key: `${key}/verdict`,
      label: 'Verdict',
      mine: ra ? verdictText(ra) : null,
      theirs: rb ? verdictText(rb) : null,
    })
    const labels = [
      ...new Set([...(ra?.metrics ?? []), ...(rb?.metrics ?? [])].map((m) => m.label)),
    ]
    for (const label of labels) {
      const ma = ra?.metrics.find((m) => m.label === label)
      const mb = rb?.metrics.find((m) => m.label === label)
      rows.push({
        key: `${key}/${label}`,
        label,
        mine: ma ? formatMetric(ma) : null,
        theirs: mb ? formatMetric(mb) : null,
      })
    }
    const warn = (r: ProcedureResult | undefined) =>
      r ? String(r.warnings.filter((w) => w.severity !== 'info').length) : null
    rows.push({ key: `${key}/warnings`, label: 'Warnings', mine: warn(ra), theirs: warn(rb) })
  }
  return rows
}
