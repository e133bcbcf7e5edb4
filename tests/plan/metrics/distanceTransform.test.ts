import { describe, expect, it } from 'vitest'
import { createRng } from '../../../src/lib/rng'
import { signedDistanceMm, squaredDistanceTransform, type DtGrid } from '../../../src/plan'

/** O(N²) reference: squared distance from each voxel centre to the nearest feature centre. */
function bruteForce(mask: Uint8Array, grid: DtGrid, isInverted = false): Float64Array {
  const [nx, ny, nz] = grid.dims
  const [sx, sy, sz] = grid.spacingMm
  const feats: [number, number, number][] = []
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        if ((mask[i + nx * (j + ny * k)] !== 0) !== isInverted) feats.push([i, j, k])
      }
    }
  }
  const out = new Float64Array(nx * ny * nz).fill(Infinity)
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        let best = Infinity
        for (const [a, b, c] of feats) {
          const dx = (i - a) * sx
          const dy = (j - b) * sy
          const dz = (k - c) * sz
          const d = dx * dx + dy * dy + dz * dz
          if (d < best) best = d
        }
        out[i + nx * (j + ny * k)] = best
      }
    }
  }
  return out
}

const randomMask = (n: number, density: number, seed: number): Uint8Array => {
  const rng = createRng(seed)
  return Uint8Array.from({ length: n }, () => (rng.next() < density ? 1 : 0))
}

describe('squaredDistanceTransform (Felzenszwalb–Huttenlocher, anisotropic)', () => {
  it.each([
    [[9, 7, 6], [0.7, 1.3, 2.1], 0.08, 1],
    [[13, 5, 8], [2.5, 0.4, 1.0], 0.02, 2],
    [[6, 11, 4], [1, 1, 1], 0.3, 3],
    [[17, 1, 1], [0.9, 1, 1], 0.15, 4],
  ] as const)(
    'dims %j, spacing %j, density %d: equals brute force',
    (dims, spacingMm, density, seed) => {
      const grid: DtGrid = { dims, spacingMm }
      const mask = randomMask(dims[0] * dims[1] * dims[2], density, seed)
      for (const inv of [false, true]) {
        const fast = squaredDistanceTransform(mask, grid, inv)
        const ref = bruteForce(mask, grid, inv)
        for (let n = 0; n < ref.length; n++) {
          // Exact up to rounding: both sums add the same squared products; 1e-12 relative covers operand order.
          expect(Math.abs(fast[n] - ref[n])).toBeLessThanOrEqual(1e-12 * Math.max(1, ref[n]))
        }
      }
    },
  )

  it('gives ∞ everywhere for an empty mask and 0 everywhere for a full one', () => {
    const grid: DtGrid = { dims: [4, 3, 2], spacingMm: [1, 2, 3] }
    expect(
      [...squaredDistanceTransform(new Uint8Array(24), grid)].every((v) => v === Infinity),
    ).toBe(true)
    expect(
      [...squaredDistanceTransform(new Uint8Array(24).fill(1), grid)].every((v) => v === 0),
    ).toBe(true)
  })

  it('one voxel: distance grows as the anisotropic Euclidean norm', () => {
    const grid: DtGrid = { dims: [5, 5, 5], spacingMm: [0.5, 1, 3] }
    const mask = new Uint8Array(125)
    mask[2 + 5 * (2 + 5 * 2)] = 1
    const d = squaredDistanceTransform(mask, grid)
    // Corner (0,0,0): offsets 2 voxels on each axis → (1 mm, 2 mm, 6 mm).
    expect(d[0]).toBe(1 + 4 + 36)
  })
})

describe('signedDistanceMm', () => {
  it('is negative inside, positive outside, with |value| ≥ half a voxel, and matches a plane exactly', () => {
    const grid: DtGrid = { dims: [10, 3, 3], spacingMm: [1, 1, 1] }
    const mask = new Uint8Array(90)
    for (let n = 0; n < 90; n++) if (n % 10 < 4) mask[n] = 1
    const sd = signedDistanceMm(mask, grid)
    // Half-space i ≤ 3: surface at i = 3.5, so voxel i has sd = i − 3.5 (exact for isotropic unit voxels).
    for (let i = 0; i < 10; i++) expect(sd[i]).toBeCloseTo(i - 3.5, 6)
  })
})
