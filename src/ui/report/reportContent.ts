/**
 * What a plan report says, as plain text: title, the case (built-in case id, or "a loaded scan" with its
 * geometry fingerprint: never a patient's name or ID), the not-for-clinical-use notice, the devices, each
 * simulation's verdict, metrics, warnings, and the sources and uncertainty of every number. Pure.
 */
import type { ProcedureResult } from '../../cases/simulate/types'
import { DEVICE_NAMES, type Plan } from '../../plan'
import { formatMetric, verdictText } from '../educator/compareRows'

/** The notice every report carries. */
export const REPORT_NOTICE =
  'Teaching tool, not for clinical use. Simulated results are models with stated uncertainty; they do not predict an individual patient’s outcome.'

/** One metric line of a report. */
export interface ReportMetric {
  readonly device: string
  readonly label: string
  readonly value: string
}

/** The text of a report. */
export interface ReportContent {
  readonly title: string
  readonly subtitle: string
  readonly notice: string
  readonly devices: readonly string[]
  readonly verdicts: readonly string[]
  readonly metrics: readonly ReportMetric[]
  readonly warnings: readonly string[]
  readonly sources: readonly string[]
  /** The comparison plan, when one is shown: its label in words. */
  readonly comparedWith: string | null
}

/** What a report is made from. */
export interface ReportInput {
  readonly plan: Plan
  /** Results of the plan's devices (only those that exist). */
  readonly results: readonly ProcedureResult[]
  readonly generatedAt: Date
  readonly comparedWith?: string | null
}

/** Coordinates to 0.1 mm (a tiny negative value reads 0.0, not -0.0). */
const fmtMm = (p: readonly number[]) =>
  p.map((v) => (Math.abs(v) < 0.05 ? 0 : v).toFixed(1)).join(', ')

/** The scan in words: the built-in case id, or a loaded scan's geometry fingerprint (no patient data). */
export function scanWords(plan: Plan): string {
  const s = plan.scan
  return s.kind === 'builtin' ? `case ${s.caseId}` : `a loaded scan (geometry ${s.fingerprint})`
}

/** Builds the report's text. */
export function reportContent(input: ReportInput): ReportContent {
  const { plan, results } = input
  const date = input.generatedAt.toISOString().slice(0, 16).replace('T', ' ')
  const sources: string[] = []
  const addSource = (text: string) => {
    const t = text.trim()
    if (t && !sources.includes(t)) sources.push(t)
  }
  for (const r of results) {
    for (const m of r.metrics) if (m.source) addSource(`${m.label}: ${m.source}`)
    for (const o of r.overlays) addSource(`${o.label}: ${o.source} Uncertainty: ${o.uncertainty}`)
    if (r.modelNote) addSource(`Model (${r.deviceId}): ${r.modelNote}`)
  }
  const devices = plan.devices.map((d) => {
    const kind = DEVICE_NAMES[d.kind]
    const named = d.label && d.label.toLowerCase() !== kind ? ` “${d.label}”` : ''
    const where = `entry (${fmtMm(d.entryMm)}) → tip (${fmtMm(d.tipMm)}) mm LPS`
    return `${d.id} · ${kind.charAt(0).toUpperCase()}${kind.slice(1)}${named} · ${where}`
  })
  return {
    title: plan.title,
    subtitle: `OsteoPlan plan report · ${scanWords(plan)} · ${date} UTC`,
    notice: REPORT_NOTICE,
    devices: devices.length > 0 ? devices : ['No devices planned.'],
    verdicts:
      results.length > 0
        ? results.map((r) => `${r.deviceId}: ${verdictText(r)}`)
        : ['No simulation results: run the simulations before making the report.'],
    metrics: results.flatMap((r) =>
      r.metrics.map((m) => ({ device: r.deviceId, label: m.label, value: formatMetric(m) })),
    ),
    warnings: results.flatMap((r) =>
      r.warnings.map((w) => `${r.deviceId} · ${w.severity}: ${w.message}`),
    ),
    sources,
    comparedWith: input.comparedWith ?? null,
  }
}
