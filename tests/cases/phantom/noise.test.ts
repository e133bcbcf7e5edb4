/** CT noise and blur: configured SD after the blur, unbiased mean, determinism by seed. */
import { describe, expect, it } from 'vitest'
import { addNoiseBlurQuantize, blurNoiseGain, valueNoise3 } from '../../../src/cases/phantom/noise'

function field(sd: number, w: number, seed: number): Int16Array {
  const dims = [64, 64, 64] as const
  const hu = new Float32Array(64 ** 3).fill(40)
  const out = new Int16Array(hu.length)
  addNoiseBlurQuantize(hu, dims, sd, w, seed, out, -1024, 3071)
  return out
}

function stats(a: Int16Array): { mean: number; sd: number } {
  let s = 0,
    s2 = 0
  for (const v of a) {
    s += v
    s2 += v * v
  }
  const m = s / a.length
  return { mean: m, sd: Math.sqrt(s2 / a.length - m * m) }
}

describe('noise', () => {
  it('SD after the blur matches the configured value within 3 % (262 144 samples; rounding adds 0.3 HU)', () => {
    for (const [sd, w] of [
      [12, 0.15],
      [20, 0.25],
      [10, 0],
    ] as const) {
      const s = stats(field(sd, w, 5))
      expect(Math.abs(s.sd - sd) / sd).toBeLessThan(0.03)
      // Mean stays at the input (40) within 4 SE of the correlated mean.
      expect(Math.abs(s.mean - 40)).toBeLessThan(0.5)
    }
  })

  it('the blur gain is the product of the per-axis L2 norms', () => {
    expect(blurNoiseGain(0)).toBe(1)
    expect(blurNoiseGain(0.25)).toBeCloseTo(Math.pow(Math.sqrt(0.375), 3), 12)
  })

  it('is deterministic per seed and changes with the seed', () => {
    const a = field(12, 0.15, 1)
    const b = field(12, 0.15, 1)
    const c = field(12, 0.15, 2)
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true)
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false)
  })

  it('value noise is smooth, bounded and seed dependent', () => {
    let max = 0
    for (let i = 0; i < 1000; i++) {
      const v = valueNoise3(i * 0.37, i * 0.11, i * 0.53, 2.2, 9)
      max = Math.max(max, Math.abs(v))
      // Lipschitz: a 0.01 mm step changes the value by far less than its range.
      expect(Math.abs(valueNoise3(i * 0.37 + 0.01, i * 0.11, i * 0.53, 2.2, 9) - v)).toBeLessThan(
        0.05,
      )
    }
    expect(max).toBeLessThanOrEqual(1)
    expect(valueNoise3(1.3, 2.1, 0.7, 2.2, 9)).not.toBe(valueNoise3(1.3, 2.1, 0.7, 2.2, 10))
  })
})
