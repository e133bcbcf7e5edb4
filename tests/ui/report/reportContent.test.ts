import { describe, expect, it } from 'vitest'
import type { ProcedureResult } from '../../../src/cases/simulate'
import { createDevice, type Plan } from '../../../src/plan'
import { REPORT_NOTICE, reportContent } from '../../../src/ui/report/reportContent'

const base: Plan = {
  version: 2,
  title: 'Lecture plan',
  notes: 'Patient Jane Doe, MRN 12345',
  scan: { kind: 'builtin', caseId: 'l3-rcc-lytic' },
  targets: [],
  devices: [createDevice('mwAntenna', [60, 0, 0], [0, 0, 0], { existingIds: [] })],
  protections: [],
}
const result: ProcedureResult = {
  procedure: 'thermal',
  deviceId: base.devices[0].id,
  verdict: 'Covered',
  acceptable: true,
  metrics: [{ label: 'Coverage', value: 98, unit: '%', source: 'FACTS §8.1' }],
  warnings: [{ severity: 'warning', message: 'Root at 44 °C' }],
  series: [],
  overlays: [],
  durationS: 600,
  modelNote: 'Pennes bioheat.',
  elapsedMs: 1,
  detail: null,
}

describe('reportContent', () => {
  it('names the plan and case only, with the notice, metrics, warnings and sources', () => {
    const c = reportContent({
      plan: base,
      results: [result],
      generatedAt: new Date('2026-11-26T21:00:00Z'),
    })
    expect(c.title).toBe('Lecture plan')
    expect(c.subtitle).toBe('OsteoPlan plan report · case l3-rcc-lytic · 2026-11-26 21:00 UTC')
    expect(c.notice).toBe(REPORT_NOTICE)
    expect(c.notice).toMatch(/not for clinical use/)
    expect(c.devices[0]).toMatch(
      /^mw-1 · Microwave antenna · entry \(60\.0, 0\.0, 0\.0\) → tip \(0\.0, 0\.0, 0\.0\) mm LPS$/,
    )
    expect(c.metrics).toEqual([{ device: 'mw-1', label: 'Coverage', value: '98.0 %' }])
    expect(c.warnings).toEqual(['mw-1 · warning: Root at 44 °C'])
    expect(c.sources).toEqual(['Coverage: FACTS §8.1', 'Model (mw-1): Pennes bioheat.'])
    // Free-text notes (where a user might type identifying data) never reach the report.
    expect(JSON.stringify(c)).not.toMatch(/Jane|12345/)
  })

  it('a loaded scan is named by its geometry fingerprint; no results say so', () => {
    const plan: Plan = { ...base, scan: { kind: 'loaded', fingerprint: 'g1-abcdef' } }
    const c = reportContent({ plan, results: [], generatedAt: new Date(0) })
    expect(c.subtitle).toContain('a loaded scan (geometry g1-abcdef)')
    expect(c.verdicts[0]).toMatch(/No simulation results/)
  })
})
