import { describe, expect, it } from 'vitest'
import { meshesToGlb, meshesToStl } from '../../src/scene/exportMeshes'
import type { StructureMesh } from '../../src/store/meshRegistry'

/** A closed tetrahedron in LPS mm, outward-oriented. */
function tetra(id: string, offset: number): StructureMesh {
  const positions = new Float32Array(
    [0, 0, 0, 10, 0, 0, 0, 10, 0, 0, 0, 10].map((v, i) => v + (i % 3 === 0 ? offset : 0)),
  )
  const indices = new Uint32Array([0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3])
  return {
    id,
    name: `Structure ${id}`,
    color: '#ff0000',
    mesh: { positions, indices, normals: new Float32Array(12), triangleCount: 4, vertexCount: 4 },
  }
}

describe('mesh export', () => {
  it('binary STL holds every triangle of every mesh, in patient millimetres', async () => {
    const blob = meshesToStl([tetra('a', 0), tetra('b', 100)])
    const buf = new DataView(await blob.arrayBuffer())
    const n = buf.getUint32(80, true)
    expect(n).toBe(8)
    expect(buf.byteLength).toBe(84 + 50 * n)
    // Largest x among the vertices of the second tetrahedron's triangles is 110 mm.
    let maxX = -Infinity
    for (let t = 0; t < n; t++) {
      for (let v = 0; v < 3; v++) {
        maxX = Math.max(maxX, buf.getFloat32(84 + 50 * t + 12 + 12 * v, true))
      }
    }
    expect(maxX).toBeCloseTo(110, 4)
  })

  it('binary glTF is a valid GLB with one named mesh per structure', async () => {
    const blob = await meshesToGlb([tetra('a', 0), tetra('b', 100)])
    const buf = new DataView(await blob.arrayBuffer())
    expect(buf.getUint32(0, true)).toBe(0x46546c67) // 'glTF'
    expect(buf.getUint32(4, true)).toBe(2)
    expect(buf.getUint32(8, true)).toBe(buf.byteLength)
    const jsonLength = buf.getUint32(12, true)
    const json = JSON.parse(
      new TextDecoder().decode(new Uint8Array(buf.buffer, 20, jsonLength)),
    ) as { nodes: { name?: string }[]; meshes: unknown[] }
    expect(json.meshes).toHaveLength(2)
    expect(json.nodes.map((n) => n.name)).toEqual(
      expect.arrayContaining(['Structure a', 'Structure b']),
    )
  })
})
