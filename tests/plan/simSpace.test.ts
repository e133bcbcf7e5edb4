import { describe, expect, it } from 'vitest'
import { ijkToWorld, type VolumeGeometry } from '../../src/lib/space'
import { lpsDirToSim, lpsToSimM, simGridOf } from '../../src/plan/simSpace'

const c = Math.cos(0.4)
const s = Math.sin(0.4)
const g: VolumeGeometry = {
  dims: [20, 30, 40],
  spacingMm: [0.8, 1.2, 2.5],
  originMm: [-50, 20, 300],
  direction: [
    [c, s, 0],
    [-s, c, 0],
    [0, 0, 1],
  ],
}

describe('plan → sim space', () => {
  it('maps a voxel centre (i, j, k) to (i·dx, j·dy, k·dz) metres on an oblique grid', () => {
    const p = lpsToSimM(g, ijkToWorld(g, [3, 7.5, 11]))
    const expected = [3 * 0.0008, 7.5 * 0.0012, 11 * 0.0025]
    p.forEach((v, a) => expect(v).toBeCloseTo(expected[a], 12))
  })
  it('rotates directions into grid axes without changing their length', () => {
    const d = lpsDirToSim(g, [0.6, 0, 0.8])
    expect(Math.hypot(...d)).toBeCloseTo(1, 12)
    expect(d[2]).toBeCloseTo(0.8, 12)
  })
  it('builds the sim grid in metres', () => {
    expect(simGridOf(g)).toEqual({ nx: 20, ny: 30, nz: 40, spacingM: [0.0008, 0.0012, 0.0025] })
  })
})
