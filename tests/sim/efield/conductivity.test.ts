import { describe, expect, it } from 'vitest'
import { S, STRUCTURES } from '../../../src/lib/anatomy'
import {
  ECT_PARAMS,
  RF_CONDUCTIVITY,
  applyTemperatureToConductivity,
  conductivityFromLabels,
  ectParamsFromLabels,
  electroporatedConductivity,
  rfConductivityAtTemperature,
} from '../../../src/sim/efield/conductivity'

describe('conductivity tables', () => {
  it('cover every tissue class with a value inside its stated range and a source', () => {
    for (const s of STRUCTURES) {
      const rf = RF_CONDUCTIVITY[s.tissue]
      expect(rf.sigmaSPerM).toBeGreaterThanOrEqual(rf.rangeSPerM[0])
      expect(rf.sigmaSPerM).toBeLessThanOrEqual(rf.rangeSPerM[1])
      expect(rf.source.length).toBeGreaterThan(0)
      const ect = ECT_PARAMS[s.tissue]
      expect(ect.sigma0SPerM).toBeGreaterThanOrEqual(ect.sigma0RangeSPerM[0])
      expect(ect.sigma0SPerM).toBeLessThanOrEqual(ect.sigma0RangeSPerM[1])
      expect(ect.sigma1SPerM).toBeGreaterThanOrEqual(ect.sigma0SPerM)
      expect(ect.irreversibleVPerM).toBeGreaterThan(ect.reversibleVPerM)
    }
  })

  it('match the FACTS anchors (§1.3 RF table, §4.2 thresholds, §8 case 14)', () => {
    expect(RF_CONDUCTIVITY.corticalBone.rangeSPerM).toEqual([0.02, 0.06])
    expect(RF_CONDUCTIVITY.blood.sigmaSPerM).toBeGreaterThanOrEqual(0.7)
    expect(ECT_PARAMS.tumour).toMatchObject({
      sigma0SPerM: 0.2,
      sigma1SPerM: 0.7,
      reversibleVPerM: 40000,
      irreversibleVPerM: 80000,
    })
    // Bone conducts far less than tumour, so the field concentrates in the lesion (FACTS §4.2).
    expect(ECT_PARAMS.corticalBone.sigma0SPerM).toBeLessThan(ECT_PARAMS.tumour.sigma0SPerM / 5)
  })

  it('map label volumes through the structure taxonomy', () => {
    const labels = Uint8Array.from([
      S.outside,
      S.corticalBone,
      S.tumourLytic,
      S.aorta,
      S.spinalCord,
    ])
    expect(Array.from(conductivityFromLabels(labels))).toEqual(
      [0, 0.04, 0.4, 0.72, 0.15].map((x) => Math.fround(x)),
    )
    const ect = ectParamsFromLabels(labels)
    expect(ect.sigma0[2]).toBeCloseTo(0.2, 6)
    expect(ect.reversibleVPerM[3]).toBe(10000)
  })
})

describe('conductivity models', () => {
  it('RF: +2 %/°C about 37 °C (FACTS §1.3), optional roll-off', () => {
    expect(rfConductivityAtTemperature(0.5, 37)).toBeCloseTo(0.5, 12)
    expect(rfConductivityAtTemperature(0.5, 47)).toBeCloseTo(0.6, 12)
    expect(rfConductivityAtTemperature(0.5, 47, { perC: 0.012 })).toBeCloseTo(0.56, 12)
    expect(
      rfConductivityAtTemperature(0.5, 105, { rollOff: { tempC: 100, factor: 0.01 } }),
    ).toBeCloseTo(0.5 * 2.36 * 0.01, 12)
    expect(rfConductivityAtTemperature(0.5, -20)).toBe(0) // clamped, never negative
    const out = applyTemperatureToConductivity(new Float32Array(2), [0.5, 0.2], [37, 57])
    expect(out[1]).toBeCloseTo(0.28, 6)
  })

  it('electroporation sigmoid: σ0 below E_rev, σ1 above E_irr, smooth and monotone between', () => {
    const f = (e: number) => electroporatedConductivity(e, 0.2, 0.7, 40000, 80000)
    expect(f(0)).toBe(0.2)
    expect(f(40000)).toBe(0.2)
    expect(f(80000)).toBe(0.7)
    expect(f(1e6)).toBe(0.7)
    expect(f(60000)).toBeCloseTo(0.45, 12) // midpoint of the smooth step
    let prev = f(40000)
    for (let e = 40000; e <= 80000; e += 500) {
      expect(f(e)).toBeGreaterThanOrEqual(prev)
      prev = f(e)
    }
    // C¹ at both thresholds: one-sided slopes vanish.
    const slope = (e: number) => (f(e + 1) - f(e - 1)) / 2
    expect(Math.abs(slope(40000))).toBeLessThan(1e-8)
    expect(Math.abs(slope(80000))).toBeLessThan(1e-8)
  })
})
