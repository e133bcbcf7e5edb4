/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return -- these tests edit raw, untyped plan JSON on purpose */
import { describe, expect, it } from 'vitest'
import { parsePlanFile, PlanSchema, planToJson, type Plan } from '../../src/plan'
import { makePlan } from './planFixtures'

/** Index of the first device of a kind in `makePlan()` (the fixture's order is DEVICE_KINDS order). */
const at = (plan: Plan, kind: string): number => plan.devices.findIndex((d) => d.kind === kind)

/** Applies `edit` to the JSON form of the fixture plan and returns the file text. */
function fileWith(edit: (raw: Record<string, any>) => void): string {
  const raw = JSON.parse(planToJson(makePlan())) as Record<string, any>
  edit(raw)
  return JSON.stringify(raw)
}

const errorsOf = (text: string): readonly string[] => {
  const r = parsePlanFile(text)
  if (r.ok) throw new Error('expected the file to be rejected')
  return r.errors
}

const rf = at(makePlan(), 'rfProbe')
const trocar = at(makePlan(), 'cementTrocar')
const mw = at(makePlan(), 'mwAntenna')

describe('parsePlanFile rejects malformed plans with plain reasons and the JSON path', () => {
  it.each<[string, (raw: Record<string, any>) => void, string]>([
    [
      'a newer version',
      (r) => (r.version = 3),
      'version 3 was written by a newer OsteoPlan; this one reads versions 1 to 2',
    ],
    [
      'a version of the wrong type',
      (r) => (r.version = '2'),
      'version must be a whole number from 1 to 2',
    ],
    [
      'no version',
      (r) => delete r.version,
      'version is missing: this does not look like a plan file',
    ],
    ['a missing title', (r) => delete r.title, 'title is missing (text)'],
    [
      'a missing device tip',
      (r) => delete r.devices[rf].tipMm,
      `devices[${rf}].tipMm is missing (expected a list)`,
    ],
    [
      'an absurd power of 5000 W',
      (r) => (r.devices[rf].powerW = 5000),
      `devices[${rf}].powerW must be between 1 and 250 W (got 5000)`,
    ],
    [
      'a negative cement volume',
      (r) => (r.devices[trocar].volumeMl = -2),
      `devices[${trocar}].volumeMl must be between 0.1 and 30 mL (got -2)`,
    ],
    [
      'a wrong MW frequency',
      (r) => (r.devices[mw].frequencyMHz = 1000),
      `devices[${mw}].frequencyMHz must be 915 or 2450 (MHz)`,
    ],
    [
      'markup in a label',
      (r) => (r.devices[0].label = '<img src=x onerror=alert(1)>'),
      'devices[0].label must be plain single-line text: no control characters, line breaks, or < and > (markup is not allowed)',
    ],
    [
      'a control character in the title',
      (r) => (r.title = 'L3\u0007'),
      'title must be plain single-line text',
    ],
    [
      'an unknown device kind',
      (r) => (r.devices[0].kind = 'laser'),
      'devices[0].kind must be one of rfProbe, mwAntenna, cryoprobeSet, cementTrocar, hifuTransducer, ectElectrodeSet, embolizationCatheter (got "laser")',
    ],
    [
      'a too long title',
      (r) => (r.title = 'x'.repeat(121)),
      'title is too long: at most 120 characters (got 121)',
    ],
    [
      'a point given as text',
      (r) => (r.devices[0].entryMm = '1,2,3'),
      'devices[0].entryMm must be a list, not "1,2,3"',
    ],
    [
      'a number given as text',
      (r) => (r.devices[rf].powerW = '20'),
      `devices[${rf}].powerW must be a number between 1 and 250 W, not "20"`,
    ],
    [
      'a point with two coordinates',
      (r) => (r.devices[0].tipMm = [1, 2]),
      'devices[0].tipMm has too few items (at least 3)',
    ],
    [
      'a coordinate far outside any scanner',
      (r) => (r.devices[0].tipMm[1] = 1e6),
      'devices[0].tipMm[1] must be between -2000 and 2000 mm (got 1000000)',
    ],
    [
      'entry and tip at the same point',
      (r) => (r.devices[rf].tipMm = r.devices[rf].entryMm),
      `devices[${rf}].tipMm must be between 1 and 300 mm from the entry point (got 0.0 mm)`,
    ],
    [
      'duplicate device ids',
      (r) => (r.devices[1].id = r.devices[0].id),
      'devices[1].id repeats the id',
    ],
    ['a bad id', (r) => (r.devices[0].id = 'a b'), 'devices[0].id must be an id of 1–40 letters'],
    [
      'an unknown target kind',
      (r) => (r.targets[0].kind = 'blob'),
      'targets[0].kind must be one of label, sphere, ellipsoid, painted (got "blob")',
    ],
    [
      'a non-unit ellipsoid axis',
      (r) => (r.targets[2].axes[0] = [1, 1, 0]),
      'targets[2].axes[0] must be a unit vector',
    ],
    [
      'a thermocouple alarm range upside down',
      (r) => Object.assign(r.protections[0], { alarmLowC: 40, alarmHighC: 39 }),
      'protections[0].alarmHighC must be above alarmLowC',
    ],
    ['a list where an object belongs', (r) => (r.scan = []), 'scan must be an object, not a list'],
    [
      'an ECT pair naming a missing electrode',
      (r) => (r.devices[at(makePlan(), 'ectElectrodeSet')].sequence[0].cathode = 9),
      'sequence[0].cathode must be an electrode index from 0 to 6 (got 9)',
    ],
  ])('%s', (_what, edit, reason) => {
    const errors = errorsOf(fileWith(edit))
    expect(
      errors.some((e) => e.includes(reason)),
      `errors were:\n${errors.join('\n')}`,
    ).toBe(true)
  })

  it('rejects text that is not JSON, including a bare NaN', () => {
    expect(errorsOf('{ "version": 2, ')[0]).toMatch(/^the file is not valid JSON \(/)
    const withNaN = planToJson(makePlan()).replace(/"powerW": \d+/, '"powerW": NaN')
    expect(errorsOf(withNaN)[0]).toMatch(/^the file is not valid JSON/)
    expect(errorsOf('[1, 2]')).toEqual(['the plan must be a JSON object'])
  })

  it('rejects NaN and infinite numbers handed over in memory', () => {
    const plan = makePlan()
    const bad = structuredClone(plan) as any
    bad.devices[rf].powerW = Number.NaN
    bad.devices[rf].durationS = Number.POSITIVE_INFINITY
    const r = PlanSchema.safeParse(bad)
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      'must be a number between 1 and 250 W, not NaN',
      'must be a number between 10 and 3600 s, not Infinity',
    ])
  })

  it('lists every problem, not just the first', () => {
    const errors = errorsOf(
      fileWith((r) => {
        r.title = ''
        r.devices[rf].powerW = 0
        r.devices[trocar].rateMlPerMin = 99
      }),
    )
    expect(errors).toHaveLength(3)
  })

  it('never echoes markup from the file in its messages', () => {
    const errors = errorsOf(fileWith((r) => (r.devices[0].kind = '<script>x</script>')))
    expect(errors.join('\n')).not.toMatch(/[<>]/)
  })

  it('ignores unknown fields with a warning naming them', () => {
    const r = parsePlanFile(
      fileWith((raw) => {
        raw.colour = 'red'
        raw.devices[0].shininess = 3
      }),
    )
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.plan).toEqual(makePlan())
    expect([...r.warnings].sort()).toEqual([
      'colour is not a known field and was ignored',
      'devices[0].shininess is not a known field and was ignored',
    ])
  })

  it('refuses oversized files before parsing them', () => {
    expect(errorsOf(' '.repeat(4_000_001))[0]).toMatch(/too large/)
  })
})
