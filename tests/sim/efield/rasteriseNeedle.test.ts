import { describe, expect, it } from 'vitest'
import { rasteriseNeedle, thinNeedleContactScale } from '../../../src/sim/efield/rasteriseNeedle'
import { cubeGrid } from './fixtures'

const grid = cubeGrid(21, 1e-3)
const ijk = (v: number): [number, number, number] => [
  v % 21,
  Math.floor(v / 21) % 21,
  Math.floor(v / 441),
]

describe('rasteriseNeedle', () => {
  it('a thin aligned needle is the chain of voxels along its active tip, with the Peaceman contact scale', () => {
    const e = rasteriseNeedle(
      grid,
      {
        entryM: [10e-3, 10e-3, 0],
        tipM: [10e-3, 10e-3, 15e-3],
        activeLengthM: 6e-3,
        radiusM: 0.35e-3,
      },
      300,
    )
    expect(e.potentialV).toBe(300)
    expect(Array.from(e.voxels, (v) => ijk(v))).toEqual(
      [9, 10, 11, 12, 13, 14, 15].map((k) => [10, 10, k]),
    )
    expect(e.contactScale).toBeCloseTo(thinNeedleContactScale(0.35e-3, 1e-3), 12)
  })

  it('Peaceman scale: 1 for the lattice radius 0.198 h, larger for thicker wires', () => {
    expect(thinNeedleContactScale(0.1985e-3, 1e-3)).toBeCloseTo(1, 3)
    expect(thinNeedleContactScale(0.35e-3, 1e-3)).toBeCloseTo(1.565, 3)
    expect(thinNeedleContactScale(0.45e-3, 1e-3)).toBeGreaterThan(2)
  })

  it('a thick needle takes every voxel centre inside the active cylinder', () => {
    const e = rasteriseNeedle(
      grid,
      {
        entryM: [10e-3, 10e-3, 20e-3],
        tipM: [10e-3, 10e-3, 5e-3],
        activeLengthM: 4e-3,
        radiusM: 1.5e-3,
      },
      0,
    )
    // Per slice: the 3 × 3 block (corner distance √2 h ≤ 1.5 h); slices k = 5 … 9 (tip at 5 mm, 4 mm back).
    expect(e.voxels.length).toBe(9 * 5)
    for (const v of e.voxels) {
      const [i, j, k] = ijk(v)
      expect(Math.hypot(i - 10, j - 10)).toBeLessThanOrEqual(1.5)
      expect(k).toBeGreaterThanOrEqual(5)
      expect(k).toBeLessThanOrEqual(9)
    }
    expect(e.contactScale).toBe(2)
  })

  it('an oblique thin needle is a connected chain whose scale matches the aligned needle’s contact', () => {
    const d = 1 / Math.sqrt(3)
    const tip: [number, number, number] = [15e-3, 15e-3, 15e-3]
    const e = rasteriseNeedle(
      grid,
      {
        entryM: [tip[0] - d * 0.02, tip[1] - d * 0.02, tip[2] - d * 0.02],
        tipM: tip,
        activeLengthM: 8e-3,
        radiusM: 0.35e-3,
      },
      1,
    )
    const cells = Array.from(e.voxels, ijk).sort(
      (a, b) => a[0] + a[1] + a[2] - (b[0] + b[1] + b[2]),
    )
    for (let q = 1; q < cells.length; q++) {
      const step = Math.max(...cells[q].map((x, a) => Math.abs(x - cells[q - 1][a])))
      expect(step).toBe(1) // 26-connected
    }
    // Corner-connected voxels expose 6 faces each over √3 h of needle, vs 4 per h when aligned.
    expect(e.contactScale! / thinNeedleContactScale(0.35e-3, 1e-3)).toBeGreaterThan(1)
    expect(e.contactScale! / thinNeedleContactScale(0.35e-3, 1e-3)).toBeLessThan(1.3)
  })

  it('honours a grid origin offset (coarse preview grids) and rejects needles outside the grid', () => {
    const coarse = cubeGrid(11, 2e-3)
    const e = rasteriseNeedle(
      coarse,
      {
        entryM: [10.5e-3, 10.5e-3, 0],
        tipM: [10.5e-3, 10.5e-3, 9e-3],
        activeLengthM: 4e-3,
        radiusM: 0.35e-3,
      },
      0,
      [0.5e-3, 0.5e-3, 0.5e-3],
    )
    for (const v of e.voxels) expect([v % 11, Math.floor(v / 11) % 11]).toEqual([5, 5])
    expect(() =>
      rasteriseNeedle(
        grid,
        { entryM: [-1, -1, -1], tipM: [-0.5, -0.5, -0.5], activeLengthM: 0.01, radiusM: 1e-3 },
        0,
      ),
    ).toThrow()
  })
})
