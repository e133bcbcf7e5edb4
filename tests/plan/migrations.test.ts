/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- these tests edit raw, untyped plan JSON on purpose */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  migrate,
  MIGRATIONS,
  parsePlanFile,
  PLAN_VERSION,
  PlanFileError,
  planToJson,
} from '../../src/plan'

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')

describe('migrations', () => {
  it('chains without gaps from version 1 to the current version', () => {
    expect(MIGRATIONS.map((m) => [m.from, m.to])).toEqual([[1, 2]])
    expect(MIGRATIONS[MIGRATIONS.length - 1]?.to).toBe(PLAN_VERSION)
  })

  it('v1 fixture: ids added, {x,y,z} → [x,y,z], kW → W, name → label, v1 parameters filled in', () => {
    const r = parsePlanFile(fixture('plan-v1.json'))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const { plan } = r
    expect(r.warnings).toEqual([MIGRATIONS[0].describe])
    expect(plan.version).toBe(2)
    expect(plan.scan).toEqual({ kind: 'builtin', caseId: 'l3-lytic' })
    expect(plan.targets).toEqual([])
    expect(plan.protections).toEqual([])
    expect(plan.devices.map((d) => d.id)).toEqual(['rf-1', 'mw-1', 'trocar-1', 'trocar-2'])
    expect(plan.devices.map((d) => d.label)).toEqual([
      'Cool-tip',
      'Microwave antenna',
      'Left transpedicular',
      'Cement trocar',
    ])
    const [rf, mw, t1, t2] = plan.devices
    expect(rf).toEqual({
      kind: 'rfProbe',
      id: 'rf-1',
      label: 'Cool-tip',
      entryMm: [-32.5, 95, 10],
      tipMm: [-6, 12.5, 4],
      variant: 'cooledMonopolar',
      gauge: 17,
      activeTipMm: 30,
      targetTipTempC: 20,
      durationS: 720,
      // 0.02 kW is 20 W exactly after the migration's rounding (0.02 × 1000 is 20.000000000000004 in floats).
      powerW: 20,
    })
    expect(mw?.kind === 'mwAntenna' && mw.powerW).toBe(30)
    expect(t1?.kind === 'cementTrocar' && [t1.approach, t1.volumeMl, t1.viscosity]).toEqual([
      'transpedicular',
      4,
      'medium',
    ])
    expect(t2?.kind === 'cementTrocar' && [t2.approach, t2.volumeMl, t2.balloon]).toEqual([
      'parapedicular',
      3.5,
      null,
    ])
  })

  it('v1 fixture migrates to the same plan through migrate() and its JSON re-reads without warnings', () => {
    const plan = migrate(JSON.parse(fixture('plan-v1.json')))
    expect(parsePlanFile(planToJson(plan))).toEqual({ ok: true, plan, warnings: [] })
  })

  it('v2 fixture: read unchanged, no warnings', () => {
    const raw: unknown = JSON.parse(fixture('plan-v2.json'))
    const r = parsePlanFile(fixture('plan-v2.json'))
    expect(r).toEqual({ ok: true, plan: raw, warnings: [] })
  })

  it('a broken v1 file is rejected with the path and the version it was read as', () => {
    const raw = JSON.parse(fixture('plan-v1.json'))
    raw.devices[1].entry = { x: 1, y: 2 }
    expect(() => migrate(raw)).toThrow(PlanFileError)
    const r = parsePlanFile(JSON.stringify(raw))
    expect(r.ok ? [] : r.errors).toEqual([
      'devices[1].entry.z is missing (expected a number) (version 1 file)',
    ])
  })

  it('v1 values that v2 forbids are reported against the v2 field', () => {
    const raw = JSON.parse(fixture('plan-v1.json'))
    raw.devices[0].powerKw = 5
    const r = parsePlanFile(JSON.stringify(raw))
    expect(r.ok ? [] : r.errors).toEqual([
      'devices[0].powerW must be between 1 and 250 W (got 5000)',
    ])
  })

  it('does not modify the object it migrates', () => {
    const raw = JSON.parse(fixture('plan-v1.json'))
    const copy = structuredClone(raw)
    migrate(raw)
    expect(raw).toEqual(copy)
  })
})
