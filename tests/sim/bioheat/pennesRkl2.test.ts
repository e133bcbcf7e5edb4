import { describe, expect, it } from 'vitest'
import { simulateMwaZone } from '../../../src/sim/bioheat/mwaZone'
import { createBioheatState, stepBioheat } from '../../../src/sim/bioheat/pennes'
import { rkl2Plan, rkl2Stages } from '../../../src/sim/bioheat/pennesRkl2'
import {
  erfc,
  diffusivity,
  muscle,
  observedOrder,
  oneDimensional,
  tableWith,
  uniformBlock,
} from './fixtures'

/** The scalar RKL2 amplification factor R(z) for dy/dt = λy, z = λτ, by running the stage recursion. */
function amplification(s: number, z: number): number {
  const p = rkl2Plan(s)
  const y: number[] = [1]
  for (let j = 1; j <= s; j++) {
    const c = p.coefficients[j - 1]
    y.push(
      c.isFirst
        ? 1 + c.muTilde * z
        : c.mu * y[j - 1] +
            c.nu * y[j - 2] +
            (1 - c.mu - c.nu) +
            c.muTilde * z * y[j - 1] +
            c.gammaTilde * z,
    )
  }
  return y[s]
}

describe('RKL2 super-time-stepping', () => {
  it('is stable on its whole interval z ∈ [−(s² + s − 2)/2, 0] and second-order consistent', () => {
    for (const s of [2, 5, 11, 16, 40]) {
      const zMin = -(s * s + s - 2) / 2
      for (let z = zMin; z <= 0; z -= zMin / 997) {
        expect(Math.abs(amplification(s, z))).toBeLessThanOrEqual(1 + 1e-9)
      }
      // R(z) = 1 + z + z²/2 + O(z³): check at small z (round-off ~1e-16 / z³ terms ~1e-9).
      const z = 1e-3
      expect(Math.abs(amplification(s, -z) - (1 - z + (z * z) / 2))).toBeLessThan(1e-8)
      // Stage weights of the update sum to one (consistency of Y_s − Y_0 = τ Σ w_k L_k).
      expect(rkl2Plan(s).weights.reduce((a, w) => a + w, 0)).toBeCloseTo(1, 12)
    }
    expect(rkl2Stages(30, 1)).toBe(11)
  })

  it('converges at second order or better in τ on the 1-D step problem', () => {
    const t = muscle()
    const nx = 161
    const h = 0.02 / (nx - 1)
    const run = (integrator: 'euler' | 'rkl2', tau: number): Float32Array => {
      const { grid, labels } = uniformBlock(nx, 3, 3, h)
      const s = createBioheatState({
        grid,
        labels,
        materials: tableWith(t),
        kTempCoeffPerK: 0,
        perfusionShutdownOmega: null,
        integrator,
        boundary: oneDimensional({ xMin: { kind: 'dirichlet', tempC: 77 } }),
      })
      stepBioheat(s, { dtS: tau }, Math.round(60 / tau))
      return s.tempC.slice(4 * nx, 5 * nx)
    }
    // Reference: Euler at the bound (τ/dt = 1020), whose own time error is ~5e-3 K here.
    const ref = run('euler', 60 / 1020)
    const err = (r: Float32Array): number =>
      r.reduce((m, v, i) => Math.max(m, Math.abs(v - ref[i])), 0)
    const e6 = err(run('rkl2', 6))
    const e3 = err(run('rkl2', 3))
    expect(observedOrder(e6, e3)).toBeGreaterThanOrEqual(1.8)
    // At τ = 3 s (51 Euler steps' worth, 9 stages) the result matches erfc as well as Euler does.
    const alpha = diffusivity(t)
    const r3 = run('rkl2', 3)
    let exact = 0
    for (let i = 1; i < nx - 1; i++) {
      exact = Math.max(
        exact,
        Math.abs(r3[i] - 37 - 40 * erfc((i * h) / (2 * Math.sqrt(alpha * 60)))),
      )
    }
    expect(exact).toBeLessThan(0.01)
  })

  it('gives the same microwave zone as Euler within 1.5 % at 30 s super-steps', () => {
    const base = {
      powerW: 80,
      durationS: 300,
      type: 'dualSlot',
      frequency: '2450MHz',
      isPerfused: true,
    } as const
    const euler = simulateMwaZone({ ...base, spacingM: 0.0015, integrator: 'euler', macroS: 5 })
    const rkl2 = simulateMwaZone({ ...base, spacingM: 0.0015, integrator: 'rkl2', macroS: 30 })
    // Measured −0.4 % length and −1.0 % diameter; grid effects between 1 and 2 mm are of the same size.
    expect(Math.abs(rkl2.lengthM / euler.lengthM - 1)).toBeLessThan(0.015)
    expect(Math.abs(rkl2.diameterM / euler.diameterM - 1)).toBeLessThan(0.015)
  })

  it('stage times increase from 0 to 1 (the dose is integrated along the stages)', () => {
    for (const s of [2, 3, 11, 21, 40]) {
      const t = rkl2Plan(s).stageTimes
      expect(t[s - 1]).toBeCloseTo(1, 12)
      for (let j = 1; j < s; j++) expect(t[j]).toBeGreaterThan(t[j - 1])
      expect(t[0]).toBeGreaterThan(0)
    }
  })

  it('120 s super-steps (110 sweeps for 10 min) keep the 10-min zone within 1 % of Euler', () => {
    // The bench's long-step setting (its source is fixed). Measured with the dose integrated along the
    // stages: −0.5 % length, −0.8 % diameter (30 s: 0.0 / −0.2 %; 60 s: −0.1 / −0.2 %), against −2.3 %
    // and −3.2 % when the dose used only the step's end points. The near-field desiccation is off: it
    // refreshes the source once per macro step, so 120 s steps would also lag the source (−0.8 % /
    // −1.4 % against 5 s steps), which is not the integrator's error.
    const base = {
      powerW: 60,
      durationS: 600,
      type: 'dualSlot',
      frequency: '2450MHz',
      isPerfused: true,
      spacingM: 0.0015,
      desiccationScale: 0,
    } as const
    const euler = simulateMwaZone({ ...base, integrator: 'euler', macroS: 5 })
    const rkl2 = simulateMwaZone({ ...base, integrator: 'rkl2', macroS: 120 })
    expect(Math.abs(rkl2.lengthM / euler.lengthM - 1)).toBeLessThan(0.01)
    expect(Math.abs(rkl2.diameterM / euler.diameterM - 1)).toBeLessThan(0.01)
  })
})
