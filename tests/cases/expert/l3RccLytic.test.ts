import { beforeAll, describe, expect, it } from 'vitest'
import { add, type Vec3 } from '../../../src/lib/vec3'
import { expectExpert, expectLost, setupCase, withDevice } from './expertHarness'

const ID = 'l3-rcc-lytic'
let c: ReturnType<typeof setupCase>
beforeAll(() => {
  c = setupCase(ID)
}, 60_000)

describe('L3 RCC expert plan', () => {
  it('passes the schema, has no critical finding and scores full marks', () => expectExpert(c))

  it('loses the safe-path and transpedicular points for a midline trocar through the canal', () => {
    const lm = c.phantom.landmarks
    const entry: Vec3 = add(lm['L3.spinousTip'], [0, 15, 10])
    const wrong = withDevice(c.plan, 'trocar-1', (d) => ({
      ...d,
      entryMm: entry as [number, number, number],
      tipMm: [...c.phantom.lesions[0].centreMm] as [number, number, number],
    }))
    expectLost(ID, c, wrong, 'safe-path', /critical/)
    expectLost(ID, c, wrong, 'transpedicular', /transpedicular/)
  })

  it('loses the applicator-tip and coverage points for an antenna tip outside the lesion', () => {
    const wrong = withDevice(c.plan, 'mw-1', (d) => ({
      ...d,
      tipMm: [d.tipMm[0] - 25, d.tipMm[1], d.tipMm[2] + 10],
    }))
    expectLost(ID, c, wrong, 'applicator-tip', /outside the lesion/)
    expectLost(ID, c, wrong, 'coverage', /Target coverage/)
  })

  it('loses the cement-volume points for 12 mL of cement', () => {
    const wrong = withDevice(c.plan, 'trocar-1', (d) =>
      d.kind === 'cementTrocar' ? { ...d, volumeMl: 12 } : d,
    )
    expectLost(ID, c, wrong, 'cement-volume', /at most 6 mL/)
  })

  it('loses the power and protection points for 80 W without a thermocouple', () => {
    const hot = withDevice(c.plan, 'mw-1', (d) =>
      d.kind === 'mwAntenna' ? { ...d, powerW: 80 } : d,
    )
    expectLost(ID, c, hot, 'mw-power', /20–30 W/)
    const bare = { ...c.plan, protections: [] }
    expectLost(ID, c, bare, 'protection', /no thermocouple, CO₂ or hydrodissection/)
  })

  it('says "not measured" (never a false reason) for the zone items of a plan without an ablation device', () => {
    const noAblation = { ...c.plan, devices: c.plan.devices.filter((d) => d.kind !== 'mwAntenna') }
    const s = expectLost(
      ID,
      c,
      noAblation,
      'nerves-safe',
      /^Not measured: this plan has no ablation zone \(no microwave antenna or cryoprobe set\), so there is nothing to keep away from the conus and cauda equina\.$/,
    )
    expectLost(ID, c, noAblation, 'coverage', /^Not measured: this plan has no ablation zone/)
    // Protection planned without a zone still counts; without either, the item is not measured (0 points).
    const bare = { ...noAblation, protections: [] }
    expectLost(ID, c, bare, 'protection', /^Not measured: .*nothing to keep away from/)
    for (const it of s.score.items) {
      expect(it.reason).not.toMatch(
        /reaches the cauda equina|run the simulation first|comes within 1 cm/,
      )
    }
    // The cement trocar is scored on its trajectory and volume; the zone model says where its physics is.
    expect(s.result.zoneModel).toMatch(
      /simulated in the simulation panel \(src\/cases\/simulate\/cement\)/,
    )
    expect(s.result.zoneModel).not.toMatch(/no cement simulator/)
  })

  it('names the zone model it used', () => {
    expect(c.expert.result.zoneModel).toMatch(/preview ellipsoid .* calibrated to in-vivo liver/)
  })
})
