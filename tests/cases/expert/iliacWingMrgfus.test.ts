import { beforeAll, describe, it } from 'vitest'
import { expectExpert, expectLost, setupCase, withDevice } from './expertHarness'

const ID = 'iliac-wing-mrgfus'
let c: ReturnType<typeof setupCase>
beforeAll(() => {
  c = setupCase(ID)
}, 60_000)

describe('Iliac-wing MRgFUS expert plan', () => {
  it('passes the schema and scores full marks', () => expectExpert(c))

  it('loses the focus points for a focus 25 mm off the lesion', () => {
    const wrong = withDevice(c.plan, 'hifu-1', (d) => ({
      ...d,
      tipMm: [d.tipMm[0] + 25, d.tipMm[1] - 10, d.tipMm[2]],
    }))
    expectLost(ID, c, wrong, 'focus-lesion', /off the lesion/)
  })

  it('loses the sonication points for 300 W sonications', () => {
    const wrong = withDevice(c.plan, 'hifu-1', (d) =>
      d.kind === 'hifuTransducer'
        ? { ...d, sonications: d.sonications.map((s) => ({ ...s, acousticPowerW: 300 })) }
        : d,
    )
    expectLost(ID, c, wrong, 'sonications', /32–96 W/)
  })

  it('loses the incidence points for a grazing beam', () => {
    const wrong = withDevice(c.plan, 'hifu-1', (d) => {
      const axis = [d.tipMm[0] - d.entryMm[0], d.tipMm[1] - d.entryMm[1], d.tipMm[2] - d.entryMm[2]]
      // Rotate the window 60° about the cranio-caudal axis around the focus.
      const [x, y] = [axis[0], axis[1]]
      const cs = Math.cos(Math.PI / 3)
      const sn = Math.sin(Math.PI / 3)
      const r: [number, number, number] = [x * cs - y * sn, x * sn + y * cs, axis[2]]
      return { ...d, entryMm: [d.tipMm[0] - r[0], d.tipMm[1] - r[1], d.tipMm[2] - r[2]] }
    })
    expectLost(ID, c, wrong, 'incidence', /critical angle/)
  })
})
