import { describe, expect, it } from 'vitest'
import { createRng } from '../../../src/lib/rng'
import type { Vec3 } from '../../../src/lib/vec3'
import {
  countShells,
  decimateMesh,
  eulerCharacteristic,
  extractSurface,
  isClosedManifold,
  isConsistentlyOriented,
  meshVolumeMm3,
  type SurfaceMesh,
} from '../../../src/sim/surface'
import {
  geometryAround,
  huFromDistance,
  makeGeometry,
  offCentre,
  relErr,
  sampleInt16,
  sphereSd,
} from './fixtures'

const f64 = (m: SurfaceMesh): Float64Array => Float64Array.from(m.positions)

function sphereMesh(): SurfaceMesh {
  const g = geometryAround(10, [0.7, 0.7, 1.5])
  return extractSurface({
    kind: 'scalar',
    values: sampleInt16(g, huFromDistance(sphereSd(offCentre(g), 10))),
    geometry: g,
  })
}

describe('decimateMesh', () => {
  it('reaches the budget, stays a closed oriented sphere and conserves the volume', () => {
    const g = geometryAround(10, [0.7, 0.7, 1.5])
    const c = offCentre(g)
    const mesh = sphereMesh()
    for (const budget of [2000, 500, 100]) {
      const d = decimateMesh(f64(mesh), mesh.indices, { targetTriangles: budget })
      const out = { positions: d.positions, indices: d.indices }
      expect(d.reachedTarget).toBe(true)
      expect(d.indices.length / 3).toBeLessThanOrEqual(budget)
      // Each collapse removes two triangles, so the result is within 2 of the budget.
      expect(d.indices.length / 3).toBeGreaterThanOrEqual(budget - 2)
      expect(isClosedManifold(out)).toBe(true)
      expect(isConsistentlyOriented(out)).toBe(true)
      expect(eulerCharacteristic(out)).toBe(2)
      // Each collapse conserves its star's volume exactly; 1e-9 allows for rounding (brief asks 2 %).
      expect(relErr(meshVolumeMm3(out), meshVolumeMm3(mesh))).toBeLessThan(1e-9)
      if (budget >= 500) {
        // Shape: vertices stay within half an in-plane voxel (0.35 mm) of the sphere.
        let dev = 0
        for (let v = 0; v < d.positions.length; v += 3) {
          const r = Math.hypot(
            d.positions[v] - c[0],
            d.positions[v + 1] - c[1],
            d.positions[v + 2] - c[2],
          )
          dev = Math.max(dev, Math.abs(r - 10))
        }
        expect(dev).toBeLessThan(0.35)
      }
    }
  })

  it('keeps the genus of a torus', () => {
    const g = makeGeometry({ dims: [36, 36, 14], originMm: [-17.6, -17.4, -6.3] })
    const sd = (p: Vec3): number => Math.hypot(Math.hypot(p[0], p[1]) - 12, p[2]) - 4
    const mesh = extractSurface({
      kind: 'scalar',
      values: sampleInt16(g, huFromDistance(sd)),
      geometry: g,
    })
    const d = decimateMesh(f64(mesh), mesh.indices, { targetTriangles: 600 })
    const out = { positions: d.positions, indices: d.indices }
    expect(d.indices.length / 3).toBeLessThanOrEqual(600)
    expect(isClosedManifold(out)).toBe(true)
    expect(isConsistentlyOriented(out)).toBe(true)
    expect(eulerCharacteristic(out)).toBe(0)
    // Volume conserved up to rounding, as above.
    expect(relErr(meshVolumeMm3(out), meshVolumeMm3(mesh))).toBeLessThan(1e-9)
  })

  it('never breaks closedness on noisy many-shell meshes, even with an unreachable budget', () => {
    const rng = createRng(5)
    const g = makeGeometry({ dims: [16, 14, 12], spacingMm: [0.8, 0.8, 1.6] })
    const values = new Int16Array(16 * 14 * 12).map(() => Math.round(rng.uniform(-300, 700)))
    const mesh = extractSurface({ kind: 'scalar', values, geometry: g })
    const d = decimateMesh(f64(mesh), mesh.indices, { targetTriangles: 10 })
    const out = { positions: d.positions, indices: d.indices }
    expect(isClosedManifold(out)).toBe(true)
    expect(isConsistentlyOriented(out)).toBe(true)
    // Collapses never split or merge shells (each shell keeps at least a tetrahedron).
    expect(countShells(out)).toBe(countShells(mesh))
    expect(d.indices.length).toBeLessThan(mesh.indices.length)
  })

  it('returns a copy when already under budget', () => {
    const mesh = sphereMesh()
    const d = decimateMesh(f64(mesh), mesh.indices, { targetTriangles: 1e9 })
    expect(d.passes).toBe(0)
    expect(Array.from(d.indices)).toEqual(Array.from(mesh.indices))
  })

  it('is available through extractSurface.maxTriangles', () => {
    const g = geometryAround(10, [1, 1, 1])
    const values = sampleInt16(g, huFromDistance(sphereSd(offCentre(g), 10)))
    const mesh = extractSurface({ kind: 'scalar', values, geometry: g }, { maxTriangles: 800 })
    expect(mesh.triangleCount).toBeLessThanOrEqual(800)
    expect(mesh.normals.length).toBe(3 * mesh.vertexCount)
    expect(isClosedManifold(mesh)).toBe(true)
  })
})
