/**
 * One edge collapse on a triangle mesh with per-vertex corner lists, and the checks that keep a closed,
 * oriented manifold one: degree, link condition, volume preservation and a normal-flip test. Pure; the
 * functions mutate only the WorkMesh they are given.
 */

/** Mutable mesh state for decimation. Corner c is slot c of `tri` (triangle ⌊c/3⌋). */
export interface WorkMesh {
  /** x, y, z per vertex. */
  readonly P: Float64Array
  /** Three vertex ids per triangle. */
  readonly tri: Uint32Array
  /** First corner of each vertex's corner list (−1: none). */
  readonly head: Int32Array
  /** Next corner in the same vertex's list (−1: end). Lists may hold corners of dead triangles. */
  readonly next: Int32Array
  /** 1 for triangles removed by a collapse. */
  readonly isDead: Uint8Array
  /** Live triangles around each vertex (its degree on a closed manifold), kept current by collapseEdge. */
  readonly deg: Int32Array
  /** Scratch stamps, one per vertex, for neighbour-set tests. */
  readonly stamp: Int32Array
}

let stampId = 0

/**
 * Link condition for collapsing edge (a, b) of a closed manifold: a and b share exactly the two vertices
 * opposite the edge. Anything else (a third common neighbour) would pinch the surface.
 */
export function linkConditionHolds(m: WorkMesh, a: number, b: number): boolean {
  const { tri, head, next, isDead, stamp } = m
  if (stampId > 0x3ffffff0) {
    stamp.fill(0)
    stampId = 0
  }
  stampId += 2
  for (let c = head[a]; c >= 0; c = next[c]) {
    const t = (c / 3) | 0
    if (isDead[t]) continue
    stamp[tri[3 * t]] = stampId
    stamp[tri[3 * t + 1]] = stampId
    stamp[tri[3 * t + 2]] = stampId
  }
  let common = 0
  for (let c = head[b]; c >= 0; c = next[c]) {
    const t = (c / 3) | 0
    if (isDead[t]) continue
    for (let k = 3 * t; k < 3 * t + 3; k++) {
      const w = tri[k]
      if (w !== a && w !== b && stamp[w] === stampId) {
        stamp[w] = stampId + 1
        common++
      }
    }
  }
  return common === 2
}

/**
 * Moves `tgt` along the star's area-weighted normal so that the collapse leaves the enclosed volume
 * unchanged (the volume constraint of Lindstrom & Turk, "Fast and memory efficient polygonal
 * simplification", 1998, applied as a correction to the quadric optimum). The star volume is linear in the
 * merged vertex x — Σ x·(y × z)/6 over the surviving triangles (x, y, z) — so one projection solves it.
 */
export function preserveVolume(m: WorkMesh, a: number, b: number, tgt: Float64Array): void {
  const { P, tri, head, next, isDead } = m
  let before = 0
  let gx = 0
  let gy = 0
  let gz = 0
  for (let side = 0; side < 2; side++) {
    const v = side === 0 ? a : b
    const other = side === 0 ? b : a
    for (let c = head[v]; c >= 0; c = next[c]) {
      const t = (c / 3) | 0
      if (isDead[t]) continue
      // (v, x, y) in the triangle's cyclic order.
      const r = c - 3 * t
      const x = tri[3 * t + (r === 2 ? 0 : r + 1)]
      const y = tri[3 * t + (r === 0 ? 2 : r - 1)]
      const hasOther = x === other || y === other
      // Shared triangles are in both stars: count their old volume once, from a's side.
      if (hasOther && side === 1) continue
      const cx = P[3 * x + 1] * P[3 * y + 2] - P[3 * x + 2] * P[3 * y + 1]
      const cy = P[3 * x + 2] * P[3 * y] - P[3 * x] * P[3 * y + 2]
      const cz = P[3 * x] * P[3 * y + 1] - P[3 * x + 1] * P[3 * y]
      before += P[3 * v] * cx + P[3 * v + 1] * cy + P[3 * v + 2] * cz
      if (!hasOther) {
        gx += cx
        gy += cy
        gz += cz
      }
    }
  }
  const g2 = gx * gx + gy * gy + gz * gz
  if (!(g2 > 0)) return
  const shift = (before - (gx * tgt[0] + gy * tgt[1] + gz * tgt[2])) / g2
  tgt[0] += shift * gx
  tgt[1] += shift * gy
  tgt[2] += shift * gz
}

/**
 * True when moving v to `tgt` would turn a surviving triangle of v (one without `other`) by more than
 * acos(minCos), or make it degenerate.
 */
export function flips(
  m: WorkMesh,
  v: number,
  other: number,
  tgt: Float64Array,
  minCos: number,
): boolean {
  const { P, tri, head, next, isDead } = m
  const ax = P[3 * v]
  const ay = P[3 * v + 1]
  const az = P[3 * v + 2]
  for (let c = head[v]; c >= 0; c = next[c]) {
    const t = (c / 3) | 0
    if (isDead[t]) continue
    const r = c - 3 * t
    const x = tri[3 * t + (r === 2 ? 0 : r + 1)]
    const y = tri[3 * t + (r === 0 ? 2 : r - 1)]
    if (x === other || y === other) continue
    const ux = P[3 * x]
    const uy = P[3 * x + 1]
    const uz = P[3 * x + 2]
    const wx = P[3 * y]
    const wy = P[3 * y + 1]
    const wz = P[3 * y + 2]
    const nOx = (uy - ay) * (wz - az) - (uz - az) * (wy - ay)
    const nOy = (uz - az) * (wx - ax) - (ux - ax) * (wz - az)
    const nOz = (ux - ax) * (wy - ay) - (uy - ay) * (wx - ax)
    const nNx = (uy - tgt[1]) * (wz - tgt[2]) - (uz - tgt[2]) * (wy - tgt[1])
    const nNy = (uz - tgt[2]) * (wx - tgt[0]) - (ux - tgt[0]) * (wz - tgt[2])
    const nNz = (ux - tgt[0]) * (wy - tgt[1]) - (uy - tgt[1]) * (wx - tgt[0])
    const lN = Math.sqrt(nNx * nNx + nNy * nNy + nNz * nNz)
    if (!(lN > 0)) return true
    const lO = Math.sqrt(nOx * nOx + nOy * nOy + nOz * nOz)
    if (lO > 0 && nOx * nNx + nOy * nNy + nOz * nNz < minCos * lO * lN) return true
  }
  return false
}

/**
 * Collapses b into a, moving a to `tgt`: triangles holding both die, b's other corners become a's, and b's
 * corner list is spliced onto a's. Returns the number of triangles removed (2 on a closed manifold).
 */
export function collapseEdge(m: WorkMesh, a: number, b: number, tgt: Float64Array): number {
  const { P, tri, head, next, isDead, deg } = m
  let removed = 0
  let last = -1
  for (let c = head[b]; c >= 0; c = next[c]) {
    last = c
    const t = (c / 3) | 0
    if (isDead[t]) continue
    const v0 = tri[3 * t]
    const v1 = tri[3 * t + 1]
    const v2 = tri[3 * t + 2]
    if (v0 === a || v1 === a || v2 === a) {
      isDead[t] = 1
      removed++
      // The vertex opposite the edge loses this triangle.
      deg[v0 !== a && v0 !== b ? v0 : v1 !== a && v1 !== b ? v1 : v2]--
    } else {
      tri[c] = a
    }
  }
  deg[a] += deg[b] - 2 * removed
  deg[b] = 0
  if (last >= 0) {
    next[last] = head[a]
    head[a] = head[b]
    head[b] = -1
  }
  P[3 * a] = tgt[0]
  P[3 * a + 1] = tgt[1]
  P[3 * a + 2] = tgt[2]
  return removed
}
