/**
 * The plan's protective measures in a heating run: a CO₂ pocket between a microwave antenna and a nerve
 * keeps the nerve cooler (quantified), and the result's detail reports what the pocket filled.
 */
import { describe, expect, it } from 'vitest'
import { S } from '../../../../src/lib/anatomy'
import { simulateDevice } from '../../../../src/cases/simulate'
import { isThermalDetail } from '../../../../src/cases/simulate/thermal/detail'
import { antenna, planWith, uniformVolume } from './fixtures'

describe('protective measures in a microwave run', () => {
  it('a CO₂ pocket between the antenna and a nerve lowers the nerve temperature', async () => {
    // Nerve slab at x index 44–46 of 70 (x = 9.5…11.5 mm); antenna along +y with its tip at the origin.
    const v = uniformVolume({ n: 70, slab: { label: S.nerveRoot, axis: 0, from: 44, to: 46 } })
    const mw = antenna([0, 0, 0], [0, 1, 0], { powerW: 60, durationS: 180 })
    const opts = { gridMm: 2, coolDownS: 60 }
    const bare = await simulateDevice(v, planWith([mw]), 'mw-1', opts)
    const co2 = await simulateDevice(
      v,
      planWith(
        [mw],
        [{ kind: 'co2Dissection', id: 'co2-1', label: 'CO2', pointMm: [7, 10, 0], volumeMl: 5 }],
      ),
      'mw-1',
      opts,
    )
    const hottest = (r: typeof bare): number =>
      r.metrics.find((m) => /^Hottest nerve roots/.test(m.label))!.value
    expect(hottest(bare)).toBeGreaterThan(45)
    // The gas insulates: the nerve stays at least 3 K cooler behind a 5 mL pocket.
    expect(hottest(bare) - hottest(co2)).toBeGreaterThan(3)
    expect(isThermalDetail(co2.detail)).toBe(true)
    if (isThermalDetail(co2.detail)) {
      const p = co2.detail.protections[0]
      expect(p.kind).toBe('co2')
      expect(p.voxels).toBeGreaterThan(50)
    }
  }, 600_000)
})
