/**
 * Run-length connected-component labelling of a padded mask: rows are cut into runs of equal value and
 * runs in neighbouring rows are merged with union–find. Bone masks are mostly long runs, so this touches
 * far fewer items than voxel-wise flood filling.
 */
import type { PaddedMask } from './volumeMask'

/** Runs of one value, grouped by padded row r = J + dims[1]·K (CSR layout). */
export interface Runs {
  /** Runs of row r are indices rowStart[r] … rowStart[r + 1] − 1. */
  readonly rowStart: Int32Array
  /** First I of each run. */
  readonly start: Int32Array
  /** One past the last I of each run. */
  readonly end: Int32Array
  readonly count: number
}

/** Voxel connectivity: 6 (faces) or 26 (faces, edges and corners). */
export type Connectivity = 6 | 26

/** Runs of 1s (`value` = 1) or of 0s (`value` = 0, including the padding). */
export function findRuns(m: PaddedMask, value: 0 | 1): Runs {
  const [px, py, pz] = m.dims
  const rows = py * pz
  const { data, rowMin, rowMax } = m
  const rowStart = new Int32Array(rows + 1)
  let cap = Math.max(1024, rows * (value === 0 ? 2 : 1))
  let start = new Int32Array(cap)
  let end = new Int32Array(cap)
  let n = 0
  const push = (s: number, e: number): void => {
    if (n === cap) {
      cap *= 2
      const ns = new Int32Array(cap)
      ns.set(start)
      start = ns
      const ne = new Int32Array(cap)
      ne.set(end)
      end = ne
    }
    start[n] = s
    end[n] = e
    n++
  }
  for (let r = 0; r < rows; r++) {
    rowStart[r] = n
    const base = r * px
    const lo = rowMin[r]
    const hi = rowMax[r]
    // Runs of 1s live inside [lo, hi]; runs of 0s are their complement within the row.
    let zeroFrom = 0
    let I = lo
    while (I <= hi) {
      if (data[base + I] === 0) {
        I++
        continue
      }
      const s = I
      while (I <= hi && data[base + I] === 1) I++
      if (value === 1) push(s, I)
      else if (s > zeroFrom) push(zeroFrom, s)
      zeroFrom = I
    }
    if (value === 0 && zeroFrom < px) push(zeroFrom, px)
  }
  rowStart[rows] = n
  return { rowStart, start: start.subarray(0, n), end: end.subarray(0, n), count: n }
}

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]]
    x = parent[x]
  }
  return x
}

function union(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a)
  const rb = find(parent, b)
  if (ra < rb) parent[rb] = ra
  else if (rb < ra) parent[ra] = rb
}

/**
 * Root run of each run's connected component (roots are the lowest run index of the component, so the
 * component containing run 0 has root 0).
 * @param py padded row count per slice (dims[1])
 */
export function linkRuns(
  runs: Runs,
  py: number,
  pz: number,
  connectivity: Connectivity,
): Int32Array {
  const { rowStart, start, end } = runs
  const parent = new Int32Array(runs.count)
  for (let i = 0; i < runs.count; i++) parent[i] = i
  // Runs [s, e) and [s', e') touch when they overlap; with 26-connectivity also when they meet diagonally.
  const ext = connectivity === 26 ? 1 : 0
  const merge = (ra: number, rb: number): void => {
    let a = rowStart[ra]
    const aEnd = rowStart[ra + 1]
    let b = rowStart[rb]
    const bEnd = rowStart[rb + 1]
    while (a < aEnd && b < bEnd) {
      if (start[a] < end[b] + ext && start[b] < end[a] + ext) union(parent, a, b)
      if (end[a] < end[b]) a++
      else b++
    }
  }
  for (let K = 0; K < pz; K++) {
    for (let J = 0; J < py; J++) {
      const r = J + K * py
      if (rowStart[r] === rowStart[r + 1]) continue
      if (J > 0) merge(r - 1, r)
      if (K > 0) {
        merge(r - py, r)
        if (connectivity === 26) {
          if (J > 0) merge(r - py - 1, r)
          if (J + 1 < py) merge(r - py + 1, r)
        }
      }
    }
  }
  for (let i = 0; i < runs.count; i++) parent[i] = find(parent, i)
  return parent
}
