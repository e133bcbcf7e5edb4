/**
 * Full multigrid start and MG-preconditioned conjugate gradients for a BLOCK of B right-hand sides on one
 * operator (the basis problems of superposition.ts). Pure.
 *
 * Each right-hand side keeps its own CG recurrence (its own α, β and stopping test, exactly those of
 * pcg.ts); only the sweeps over memory are shared: one V-cycle (blockMultigrid.ts), one operator
 * application and one vector update serve all B. A converged right-hand side is frozen (its x, r and p
 * no longer change) while the others continue. Layout: value k of padded cell P at B·P + k.
 */
import {
  type BlockMgWork,
  blockCoarseSolve,
  blockCycle,
  blockProlongAdd,
  blockResidual,
  blockRestrict,
  createBlockMgWork,
} from './blockMultigrid'
import type { MgLevel } from './mgLevel'
import type { Multigrid } from './multigrid'

/** Work vectors of {@link blockFullMultigrid} and {@link blockPcgSolve}; see {@link createBlockPcgWork}. */
export interface BlockPcgWork {
  readonly B: number
  readonly mg: BlockMgWork
  /** Finest level, B·len each: a right-hand side for the caller's use (see acquireBlockPcgWork). */
  readonly rhs: Float64Array
  /** Finest level, B·len each: residual, preconditioned residual, search direction, A·p. */
  readonly r: Float64Array
  readonly z: Float64Array
  readonly p: Float64Array
  readonly q: Float64Array
  /** Full multigrid's solution, right-hand side, residual and correction on levels ≥ 1 (index 0 unused). */
  readonly fx: readonly Float64Array[]
  readonly fb: readonly Float64Array[]
  readonly fr: readonly Float64Array[]
  readonly fe: readonly Float64Array[]
}

/** Allocates the block work vectors for `mg` and B right-hand sides. */
export function createBlockPcgWork(mg: Multigrid, B: number): BlockPcgWork {
  const len = B * mg.levels[0].len
  const coarse = (): Float64Array[] =>
    mg.levels.map((l, i) => new Float64Array(i === 0 ? 0 : B * l.len))
  return {
    B,
    mg: createBlockMgWork(mg, B),
    rhs: new Float64Array(len),
    r: new Float64Array(len),
    z: new Float64Array(len),
    p: new Float64Array(len),
    q: new Float64Array(len),
    fx: coarse(),
    fb: coarse(),
    fr: coarse(),
    fe: coarse(),
  }
}

/**
 * Recently used work vectors by size, held weakly. A 61³ block of 5 right-hand sides needs ~60 MB of work
 * vectors; allocating them afresh costs 20–30 ms of page faults per solve (measured), reusing them a
 * clearing pass. The results do not depend on reuse (every vector is written before it is read, the
 * padding stays zero). Kept for the last few sizes (the full-resolution and the drag-preview grids).
 */
const recent = new Map<string, WeakRef<BlockPcgWork>>()
const RECENT_SIZES = 4

/**
 * Work vectors for `mg` and B right-hand sides: reused from a recent solve of the same size if any (with
 * `rhs` cleared). Not for two solves at once (solves are synchronous).
 */
export function acquireBlockPcgWork(mg: Multigrid, B: number): BlockPcgWork {
  const key = `${B}:${mg.levels.map((l) => `${l.nx}x${l.ny}x${l.nz}`).join(',')}`
  const hit = recent.get(key)?.deref()
  if (hit) {
    hit.rhs.fill(0)
    return hit
  }
  const work = createBlockPcgWork(mg, B)
  recent.delete(key)
  recent.set(key, new WeakRef(work))
  if (recent.size > RECENT_SIZES) recent.delete(recent.keys().next().value as string)
  return work
}

/** X_k += E_k over the cells of level L for B vectors. */
function addInto(L: MgLevel, B: number, X: Float64Array, E: Float64Array): void {
  const end = B * (L.plane + L.n)
  for (let o = B * L.plane; o < end; o++) X[o] += E[o]
}

/**
 * Full multigrid (nested iteration, one V-cycle per level) for the B systems A X_k = Bv_k; overwrites X.
 * Same algorithm as `fullMultigrid` (fullMultigrid.ts), applied to each right-hand side; uses w.r and w.z
 * as scratch on the finest level.
 */
export function blockFullMultigrid(
  mg: Multigrid,
  w: BlockPcgWork,
  Bv: Float64Array,
  X: Float64Array,
): void {
  const last = mg.levels.length - 1
  if (last === 0) {
    blockCoarseSolve(mg, w.mg, X, Bv)
    return
  }
  const { fx, fb, fr, fe, B } = w
  for (let l = 0; l < last; l++) blockRestrict(mg, w.mg, l, null, l === 0 ? Bv : fb[l], fb[l + 1])
  blockCoarseSolve(mg, w.mg, fx[last], fb[last])
  for (let l = last - 1; l >= 0; l--) {
    const L = mg.levels[l]
    const xl = l === 0 ? X : fx[l]
    const bl = l === 0 ? Bv : fb[l]
    const r = l === 0 ? w.r : fr[l]
    const e = l === 0 ? w.z : fe[l]
    xl.fill(0)
    blockProlongAdd(mg, w.mg, l, fx[l + 1], xl)
    blockResidual(L, B, xl, bl, r)
    blockCycle(mg, w.mg, l, e, r)
    addInto(L, B, xl, e)
  }
}

/** Outcome of {@link blockPcgSolve}, per right-hand side. */
export interface BlockPcgOutcome {
  readonly iterations: Int32Array
  /** Relative residual ‖b − Ax‖/‖b‖: recomputed before the first iteration, then the CG recurrence. */
  readonly residual: Float64Array
}

/** Σ_P a[B·P + k]·b[B·P + k] for every k, into out. */
function blockDots(
  L: MgLevel,
  B: number,
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
): void {
  out.fill(0)
  const end = L.plane + L.n
  for (let P = L.plane; P < end; P++) {
    for (let k = 0, o = B * P; k < B; k++, o++) out[k] += a[o] * b[o]
  }
}

/** Q = A P for B vectors and out_k = Σ P_k·Q_k (one pass; see `blockApply`). */
function blockApplyDot(
  l: MgLevel,
  B: number,
  X: Float64Array,
  Y: Float64Array,
  out: Float64Array,
): void {
  const { nx, plane, wx, wy, wz, d } = l
  const sx = B
  const sy = B * nx
  const sz = B * plane
  const end = plane + l.n
  out.fill(0)
  for (let P = plane; P < end; P++) {
    const a0 = wx[P]
    const a1 = wx[P + 1]
    const b0 = wy[P]
    const b1 = wy[P + nx]
    const c0 = wz[P]
    const c1 = wz[P + plane]
    const dd = d[P]
    for (let k = 0, o = B * P; k < B; k++, o++) {
      const x = X[o]
      const y =
        dd * x -
        (a0 * X[o - sx] +
          a1 * X[o + sx] +
          b0 * X[o - sy] +
          b1 * X[o + sy] +
          c0 * X[o - sz] +
          c1 * X[o + sz])
      Y[o] = y
      out[k] += x * y
    }
  }
}

/**
 * Solves A X_k = Bv_k (k < B) from the guesses in X (updated in place), each until ‖b − Ax‖₂ ≤
 * relTol·‖b‖₂ or `maxIterations` (the criterion of pcg.ts). Fixed cells of Bv and X must be zero.
 */
export function blockPcgSolve(
  l: MgLevel,
  mg: Multigrid,
  w: BlockPcgWork,
  Bv: Float64Array,
  X: Float64Array,
  relTol: number,
  maxIterations: number,
): BlockPcgOutcome {
  const { B, r, z, p, q } = w
  const start = l.plane
  const end = l.plane + l.n
  const iterations = new Int32Array(B)
  const residual = new Float64Array(B)
  const bNorm = new Float64Array(B)
  const rz = new Float64Array(B)
  const tmp = new Float64Array(B)
  const alpha = new Float64Array(B)
  const beta = new Float64Array(B)
  const active = new Uint8Array(B)
  blockDots(l, B, Bv, Bv, bNorm)
  for (let k = 0; k < B; k++) bNorm[k] = Math.sqrt(bNorm[k])
  blockResidual(l, B, X, Bv, r)
  blockDots(l, B, r, r, tmp)
  let anyActive = false
  for (let k = 0; k < B; k++) {
    if (bNorm[k] === 0) {
      for (let P = start; P < end; P++) X[B * P + k] = 0
      continue
    }
    residual[k] = Math.sqrt(tmp[k]) / bNorm[k]
    if (residual[k] > relTol && maxIterations > 0) active[k] = 1
    anyActive ||= active[k] === 1
  }
  if (!anyActive) return { iterations, residual }
  blockCycle(mg, w.mg, 0, z, r)
  p.set(z)
  blockDots(l, B, r, z, rz)
  for (;;) {
    blockApplyDot(l, B, p, q, tmp)
    for (let k = 0; k < B; k++) alpha[k] = active[k] ? rz[k] / tmp[k] : 0
    tmp.fill(0)
    for (let P = start; P < end; P++) {
      for (let k = 0, o = B * P; k < B; k++, o++) {
        const a = alpha[k]
        if (a === 0) continue
        X[o] += a * p[o]
        const rv = r[o] - a * q[o]
        r[o] = rv
        tmp[k] += rv * rv
      }
    }
    anyActive = false
    for (let k = 0; k < B; k++) {
      if (!active[k]) continue
      iterations[k]++
      residual[k] = Math.sqrt(tmp[k]) / bNorm[k]
      if (residual[k] <= relTol || iterations[k] >= maxIterations) active[k] = 0
      anyActive ||= active[k] === 1
    }
    if (!anyActive) break
    blockCycle(mg, w.mg, 0, z, r)
    blockDots(l, B, r, z, tmp)
    for (let k = 0; k < B; k++) {
      beta[k] = active[k] ? tmp[k] / rz[k] : 0
      if (active[k]) rz[k] = tmp[k]
    }
    if (active.every((a) => a === 1)) {
      for (let P = start; P < end; P++) {
        for (let k = 0, o = B * P; k < B; k++, o++) p[o] = z[o] + beta[k] * p[o]
      }
    } else {
      for (let P = start; P < end; P++) {
        for (let k = 0, o = B * P; k < B; k++, o++) if (active[k]) p[o] = z[o] + beta[k] * p[o]
      }
    }
  }
  return { iterations, residual }
}
