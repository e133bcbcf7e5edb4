/** The mesh type the surface extractor returns, and its vertex normals. Pure. */

/**
 * An indexed triangle mesh in DICOM LPS millimetres, ready for a three.js BufferGeometry. Triangles are
 * counter-clockwise seen from outside, so normals point outward.
 */
export interface SurfaceMesh {
  /** x, y, z per vertex, LPS mm. */
  readonly positions: Float32Array
  /** Three vertex indices per triangle. */
  readonly indices: Uint32Array
  /** Unit outward normal per vertex (area-weighted average of the adjacent triangles). */
  readonly normals: Float32Array
  readonly triangleCount: number
  readonly vertexCount: number
}

/** A mesh with no triangles. */
export const emptySurfaceMesh = (): SurfaceMesh => ({
  positions: new Float32Array(0),
  indices: new Uint32Array(0),
  normals: new Float32Array(0),
  triangleCount: 0,
  vertexCount: 0,
})

/**
 * Area-weighted vertex normals: each triangle adds its unnormalised cross product (twice its area times
 * its unit normal) to its three vertices; the sums are then normalised. A vertex with no area gets (0,0,0).
 */
export function vertexNormals(
  positions: ArrayLike<number>,
  indices: ArrayLike<number>,
  vertexCount: number,
): Float32Array {
  const acc = new Float64Array(3 * vertexCount)
  for (let t = 0; t < indices.length; t += 3) {
    const a = 3 * indices[t]
    const b = 3 * indices[t + 1]
    const c = 3 * indices[t + 2]
    const ux = positions[b] - positions[a]
    const uy = positions[b + 1] - positions[a + 1]
    const uz = positions[b + 2] - positions[a + 2]
    const vx = positions[c] - positions[a]
    const vy = positions[c + 1] - positions[a + 1]
    const vz = positions[c + 2] - positions[a + 2]
    const nx = uy * vz - uz * vy
    const ny = uz * vx - ux * vz
    const nz = ux * vy - uy * vx
    acc[a] += nx
    acc[a + 1] += ny
    acc[a + 2] += nz
    acc[b] += nx
    acc[b + 1] += ny
    acc[b + 2] += nz
    acc[c] += nx
    acc[c + 1] += ny
    acc[c + 2] += nz
  }
  const out = new Float32Array(3 * vertexCount)
  for (let v = 0; v < 3 * vertexCount; v += 3) {
    const l = Math.sqrt(acc[v] * acc[v] + acc[v + 1] * acc[v + 1] + acc[v + 2] * acc[v + 2])
    if (l > 0) {
      out[v] = acc[v] / l
      out[v + 1] = acc[v + 1] / l
      out[v + 2] = acc[v + 2] / l
    }
  }
  return out
}

/** Packs double-precision positions and indices into a SurfaceMesh, computing normals. */
export function toSurfaceMesh(positions: Float64Array, indices: Uint32Array): SurfaceMesh {
  const vertexCount = positions.length / 3
  return {
    positions: Float32Array.from(positions),
    indices,
    normals: vertexNormals(positions, indices, vertexCount),
    triangleCount: indices.length / 3,
    vertexCount,
  }
}
