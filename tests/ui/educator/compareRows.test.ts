import { describe, expect, it } from 'vitest'
import type { ProcedureResult, SimMetric } from '../../../src/cases/simulate'
import { createDevice, type Plan } from '../../../src/plan'
import { compareRows, formatMetric, verdictText } from '../../../src/ui/educator/compareRows'

const plan = (title: string, kinds: ('mwAntenna' | 'cryoprobeSet' | 'cementTrocar')[]): Plan => ({
  version: 2,
  title,
  notes: '',
  scan: { kind: 'builtin', caseId: 'synthetic' },
  targets: [],
  devices: kinds.map((k, i) =>
    createDevice(k, [60, 0, 10 * i], [0, 0, 10 * i], { existingIds: [`x${i}`] }),
  ),
  protections: [],
})
const res = (
  procedure: ProcedureResult['procedure'],
  metrics: SimMetric[],
  acceptable = true,
): ProcedureResult => ({
  procedure,
  deviceId: 'd',
  verdict: 'v',
  acceptable,
  metrics,
  warnings: [
    { severity: 'info', message: 'i' },
    { severity: 'warning', message: 'w' },
  ],
  series: [],
  overlays: [],
  durationS: 0,
  modelNote: '',
  elapsedMs: 0,
  detail: null,
})

describe('compareRows', () => {
  it('formats a metric with its unit, digits and band', () => {
    expect(
      formatMetric({ label: 'r', value: 12.345, unit: 'mm', digits: 2, band: [11, 13.5] }),
    ).toBe('12.35 mm (11.00–13.50)')
    expect(formatMetric({ label: 'n', value: 3, unit: '' })).toBe('3.0')
  })

  it('matches microwave against cryo by procedure and metric label, in two columns', () => {
    const mw = plan('Microwave', ['mwAntenna', 'cementTrocar'])
    const cryo = plan('Cryo', ['cryoprobeSet'])
    const rows = compareRows(
      {
        plan: mw,
        results: [
          res('thermal', [{ label: 'Coverage', value: 98, unit: '%' }]),
          res('cement', [{ label: 'Fill', value: 70, unit: '%' }]),
        ],
      },
      {
        plan: cryo,
        results: [
          res(
            'thermal',
            [
              { label: 'Coverage', value: 91, unit: '%' },
              { label: 'Iceball', value: 40, unit: 'mm' },
            ],
            false,
          ),
        ],
      },
    )
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]))
    expect(byKey.title).toMatchObject({ mine: 'Microwave', theirs: 'Cryo' })
    expect(byKey.devices.mine).toBe('Microwave antenna, cement trocar')
    expect(byKey['thermal#1/Coverage']).toMatchObject({ mine: '98.0 %', theirs: '91.0 %' })
    expect(byKey['thermal#1/Iceball']).toMatchObject({ mine: null, theirs: '40.0 mm' })
    expect(byKey['thermal#1/verdict'].theirs).toBe('Not acceptable: v')
    expect(byKey['thermal#1/verdict'].mine).toBe('Acceptable: v')
    const said = { ...res('thermal', [], false), verdict: 'Not acceptable: too hot' }
    expect(verdictText(said)).toBe('Not acceptable: too hot')
    expect(byKey['cement#1/Fill']).toMatchObject({ mine: '70.0 %', theirs: null })
    // Info is not counted as a warning.
    expect(byKey['thermal#1/warnings']).toMatchObject({ mine: '1', theirs: '1' })
    expect(rows.filter((r) => r.isHeading).map((r) => r.label)).toEqual(['Ablation', 'Cement'])
  })

  it('numbers several devices of one procedure and has no procedure rows without results', () => {
    const p = plan('Two', ['mwAntenna', 'mwAntenna'])
    const rows = compareRows(
      { plan: p, results: [res('thermal', []), res('thermal', [])] },
      { plan: null, results: [] },
    )
    expect(rows.filter((r) => r.isHeading).map((r) => r.label)).toEqual(['Ablation', 'Ablation 2'])
    expect(rows.find((r) => r.key === 'devices')!.theirs).toBeNull()
    const empty = compareRows({ plan: p, results: [] }, { plan: null, results: [] })
    expect(empty.map((r) => r.key)).toEqual(['title', 'devices'])
  })
})
