import { beforeAll, describe, expect, it } from 'vitest'
import { expectExpert, expectLost, setupCase, withDevice } from './expertHarness'

const ID = 't12-rcc-embolization'
let c: ReturnType<typeof setupCase>
beforeAll(() => {
  c = setupCase(ID)
}, 60_000)

describe('T12 embolization expert plan', () => {
  it('passes the schema and scores full marks', () => expectExpert(c))

  it('avoids the vessel that supplies the artery of Adamkiewicz', () => {
    const d = c.plan.devices[0]
    expect(d.kind).toBe('embolizationCatheter')
    const v = c.phantom.vessels.find(
      (x) => d.kind === 'embolizationCatheter' && x.id === d.vesselId,
    )
    expect(v?.feedsAdamkiewicz).not.toBe(true)
  })

  it('loses the Adamkiewicz, feeder and non-target points in the Adamkiewicz feeder', () => {
    const ak = c.phantom.vessels.find((v) => v.feedsAdamkiewicz === true)!
    // Every catheter of the expert plan moved into the Adamkiewicz feeder.
    const wrong = {
      ...c.plan,
      devices: c.plan.devices.map((d) =>
        d.kind === 'embolizationCatheter' ? { ...d, vesselId: ak.id } : d,
      ),
    }
    expectLost(ID, c, wrong, 'adamkiewicz', /Adamkiewicz/)
    expectLost(ID, c, wrong, 'feeder', /safe feeding segmental artery/)
  })

  it('loses the non-target points in the aorta', () => {
    const wrong = withDevice(c.plan, 'embo-1', (d) =>
      d.kind === 'embolizationCatheter' ? { ...d, vesselId: 'aorta' } : d,
    )
    expectLost(ID, c, wrong, 'non-target', /not a segmental artery of the lesion's level \(T12\)/)
  })

  it('loses the agent points for 50 µm particles', () => {
    const wrong = withDevice(c.plan, 'embo-1', (d) =>
      d.kind === 'embolizationCatheter'
        ? { ...d, agent: { kind: 'particles', sizeMinUm: 50, sizeMaxUm: 100 } }
        : d,
    )
    expectLost(ID, c, wrong, 'agent', /150 µm/)
  })
})
