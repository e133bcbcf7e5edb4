import { describe, expect, it } from 'vitest'
import { S } from '../../../src/lib/anatomy'
import { createGrid3 } from '../../../src/sim/grid/grid3'
import {
  MWA_CALIBRATION,
  MWA_EFFICIENCY,
  antennaPattern,
  fillMicrowaveSource,
  patternShape,
  type MicrowaveAntenna,
} from '../../../src/sim/bioheat/microwave'
import { simulateMwaZone } from '../../../src/sim/bioheat/mwaZone'

const antenna: MicrowaveAntenna = {
  tipM: [0.02, 0.02, 0.015],
  shaftDirection: [0, 0, 1],
  type: 'monopole',
  frequency: '2450MHz',
  powerW: 60,
}

describe('microwave SAR pattern', () => {
  it('deposits exactly η·P on the grid and is axisymmetric', () => {
    const n = 41
    const h = 0.001
    const g = createGrid3(n, n, n, [h, h, h])
    const q = new Float32Array(n * n * n)
    const absorbed = fillMicrowaveSource(g, antenna, q)
    let sum = 0
    for (const v of q) sum += v
    // Float32 storage of each voxel value: 1e-6 relative on the sum.
    expect(Math.abs(sum * h ** 3 - absorbed) / absorbed).toBeLessThan(1e-6)
    expect(absorbed).toBeCloseTo(60 * MWA_EFFICIENCY.value, 10)
    const at = (i: number, j: number, k: number): number => q[i + n * (j + n * k)]
    // The axis runs through voxel centres (20, 20, ·): rotating by 90° about it maps voxels onto voxels.
    for (const [di, dj] of [
      [3, 0],
      [5, 2],
      [7, 4],
    ]) {
      expect(at(20 + di, 20 + dj, 30)).toBeCloseTo(at(20 - dj, 20 + di, 30), 0)
    }
  })

  it('gives the monopole a backward tail and keeps the dual-slot compact', () => {
    const mono = antennaPattern('monopole', '2450MHz')
    const dual = antennaPattern('dualSlot', '2450MHz')
    const behind = (p: typeof mono): number =>
      patternShape(p, 0.003, p.feedOffsetM + 0.025) / patternShape(p, 0.003, p.feedOffsetM)
    // 25 mm behind the feed the dual-slot's Gaussian is down to e^(−5.4); the monopole keeps its tail.
    expect(behind(mono)).toBeGreaterThan(5 * behind(dual))
  })

  it('scales 915 MHz to deeper, longer heating than 2.45 GHz', () => {
    const hi = antennaPattern('dualSlot', '2450MHz')
    const lo = antennaPattern('dualSlot', '915MHz')
    expect(lo.radialDecayM).toBeGreaterThan(hi.radialDecayM)
    expect(lo.axialSigmaM).toBeGreaterThan(hi.axialSigmaM)
  })

  it('weights absorption by tissue: little SAR in cortical bone and fat, none in gas', () => {
    const n = 31
    const h = 0.001
    const g = createGrid3(n, n, n, [h, h, h])
    const labels = new Uint8Array(n * n * n).fill(S.liver)
    const a = 15 + n * (18 + n * 20)
    const b = 15 + n * (12 + n * 20)
    labels[a] = S.corticalBone
    labels[b] = S.bowelGas
    const q = new Float32Array(n * n * n)
    fillMicrowaveSource(g, { ...antenna, tipM: [0.015, 0.015, 0.01] }, q, labels)
    const sameDistanceInLiver = 18 + n * (15 + n * 20)
    expect(q[a] / q[sameDistanceInLiver]).toBeCloseTo(0.25, 5)
    expect(q[b]).toBe(0)
  })
})

describe('microwave calibration (FACTS §1.4, §8.6): MWA_CALIBRATION reproduced by the full model', () => {
  const runs = MWA_CALIBRATION.map((c) => ({
    c,
    // 1.5 mm grid: zone sizes agree with the 1 mm calibration runs to 1 % (edges are interpolated).
    z: simulateMwaZone({ ...c, frequency: '2450MHz', spacingM: 0.0015 }),
  }))

  it.each(MWA_CALIBRATION.map((c, i) => [c.source, i] as const))('%s', (_, i) => {
    const { c, z } = runs[i]
    // FACTS §8: ±20–30 % (ex-vivo/animal data); we hold every point to ±20 %.
    if (c.lengthM !== undefined) expect(Math.abs(z.lengthM / c.lengthM - 1)).toBeLessThan(0.2)
    if (c.diameterM !== undefined) expect(Math.abs(z.diameterM / c.diameterM - 1)).toBeLessThan(0.2)
    if (c.aspect !== undefined) {
      expect(Math.abs(z.diameterM / z.lengthM / c.aspect - 1)).toBeLessThan(0.2)
    }
  })

  it('the fitted absolute point is met to 3 % (fit residual + grid)', () => {
    const { c, z } = runs[0]
    expect(Math.abs(z.lengthM / c.lengthM! - 1)).toBeLessThan(0.03)
    expect(Math.abs(z.diameterM / c.diameterM! - 1)).toBeLessThan(0.03)
  })

  it('orders antennas as published: monopole zones are more elongated than dual-slot zones', () => {
    const aspect = (i: number): number => runs[i].z.diameterM / runs[i].z.lengthM
    expect(aspect(3)).toBeLessThan(aspect(1))
    expect(aspect(4)).toBeLessThan(aspect(2))
  })
})
