import { describe, expect, it } from 'vitest'
import { S } from '../../../src/lib/anatomy'
import { WATER } from '../../../src/sim/acoustic/acousticMedia'
import { discretiseBowl, wavelengthM } from '../../../src/sim/acoustic/bowlTransducer'
import { computeAcousticField } from '../../../src/sim/acoustic/rayleighField'
import { createGrid3, gridIndex } from '../../../src/sim/grid/grid3'
import { makeSmallBowl, relErr } from './fixtures'

/** Exact normal intensity I_z = ½ Re(p·v_z*) of the lossless Rayleigh sum, v_z = −∂p/∂z / (iωρ). */
function normalIntensity(
  el: ReturnType<typeof discretiseBowl>,
  p: readonly [number, number, number],
  omega: number,
): number {
  const k = el.wavenumberPerM
  let pr = 0
  let pi = 0
  let gr = 0
  let gi = 0
  for (let e = 0; e < el.count; e++) {
    const dx = p[0] - el.x[e]
    const dy = p[1] - el.y[e]
    const dz = p[2] - el.z[e]
    const r = Math.sqrt(dx * dx + dy * dy + dz * dz)
    // G = e^{−ikr}/r; ∂G/∂z = −(ik + 1/r)·G·dz/r.
    const gRe = Math.cos(k * r) / r
    const gIm = -Math.sin(k * r) / r
    const fr = (-1 / r) * (dz / r)
    const fi = -k * (dz / r)
    const dRe = fr * gRe - fi * gIm
    const dIm = fr * gIm + fi * gRe
    pr += el.wRe[e] * gRe - el.wIm[e] * gIm
    pi += el.wRe[e] * gIm + el.wIm[e] * gRe
    gr += el.wRe[e] * dRe - el.wIm[e] * dIm
    gi += el.wRe[e] * dIm + el.wIm[e] * dRe
  }
  // v_z = −∂p/∂z / (iωρ) = i·∂p/∂z / (ωρ): (gr + i gi)·i = −gi + i gr.
  const vr = -gi / (omega * WATER.densityKgPerM3)
  const vi = gr / (omega * WATER.densityKgPerM3)
  return 0.5 * (pr * vr + pi * vi)
}

describe('energy balance', () => {
  it('lossless: the power through a plane before the focus equals the emitted power', () => {
    const t = makeSmallBowl({ powerW: 40 })
    const el = discretiseBowl(t, { elementSizeM: wavelengthM(t.frequencyHz) / 2 })
    const h = 0.0005
    let flux = 0
    // Plane 10 mm before the focus, 24 mm square: the geometric cone radius there is 5.8 mm.
    for (let j = -24; j <= 24; j++) {
      for (let i = -24; i <= 24; i++) {
        flux += normalIntensity(el, [i * h, j * h, -0.01], 2 * Math.PI * t.frequencyHz) * h * h
      }
    }
    // 3 %: P = ρc u² A / 2 is the plane-wave relation at the surface, not exact on a curved bowl.
    expect(relErr(flux, t.powerW)).toBeLessThan(0.03)
    // 2 401 exact sums over ~4 000 elements: seconds when the machine is shared.
  }, 30_000)

  it('closed box with a bone slab: entering = absorbed + reflected + leaving', () => {
    const t = makeSmallBowl({ powerW: 40 })
    const el = discretiseBowl(t, { elementSizeM: wavelengthM(t.frequencyHz) })
    const h = 0.0005
    const n = 40
    const nz = 24
    const g = createGrid3(n, n, nz, [h, h, h])
    const labels = new Uint8Array(n * n * nz).fill(S.muscle)
    // Cortical bone from 4 mm before the exit face: the slab straddles the pre-focal beam.
    for (let k = nz - 8; k < nz; k++) {
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) labels[gridIndex(g, i, j, k)] = S.corticalBone
      }
    }
    const originM = [-(n - 1) * 0.5 * h, -(n - 1) * 0.5 * h, -0.016] as const
    const f = computeAcousticField(el, { grid: g, originM }, t.frequencyHz, { labels })
    // Mean axial direction cosine of the patch rays (what the parallel-ray model propagates).
    let cosSum = 0
    for (let q = 0; q < el.patchCount; q++) {
      const c = el.patchCentroidM
      cosSum += -c[3 * q + 2] / Math.hypot(c[3 * q], c[3 * q + 1], c[3 * q + 2])
    }
    const cosMean = cosSum / el.patchCount
    let entering = 0
    let leaving = 0
    let absorbed = 0
    let reflected = 0
    for (let k = 0; k < nz; k++) {
      // Trapezoid rule between the entry and exit layer centres.
      const wk = k === 0 || k === nz - 1 ? 0.5 : 1
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          const idx = gridIndex(g, i, j, k)
          if (k === 0) entering += f.intensityWPerM2[idx] * cosMean * h * h
          if (k === nz - 1) leaving += f.intensityWPerM2[idx] * cosMean * h * h
          absorbed += wk * f.absorbedWPerM3[idx] * h * h * h
          reflected += f.reflectedWPerM3[idx] * h * h * h
        }
      }
    }
    const total = absorbed + reflected + leaving
    // 10 %: parallel rays per patch, first-order steps in the sweep, lateral leakage of the box.
    expect(relErr(total, entering)).toBeLessThan(0.1)
    // Muscle → cortical bone at near-normal incidence reflects about 35 % (FACTS §8 case 13).
    expect(reflected / entering).toBeGreaterThan(0.2)
  })
})
