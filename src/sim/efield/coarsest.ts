/**
 * The coarsest multigrid level: dense Cholesky factor of its free cells and the triangular solves. Pure.
 */
import type { MgLevel } from './mgLevel'
import type { Multigrid } from './multigrid'

/** Dense Cholesky factor (row-major, lower) of the coarsest operator on its free cells. */
export function choleskyOfCoarsest(l: MgLevel): { cells: Int32Array; factor: Float64Array } {
  const index = new Int32Array(l.len).fill(-1)
  const list: number[] = []
  for (let P = l.plane; P < l.plane + l.n; P++) {
    if (l.free[P]) {
      index[P] = list.length
      list.push(P)
    }
  }
  const m = list.length
  const a = new Float64Array(m * m)
  const offsets: Array<[number, Float32Array, number]> = [
    [1, l.wx, 1],
    [l.nx, l.wy, l.nx],
    [l.plane, l.wz, l.plane],
  ]
  for (let r = 0; r < m; r++) {
    const P = list[r]
    a[r * m + r] = l.d[P]
    for (const [step, w] of offsets) {
      const lo = index[P - step]
      if (lo >= 0 && w[P] > 0) a[r * m + lo] = -w[P]
      const hi = index[P + step]
      if (hi >= 0 && w[P + step] > 0) a[r * m + hi] = -w[P + step]
    }
  }
  for (let j = 0; j < m; j++) {
    let s = a[j * m + j]
    for (let q = 0; q < j; q++) s -= a[j * m + q] * a[j * m + q]
    if (!(s > 0)) throw new Error('multigrid: coarsest operator is not positive definite')
    const ljj = Math.sqrt(s)
    a[j * m + j] = ljj
    for (let i = j + 1; i < m; i++) {
      let t = a[i * m + j]
      for (let q = 0; q < j; q++) t -= a[i * m + q] * a[j * m + q]
      a[i * m + j] = t / ljj
    }
  }
  return { cells: Int32Array.from(list), factor: a }
}

/** Solves the coarsest level exactly (forward and back substitution with its Cholesky factor). */
export function coarseSolve(mg: Multigrid, x: Float64Array, b: Float64Array): void {
  const cells = mg.coarseCells
  const L = mg.coarseFactor
  const m = cells.length
  x.fill(0)
  const y = mg.coarseWork
  for (let i = 0; i < m; i++) {
    let s = b[cells[i]]
    for (let q = 0; q < i; q++) s -= L[i * m + q] * y[q]
    y[i] = s / L[i * m + i]
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = y[i]
    for (let q = i + 1; q < m; q++) s -= L[q * m + i] * y[q]
    y[i] = s / L[i * m + i]
  }
  for (let i = 0; i < m; i++) x[cells[i]] = y[i]
}
