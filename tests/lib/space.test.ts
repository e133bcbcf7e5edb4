import { describe, expect, it } from 'vitest'
import { formatVolumeInfo, ijkToWorld, worldToIjk, type VolumeGeometry } from '../../src/lib/space'

const oblique: VolumeGeometry = {
  dims: [10, 20, 30],
  spacingMm: [0.5, 0.7, 2],
  originMm: [-10, 5, 100],
  direction: [
    [Math.cos(0.3), Math.sin(0.3), 0],
    [-Math.sin(0.3), Math.cos(0.3), 0],
    [0, 0, 1],
  ],
}

describe('space', () => {
  it('ijkToWorld and worldToIjk are inverse on an oblique grid', () => {
    const p = [3.25, 7.5, 12] as const
    const back = worldToIjk(oblique, ijkToWorld(oblique, p))
    for (let a = 0; a < 3; a++) expect(back[a]).toBeCloseTo(p[a], 10)
  })
  it('voxel [0,0,0] centre is the origin', () => {
    expect(ijkToWorld(oblique, [0, 0, 0])).toEqual([-10, 5, 100])
  })
  it('formats the volume summary like the contract', () => {
    expect(
      formatVolumeInfo({ ...oblique, dims: [512, 512, 163], spacingMm: [0.977, 0.977, 3] }),
    ).toBe('512×512×163 · 0.98×0.98×3.00 mm')
  })
})
