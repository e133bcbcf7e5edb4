import { describe, expect, it } from 'vitest'
import {
  countShells,
  extractSurface,
  isClosedManifold,
  isConsistentlyOriented,
} from '../../../src/sim/surface'
import { fillCavities } from '../../../src/sim/surface/fillCavities'
import { filterComponents } from '../../../src/sim/surface/filterComponents'
import { labelMask, maskVoxelCount, thresholdMask } from '../../../src/sim/surface/volumeMask'
import { makeGeometry, sampleMask } from './fixtures'

const g = makeGeometry({ dims: [24, 24, 24] })
const at = (i: number, j: number, k: number): number => i + 24 * (j + 24 * k)

/** A ball of radius 6 voxels, five single-voxel specks, and two specks touching only along an edge. */
function specklyMask(): Uint8Array {
  const labels = sampleMask(g, (_p, q) => Math.hypot(q[0] - 12, q[1] - 12, q[2] - 12) <= 6)
  for (const [i, j, k] of [
    [1, 1, 1],
    [22, 1, 3],
    [3, 20, 20],
    [20, 22, 2],
    [1, 12, 22],
  ] as const) {
    labels[at(i, j, k)] = 1
  }
  labels[at(2, 5, 5)] = 1
  labels[at(3, 6, 5)] = 1
  return labels
}

describe('filterComponents', () => {
  it('counts components with 26- and 6-connectivity', () => {
    const m26 = labelMask(specklyMask(), null, g.dims, Uint8Array.of(0, 1), null)
    const s26 = filterComponents(m26, { connectivity: 26 })
    // Ball + 5 specks + the edge-touching pair (one component when edges connect).
    expect(s26.found).toBe(7)
    const m6 = labelMask(specklyMask(), null, g.dims, Uint8Array.of(0, 1), null)
    expect(filterComponents(m6, { connectivity: 6 }).found).toBe(8)
  })

  it('drops specks below minVoxels, leaving one closed shell', () => {
    const labels = specklyMask()
    const raw = extractSurface({ kind: 'labels', labels, geometry: g, labelIds: 1 })
    // Ball, five specks and the pair, which the surface joins across its shared edge.
    expect(countShells(raw)).toBe(7)
    const clean = extractSurface(
      { kind: 'labels', labels, geometry: g, labelIds: 1 },
      { components: { connectivity: 26, minVoxels: 10 } },
    )
    expect(countShells(clean)).toBe(1)
    expect(isClosedManifold(clean)).toBe(true)
    expect(isConsistentlyOriented(clean)).toBe(true)
  })

  it('minVoxels = 2 keeps the pair with 26-connectivity and drops it with 6', () => {
    const labels = specklyMask()
    const opts = (connectivity: 6 | 26) => ({ components: { connectivity, minVoxels: 2 } })
    expect(
      countShells(extractSurface({ kind: 'labels', labels, geometry: g, labelIds: 1 }, opts(26))),
    ).toBe(2)
    expect(
      countShells(extractSurface({ kind: 'labels', labels, geometry: g, labelIds: 1 }, opts(6))),
    ).toBe(1)
  })

  it('keepLargest keeps the k biggest and counts what it removed', () => {
    const m = labelMask(specklyMask(), null, g.dims, Uint8Array.of(0, 1), null)
    const before = maskVoxelCount(m)
    const s = filterComponents(m, { connectivity: 26, keepLargest: 2 })
    expect(s.kept).toBe(2)
    // Removed: the five single specks (the pair, 2 voxels, is the second largest).
    expect(s.removedVoxels).toBe(5)
    expect(maskVoxelCount(m)).toBe(before - 5)
  })
})

describe('fillCavities', () => {
  it('fills a closed cavity but not a cavity open to the outside', () => {
    // A 10³ solid cube with a 4³ hole inside, and a second identical cube whose hole has a 1-voxel channel
    // to the outside.
    const h = makeGeometry({ dims: [30, 14, 14] })
    const values = new Int16Array(30 * 14 * 14)
    const idx = (i: number, j: number, k: number): number => i + 30 * (j + 14 * k)
    for (const x0 of [2, 17]) {
      for (let k = 2; k < 12; k++) {
        for (let j = 2; j < 12; j++) {
          for (let i = x0; i < x0 + 10; i++) {
            const isHole = i >= x0 + 3 && i < x0 + 7 && j >= 5 && j < 9 && k >= 5 && k < 9
            values[idx(i, j, k)] = isHole ? 0 : 1000
          }
        }
      }
    }
    for (let k = 2; k < 5; k++) values[idx(22, 6, k)] = 0
    const m = thresholdMask(values, h.dims, 200)
    const before = maskVoxelCount(m)
    // Only the closed hole (64 voxels) is filled; the channelled one stays open.
    expect(fillCavities(m)).toBe(64)
    expect(maskVoxelCount(m)).toBe(before + 64)
  })

  it('leaves a mask without cavities unchanged', () => {
    const m = labelMask(specklyMask(), null, g.dims, Uint8Array.of(0, 1), null)
    expect(fillCavities(m)).toBe(0)
  })
})
