import { describe, expect, it } from 'vitest'
import { createRng } from '../../../src/lib/rng'
import {
  countShells,
  eulerCharacteristic,
  extractSurface,
  isClosedManifold,
  isConsistentlyOriented,
  meshVolumeMm3,
} from '../../../src/sim/surface'
import { AMBIGUOUS_FACES, cubeTable } from '../../../src/sim/surface/cubeTable'
import { makeGeometry } from './fixtures'

describe('cube table', () => {
  it('has a triangulation for every corner code and every decision on its ambiguous faces', () => {
    const t = cubeTable()
    for (let code = 0; code < 256; code++) {
      const amb = AMBIGUOUS_FACES[code]
      for (let sub = amb; ; sub = (sub - 1) & amb) {
        const key = code | (sub << 8)
        expect(t.offset[key]).toBeGreaterThanOrEqual(0)
        // Codes 0 and 255 have no surface; all others at least one triangle, at most 12.
        if (code === 0 || code === 255) expect(t.count[key]).toBe(0)
        else expect(t.count[key]).toBeGreaterThan(0)
        expect(t.count[key]).toBeLessThanOrEqual(12)
        if (sub === 0) break
      }
    }
  })
})

describe('marching cubes: closed and oriented on every configuration', () => {
  it('all 256 codes of one cube, as a mask and as a field with random values', () => {
    const g = makeGeometry({ dims: [2, 2, 2] })
    const rng = createRng(11)
    for (let code = 1; code < 256; code++) {
      const labels = new Uint8Array(8)
      const values = new Float32Array(8)
      for (let c = 0; c < 8; c++) {
        labels[c] = (code >> c) & 1
        // Inside corners in [200, 1200), outside in [−800, 200): every asymptotic-decider outcome occurs.
        values[c] = labels[c] ? rng.uniform(200, 1200) : rng.uniform(-800, 199)
      }
      for (const mesh of [
        extractSurface({ kind: 'labels', labels, geometry: g, labelIds: 1 }),
        extractSurface({ kind: 'scalar', values, geometry: g }),
      ]) {
        expect(isClosedManifold(mesh)).toBe(true)
        expect(isConsistentlyOriented(mesh)).toBe(true)
        expect(meshVolumeMm3(mesh)).toBeGreaterThan(0)
        // Every shell here is a sphere (no handles fit in 2×2×2 voxels).
        expect(eulerCharacteristic(mesh)).toBe(2 * countShells(mesh))
      }
    }
  })

  it('random noise volumes (seeded), with and without the decider, on an anisotropic grid', () => {
    const rng = createRng(7)
    const g = makeGeometry({ dims: [9, 8, 7], spacingMm: [0.7, 1.1, 2] })
    for (let trial = 0; trial < 40; trial++) {
      const values = new Int16Array(9 * 8 * 7).map(() => Math.round(rng.uniform(-500, 900)))
      const mesh = extractSurface({ kind: 'scalar', values, geometry: g })
      expect(isClosedManifold(mesh)).toBe(true)
      expect(isConsistentlyOriented(mesh)).toBe(true)
      expect(meshVolumeMm3(mesh)).toBeGreaterThan(0)
      const labels = new Uint8Array(values.length).map((_, n) => (values[n] >= 200 ? 3 : 0))
      const masked = extractSurface({ kind: 'labels', labels, geometry: g, labelIds: 3 })
      expect(isClosedManifold(masked)).toBe(true)
      expect(isConsistentlyOriented(masked)).toBe(true)
    }
  })

  it('is deterministic', () => {
    const rng = createRng(3)
    const g = makeGeometry({ dims: [10, 10, 10] })
    const values = new Float32Array(1000).map(() => rng.uniform(0, 400))
    const a = extractSurface({ kind: 'scalar', values, geometry: g })
    const b = extractSurface({ kind: 'scalar', values, geometry: g })
    expect(Array.from(b.positions)).toEqual(Array.from(a.positions))
    expect(Array.from(b.indices)).toEqual(Array.from(a.indices))
  })
})
