/**
 * Protective measures (hydrodissection, warm/cool saline, CO₂ dissection) as tissue-map edits: the edit
 * itself, the layer geometry, a 1-D steady series-resistance check through a saline layer, and the
 * protection a gas layer or a held saline layer gives behind it (quantified).
 */
import { describe, expect, it } from 'vitest'
import { S } from '../../../src/lib/anatomy'
import { createBioheatState, stepBioheat } from '../../../src/sim/bioheat/pennes'
import {
  PROTECTION_LABELS,
  PROTECTION_SIGMA_S_PER_M,
  PROTECTION_THERMAL,
  applyProtection,
  layerMask,
  type ProtectionLayer,
} from '../../../src/sim/bioheat/protection'
import { createGrid3 } from '../../../src/sim/grid/grid3'
import { muscle, oneDimensional, tableWith, uniformBlock } from './fixtures'

describe('applyProtection', () => {
  const labels = new Uint8Array([S.muscle, S.muscle, S.subcutaneousFat, S.nerveRoot])
  const layers: ProtectionLayer[] = [
    { kind: 'hydrodissection', mask: new Uint8Array([1, 0, 0, 0]) },
    {
      kind: 'hydrodissection',
      mask: new Uint8Array([0, 1, 0, 0]),
      fluid: 'dextrose5',
      heldTempC: 20,
    },
    { kind: 'co2', mask: new Uint8Array([0, 0, 1, 0]) },
  ]
  const out = applyProtection({ labels }, layers)

  it('relabels a copy, leaves the input alone and adds the media to both property tables', () => {
    expect([...out.labels]).toEqual([
      PROTECTION_LABELS.saline,
      PROTECTION_LABELS.dextrose5,
      PROTECTION_LABELS.co2,
      S.nerveRoot,
    ])
    expect([...labels]).toEqual([S.muscle, S.muscle, S.subcutaneousFat, S.nerveRoot])
    expect(out.materials[PROTECTION_LABELS.co2].behaviour).toBe('insulator')
    expect(out.materials[PROTECTION_LABELS.saline]).toEqual(PROTECTION_THERMAL.saline)
    expect(out.sigmaByLabel[PROTECTION_LABELS.saline]).toBeCloseTo(
      PROTECTION_SIGMA_S_PER_M.saline,
      6,
    )
    expect(out.sigmaByLabel[PROTECTION_LABELS.co2]).toBe(0)
    expect(out.layerVoxels).toEqual([1, 1, 1])
    expect(out.heldRegions).toEqual([{ voxels: Int32Array.from([1]), tempC: 20 }])
  })

  it('rejects a mask of the wrong size and a held CO₂ layer', () => {
    expect(() => applyProtection({ labels }, [{ kind: 'co2', mask: new Uint8Array(3) }])).toThrow(
      /mask has 3 voxels/,
    )
    expect(() =>
      applyProtection({ labels }, [{ kind: 'co2', mask: new Uint8Array(4), heldTempC: 10 }]),
    ).toThrow(/CO₂/)
  })
})

describe('layerMask', () => {
  const h = 0.001
  const grid = createGrid3(21, 21, 21, [h, h, h])
  const labels = new Uint8Array(21 * 21 * 21).fill(S.muscle)
  // A nerve along x at (j, k) = (10, 10) and a bone block at i ≥ 15.
  for (let i = 0; i < 21; i++) labels[i + 21 * (10 + 21 * 10)] = S.nerveRoot
  for (let k = 0; k < 21; k++) {
    for (let j = 0; j < 21; j++) {
      for (let i = 15; i < 21; i++) labels[i + 21 * (j + 21 * k)] = S.corticalBone
    }
  }
  const mask = layerMask(grid, labels, {
    centreM: [0.01, 0.01, 0.01],
    radiusM: 0.006,
    protect: [S.nerveRoot],
    thicknessM: 0.002,
  })

  it('fills a shell of the given thickness around the protected structure, inside the ball', () => {
    let count = 0
    for (let v = 0; v < mask.length; v++) {
      if (mask[v] === 0) continue
      count++
      const i = v % 21
      const j = Math.floor(v / 21) % 21
      const k = Math.floor(v / 441)
      expect(Math.hypot(j - 10, k - 10) * h).toBeLessThanOrEqual(0.002 + 1e-9)
      expect(Math.hypot(i - 10, j - 10, k - 10) * h).toBeLessThanOrEqual(0.006 + 1e-9)
      expect(labels[v]).toBe(S.muscle)
    }
    // 12 voxels per cross-section within 2 mm of the nerve (excluding it), over the x-span in the ball
    // that is not bone (i = 5…14 minus the ends of the ball): a non-empty, bounded layer.
    expect(count).toBeGreaterThan(60)
    expect(count).toBeLessThan(12 * 11)
  })
})

describe('1-D steady conduction through a saline layer (series resistances)', () => {
  // Muscle without perfusion, 4 mm of saline in the middle; 80 °C and 37 °C at the ends. The discrete
  // steady state of the harmonic-mean scheme is the series-resistance solution at the voxel centres.
  const h = 0.001
  const n = 41
  const { grid, labels } = uniformBlock(n, 3, 3, h)
  const mask = new Uint8Array(labels.length)
  for (let v = 0; v < labels.length; v++) if (v % n >= 18 && v % n < 22) mask[v] = 1
  const p = applyProtection({ labels, materials: tableWith(muscle(0)) }, [
    { kind: 'hydrodissection', mask },
  ])
  const s = createBioheatState({
    grid,
    labels: p.labels,
    materials: p.materials,
    boundary: oneDimensional({ xMin: { kind: 'dirichlet', tempC: 80 } }),
    // Constant k: with k(T) the steady profile is not piecewise linear.
    kTempCoeffPerK: 0,
  })
  stepBioheat(s, { dtS: 120 }, 400)

  it('matches the series-resistance profile to 1e-3 K', () => {
    const k = (i: number): number => (mask[i + n * 4] === 1 ? 0.6 : muscle(0).conductivityWPerMK)
    const rFace: number[] = []
    for (let i = 0; i < n - 1; i++) rFace.push((h * (k(i) + k(i + 1))) / (2 * k(i) * k(i + 1)))
    const total = rFace.reduce((a, b) => a + b, 0)
    let t = 80
    for (let i = 0; i < n; i++) {
      expect(Math.abs(s.tempC[i + n * 4] - t)).toBeLessThan(1e-3)
      if (i < n - 1) t -= (43 * rFace[i]) / total
    }
  })
})

describe('protection behind a layer (heated probe at 90 °C, tissue 8 mm away, 5 min)', () => {
  const h = 0.001
  const n = 41
  const { grid, labels } = uniformBlock(n, n, n, h)
  const probe = {
    segment: { startM: [0.012, 0.02, 0.012], endM: [0.012, 0.02, 0.028], radiusM: 0.001 },
    tempC: 90,
  } as const
  // The layer: a 2 mm thick, 17 × 17 mm patch at x = 16–17 mm (4–5 mm from the probe axis), centred
  // on the line to the point, so heat can still go round it.
  const slab = new Uint8Array(labels.length)
  for (let v = 0; v < labels.length; v++) {
    const j = Math.floor(v / n) % n
    const k = Math.floor(v / (n * n))
    const isPatch = Math.abs(j - 20) <= 8 && Math.abs(k - 20) <= 8
    if ((v % n === 16 || v % n === 17) && isPatch) slab[v] = 1
  }
  const probeAt = (v: number): boolean =>
    v % n === 20 && Math.floor(v / n) % n === 20 && Math.floor(v / (n * n)) === 20
  const run = (layers: ProtectionLayer[]): number => {
    const p = applyProtection({ labels, materials: tableWith(muscle(0)) }, layers)
    const s = createBioheatState({
      grid,
      labels: p.labels,
      materials: p.materials,
      heldRegions: p.heldRegions,
      probes: [probe],
    })
    stepBioheat(s, { dtS: 10 }, 30)
    let t = NaN
    for (let v = 0; v < s.tempC.length; v++) if (probeAt(v)) t = s.tempC[v]
    return t - 37
  }
  const bare = run([])
  const gas = run([{ kind: 'co2', mask: slab }])
  const saline = run([{ kind: 'hydrodissection', mask: slab }])
  const cool = run([{ kind: 'hydrodissection', mask: slab, heldTempC: 25 }])

  it('the point heats without protection (measured ΔT 7.6 K)', () => {
    expect(bare).toBeGreaterThan(5)
  })

  it('a CO₂ patch cuts the rise behind it by ≥ 85 % (measured 7.6 → 0.46 K, −94 %)', () => {
    expect(gas).toBeLessThan(0.15 * bare)
    expect(gas).toBeGreaterThan(0)
  })

  it('stagnant saline barely protects (k 0.6 vs 0.49 W/m/K; measured +1.5 %, bound ±20 %)', () => {
    expect(Math.abs(saline / bare - 1)).toBeLessThan(0.2)
  })

  it('circulating 25 °C saline keeps the point below body temperature (measured −8.8 K)', () => {
    expect(cool).toBeLessThan(0)
  })
})
