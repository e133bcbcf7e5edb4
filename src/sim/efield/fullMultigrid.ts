/**
 * Full multigrid (nested iteration) start for a multigrid hierarchy (multigrid.ts). Pure.
 */
import { coarseSolve } from './coarsest'
import { computeResidual } from './mgLevel'
import { type Multigrid, cycle, prolongAdd, restrictResidual } from './multigrid'

/** Per-level vectors of {@link fullMultigrid}, allocated once per hierarchy and reused. */
export interface FmgWork {
  /** Solution, right-hand side, residual and correction per level (index 0: the caller's x and b). */
  readonly x: readonly Float64Array[]
  readonly b: readonly Float64Array[]
  readonly r: readonly Float64Array[]
  readonly e: readonly Float64Array[]
  /** Zero vector of the finest level (restricting b = restricting the residual at x = 0). */
  readonly zero: Float64Array
}

/** Allocates the work vectors of {@link fullMultigrid} for a hierarchy. */
export function createFmgWork(mg: Multigrid): FmgWork {
  const alloc = (): Float64Array[] => mg.levels.map((l) => new Float64Array(l.len))
  return {
    x: alloc(),
    b: alloc(),
    r: alloc(),
    e: alloc(),
    zero: new Float64Array(mg.levels[0].len),
  }
}

/**
 * Full multigrid (nested iteration) for A x = b on the finest level: b is restricted to every level, the
 * coarsest is solved exactly, and going up, each level starts from the prolonged coarser solution and
 * takes `cycles` V-cycles on its correction equation. Overwrites x (finest level, padded layout); b is not
 * modified. Cost ≈ 1.2 V-cycles per cycle; used as the starting guess of MG-PCG (Brandt 1977; Trottenberg,
 * Oosterlee & Schüller, Multigrid (2001) §2.6).
 */
export function fullMultigrid(
  mg: Multigrid,
  work: FmgWork,
  b: Float64Array,
  x: Float64Array,
  cycles = 1,
): void {
  const last = mg.levels.length - 1
  if (last === 0) {
    coarseSolve(mg, x, b)
    return
  }
  const { x: xs, b: bs, r: rs, e: es } = work
  for (let l = 0; l < last; l++) {
    const src = l === 0 ? b : bs[l]
    const zero = l === 0 ? work.zero : xs[l].fill(0)
    restrictResidual(mg.transfers[l], mg.levels[l], mg.levels[l + 1], zero, src, bs[l + 1])
  }
  coarseSolve(mg, xs[last], bs[last])
  for (let l = last - 1; l >= 0; l--) {
    const L = mg.levels[l]
    const xl = l === 0 ? x : xs[l]
    const bl = l === 0 ? b : bs[l]
    xl.fill(0)
    prolongAdd(mg.transfers[l], L, mg.levels[l + 1], xs[l + 1], xl)
    const end = L.plane + L.n
    for (let c = 0; c < cycles; c++) {
      // x += V-cycle(b − A x): `cycle` uses the hierarchy's scratch below level l only.
      computeResidual(L, xl, bl, rs[l])
      const e = es[l]
      cycle(mg, l, e, rs[l])
      for (let P = L.plane; P < end; P++) xl[P] = xl[P] + e[P]
    }
  }
}
