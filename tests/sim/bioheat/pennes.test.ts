import { describe, expect, it } from 'vitest'
import { S } from '../../../src/lib/anatomy'
import { createGrid3 } from '../../../src/sim/grid/grid3'
import {
  createBioheatState,
  stepBioheat,
  storedEnergyJ,
  type BioheatSetup,
} from '../../../src/sim/bioheat/pennes'
import { depositProbePower } from '../../../src/sim/bioheat/probeGeometry'
import { BLOOD } from '../../../src/sim/bioheat/tissueProperties'
import {
  diffusivity,
  erfc,
  muscle,
  observedOrder,
  oneDimensional,
  tableWith,
  uniformBlock,
} from './fixtures'

/** Runs a 1-D slab (x) to time tEndS with sub-steps at the stability bound; returns T along x. */
function slab(
  setup: Partial<BioheatSetup> & { nx: number; hM: number },
  tEndS: number,
): Float32Array {
  const { grid, labels } = uniformBlock(setup.nx, 3, 3, setup.hM)
  const s = createBioheatState({
    grid,
    labels,
    kTempCoeffPerK: 0,
    perfusionShutdownOmega: null,
    ...setup,
  })
  const n = Math.ceil(tEndS / s.dtStableS)
  stepBioheat(s, { dtS: tEndS / n }, n)
  const row = new Float32Array(setup.nx)
  for (let i = 0; i < setup.nx; i++) row[i] = s.tempC[i + setup.nx * 4]
  return row
}

describe('pennes: analytic verification', () => {
  it('1-D diffusion from a step matches erfc, second order in h (dt ∝ h²)', () => {
    const t = muscle()
    const alpha = diffusivity(t)
    const errs: number[] = []
    for (const nx of [41, 81, 161]) {
      const h = 0.02 / (nx - 1)
      const tEnd = 60
      const row = slab(
        {
          nx,
          hM: h,
          materials: tableWith(t),
          boundary: oneDimensional({ xMin: { kind: 'dirichlet', tempC: 77 } }),
        },
        tEnd,
      )
      let e = 0
      for (let i = 1; i < nx - 1; i++) {
        const exact = 37 + 40 * erfc((i * h) / (2 * Math.sqrt(alpha * tEnd)))
        e = Math.max(e, Math.abs(row[i] - exact))
      }
      errs.push(e)
    }
    // Forward Euler in time is first order in dt, but dt ∝ h² at the bound, so the error is O(h²).
    expect(observedOrder(errs[0], errs[1])).toBeGreaterThanOrEqual(1.8)
    expect(observedOrder(errs[1], errs[2])).toBeGreaterThanOrEqual(1.8)
    // 0.0125 % of the 40 K step at h = 0.125 mm: the discretisation error, not float32 rounding.
    expect(errs[2]).toBeLessThan(0.01)
  })

  it('steady 1-D Pennes with perfusion matches the sinh profile, second order', () => {
    // θ'' = m²θ with m² = ω ρ_b c_b / k; θ(0) = 20 K, θ(L) = 0: θ = 20·sinh(m(L − x))/sinh(mL).
    const t = muscle(0.01)
    const m = Math.sqrt(
      (t.perfusionPerS * BLOOD.densityKgPerM3 * BLOOD.specificHeatJPerKgK) / t.conductivityWPerMK,
    )
    const L = 0.02
    const errs: number[] = []
    for (const nx of [21, 41, 81]) {
      const h = L / (nx - 1)
      // τ = ρc/(ωρ_b c_b) ≈ 98 s; 1800 s leaves e^(−18) of the transient.
      const row = slab(
        {
          nx,
          hM: h,
          materials: tableWith(t),
          boundary: oneDimensional({ xMin: { kind: 'dirichlet', tempC: 57 } }),
        },
        1800,
      )
      let e = 0
      for (let i = 1; i < nx - 1; i++) {
        const exact = 37 + (20 * Math.sinh(m * (L - i * h))) / Math.sinh(m * L)
        e = Math.max(e, Math.abs(row[i] - exact))
      }
      errs.push(e)
    }
    expect(observedOrder(errs[0], errs[1])).toBeGreaterThanOrEqual(1.8)
    expect(observedOrder(errs[1], errs[2])).toBeGreaterThanOrEqual(1.8)
    expect(errs[2]).toBeLessThan(0.01)
  })

  it('convective skin boundary gives the series-resistance steady flux', () => {
    // No perfusion: linear profile; flux = (T_core − T_amb) / (L/k + 1/h_film) with L from the Dirichlet
    // node to the skin face (half a cell beyond the last node).
    const t = muscle()
    const nx = 41
    const hM = 0.0005
    const hFilm = 20
    const row = slab(
      {
        nx,
        hM,
        materials: tableWith(t),
        boundary: oneDimensional({ xMax: { kind: 'convective', hWPerM2K: hFilm, ambientC: 20 } }),
      },
      20000,
    )
    const L = (nx - 1.5) * hM
    const flux = (37 - 20) / (L / t.conductivityWPerMK + 1 / hFilm)
    const skinExact = 20 + flux / hFilm
    // Extrapolate the last two nodes to the skin face (half a cell out): exact for a linear profile.
    const skin = row[nx - 2] + 0.5 * (row[nx - 2] - row[nx - 3])
    // 2e-3 K: the transient after 20000 s (τ = L²/α ≈ 3000 s) plus float32 rounding.
    expect(Math.abs(skin - skinExact)).toBeLessThan(2e-3)
  })

  it('spherical constant-power source in perfused tissue matches the steady analytic solution', () => {
    // Octant domain (three mirror planes through the sphere centre). Outside the sphere of radius a:
    // θ(r) = Q (ma·cosh(ma) − sinh(ma)) e^(−mr) / (P m r), P = ω ρ_b c_b, m² = P/k.
    const t = muscle(0.01)
    const P = t.perfusionPerS * BLOOD.densityKgPerM3 * BLOOD.specificHeatJPerKgK
    const m = Math.sqrt(P / t.conductivityWPerMK)
    const a = 0.003
    const q = 2e6
    const errs: number[] = []
    for (const h of [0.002, 0.001]) {
      const n = Math.round(0.03 / h) + 2
      const { grid, labels } = uniformBlock(n, n, n, h)
      const s = createBioheatState({
        grid,
        labels,
        materials: tableWith(t),
        kTempCoeffPerK: 0,
        perfusionShutdownOmega: null,
        boundary: {
          xMin: { kind: 'adiabatic' },
          yMin: { kind: 'adiabatic' },
          zMin: { kind: 'adiabatic' },
        },
      })
      // Centre on the corner where the mirror planes meet; source weighted by the voxel's volume
      // fraction inside the sphere (8³ sub-samples) so the deposited power converges at O(h²).
      const c = h / 2
      for (let k = 1; k < n - 1; k++) {
        for (let j = 1; j < n - 1; j++) {
          for (let i = 1; i < n - 1; i++) {
            let inside = 0
            for (let u = 0; u < 512; u++) {
              const x = (i - 0.5 + ((u & 7) + 0.5) / 8) * h - c
              const y = (j - 0.5 + (((u >> 3) & 7) + 0.5) / 8) * h - c
              const z = (k - 0.5 + ((u >> 6) + 0.5) / 8) * h - c
              if (x * x + y * y + z * z <= a * a) inside++
            }
            s.sourceWPerM3[i + n * (j + n * k)] = (q * inside) / 512
          }
        }
      }
      const nSteps = Math.ceil(1500 / s.dtStableS)
      stepBioheat(s, { dtS: 1500 / nSteps }, nSteps)
      let e = 0
      for (let i = 1; i < n - 1; i++) {
        const r = Math.hypot(i * h - c, 0.5 * h, 0.5 * h)
        if (r < 2 * a || r > 0.015) continue
        const exact =
          (q * (m * a * Math.cosh(m * a) - Math.sinh(m * a)) * Math.exp(-m * r)) / (P * m * r)
        e = Math.max(e, Math.abs(s.tempC[i + n * (1 + n)] - 37 - exact) / exact)
      }
      errs.push(e)
    }
    // Relative error over 2a ≤ r ≤ 15 mm: measured 7.7 % (2 mm) and 1.8 % (1 mm), second order.
    expect(observedOrder(errs[0], errs[1])).toBeGreaterThanOrEqual(1.8)
    expect(errs[1]).toBeLessThan(0.025)
  })
})

describe('pennes: conservation, stability, symmetry, determinism', () => {
  /** Heterogeneous block: muscle, a bone slab, a vessel, a heated core; Dirichlet walls. */
  function heatedBlock(extra: Partial<BioheatSetup> = {}): ReturnType<typeof createBioheatState> {
    const n = 24
    const h = 0.001
    const grid = createGrid3(n, n, n, [h, h, h])
    const labels = new Uint8Array(n * n * n).fill(S.muscle)
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          const idx = i + n * (j + n * k)
          if (i > 14 && i < 18) labels[idx] = S.corticalBone
          if (Math.hypot(j - 6, k - 12) < 2) labels[idx] = S.aorta
        }
      }
    }
    const s = createBioheatState({ grid, labels, ...extra })
    for (let k = 10; k < 14; k++) {
      for (let j = 10; j < 14; j++) {
        for (let i = 10; i < 14; i++) s.sourceWPerM3[i + n * (j + n * k)] = 5e7
      }
    }
    return s
  }

  it.each(['euler', 'rkl2'] as const)(
    'conserves energy (%s): source + perfusion + boundary flux = change in stored heat',
    (integrator) => {
      const s = heatedBlock({ integrator })
      stepBioheat(s, { dtS: 10 }, 12)
      const stored = storedEnergyJ(s) - s.stored0J
      const { sourceJ, perfusionJ, boundaryJ } = s.energy
      // All three terms are active and of comparable size (not a trivial balance).
      expect(perfusionJ).toBeLessThan(-0.01 * sourceJ)
      expect(boundaryJ).toBeLessThan(-0.01 * sourceJ)
      // 1e-5 of the source energy: float32 temperatures round each increment at ~6e-8 relative.
      expect(Math.abs(sourceJ + perfusionJ + boundaryJ - stored)).toBeLessThan(1e-5 * sourceJ)
    },
  )

  it('sub-steps a macro step above the stability bound (Euler)', () => {
    const s = heatedBlock({ integrator: 'euler' })
    stepBioheat(s, { dtS: 10 * s.dtStableS }, 2)
    expect(s.steps).toBe(20)
    expect(s.dtS).toBeLessThanOrEqual(s.dtStableS)
    expect(() => stepBioheat(s, { dtS: -1 }, 1)).toThrow()
  })

  it('the bound is the real limit (Euler): 2.5× over it the explicit scheme blows up, at it the maximum principle holds', () => {
    const stable = heatedBlock({ stabilitySafety: 1, integrator: 'euler' })
    const unstable = heatedBlock({ stabilitySafety: 2.5, integrator: 'euler' })
    stepBioheat(stable, {}, 200)
    stepBioheat(unstable, {}, 200)
    const maxAbs = (t: Float32Array): number => t.reduce((m, v) => Math.max(m, Math.abs(v)), 0)
    // Stable: bounded by what the source can heat in 200 steps; unstable: growth by orders of magnitude.
    expect(maxAbs(stable.tempC)).toBeLessThan(300)
    expect(
      Number.isFinite(maxAbs(unstable.tempC)) ? maxAbs(unstable.tempC) : Infinity,
    ).toBeGreaterThan(1e4)
  })

  it('is symmetric under axis permutations and mirror images of a symmetric problem', () => {
    const n = 21
    const { grid, labels } = uniformBlock(n, n, n, 0.001)
    const s = createBioheatState({ grid, labels })
    s.sourceWPerM3[10 + n * (10 + n * 10)] = 2e9
    stepBioheat(s, { dtS: 5 }, 12)
    const T = (i: number, j: number, k: number): number => s.tempC[i + n * (j + n * k)]
    let e = 0
    for (let k = 1; k < n - 1; k++) {
      for (let j = 1; j < n - 1; j++) {
        for (let i = 1; i < n - 1; i++) {
          e = Math.max(
            e,
            Math.abs(T(i, j, k) - T(n - 1 - i, j, k)),
            Math.abs(T(i, j, k) - T(j, k, i)),
          )
        }
      }
    }
    // Only summation order differs between mirrored voxels: float32 rounding of ~1e-5 K at 60 °C.
    expect(e).toBeLessThan(1e-4)
    expect(T(11, 10, 10)).toBeGreaterThan(40)
  })

  it('is deterministic, and row skipping is bit-identical to sweeping every row', () => {
    const a = heatedBlock({ integrator: 'euler' })
    const b = heatedBlock({ integrator: 'euler' })
    const c = heatedBlock({ integrator: 'euler', disableRowSkipping: true })
    for (const s of [a, b, c]) stepBioheat(s, { dtS: 5 }, 30)
    expect(Buffer.from(a.tempC.buffer).equals(Buffer.from(b.tempC.buffer))).toBe(true)
    expect(Buffer.from(a.tempC.buffer).equals(Buffer.from(c.tempC.buffer))).toBe(true)
    expect(Buffer.from(a.damage.omega.buffer).equals(Buffer.from(c.damage.omega.buffer))).toBe(true)
  })

  it('holds vessels at arterial temperature and stops perfusion where Ω ≥ 1', () => {
    const s = heatedBlock()
    stepBioheat(s, { dtS: 5 }, 40)
    const n = 24
    const vessel = 3 + n * (6 + n * 12)
    expect(s.tempC[vessel]).toBe(37)
    let coagulated = 0
    for (let i = 0; i < s.tempC.length; i++) {
      if (s.isFixed[i] === 1) continue
      if (s.damage.omega[i] >= 1) {
        coagulated++
        expect(s.arrays.perfusion[i]).toBe(0)
      } else if (s.damage.omega[i] < 0.5) {
        expect(s.arrays.perfusion[i]).toBeGreaterThan(0)
      }
    }
    expect(coagulated).toBeGreaterThan(0)
  })
})

describe('pennes: probes', () => {
  it('a probe as a volumetric source deposits exactly its power (energy books)', () => {
    const n = 21
    const h = 0.001
    const { grid, labels } = uniformBlock(n, n, n, h)
    const s = createBioheatState({ grid, labels })
    const seg = { startM: [0.01, 0.01, 0.006], endM: [0.01, 0.01, 0.014], radiusM: 0.0008 } as const
    expect(depositProbePower(grid, seg, 5, s.sourceWPerM3)).toBeGreaterThan(0)
    stepBioheat(s, { dtS: 10 }, 3)
    // 5 W for 30 s; float32 source values round at ~6e-8 relative.
    expect(Math.abs(s.energy.sourceJ / 150 - 1)).toBeLessThan(1e-6)
  })

  it('a cooled (Dirichlet) probe holds its temperature and cools its neighbours', () => {
    const n = 21
    const h = 0.001
    const { grid, labels } = uniformBlock(n, n, n, h)
    const seg = { startM: [0.01, 0.01, 0.005], endM: [0.01, 0.01, 0.015], radiusM: 0.0012 } as const
    const s = createBioheatState({ grid, labels, probes: [{ segment: seg, tempC: 10 }] })
    stepBioheat(s, { dtS: 10 }, 6)
    const centre = 10 + n * (10 + n * 10)
    expect(s.tempC[centre]).toBe(10)
    expect(s.tempC[centre + 2]).toBeLessThan(36)
    expect(s.tempC[centre + 2]).toBeGreaterThan(10)
  })
})
