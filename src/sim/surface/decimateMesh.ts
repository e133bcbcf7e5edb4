/**
 * Quadric-error-metric edge-collapse decimation (M. Garland, P. Heckbert, "Surface simplification using
 * quadric error metrics", SIGGRAPH 1997) for closed, consistently oriented manifolds, with the enclosed
 * volume held fixed at every collapse. Work is done in passes, as in meshoptimizer's simplifier: each pass
 * sorts all edges by error and collapses them cheapest first; corner lists keep the adjacency exact, and an
 * edge whose end vertex already moved in this pass (its cost is stale) waits for the next pass. Every
 * collapse must pass the link condition (keeps the mesh a manifold) and a normal-flip test (keeps the
 * orientation). Pure; input arrays are not modified.
 */
import {
  collapseEdge,
  flips,
  linkConditionHolds,
  preserveVolume,
  type WorkMesh,
} from './collapseEdge'
import { createQuadrics, quadricPlacement } from './quadrics'

/** Decimation parameters. */
export interface DecimateOptions {
  /** Stop once the mesh has at most this many triangles. */
  readonly targetTriangles: number
  /**
   * A collapse is refused when it turns any surviving triangle's normal by more than acos(minNormalCos)
   * (default 0.2, i.e. about 78°). Stops fold-overs and protects thin features.
   */
  readonly minNormalCos?: number
  /** Upper bound on passes (default 100); each pass removes a large share of what is left to remove. */
  readonly maxPasses?: number
}

/** Decimated mesh and what the decimation did. */
export interface DecimateResult {
  /** x, y, z per remaining vertex (same frame as the input). */
  readonly positions: Float64Array
  readonly indices: Uint32Array
  readonly passes: number
  /** False when no further valid collapse existed before the target was met. */
  readonly reachedTarget: boolean
}

/**
 * Sorts edge ids 0 … count − 1 by non-negative float cost with a two-pass 16-bit radix sort on the IEEE
 * bits (non-negative floats order like their bit patterns). Returns `out`; `tmp` and `hist` are scratch.
 */
function sortByCost(
  cost: Float32Array,
  count: number,
  tmp: Uint32Array,
  out: Uint32Array,
  hist: Uint32Array,
): Uint32Array {
  const bits = new Uint32Array(cost.buffer, cost.byteOffset, count)
  hist.fill(0)
  for (let i = 0; i < count; i++) hist[(bits[i] & 0xffff) + 1]++
  for (let h = 0; h < 65536; h++) hist[h + 1] += hist[h]
  for (let i = 0; i < count; i++) tmp[hist[bits[i] & 0xffff]++] = i
  hist.fill(0)
  for (let i = 0; i < count; i++) hist[(bits[i] >>> 16) + 1]++
  for (let h = 0; h < 65536; h++) hist[h + 1] += hist[h]
  for (let n = 0; n < count; n++) {
    const i = tmp[n]
    out[hist[bits[i] >>> 16]++] = i
  }
  return out
}

/**
 * Collapses edges until at most `targetTriangles` remain.
 * @param positions x, y, z per vertex (any frame; mm in this module's use)
 * @param indices closed, consistently oriented triangles
 * @param onProgress called after each pass with the fraction of the removal done
 */
export function decimateMesh(
  positions: Float64Array,
  indices: Uint32Array,
  options: DecimateOptions,
  onProgress?: (fraction: number) => void,
): DecimateResult {
  const vertexCount = positions.length / 3
  const target = Math.max(4, Math.floor(options.targetTriangles))
  const minCos = options.minNormalCos ?? 0.2
  const maxPasses = options.maxPasses ?? 100
  const t0 = indices.length / 3
  if (t0 <= target) {
    return {
      positions: positions.slice(),
      indices: indices.slice(),
      passes: 0,
      reachedTarget: true,
    }
  }

  // Work relative to the bounding-box centre: quadric constants stay small and well conditioned.
  const c = [0, 0, 0]
  for (let a = 0; a < 3; a++) {
    let lo = Infinity
    let hi = -Infinity
    for (let v = a; v < positions.length; v += 3) {
      lo = Math.min(lo, positions[v])
      hi = Math.max(hi, positions[v])
    }
    c[a] = (lo + hi) / 2
  }
  const P = new Float64Array(positions.length)
  for (let v = 0; v < positions.length; v += 3) {
    P[v] = positions[v] - c[0]
    P[v + 1] = positions[v + 1] - c[1]
    P[v + 2] = positions[v + 2] - c[2]
  }
  const Q = createQuadrics(P, indices)

  let tri = indices.slice()
  let triCount = t0
  const m: WorkMesh = {
    P,
    tri,
    head: new Int32Array(vertexCount),
    next: new Int32Array(3 * t0),
    isDead: new Uint8Array(t0),
    deg: new Int32Array(vertexCount),
    stamp: new Int32Array(vertexCount),
  }
  const tgt = new Float64Array(3)
  // Scratch reused by every pass (sizes only shrink).
  const edgeA = new Uint32Array(2 * t0)
  const edgeB = new Uint32Array(2 * t0)
  const cost = new Float32Array(2 * t0)
  const sortTmp = new Uint32Array(2 * t0)
  const sortOut = new Uint32Array(2 * t0)
  const hist = new Uint32Array(65537)
  /** Cost of the edge leaving each triangle corner (valid where that corner's vertex id < the next's). */
  const slotCost = new Float32Array(3 * t0)
  /** Pass in which each vertex last took part in a collapse (0: never). */
  const touched = new Int32Array(vertexCount)
  let passes = 0

  while (triCount > target && passes < maxPasses) {
    passes++
    // Corner lists of the live triangles (rebuilt per pass, so they hold no dead corners at the start).
    m.head.fill(-1)
    m.deg.fill(0)
    m.isDead.fill(0, 0, triCount)
    for (let c = 3 * triCount - 1; c >= 0; c--) {
      const v = tri[c]
      m.next[c] = m.head[v]
      m.head[v] = c
      m.deg[v]++
    }
    // Each undirected edge once: the half-edge a → b with a < b (its twin has b > a).
    let edgeCount = 0
    for (let t = 0; t < 3 * triCount; t += 3) {
      for (let s = 0; s < 3; s++) {
        const a = tri[t + s]
        const b = tri[t + (s === 2 ? 0 : s + 1)]
        if (a >= b || edgeCount === edgeA.length) continue
        // An edge's cost changes only when an end vertex took part in a collapse in the last pass.
        if (passes === 1 || touched[a] === passes - 1 || touched[b] === passes - 1) {
          slotCost[t + s] = quadricPlacement(Q, P, a, b, tgt)
        }
        edgeA[edgeCount] = a
        edgeB[edgeCount] = b
        cost[edgeCount] = slotCost[t + s]
        edgeCount++
      }
    }
    const order = sortByCost(cost, edgeCount, sortTmp, sortOut, hist)
    const toRemove = triCount - target
    let removed = 0
    // Cheapest first. The corner lists stay exact as collapses happen, so only edges at a vertex already
    // moved in this pass (whose sorted cost is stale) wait for the next pass.
    for (let n = 0; n < edgeCount && removed < toRemove; n++) {
      const e = order[n]
      const a = edgeA[e]
      const b = edgeB[e]
      if (touched[a] === passes || touched[b] === passes) continue
      // The merged vertex has degree deg(a) + deg(b) − 4; below 3 the shell degenerates.
      if (m.deg[a] + m.deg[b] - 4 < 3) continue
      if (!linkConditionHolds(m, a, b)) continue
      quadricPlacement(Q, P, a, b, tgt)
      preserveVolume(m, a, b, tgt)
      if (flips(m, a, b, tgt, minCos) || flips(m, b, a, tgt, minCos)) continue
      removed += collapseEdge(m, a, b, tgt)
      for (let q = 0; q < 10; q++) Q[10 * a + q] += Q[10 * b + q]
      touched[a] = passes
      touched[b] = passes
    }
    // Compact the live triangles.
    let w = 0
    for (let t = 0; t < triCount; t++) {
      if (m.isDead[t]) continue
      tri[3 * w] = tri[3 * t]
      tri[3 * w + 1] = tri[3 * t + 1]
      tri[3 * w + 2] = tri[3 * t + 2]
      slotCost[3 * w] = slotCost[3 * t]
      slotCost[3 * w + 1] = slotCost[3 * t + 1]
      slotCost[3 * w + 2] = slotCost[3 * t + 2]
      w++
    }
    triCount = w
    if (onProgress) onProgress(Math.min(1, (t0 - triCount) / (t0 - target)))
    if (removed === 0) break
  }
  tri = tri.slice(0, 3 * triCount)

  // Drop unreferenced vertices and restore the frame.
  const remap = new Int32Array(vertexCount).fill(-1)
  let nv = 0
  for (let t = 0; t < tri.length; t++) {
    const v = tri[t]
    if (remap[v] < 0) remap[v] = nv++
    tri[t] = remap[v]
  }
  const out = new Float64Array(3 * nv)
  for (let v = 0; v < vertexCount; v++) {
    const r = remap[v]
    if (r < 0) continue
    out[3 * r] = P[3 * v] + c[0]
    out[3 * r + 1] = P[3 * v + 1] + c[1]
    out[3 * r + 2] = P[3 * v + 2] + c[2]
  }
  return { positions: out, indices: tri, passes, reachedTarget: triCount <= target }
}
