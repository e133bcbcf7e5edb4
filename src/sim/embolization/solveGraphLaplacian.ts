/**
 * Direct solve of a weighted graph Laplacian with Dirichlet (fixed-value) nodes: Σ_j G_ij (x_i − x_j) = 0
 * at every free node. Symmetric Gaussian elimination (LDLᵀ without pivoting, valid because the reduced
 * matrix is SPD when every component touches a fixed node) in a greedy minimum-degree order. On a tree the
 * order eliminates leaves first and creates no fill (O(n)); the few loops of the spinal network (ASA
 * anastomoses) create a little fill only. Exact to round-off, unlike an iterative solver.
 */

/** One undirected edge with conductance `g` (g ≥ 0; zero edges are ignored). */
export interface LaplacianEdge {
  readonly a: number
  readonly b: number
  readonly g: number
}

/**
 * Solves for the free values given `fixed` (NaN = free, else the imposed value). Free nodes in a component
 * without any fixed node (e.g. cut off by an occlusion) get the value 0; no flux can pass through them.
 * @returns x with fixed entries copied and free entries solved.
 */
export function solveGraphLaplacian(
  nNodes: number,
  edges: readonly LaplacianEdge[],
  fixed: Float64Array,
): Float64Array {
  const x = new Float64Array(nNodes)
  const diag = new Float64Array(nNodes)
  const rhs = new Float64Array(nNodes)
  const adj: Map<number, number>[] = []
  for (let i = 0; i < nNodes; i++) adj.push(new Map())
  for (const e of edges) {
    if (!(e.g > 0)) continue
    const fa = !Number.isNaN(fixed[e.a])
    const fb = !Number.isNaN(fixed[e.b])
    if (!fa) diag[e.a] += e.g
    if (!fb) diag[e.b] += e.g
    if (!fa && fb) rhs[e.a] += e.g * fixed[e.b]
    if (fa && !fb) rhs[e.b] += e.g * fixed[e.a]
    if (!fa && !fb) {
      adj[e.a].set(e.b, (adj[e.a].get(e.b) ?? 0) - e.g)
      adj[e.b].set(e.a, (adj[e.b].get(e.a) ?? 0) - e.g)
    }
  }
  const diag0 = diag.slice()
  const free: number[] = []
  for (let i = 0; i < nNodes; i++) {
    if (Number.isNaN(fixed[i])) free.push(i)
    else x[i] = fixed[i]
  }
  // Degree buckets give the greedy minimum-degree order in O(n + fill).
  const done = new Uint8Array(nNodes)
  const buckets: Set<number>[] = []
  const put = (i: number): void => {
    const d = adj[i].size
    while (buckets.length <= d) buckets.push(new Set())
    buckets[d].add(i)
  }
  for (const i of free) put(i)
  const order: number[] = []
  const rows: Map<number, number>[] = []
  const pivots: number[] = []
  const rhsAt: number[] = []
  let minD = 0
  for (let step = 0; step < free.length; step++) {
    while (buckets[minD].size === 0) minD++
    const k = buckets[minD].values().next().value as number
    buckets[minD].delete(k)
    done[k] = 1
    const row = adj[k]
    const d = diag[k]
    order.push(k)
    rows.push(row)
    pivots.push(d)
    rhsAt.push(rhs[k])
    // A floating component (no fixed node) ends with a pivot that is zero up to round-off; the test is
    // relative to the node's own assembled diagonal so that it is independent of the conductance scale.
    const singular = !(d > 1e-12 * diag0[k])
    if (singular) pivots[step] = 0
    const nb = [...row.entries()]
    for (const [i] of nb) {
      buckets[adj[i].size].delete(i)
      adj[i].delete(k)
    }
    if (!singular) {
      for (const [i, aik] of nb) {
        const f = aik / d
        diag[i] -= f * aik
        rhs[i] -= f * rhs[k]
        for (const [j, ajk] of nb) {
          if (j === i) continue
          adj[i].set(j, (adj[i].get(j) ?? 0) - f * ajk)
        }
      }
    }
    for (const [i] of nb) put(i)
    minD = 0
  }
  for (let s = order.length - 1; s >= 0; s--) {
    const k = order[s]
    const d = pivots[s]
    if (!(d > 0)) {
      x[k] = 0
      continue
    }
    let acc = rhsAt[s]
    for (const [i, aik] of rows[s]) acc -= aik * x[i]
    x[k] = acc / d
  }
  return x
}
