import { describe, expect, it } from 'vitest'
import {
  ARRHENIUS_SETS,
  CEM43_NECROSIS_MIN,
  arrheniusRatePerS,
  cem43OfHistory,
  cem43RateMinPerS,
  createDoseRateTable,
  maskAtLeast,
  maskAtMost,
  omegaOfHistory,
  timeToOmegaS,
} from '../../../src/sim/bioheat/damage'

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b)

describe('CEM43 (FACTS §1.1 worked values, §8.1)', () => {
  // The worked values are exact consequences of the definition: only float rounding separates them.
  it.each([
    [51, 60, 256],
    [45, 3600, 240],
    [44, 7200, 240],
    [42, 1800, 7.5],
  ])('%d °C for %d s gives %d CEM43', (tempC, durationS, expected) => {
    expect(rel(cem43RateMinPerS(tempC) * durationS, expected)).toBeLessThan(1e-12)
  })

  it('10 s at 60 °C ≈ 2.2×10⁴ (FACTS rounds to two digits: 3 %)', () => {
    expect(rel(cem43OfHistory(new Float64Array(10).fill(60), 1), 2.2e4)).toBeLessThan(0.03)
  })

  it('1 min at 51 °C is lethal, 30 min at 42 °C is not (240-min threshold)', () => {
    expect(cem43RateMinPerS(51) * 60).toBeGreaterThan(CEM43_NECROSIS_MIN)
    expect(cem43RateMinPerS(42) * 1800).toBeLessThan(CEM43_NECROSIS_MIN)
  })
})

describe('Arrhenius, liver set (FACTS §1.1, §8.2)', () => {
  // FACTS quotes the times to two significant digits: 3 % covers the rounding.
  it.each([
    [60, 3.5],
    [55, 14],
    [50, 61],
    [45, 4.6 * 60],
    [43, 8.5 * 60],
  ])('Ω reaches 1 at %d °C after ≈ %d s', (tempC, seconds) => {
    expect(rel(timeToOmegaS(tempC), seconds)).toBeLessThan(0.03)
  })

  it('disagrees with CEM43 near 43 °C by ≈ 28× and ≈ 1.36×/°C (FACTS §1.1 [D])', () => {
    const ratio = (CEM43_NECROSIS_MIN * 60) / timeToOmegaS(43)
    expect(rel(ratio, 28)).toBeLessThan(0.03)
    expect(rel(arrheniusRatePerS(43.5) / arrheniusRatePerS(42.5), 1.36)).toBeLessThan(0.02)
  })

  it('integrates a constant history to the closed form', () => {
    const omega = omegaOfHistory(new Float64Array(100).fill(55), 0.14)
    expect(rel(omega, (100 * 0.14) / timeToOmegaS(55))).toBeLessThan(1e-12)
  })

  it('handles the fat and prostate sets without overflow', () => {
    for (const p of [ARRHENIUS_SETS.fat, ARRHENIUS_SETS.prostate]) {
      expect(Number.isFinite(arrheniusRatePerS(150, p))).toBe(true)
      expect(arrheniusRatePerS(60, p)).toBeGreaterThan(arrheniusRatePerS(50, p))
    }
  })
})

describe('dose-rate table used by the voxel loops', () => {
  it('interpolates both rates to 1e-5 relative between nodes', () => {
    const t = createDoseRateTable()
    let worst = 0
    for (let tempC = 43.003; tempC < 150; tempC += 0.737) {
      const x = (tempC - t.minC) * t.invStepPerC
      const i0 = Math.floor(x)
      const f = x - i0
      const om = t.omegaPerS[i0] + f * (t.omegaPerS[i0 + 1] - t.omegaPerS[i0])
      const cem = t.cem43MinPerS[i0] + f * (t.cem43MinPerS[i0 + 1] - t.cem43MinPerS[i0])
      worst = Math.max(worst, rel(om, arrheniusRatePerS(tempC)), rel(cem, cem43RateMinPerS(tempC)))
    }
    // Linear interpolation of e^(0.3·T) over 0.01 °C: error ≤ (0.003)²/8 ≈ 1.1e-6.
    expect(worst).toBeLessThan(1e-5)
  })

  it('has no Arrhenius rate below 43 °C and CEM43 down to 39 °C', () => {
    const t = createDoseRateTable()
    expect(t.minC).toBe(39)
    expect(t.omegaPerS[Math.round((42.99 - t.minC) * t.invStepPerC)]).toBe(0)
    expect(t.cem43MinPerS[0]).toBeGreaterThan(0)
  })
})

describe('masks', () => {
  it('thresholds inclusively', () => {
    expect([...maskAtLeast([0.5, 1, 2], 1)]).toEqual([0, 1, 1])
    expect([...maskAtMost([-50, -40, -10], -40)]).toEqual([1, 1, 0])
  })
})
