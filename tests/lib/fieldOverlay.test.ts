import { describe, expect, it } from 'vitest'
import {
  frameIndexAt,
  overlayTransferables,
  sampleField,
  type FieldOverlay,
} from '../../src/lib/fieldOverlay'
import { IDENTITY_DIRECTION, type VolumeGeometry } from '../../src/lib/space'

const grid: VolumeGeometry = {
  dims: [4, 3, 2],
  spacingMm: [2, 1, 3],
  originMm: [10, 20, 30],
  direction: IDENTITY_DIRECTION,
}
/** A linear field f = x + 2y + 3z in world mm: trilinear interpolation reproduces it exactly. */
function linearField(g: VolumeGeometry): Float32Array {
  const [nx, ny, nz] = g.dims
  const out = new Float32Array(nx * ny * nz)
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const x = g.originMm[0] + i * g.spacingMm[0]
        const y = g.originMm[1] + j * g.spacingMm[1]
        const z = g.originMm[2] + k * g.spacingMm[2]
        out[i + nx * (j + ny * k)] = x + 2 * y + 3 * z
      }
    }
  }
  return out
}

describe('sampleField', () => {
  const data = linearField(grid)
  it('reproduces a linear field exactly inside the grid', () => {
    for (const p of [
      [10, 20, 30],
      [13.3, 21.7, 32.2],
      [16, 22, 33],
    ] as const) {
      expect(sampleField(grid, data, p)).toBeCloseTo(p[0] + 2 * p[1] + 3 * p[2], 4)
    }
  })
  it('is NaN more than half a voxel outside the grid and clamps within it', () => {
    expect(sampleField(grid, data, [7.9, 20, 30])).toBeNaN()
    expect(sampleField(grid, data, [10, 20, 36.6])).toBeNaN()
    // 0.9 mm beyond the first centre along x (half a voxel is 1 mm): clamped to the edge value.
    expect(sampleField(grid, data, [9.1, 20, 30])).toBeCloseTo(10 + 40 + 90, 4)
  })
  it('follows an oblique direction matrix', () => {
    const c = Math.SQRT1_2
    const g: VolumeGeometry = {
      ...grid,
      direction: [
        [c, c, 0],
        [-c, c, 0],
        [0, 0, 1],
      ],
    }
    const [nx, ny] = g.dims
    const d = new Float32Array(nx * ny * 2)
    d[1 + nx * 1] = 8 // voxel (1, 1, 0)
    const p: [number, number, number] = [10 + 2 * c - 1 * c, 20 + 2 * c + 1 * c, 30]
    expect(sampleField(g, d, p)).toBeCloseTo(8, 5)
    void ny
  })
})

describe('frameIndexAt', () => {
  const frames = [0, 10, 20, 30].map((t) => ({ timeS: t, data: new Float32Array(1) }))
  it('takes the last frame at or before the time, clamped to the ends', () => {
    expect(frameIndexAt(frames, -5)).toBe(0)
    expect(frameIndexAt(frames, 0)).toBe(0)
    expect(frameIndexAt(frames, 9.99)).toBe(0)
    expect(frameIndexAt(frames, 10)).toBe(1)
    expect(frameIndexAt(frames, 25)).toBe(2)
    expect(frameIndexAt(frames, 30)).toBe(3)
    expect(frameIndexAt(frames, 1e9)).toBe(3)
    expect(frameIndexAt(frames.slice(0, 1), 5)).toBe(0)
  })
})

describe('overlayTransferables', () => {
  it('lists each frame buffer once and skips polylines', () => {
    const shared = new Float32Array(4)
    const o: FieldOverlay = {
      type: 'field',
      id: 'f',
      label: 'f',
      unit: '',
      grid,
      frames: [
        { timeS: 0, data: shared },
        { timeS: 1, data: shared },
        { timeS: 2, data: new Float32Array(2) },
      ],
      colormap: null,
      range: [0, 1],
      opacity: 1,
      contours: [],
      source: 's',
      uncertainty: 'u',
      visibleByDefault: true,
    }
    const bufs = overlayTransferables([
      o,
      {
        type: 'polyline',
        id: 'p',
        label: 'p',
        points: [],
        color: '#fff',
        radiusMm: 1,
        source: '',
        uncertainty: '',
        visibleByDefault: true,
      },
    ])
    expect(bufs).toHaveLength(2)
  })
})
