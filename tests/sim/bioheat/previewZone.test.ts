import { describe, expect, it } from 'vitest'
import { createGrid3 } from '../../../src/sim/grid/grid3'
import { simulateMwaZone } from '../../../src/sim/bioheat/mwaZone'
import { previewMask, previewZone, type PreviewZone } from '../../../src/sim/bioheat/previewZone'
import { RF_PREVIEW_SPACING_M } from '../../../src/sim/bioheat/previewTables'
import { simulateRfZones, type RfVariant } from '../../../src/sim/bioheat/rfZone'

const mwa = (powerW: number, durationS: number, isPerfused = true): PreviewZone =>
  previewZone({
    kind: 'mwa',
    type: 'dualSlot',
    frequency: '2450MHz',
    powerW,
    durationS,
    isPerfused,
    tipM: [0.04, 0.04, 0.03],
    shaftDirection: [0, 0, 1],
  })

describe('previewZone (approximate; calibrated against the full model; cryo: validation.test.ts)', () => {
  it('microwave: matches the full model off the table nodes to 8 %', () => {
    // 70 W × 200 s and 120 W × 450 s lie between table nodes in both power and time. Bilinear
    // interpolation of a smooth, concave size law: 8 % covers the curvature between nodes.
    for (const [p, t] of [
      [70, 200],
      [120, 450],
    ] as const) {
      const full = simulateMwaZone({
        powerW: p,
        durationS: t,
        type: 'dualSlot',
        frequency: '2450MHz',
        isPerfused: true,
        spacingM: 0.0015,
      })
      const pre = mwa(p, t)
      if (pre.kind !== 'mwa') throw new Error('kind')
      expect(Math.abs(pre.ellipsoid.lengthM / full.lengthM - 1)).toBeLessThan(0.08)
      expect(Math.abs(pre.ellipsoid.diameterM / full.diameterM - 1)).toBeLessThan(0.08)
      expect(pre.isClamped).toBe(false)
    }
  })

  it('microwave: grows with power and time, shrinks with perfusion, flags requests outside the table', () => {
    const d = (z: PreviewZone): number => (z.kind === 'mwa' ? z.ellipsoid.diameterM : NaN)
    expect(d(mwa(100, 300))).toBeGreaterThan(d(mwa(40, 300)))
    expect(d(mwa(60, 600))).toBeGreaterThan(d(mwa(60, 120)))
    expect(d(mwa(60, 300, false))).toBeGreaterThan(d(mwa(60, 300, true)))
    expect(mwa(300, 300).isClamped).toBe(true)
  })

  it('microwave mask: the rasterised ellipsoid has the ellipsoid volume (1 mm grid, 5 %)', () => {
    const g = createGrid3(80, 80, 80, [0.001, 0.001, 0.001])
    const z = mwa(80, 300)
    if (z.kind !== 'mwa') throw new Error('kind')
    const count = previewMask(g, z).reduce((a, v) => a + v, 0)
    const exact = (Math.PI / 6) * z.ellipsoid.lengthM * z.ellipsoid.diameterM ** 2
    // Voxel-centre sampling of a ~45 × 31 mm ellipsoid: surface error ~ h/L ≈ 3 %.
    expect(Math.abs((count * 1e-9) / exact - 1)).toBeLessThan(0.05)
  })
})

const rf = (variant: RfVariant, lengthMm: number, durationS: number): PreviewZone =>
  previewZone({
    kind: 'rf',
    variant,
    activeLengthM: lengthMm / 1000,
    durationS,
    tipM: [0.04, 0.04, 0.03],
    shaftDirection: [0, 0, 1],
  })

describe('previewZone RF (a table of full RF model runs in uniform trabecular bone)', () => {
  it('matches the full model between the table nodes to 10 %', () => {
    // Bipolar 10 mm at 240 s lies between the 180 and 300 s nodes; the cooled monopolar with a 25 mm
    // tip between the 20 and 30 mm nodes. Linear interpolation of a concave growth law: 10 % covers the
    // curvature between nodes (measured: within 3 %).
    for (const [variant, lengthMm, t] of [
      ['bipolarBone', 10, 240],
      ['cooledMonopolar', 25, 300],
    ] as const) {
      const [full] = simulateRfZones({
        variant,
        activeLengthM: lengthMm / 1000,
        timesS: [t],
        spacingM: RF_PREVIEW_SPACING_M,
      })
      const pre = rf(variant, lengthMm, t)
      if (pre.kind !== 'rf') throw new Error('kind')
      expect(Math.abs(pre.ellipsoid.lengthM / full.lengthM - 1)).toBeLessThan(0.1)
      expect(Math.abs(pre.ellipsoid.diameterM / full.diameterM - 1)).toBeLessThan(0.1)
      expect(pre.isClamped).toBe(false)
    }
  })

  it('grows with time and tip length, sits along the shaft, flags requests outside the table', () => {
    const size = (z: PreviewZone): number =>
      z.kind === 'rf' ? z.ellipsoid.lengthM * z.ellipsoid.diameterM ** 2 : NaN
    expect(size(rf('bipolarBone', 10, 600))).toBeGreaterThan(size(rf('bipolarBone', 10, 120)))
    expect(size(rf('bipolarBone', 20, 300))).toBeGreaterThan(size(rf('bipolarBone', 10, 300)))
    expect(size(rf('cooledMonopolar', 30, 720))).toBeGreaterThan(size(rf('bipolarBone', 20, 720)))
    const z = rf('cooledMonopolar', 30, 720)
    if (z.kind !== 'rf') throw new Error('kind')
    // The zone's centre lies on the shaft (x, y of the tip), on the hub side of the tip.
    expect(z.ellipsoid.centreM[0]).toBeCloseTo(0.04, 9)
    expect(z.ellipsoid.centreM[2]).toBeGreaterThan(0.03)
    expect(rf('cooledMonopolar', 40, 720).isClamped).toBe(true)
    expect(rf('bipolarBone', 10, 1800).isClamped).toBe(true)
    expect(rf('bipolarBone', 10, 300).isClamped).toBe(false)
  })

  it('rasterises to a mask of the ellipsoid volume (1 mm grid, 8 %)', () => {
    const g = createGrid3(80, 80, 80, [0.001, 0.001, 0.001])
    const z = rf('bipolarBone', 10, 300)
    if (z.kind !== 'rf') throw new Error('kind')
    const count = previewMask(g, z).reduce((a, v) => a + v, 0)
    const exact = (Math.PI / 6) * z.ellipsoid.lengthM * z.ellipsoid.diameterM ** 2
    // A ~10 × 15 mm ellipsoid on a 1 mm grid: surface error ~ 2h/L ≈ 8 %.
    expect(Math.abs((count * 1e-9) / exact - 1)).toBeLessThan(0.08)
  })
})
