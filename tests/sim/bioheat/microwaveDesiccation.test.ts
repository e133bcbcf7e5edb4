import { describe, expect, it } from 'vitest'
import { S } from '../../../src/lib/anatomy'
import { createGrid3 } from '../../../src/sim/grid/grid3'
import { fillMicrowaveSource, type MicrowaveAntenna } from '../../../src/sim/bioheat/microwave'
import {
  createMicrowaveSource,
  desiccationDielectric,
  desiccationLossFactor,
} from '../../../src/sim/bioheat/mwDesiccation'
import { attenuationNpPerM } from '../../../src/sim/bioheat/mwDielectric'

const n = 41
const h = 0.001
const g = createGrid3(n, n, n, [h, h, h])
const antenna: MicrowaveAntenna = {
  tipM: [0.02, 0.02, 0.01],
  shaftDirection: [0, 0, 1],
  type: 'dualSlot',
  frequency: '2450MHz',
  powerW: 40,
}
const at = (q: Float32Array, i: number, j: number, k: number): number => q[i + n * (j + n * k)]
const sumJ = (q: Float32Array): number => q.reduce((a, v) => a + v, 0) * h ** 3

describe('near-field desiccation of the microwave source (Yang 2007 / Ji & Brace 2011 sigmoid)', () => {
  it('the loss factor is 1 at 37 °C and falls through 100 °C as the sigmoid says', () => {
    expect(desiccationLossFactor(37)).toBe(1)
    expect(desiccationLossFactor(20)).toBe(1)
    let prev = 1
    for (let t = 40; t <= 160; t += 5) {
      const l = desiccationLossFactor(t)
      expect(l).toBeLessThanOrEqual(prev)
      prev = l
    }
    // Direct evaluation of α(ε(T), σ(T)) / α(37 °C) at 100 °C (table interpolation error < 1e-4).
    const a = (t: number): number => attenuationNpPerM(desiccationDielectric(t), 2.45e9)
    expect(desiccationLossFactor(100)).toBeCloseTo(a(100) / a(37), 4)
    // εr 47.5 → 22, σ 2.10 → 0.58 S/m at 100 °C: the loss falls to ≈ 0.4; scale 0 switches it off.
    expect(desiccationLossFactor(100)).toBeGreaterThan(0.3)
    expect(desiccationLossFactor(100)).toBeLessThan(0.5)
    expect(desiccationLossFactor(120, 0)).toBe(1)
    expect(desiccationLossFactor(120, 0.5)).toBeCloseTo(
      1 - 0.5 * (1 - desiccationLossFactor(120)),
      6,
    )
  })

  it('without heating the source is the fixed pattern; an update keeps it', () => {
    const fixed = new Float32Array(n ** 3)
    fillMicrowaveSource(g, antenna, fixed, new Uint8Array(n ** 3).fill(S.trabecularBone))
    const q = new Float32Array(n ** 3)
    const src = createMicrowaveSource(g, antenna, q, {
      labels: new Uint8Array(n ** 3).fill(S.trabecularBone),
    })
    for (let i = 0; i < q.length; i++) expect(q[i]).toBeCloseTo(fixed[i], 3)
    const cool = new Float32Array(n ** 3).fill(37)
    expect(src.update(0, cool, q)).toBe(false) // before the first interval
    expect(src.update(5, cool, q)).toBe(true)
    let worst = 0
    for (let i = 0; i < q.length; i++) {
      worst = Math.max(worst, Math.abs(q[i] - fixed[i]) / (fixed[i] + 1e-30))
    }
    expect(worst).toBeLessThan(1e-5)
  })

  it('a dried core absorbs less, tissue beyond it more, and the absorbed power is conserved', () => {
    const q = new Float32Array(n ** 3)
    const src = createMicrowaveSource(g, antenna, q)
    const before = Float32Array.from(q)
    // Peak temperatures: 120 °C within 3 mm of the axis, 37 °C elsewhere.
    const peak = new Float32Array(n ** 3).fill(37)
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          if (Math.hypot((i - 20) * h, (j - 20) * h) <= 0.003) peak[i + n * (j + n * k)] = 120
        }
      }
    }
    expect(src.update(10, peak, q)).toBe(true)
    // Energy: Σ Q·V = η·P before and after, to Float32 rounding.
    expect(Math.abs(sumJ(q) / src.absorbedW - 1)).toBeLessThan(1e-5)
    expect(Math.abs(sumJ(before) / src.absorbedW - 1)).toBeLessThan(1e-5)
    const kFeed = 20 // 10 mm behind the tip: the radiating section
    // Inside the dried core: ℓ(120 °C) ≈ 0.18 of the deposition (times the renormalisation).
    expect(at(q, 22, 20, kFeed) / at(before, 22, 20, kFeed)).toBeLessThan(0.3)
    // Beyond it the flux arrives less depleted: 6 and 10 mm out it deposits more than before.
    expect(at(q, 26, 20, kFeed)).toBeGreaterThan(1.1 * at(before, 26, 20, kFeed))
    expect(at(q, 30, 20, kFeed)).toBeGreaterThan(1.1 * at(before, 30, 20, kFeed))
    // Axisymmetric still (the axis runs through voxel centres).
    expect(at(q, 26, 20, kFeed)).toBeCloseTo(at(q, 20, 26, kFeed), 0)
  })

  it('scale 0 gives a fixed source that never updates', () => {
    const q = new Float32Array(n ** 3)
    const src = createMicrowaveSource(g, antenna, q, { desiccationScale: 0 })
    expect(src.update(10, new Float32Array(n ** 3).fill(150), q)).toBe(false)
    expect(src.updates()).toBe(0)
  })
})
