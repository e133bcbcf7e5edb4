/** Vertex adjacency of a triangle mesh in CSR form. Pure. */

/** Neighbours of vertex v are `list[start[v]] … list[start[v + 1] − 1]`. */
export interface VertexNeighbors {
  readonly start: Int32Array
  readonly list: Int32Array
}

/**
 * One-ring neighbours from the half-edges: triangle (a, b, c) gives a → b, b → c, c → a. On a closed,
 * consistently oriented manifold every neighbour is the head of exactly one half-edge leaving v, so no
 * de-duplication is needed; on other meshes a neighbour may repeat, which only re-weights it.
 */
export function vertexNeighbors(indices: Uint32Array, vertexCount: number): VertexNeighbors {
  const start = new Int32Array(vertexCount + 1)
  for (let t = 0; t < indices.length; t++) start[indices[t] + 1]++
  for (let v = 0; v < vertexCount; v++) start[v + 1] += start[v]
  const fill = start.slice(0, vertexCount)
  const list = new Int32Array(indices.length)
  for (let t = 0; t < indices.length; t += 3) {
    const a = indices[t]
    const b = indices[t + 1]
    const c = indices[t + 2]
    list[fill[a]++] = b
    list[fill[b]++] = c
    list[fill[c]++] = a
  }
  return { start, list }
}
