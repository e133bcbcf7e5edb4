import { beforeAll, describe, expect, it } from 'vitest'
import { distance } from '../../../src/lib/vec3'
import { expectExpert, expectLost, itemOf, setupCase, withDevice } from './expertHarness'

const ID = 't11-breast-breach'
let c: ReturnType<typeof setupCase>
beforeAll(() => {
  c = setupCase(ID)
}, 60_000)

describe('T11 breast-breach expert plan', () => {
  it('passes the schema, has no critical finding and scores full marks', () => expectExpert(c))

  it('uses three probes at most 2 cm apart (FACTS.md §1.4) with 100 % lethal cover', () => {
    const cryo = c.plan.devices.find((d) => d.kind === 'cryoprobeSet')
    if (cryo?.kind !== 'cryoprobeSet') throw new Error('no cryoprobe set')
    expect(cryo.probes.length).toBeGreaterThanOrEqual(3)
    for (const a of cryo.probes) {
      for (const b of cryo.probes) expect(distance(a.tipMm, b.tipMm)).toBeLessThanOrEqual(20)
    }
    expect(c.expert.result.metrics?.coveragePercent).toBe(100)
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
    expectLost(ID, c, wrong, 'coverage', /Target coverage is .*; at least 100 % is required/)
  })

  it('loses the protection and cord points without epidural dissection or thermocouple', () => {
    const bare = { ...c.plan, protections: [] }
    // One scoring (~2 s) for the three items.
    const s = expectLost(ID, c, bare, 'protection', /CO₂ or hydrodissection and a thermocouple/)
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

  it('keeps the previewed ice within the 5 mm epidural gap of the cord (FACTS.md §1.5)', () => {
    // The item is passed by the protection branch; the intrusion itself must stay ≤ 5 mm.
    expect(itemOf(c.expert, 'cord-lethal').passed).toBe(true)
    expect(c.expert.result.evaluation.metrics['lethalGapMm.spinalCord']).toBeGreaterThanOrEqual(-5)
  })
})
