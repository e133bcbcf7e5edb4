import { describe, expect, it } from 'vitest'
import { WATER, ACOUSTIC_TISSUES } from '../../../src/sim/acoustic/acousticMedia'
import { discretiseBowl, wavelengthM } from '../../../src/sim/acoustic/bowlTransducer'
import { oNeilOnAxisPressurePa } from '../../../src/sim/acoustic/oNeilOnAxis'
import { computeAcousticField, rayleighPressureAt } from '../../../src/sim/acoustic/rayleighField'
import { createGrid3 } from '../../../src/sim/grid/grid3'
import { makeBowl, makeSmallBowl, minus6dbWidth, relErr } from './fixtures'

describe('Rayleigh integral of a spherical bowl', () => {
  it("matches O'Neil's on-axis solution in a lossless medium", () => {
    const t = makeSmallBowl({ holeDiameterM: 0.02 })
    // λ/4 elements: the on-axis sum is a quadrature of a smooth integrand in θ, converging fast.
    const el = discretiseBowl(t, { elementSizeM: wavelengthM(t.frequencyHz) / 4 })
    const peak = oNeilOnAxisPressurePa(t, el.surfaceVelocityMPerS, 0)
    let worst = 0
    for (let w = -0.04; w <= 0.04; w += 0.0011) {
      const [re, im] = rayleighPressureAt(el, [0, 0, w])
      const exact = oNeilOnAxisPressurePa(t, el.surfaceVelocityMPerS, w)
      worst = Math.max(worst, Math.abs(Math.hypot(re, im) - exact) / peak)
    }
    // Tolerance 1 % of the focal peak: midpoint quadrature in θ with λ/4 rings.
    expect(worst).toBeLessThan(0.01)
  })

  it('the fast grid path (phase table) agrees with the exact sum', () => {
    const t = makeSmallBowl()
    const el = discretiseBowl(t)
    const g = createGrid3(5, 1, 9, [0.0005, 0.0005, 0.002])
    const lossless = { ...WATER, alphaDbPerCmMHz: 0 }
    const f = computeAcousticField(el, { grid: g, originM: [-0.001, 0, -0.008] }, t.frequencyHz, {
      medium: lossless,
    })
    const zc = WATER.densityKgPerM3 * WATER.speedMPerS
    let worst = 0
    let peak = 0
    for (let k = 0; k < 9; k++) {
      for (let i = 0; i < 5; i++) {
        const [re, im] = rayleighPressureAt(el, [-0.001 + i * 0.0005, 0, -0.008 + k * 0.002])
        const p = Math.hypot(re, im)
        peak = Math.max(peak, p)
        worst = Math.max(worst, Math.abs(Math.sqrt(2 * zc * f.intensityWPerM2[i + 5 * k]) - p))
      }
    }
    // Table phase error ≤ π/16384 rad (2e-4) per element, float32 table: under 1e-3 of the peak.
    expect(worst / peak).toBeLessThan(1e-3)
  })

  it('focal spot: −6 dB width and length against the focusing formulas and FACTS §8 case 12', () => {
    const t = makeBowl()
    const el = discretiseBowl(t, { elementSizeM: wavelengthM(t.frequencyHz) / 2 })
    const lambda = wavelengthM(t.frequencyHz)
    const fNum = t.radiusOfCurvatureM / t.apertureDiameterM
    const dz = 0.0004
    const axial: number[] = []
    for (let w = -0.01; w <= 0.01 + 1e-12; w += dz) {
      axial.push(Math.hypot(...rayleighPressureAt(el, [0, 0, w])))
    }
    const dx = 0.0001
    const lateral: number[] = []
    for (let x = -0.002; x <= 0.002 + 1e-12; x += dx) {
      lateral.push(Math.hypot(...rayleighPressureAt(el, [x, 0, 0])))
    }
    const lengthM = minus6dbWidth(axial, dz)
    const widthM = minus6dbWidth(lateral, dx)
    // FACTS §3.5 formulas: lateral 1.0–1.4 λF#, axial 7λF#²; FACTS §8: good to about 30 %.
    expect(widthM).toBeGreaterThan(0.7 * 1.0 * lambda * fNum)
    expect(widthM).toBeLessThan(1.3 * 1.4 * lambda * fNum)
    expect(relErr(lengthM, 7 * lambda * fNum * fNum)).toBeLessThan(0.3)
    // FACTS §8 case 12 (PMC3166338): 1.6 × 7.2 mm, within ±30 % (phantom/simulation data, §8 preamble).
    expect(relErr(widthM, 0.0016)).toBeLessThan(0.3)
    expect(relErr(lengthM, 0.0072)).toBeLessThan(0.3)
  })

  it('homogeneous attenuation scales the focal intensity by about e^{−2αR}', () => {
    const t = makeSmallBowl()
    const el = discretiseBowl(t, { elementSizeM: wavelengthM(t.frequencyHz) })
    const g = createGrid3(1, 1, 1, [0.001, 0.001, 0.001])
    const region = { grid: g, originM: [0, 0, 0] as const }
    const lossless = computeAcousticField(el, region, t.frequencyHz)
    const tissue = ACOUSTIC_TISSUES.softTissue
    const lossy = computeAcousticField(el, region, t.frequencyHz, { medium: tissue })
    const alpha = (0.52 * 100) / (20 * Math.LOG10E)
    // Patch centroids sit slightly closer than R; 2 % covers that spread of path lengths.
    const expected = Math.exp(-2 * alpha * t.radiusOfCurvatureM)
    expect(relErr(lossy.intensityWPerM2[0] / lossless.intensityWPerM2[0], expected)).toBeLessThan(
      0.02,
    )
  })
})
