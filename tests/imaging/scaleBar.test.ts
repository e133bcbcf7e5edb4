import { describe, expect, it } from 'vitest'
import { scaleBarLength } from '../../src/imaging/scaleBar'

describe('scaleBarLength', () => {
  it('picks the largest 1-2-5 length not above the limit', () => {
    expect(scaleBarLength(87)).toBe(50)
    expect(scaleBarLength(50)).toBe(50)
    expect(scaleBarLength(49.9)).toBe(20)
    expect(scaleBarLength(19)).toBe(10)
    expect(scaleBarLength(0.3)).toBe(1)
  })
  it('never exceeds the limit and is at least 40% of it (1-2-5 steps are at most 2.5× apart)', () => {
    for (let m = 1.01; m < 5000; m *= 1.37) {
      const l = scaleBarLength(m)
      expect(l).toBeLessThanOrEqual(m)
      expect(l).toBeGreaterThanOrEqual(0.4 * m)
    }
  })
})
