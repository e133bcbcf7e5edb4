/**
 * Combinatorial checks on indexed triangle meshes: closedness, manifoldness, orientation, Euler
 * characteristic and shell count. Pure; they look only at indices, never at positions.
 */
import type { IndexedMesh } from './meshVolumeMm3'

function vertexBound(ix: ArrayLike<number>): number {
  let n = 0
  for (let t = 0; t < ix.length; t++) if (ix[t] + 1 > n) n = ix[t] + 1
  return n
}

/** Sorted keys min·n + max of every triangle edge (each undirected edge once per triangle using it). */
function undirectedKeys(ix: ArrayLike<number>, n: number): Float64Array {
  const keys = new Float64Array(ix.length)
  for (let t = 0; t < ix.length; t += 3) {
    for (let s = 0; s < 3; s++) {
      const a = ix[t + s]
      const b = ix[t + ((s + 1) % 3)]
      keys[t + s] = a < b ? a * n + b : b * n + a
    }
  }
  return keys.sort()
}

/**
 * True when every edge is shared by exactly two triangles, no triangle repeats a vertex, and the triangles
 * around every used vertex form one closed fan (no pinched vertices). That is a closed 2-manifold.
 */
export function isClosedManifold(mesh: IndexedMesh): boolean {
  const ix = mesh.indices
  if (ix.length === 0 || ix.length % 3 !== 0) return false
  const n = vertexBound(ix)
  for (let t = 0; t < ix.length; t += 3) {
    if (ix[t] === ix[t + 1] || ix[t + 1] === ix[t + 2] || ix[t] === ix[t + 2]) return false
  }
  const keys = undirectedKeys(ix, n)
  for (let e = 0; e < keys.length; e += 2) {
    if (keys[e] !== keys[e + 1] || (e + 2 < keys.length && keys[e + 2] === keys[e])) return false
  }
  // Vertex links: triangle (a, b, c) contributes link edge {b, c} to a, {c, a} to b and {a, b} to c.
  const deg = new Int32Array(n + 1)
  for (let t = 0; t < ix.length; t++) deg[ix[t] + 1]++
  for (let v = 0; v < n; v++) deg[v + 1] += deg[v]
  const fill = deg.slice(0, n)
  const linkA = new Int32Array(ix.length)
  const linkB = new Int32Array(ix.length)
  for (let t = 0; t < ix.length; t += 3) {
    for (let s = 0; s < 3; s++) {
      const v = ix[t + s]
      const slot = fill[v]++
      linkA[slot] = ix[t + ((s + 1) % 3)]
      linkB[slot] = ix[t + ((s + 2) % 3)]
    }
  }
  const isUsed = new Uint8Array(ix.length)
  for (let v = 0; v < n; v++) {
    const s0 = deg[v]
    const s1 = deg[v + 1]
    if (s0 === s1) continue
    // Walk the link from its first edge; a single cycle visits every link edge before returning.
    let w = linkB[s0]
    isUsed[s0] = 1
    let visited = 1
    for (;;) {
      let found = -1
      for (let s = s0; s < s1; s++) {
        if (!isUsed[s] && (linkA[s] === w || linkB[s] === w)) {
          found = s
          break
        }
      }
      if (found < 0) break
      isUsed[found] = 1
      visited++
      w = linkA[found] === w ? linkB[found] : linkA[found]
    }
    if (visited !== s1 - s0 || w !== linkA[s0]) return false
  }
  return true
}

/**
 * True when every directed edge a→b occurs once and its reverse b→a also occurs once, i.e. the mesh is
 * closed and all triangles agree on orientation.
 */
export function isConsistentlyOriented(mesh: IndexedMesh): boolean {
  const ix = mesh.indices
  if (ix.length === 0 || ix.length % 3 !== 0) return false
  const n = vertexBound(ix)
  const keys = new Float64Array(ix.length)
  for (let t = 0; t < ix.length; t += 3) {
    for (let s = 0; s < 3; s++) keys[t + s] = ix[t + s] * n + ix[t + ((s + 1) % 3)]
  }
  keys.sort()
  for (let e = 1; e < keys.length; e++) if (keys[e] === keys[e - 1]) return false
  for (let e = 0; e < keys.length; e++) {
    const a = Math.floor(keys[e] / n)
    const rev = (keys[e] - a * n) * n + a
    let lo = 0
    let hi = keys.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (keys[mid] < rev) lo = mid + 1
      else hi = mid
    }
    if (keys[lo] !== rev) return false
  }
  return true
}

/** Euler characteristic V − E + F over used vertices (2 per sphere-like shell, 0 per torus). */
export function eulerCharacteristic(mesh: IndexedMesh): number {
  const ix = mesh.indices
  const n = vertexBound(ix)
  const isUsed = new Uint8Array(n)
  let v = 0
  for (let t = 0; t < ix.length; t++) {
    if (!isUsed[ix[t]]) {
      isUsed[ix[t]] = 1
      v++
    }
  }
  const keys = undirectedKeys(ix, n)
  let e = 0
  for (let k = 0; k < keys.length; k++) if (k === 0 || keys[k] !== keys[k - 1]) e++
  return v - e + ix.length / 3
}

/** Number of edge-connected shells (connected components of triangles). */
export function countShells(mesh: IndexedMesh): number {
  const ix = mesh.indices
  const n = vertexBound(ix)
  const parent = new Int32Array(n)
  for (let v = 0; v < n; v++) parent[v] = v
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]]
      x = parent[x]
    }
    return x
  }
  for (let t = 0; t < ix.length; t += 3) {
    const a = find(ix[t])
    const b = find(ix[t + 1])
    const c = find(ix[t + 2])
    parent[b] = a
    parent[find(c)] = a
  }
  const isUsed = new Uint8Array(n)
  for (let t = 0; t < ix.length; t++) isUsed[ix[t]] = 1
  let shells = 0
  for (let v = 0; v < n; v++) if (isUsed[v] && find(v) === v) shells++
  return shells
}
