/**
 * RF verification: the potential of a needle-like electrode against an analytic solution, the probe
 * layout on the grid, and the energy balance of a run (generator power = Joule heat = bioheat source).
 */
import { describe, expect, it } from 'vitest'
import { S } from '../../../src/lib/anatomy'
import { BIPOLAR_SPLIT, layoutRfProbes } from '../../../src/sim/bioheat/rfElectrodes'
import { simulateRfAblation } from '../../../src/sim/bioheat/rfAblation'
import { distanceToSegmentM } from '../../../src/sim/bioheat/probeGeometry'
import { electrodeCurrents } from '../../../src/sim/efield/field'
import { solvePotential } from '../../../src/sim/efield/solvePotential'
import { createGrid3 } from '../../../src/sim/grid/grid3'

describe('potential of a slender electrode (prolate spheroid) in a homogeneous medium', () => {
  // A uniformly charged segment of length 2f has confocal prolate spheroids as equipotentials, so a
  // spheroidal electrode with foci at ±f has φ = λ/(4πσ)·ln[((f − z) + √(ρ² + (f − z)²)) /
  // ((−f − z) + √(ρ² + (f + z)²))] + const, λ = I/(2f) (Smythe, Static and Dynamic Electricity §5.28).
  // The grounded box adds a smooth, nearly constant image potential: compare potential DIFFERENCES.
  const h = 0.001
  const n = 61
  const nz = 81
  const grid = createGrid3(n, n, nz, [h, h, h])
  const c = 0.03
  const zc = 0.04
  const f = 0.01
  const b = 0.002
  const cMajor = Math.hypot(f, b)
  const voxels: number[] = []
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const x = i * h - c
        const y = j * h - c
        const z = k * h - zc
        if ((x * x + y * y) / (b * b) + (z * z) / (cMajor * cMajor) <= 1) {
          voxels.push(i + n * (j + n * k))
        }
      }
    }
  }
  const sigma = 0.5
  const problem = {
    grid,
    sigma: new Float32Array(n * n * nz).fill(sigma),
    electrodes: [{ voxels, potentialV: 1, contactScale: 1 }],
    pads: (['x-', 'x+', 'y-', 'y+', 'z-', 'z+'] as const).map((face) => ({ face, potentialV: 0 })),
  }
  const sol = solvePotential(problem, { relTol: 1e-7 })
  const currentA = electrodeCurrents(problem, sol.phi).electrodesA[0]
  const lambda = currentA / (2 * f)
  const analytic = (rho: number, z: number): number =>
    (lambda / (4 * Math.PI * sigma)) *
    Math.log((f - z + Math.hypot(rho, f - z)) / (-f - z + Math.hypot(rho, f + z)))
  const at = (di: number, dk: number): number =>
    sol.phi[Math.round(c / h) + di + n * (Math.round(c / h) + n * (Math.round(zc / h) + dk))]

  it('radial and oblique potential differences within 4 % at h = 1 mm (measured 1.5–2.4 %)', () => {
    for (const [i1, i2, dk] of [
      [4, 12, 0],
      [5, 10, 0],
      [6, 12, 6],
    ]) {
      const num = at(i1, dk) - at(i2, dk)
      const ana = analytic(i1 * h, dk * h) - analytic(i2 * h, dk * h)
      expect(Math.abs(num / ana - 1)).toBeLessThan(0.04)
    }
  })
})

describe('RF probe layout', () => {
  const h = 0.001
  const grid = createGrid3(41, 41, 61, [h, h, h])
  const tip = [0.02, 0.02, 0.02] as const
  const entry = [0.02, 0.02, 0.2] as const

  it('bipolar: two electrodes at ±0.5 V with the insulating gap between them, no pads', () => {
    const lay = layoutRfProbes(
      grid,
      [{ tipM: tip, entryM: entry, radiusM: 0.0015, kind: 'bipolar', activeLengthM: 0.02 }],
      0.003,
    )
    expect(lay.pads).toHaveLength(0)
    expect(lay.electrodes.map((e) => e.potentialV)).toEqual([0.5, -0.5])
    const zOf = (v: number): number => Math.floor(v / (41 * 41)) * h
    const distal = [...lay.electrodes[0].voxels].map(zOf)
    const proximal = [...lay.electrodes[1].voxels].map(zOf)
    const gapM = Math.min(...proximal) - Math.max(...distal)
    // The gap is 20 % of 20 mm = 4 mm between metal ends; voxel centres lie up to a voxel inside.
    expect(gapM).toBeGreaterThanOrEqual(BIPOLAR_SPLIT.gap * 0.02 - 1e-9)
    expect(gapM).toBeLessThanOrEqual(BIPOLAR_SPLIT.gap * 0.02 + 2 * h + 1e-9)
    // The shaft between and behind the electrodes is insulated (σ = 0), never an electrode voxel.
    const metal = new Set([...lay.electrodes[0].voxels, ...lay.electrodes[1].voxels])
    expect(lay.insulatedVoxels.length).toBeGreaterThan(0)
    for (const v of lay.insulatedVoxels) expect(metal.has(v)).toBe(false)
  })

  it('monopolar: grounded faces, control voxels within the radius of the active part only', () => {
    const lay = layoutRfProbes(
      grid,
      [{ tipM: tip, entryM: entry, radiusM: 0.0008, kind: 'monopolar', activeLengthM: 0.01 }],
      0.003,
    )
    expect(lay.pads).toHaveLength(6)
    for (const v of lay.controlVoxels) {
      const p = [
        (v % 41) * h,
        (Math.floor(v / 41) % 41) * h,
        Math.floor(v / (41 * 41)) * h,
      ] as const
      expect(
        distanceToSegmentM(p, lay.activeSegments[0].startM, lay.activeSegments[0].endM),
      ).toBeLessThanOrEqual(0.0038 + 1e-9)
    }
  })

  it('rejects probes outside the volume and absurd sizes with plain messages', () => {
    const probe = {
      tipM: tip,
      entryM: entry,
      radiusM: 0.0008,
      kind: 'monopolar',
      activeLengthM: 0.01,
    } as const
    expect(() => layoutRfProbes(grid, [{ ...probe, tipM: [0.5, 0.02, 0.02] }], 0.003)).toThrow(
      /outside the simulated volume/,
    )
    expect(() => layoutRfProbes(grid, [{ ...probe, radiusM: 0.02 }], 0.003)).toThrow(/radius/)
    expect(() => layoutRfProbes(grid, [{ ...probe, activeLengthM: 0 }], 0.003)).toThrow(
      /active length/,
    )
    expect(() => layoutRfProbes(grid, [], 0.003)).toThrow(/at least one probe/)
  })
})

describe('energy balance of an RF run', () => {
  // Bipolar, uncooled, no vessels, no pads: every joule of Joule heat lands in free tissue.
  const h = 0.001
  const grid = createGrid3(31, 31, 41, [h, h, h])
  const r = simulateRfAblation(
    {
      grid,
      labels: new Uint8Array(31 * 31 * 41).fill(S.muscle),
      probes: [
        {
          tipM: [0.015, 0.015, 0.012],
          entryM: [0.015, 0.015, 0.2],
          radiusM: 0.0008,
          kind: 'bipolar',
          activeLengthM: 0.01,
          isCooled: false,
        },
      ],
      // Roll-off off: this test is about bookkeeping, not the generator.
      generator: { mode: 'power', maxPowerW: 5, rollOff: { impedanceRatio: Infinity } },
    },
    { durationS: 60, controlStepS: 2 },
  )

  it('generator energy = Joule heat in tissue (1e-3) = bioheat source energy (1e-6)', () => {
    expect(r.electricalEnergyJ).toBeCloseTo(5 * 60, 6)
    // The part not in free tissue is the Joule heat of the block's outer voxel layer, which holds the
    // thermal boundary values (measured 6e-4 of the total here) plus the solver residual (1e-5).
    expect(Math.abs(r.depositedEnergyJ / r.electricalEnergyJ - 1)).toBeLessThan(1e-3)
    expect(Math.abs(r.state.energy.sourceJ / r.depositedEnergyJ - 1)).toBeLessThan(1e-6)
  })

  it('bioheat books the energy: source + perfusion + boundary = Δ stored (1e-5)', () => {
    let stored = 0
    const inv = r.state.arrays.invHeatCap
    for (let v = 0; v < inv.length; v++) if (inv[v] !== 0) stored += r.state.tempC[v] / inv[v]
    stored *= h ** 3
    const e = r.state.energy
    const balance = e.sourceJ + e.perfusionJ + e.boundaryJ - (stored - r.state.stored0J)
    expect(Math.abs(balance) / e.sourceJ).toBeLessThan(1e-5)
  })
})
