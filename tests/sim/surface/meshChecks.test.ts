import { describe, expect, it } from 'vitest'
import {
  countShells,
  eulerCharacteristic,
  isClosedManifold,
  isConsistentlyOriented,
  meshAreaMm2,
  meshBounds,
  meshVolumeMm3,
} from '../../../src/sim/surface'

/** Unit cube [0,1]³ shifted by o, 12 outward triangles. */
function cube(o: readonly [number, number, number] = [0, 0, 0], scale = 1) {
  const positions: number[] = []
  for (let c = 0; c < 8; c++) {
    positions.push(o[0] + scale * (c & 1), o[1] + scale * ((c >> 1) & 1), o[2] + scale * (c >> 2))
  }
  // Faces as quads of corner ids, counter-clockwise seen from outside.
  const quads = [
    [0, 2, 3, 1],
    [4, 5, 7, 6],
    [0, 1, 5, 4],
    [2, 6, 7, 3],
    [0, 4, 6, 2],
    [1, 3, 7, 5],
  ]
  const indices: number[] = []
  for (const [a, b, c, d] of quads) indices.push(a, b, c, a, c, d)
  return { positions: new Float64Array(positions), indices: new Uint32Array(indices) }
}

/** Tetrahedron with outward triangles, vertex ids offset by `base`. */
function tetra(base: number): number[] {
  return [0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3].map((v) => v + base)
}

describe('mesh measures', () => {
  it('volume, area and bounds of a cube far from the origin are exact', () => {
    const m = cube([1000, -2000, 500], 2)
    // 1e-9: exact arithmetic up to rounding; positions are shifted to the first vertex first.
    expect(meshVolumeMm3(m)).toBeCloseTo(8, 9)
    expect(meshAreaMm2(m)).toBeCloseTo(24, 9)
    expect(meshBounds(m)).toEqual({ min: [1000, -2000, 500], max: [1002, -1998, 502] })
  })

  it('volume is negative when every triangle is flipped', () => {
    const m = cube()
    const flipped = m.indices.slice()
    for (let t = 0; t < flipped.length; t += 3) {
      ;[flipped[t + 1], flipped[t + 2]] = [flipped[t + 2], flipped[t + 1]]
    }
    expect(meshVolumeMm3({ positions: m.positions, indices: flipped })).toBeCloseTo(-1, 12)
    expect(isConsistentlyOriented({ positions: m.positions, indices: flipped })).toBe(true)
  })
})

describe('mesh topology checks', () => {
  it('accept a closed cube: χ = 2, one shell', () => {
    const m = cube()
    expect(isClosedManifold(m)).toBe(true)
    expect(isConsistentlyOriented(m)).toBe(true)
    expect(eulerCharacteristic(m)).toBe(2)
    expect(countShells(m)).toBe(1)
  })

  it('reject an open mesh', () => {
    const m = cube()
    const open = { positions: m.positions, indices: m.indices.slice(3) }
    expect(isClosedManifold(open)).toBe(false)
    expect(isConsistentlyOriented(open)).toBe(false)
  })

  it('detect a single flipped triangle (closed but not oriented)', () => {
    const m = cube()
    const ix = m.indices.slice()
    ;[ix[1], ix[2]] = [ix[2], ix[1]]
    expect(isClosedManifold({ positions: m.positions, indices: ix })).toBe(true)
    expect(isConsistentlyOriented({ positions: m.positions, indices: ix })).toBe(false)
  })

  it('reject two tetrahedra pinched at one vertex, though every edge has two triangles', () => {
    // Second tetrahedron reuses vertex 0 of the first: vertex 0's link is two cycles.
    const second = tetra(3).map((v) => (v === 3 ? 0 : v))
    const m = {
      positions: new Float64Array(3 * 7),
      indices: new Uint32Array([...tetra(0), ...second]),
    }
    expect(isConsistentlyOriented(m)).toBe(true)
    expect(isClosedManifold(m)).toBe(false)
  })

  it('reject an edge shared by four triangles', () => {
    // Two tetrahedra sharing the edge (0, 1).
    const other = tetra(2).map((v) => (v === 2 ? 0 : v === 3 ? 1 : v))
    const m = {
      positions: new Float64Array(3 * 6),
      indices: new Uint32Array([...tetra(0), ...other]),
    }
    expect(isClosedManifold(m)).toBe(false)
  })

  it('count two disjoint shells, χ = 4', () => {
    const m = {
      positions: new Float64Array(3 * 8),
      indices: new Uint32Array([...tetra(0), ...tetra(4)]),
    }
    expect(countShells(m)).toBe(2)
    expect(eulerCharacteristic(m)).toBe(4)
    expect(isClosedManifold(m)).toBe(true)
  })
})
