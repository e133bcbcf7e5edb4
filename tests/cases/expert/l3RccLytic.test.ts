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

  it('names the zone model it used', () => {
    expect(c.expert.result.zoneModel).toMatch(/preview ellipsoid .* calibrated to in-vivo liver/)
  })
})
