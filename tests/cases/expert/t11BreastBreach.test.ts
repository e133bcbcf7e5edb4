import { beforeAll, describe, expect, it } from 'vitest'
import { add, distance, normalize, scale, sub } from '../../../src/lib/vec3'
import { nervePoints, segmentClearanceMm } from '../../../src/cases/expert/cryoClearance'
import { COVERAGE_PERCENT } from '../../../src/cases/expert/rubrics'
import { expectExpert, expectLost, itemOf, setupCase, withDevice } from './expertHarness'

const ID = 't11-breast-breach'
let c: ReturnType<typeof setupCase>
beforeAll(() => {
  c = setupCase(ID)
}, 60_000)

describe('T11 breast-breach expert plan', () => {
  it('passes the schema, has no critical finding and scores full marks', () => expectExpert(c))

  it('uses three probes at most 2 cm apart (FACTS.md §1.4) with sub-total, nerve-sparing lethal cover', () => {
    const cryo = c.plan.devices.find((d) => d.kind === 'cryoprobeSet')
    if (cryo?.kind !== 'cryoprobeSet') throw new Error('no cryoprobe set')
    expect(cryo.probes.length).toBeGreaterThanOrEqual(3)
    for (const a of cryo.probes) {
      for (const b of cryo.probes) expect(distance(a.tipMm, b.tipMm)).toBeLessThanOrEqual(20)
    }
    // The epidural part touching the cord and a root is left unfrozen (nerves ≥ 10 °C come first, FACTS.md
    // §6.4), so the preview covers less than the whole lesion but at least the T11 threshold.
    const cov = c.expert.result.metrics?.coveragePercent ?? 0
    expect(cov).toBeGreaterThanOrEqual(COVERAGE_PERCENT.nerveSparing)
    expect(cov).toBeLessThan(100)
  })

  it('keeps every 40 mm freezing segment ≥ 10 mm from the cord and roots', () => {
    // The whole freezing length freezes, not only the tip: the old plan's segment passed 3.4 mm from the
    // T11 root at the foramen and froze it to −37 °C in the full simulation.
    const cryo = c.plan.devices.find((d) => d.kind === 'cryoprobeSet')
    if (cryo?.kind !== 'cryoprobeSet') throw new Error('no cryoprobe set')
    const lesion = c.phantom.lesions[0]
    const nerves = nervePoints(c.phantom, lesion.centreMm, 70)
    expect(nerves.length).toBeGreaterThan(100)
    for (const p of cryo.probes) {
      const end = add(p.tipMm, scale(normalize(sub(p.entryMm, p.tipMm)), 40))
      expect(segmentClearanceMm(nerves, p.tipMm, end)).toBeGreaterThanOrEqual(10)
    }
  })

  it('loses the applicator-tip points with a probe tip pulled out of the lesion', () => {
    const wrong = withDevice(c.plan, 'cryo-1', (d) =>
      d.kind === 'cryoprobeSet'
        ? {
            ...d,
            probes: d.probes.map((p, i) =>
              i === 0 ? { ...p, tipMm: [p.tipMm[0] - 30, p.tipMm[1] + 10, p.tipMm[2]] } : p,
            ),
          }
        : d,
    )
    expectLost(ID, c, wrong, 'applicator-tip', /outside the lesion/)
  })

  it('loses the coverage points with a single probe (1 probe: 1.2 cm lethal ice, FACTS.md §1.4)', () => {
    const wrong = withDevice(c.plan, 'cryo-1', (d) =>
      d.kind === 'cryoprobeSet' ? { ...d, probes: d.probes.slice(0, 1) } : d,
    )
    expectLost(
      ID,
      c,
      wrong,
      'coverage',
      new RegExp(`Target coverage is .*; at least ${COVERAGE_PERCENT.nerveSparing} % is required`),
    )
  })

  it('loses the protection points without epidural dissection or thermocouple', () => {
    const bare = { ...c.plan, protections: [] }
    expectLost(ID, c, bare, 'protection', /CO₂ or hydrodissection and a thermocouple/)
  })

  it('loses the cord points with the probes 6 mm nearer the canal and no epidural protection', () => {
    // The nerve-sparing expert ice stays off the cord (previewed lethal gap > 0), so only ice moved towards
    // the canal without dissection or thermocouple can lose the cord items.
    const near = {
      ...withDevice(c.plan, 'cryo-1', (d) =>
        d.kind === 'cryoprobeSet'
          ? {
              ...d,
              probes: d.probes.map((p) => ({
                ...p,
                entryMm: [p.entryMm[0], p.entryMm[1] + 6, p.entryMm[2]] as [number, number, number],
                tipMm: [p.tipMm[0], p.tipMm[1] + 6, p.tipMm[2]] as [number, number, number],
              })),
            }
          : d,
      ),
      protections: [],
    }
    // One scoring (~2 s) for the three items.
    const s = expectLost(ID, c, near, 'protection', /CO₂ or hydrodissection and a thermocouple/)
    for (const [id, text] of [
      ['cord-lethal', /reaches .* into the spinal cord/],
      ['cord-safe', /not protected/],
    ] as const) {
      expect(itemOf(s, id).passed).toBe(false)
      expect(itemOf(s, id).gained).toBe(0)
      expect(itemOf(s, id).reason).toMatch(text)
    }
  })

  it('loses the cement points for 8 mL of low-viscosity cement', () => {
    const wrong = withDevice(c.plan, 'trocar-1', (d) =>
      d.kind === 'cementTrocar' ? { ...d, volumeMl: 8, viscosity: 'low' } : d,
    )
    expectLost(ID, c, wrong, 'cement-volume', /at most 4 mL/)
    expectLost(ID, c, wrong, 'cement-viscosity', /high-viscosity/)
  })

  it('keeps the previewed lethal ice off the spinal cord (nerve-sparing plan)', () => {
    expect(itemOf(c.expert, 'cord-lethal').passed).toBe(true)
    expect(c.expert.result.evaluation.metrics['lethalGapMm.spinalCord']).toBeGreaterThan(0)
  })
})
