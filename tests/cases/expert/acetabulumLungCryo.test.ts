import { beforeAll, describe, expect, it } from 'vitest'
import { scoreCasePlan } from '../../../src/cases/expert'
import { distance } from '../../../src/lib/vec3'
import type { Plan } from '../../../src/plan'
import { expectExpert, expectLost, itemOf, setupCase, withDevice } from './expertHarness'

const ID = 'acetabulum-lung-cryo'
let c: ReturnType<typeof setupCase>
beforeAll(() => {
  c = setupCase(ID)
}, 60_000)

describe('Acetabulum lung-cancer cryo expert plan', () => {
  it('passes the schema, has no critical finding and scores full marks', () => expectExpert(c))

  it('guards the hip joint with a thermocouple because the ice comes within 1 cm (FACTS.md §6.4)', () => {
    // The lesion abuts the cartilage, so the distance branch cannot hold: the protection branch must.
    const m = c.expert.result.evaluation.metrics
    expect(m['lethalGapMm.cartilage']).toBeLessThan(10)
    // 10 mm: "within about 1 cm" of FACTS.md §6.4.
    expect(m['jointProtectionMm']).toBeLessThanOrEqual(10)
    expect(c.plan.protections.map((p) => p.kind)).toContain('thermocouple')
    expect(itemOf(c.expert, 'joint-protected').reason).toMatch(/FACTS\.md §6\.4/)
    // The sciatic nerve stays outside the 10 °C isotherm.
    expect(itemOf(c.expert, 'sciatic-safe').passed).toBe(true)
  })

  it('uses three probes at most 2 cm apart (FACTS.md §1.4)', () => {
    const cryo = c.plan.devices.find((d) => d.kind === 'cryoprobeSet')
    if (cryo?.kind !== 'cryoprobeSet') throw new Error('no cryoprobe set')
    expect(cryo.probes.length).toBeGreaterThanOrEqual(3)
    for (const a of cryo.probes) {
      for (const b of cryo.probes) expect(distance(a.tipMm, b.tipMm)).toBeLessThanOrEqual(20)
    }
  })

  it('loses the joint-protected points without any protection at the joint', () => {
    const bare: Plan = { ...c.plan, protections: [] }
    expectLost(
      ID,
      c,
      bare,
      'joint-protected',
      /within 1 cm of the hip joint and no thermocouple or hydrodissection .*FACTS\.md §6\.4.*No thermocouple or hydrodissection is planned/,
    )
  })

  it('loses the joint-protected points with the thermocouple moved 3 cm up, away from the joint', () => {
    // +S in LPS is away from the hip joint below the supra-acetabular lesion.
    const tc = c.plan.protections[0]
    const [x, y, z] = tc.pointMm
    const far: Plan = { ...c.plan, protections: [{ ...tc, pointMm: [x, y, z + 30] }] }
    const s = expectLost(
      ID,
      c,
      far,
      'joint-protected',
      /mm from the joint cartilage or joint space/,
    )
    // 10 mm: the "about 1 cm" of FACTS.md §6.4.
    expect(s.result.evaluation.metrics['jointProtectionMm']).toBeGreaterThan(10)
  })

  it('accepts warm-saline hydrodissection at the joint instead of the thermocouple', () => {
    const tc = c.plan.protections[0]
    const hydro: Plan = {
      ...c.plan,
      protections: [
        {
          kind: 'hydrodissection',
          id: 'hd-1',
          label: 'Warm saline, hip joint',
          pointMm: tc.pointMm,
          volumeMl: 10,
          fluid: 'saline',
        },
      ],
    }
    const s = scoreCasePlan(ID, hydro, c.phantom)
    expect(itemOf(s, 'joint-protected').passed).toBe(true)
    expect(s.score.score).toBe(c.expert.score.score)
  })

  it('loses the applicator-tip points with a probe tip pulled 3 cm out of the lesion', () => {
    const wrong = withDevice(c.plan, 'cryo-1', (d) =>
      d.kind === 'cryoprobeSet'
        ? {
            ...d,
            probes: d.probes.map((p, i) =>
              i === 0 ? { ...p, tipMm: [p.tipMm[0] + 30, p.tipMm[1], p.tipMm[2]] } : p,
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
    expectLost(ID, c, wrong, 'coverage', /Target coverage is .*; at least 90 % is required/)
  })

  it('loses the cement-volume points for 20 mL in the acetabuloplasty trocar', () => {
    const wrong = withDevice(c.plan, 'trocar-1', (d) =>
      d.kind === 'cementTrocar' ? { ...d, volumeMl: 20 } : d,
    )
    expectLost(ID, c, wrong, 'cement-volume', /at most 15 mL/)
  })
})
