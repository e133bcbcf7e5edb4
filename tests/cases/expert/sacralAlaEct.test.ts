import { beforeAll, describe, it } from 'vitest'
import { createDevice } from '../../../src/plan'
import { expectExpert, expectLost, setupCase, withDevice } from './expertHarness'

const ID = 'sacral-ala-ect'
let c: ReturnType<typeof setupCase>
beforeAll(() => {
  c = setupCase(ID)
}, 60_000)

describe('Sacral-ala ECT expert plan', () => {
  it('passes the schema, has no critical finding and scores full marks', () => expectExpert(c))

  it('loses the voltage points when the pairs get 500 V', () => {
    const wrong = withDevice(c.plan, 'ect-1', (d) =>
      d.kind === 'ectElectrodeSet'
        ? { ...d, sequence: d.sequence.map((p) => ({ ...p, voltageV: 500 })) }
        : d,
    )
    expectLost(ID, c, wrong, 'voltage', /1000 V\/cm/)
  })

  it('loses the spacing points when the electrodes are spread twice as far', () => {
    const wrong = withDevice(c.plan, 'ect-1', (d) => {
      if (d.kind !== 'ectElectrodeSet') return d
      const c0 = d.electrodes[0]
      const spread = (p: readonly number[], q: readonly number[]): [number, number, number] => [
        q[0] + 2 * (p[0] - q[0]),
        q[1] + 2 * (p[1] - q[1]),
        q[2] + 2 * (p[2] - q[2]),
      ]
      return {
        ...d,
        electrodes: d.electrodes.map((e) => ({
          ...e,
          entryMm: spread(e.entryMm, c0.entryMm),
          tipMm: spread(e.tipMm, c0.tipMm),
        })),
      }
    })
    expectLost(ID, c, wrong, 'spacing', /too far apart/)
  })

  it('loses the bleomycin and no-thermal points', () => {
    const late = withDevice(c.plan, 'ect-1', (d) =>
      d.kind === 'ectElectrodeSet' ? { ...d, bleomycinToPulsesMin: 40 } : d,
    )
    expectLost(ID, c, late, 'bleomycin', /8–28 min/)
    const d0 = c.plan.devices[0]
    const thermal = {
      ...c.plan,
      devices: [...c.plan.devices, createDevice('mwAntenna', d0.entryMm, d0.tipMm, { id: 'mw-1' })],
    }
    expectLost(ID, c, thermal, 'no-thermal', /S1 root/)
  })
})
