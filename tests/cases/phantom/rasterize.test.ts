/** Partial-volume rasterization: volumes, coverage, bands and majority labels against analytic values. */
import { describe, expect, it } from 'vitest'
import { createWorkVolume, paint } from '../../../src/cases/phantom/rasterize'
import { halfSpace, sphere } from '../../../src/cases/phantom/sdf'

const dims = [48, 48, 48] as const
const h = 1
const origin = [-23.5, -23.5, -23.5] as const

describe('rasterize', () => {
  it('the summed coverage of a sphere equals its volume within 0.5 % (linear ramp is second-order)', () => {
    const vol = createWorkVolume(dims, [h, h, h], origin, 0)
    const r = 15.3
    paint(vol, { shape: sphere([0.2, -0.3, 0.1], r), label: 1, hu: 1000, part: 1 })
    let cov = 0,
      labelled = 0
    for (let i = 0; i < vol.hu.length; i++) {
      cov += vol.hu[i] / 1000
      if (vol.labels[i] === 1) labelled++
    }
    const V = (4 / 3) * Math.PI * r ** 3
    expect(Math.abs(cov - V) / V).toBeLessThan(0.005)
    // Majority labels: voxels whose centre is inside; same volume to within the surface sampling error (2 %).
    expect(Math.abs(labelled - V) / V).toBeLessThan(0.02)
  })

  it('a plane between voxel centres gives the exact fractional coverage', () => {
    const vol = createWorkVolume([8, 8, 8], [h, h, h], [0, 0, 0], -1000)
    // Everything with x ≤ 3.3 is inside: voxel 3 (spanning 2.5…3.5) is 80 % covered.
    paint(vol, {
      shape: halfSpace([3.3, 0, 0], [1, 0, 0], { x0: -1, y0: -1, z0: -1, x1: 9, y1: 9, z1: 9 }),
      label: 2,
      hu: 0,
      part: 0,
    })
    expect(vol.hu[3]).toBeCloseTo(-1000 * 0.2, 6)
    expect(vol.labels[3]).toBe(2)
    expect(vol.labels[4]).toBe(0)
    expect(vol.hu[2]).toBeCloseTo(0, 6)
  })

  it('a sub-voxel shell adds thickness / voxel of its HU to surface voxels and is labelled one voxel thick', () => {
    const vol = createWorkVolume([12, 12, 12], [h, h, h], [0, 0, 0], 0)
    paint(vol, {
      shape: halfSpace([5.5, 0, 0], [1, 0, 0], { x0: -1, y0: -1, z0: -1, x1: 13, y1: 13, z1: 13 }),
      bands: [{ thicknessMm: 0.4, label: 7, hu: 1000, labelMinMm: 1 }],
      label: 8,
      hu: 100,
      part: 3,
    })
    // Voxel 5 spans 4.5…5.5 entirely inside: shell 0.4 mm of 1000 and 0.6 mm of 100.
    expect(vol.hu[5]).toBeCloseTo(0.4 * 1000 + 0.6 * 100, 6)
    expect(vol.labels[5]).toBe(7)
    expect(vol.labels[4]).toBe(8)
    expect(vol.hu[3]).toBeCloseTo(100, 6)
  })

  it('onlyOver restricts painting to the listed labels', () => {
    const vol = createWorkVolume([10, 10, 10], [h, h, h], [-4.5, -4.5, -4.5], 0)
    paint(vol, { shape: sphere([0, 0, 0], 3), label: 5, hu: 50, part: 0 })
    paint(vol, { shape: sphere([0, 0, 0], 10), label: 6, hu: 60, part: 0, onlyOver: [5] })
    let n5 = 0,
      n6 = 0
    for (const l of vol.labels) {
      if (l === 5) n5++
      if (l === 6) n6++
    }
    expect(n5).toBe(0)
    expect(n6).toBeGreaterThan(100)
    expect(vol.labels[0]).toBe(0)
  })
})
