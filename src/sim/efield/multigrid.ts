/**
 * Geometric multigrid for the 7-point conductance operator (see mgLevel.ts). Pure.
 *
 * - Coarsening: 2× per axis (an axis of 2 cells or fewer is not coarsened; odd sizes leave a one-cell
 *   aggregate at the end). A coarse cell is free when any of its children is free.
 * - Coarse operators respect heterogeneous σ and the Dirichlet masks: the coarse conductance across a
 *   coarse face is the SUM of the fine face conductances crossing it between free children (a Galerkin
 *   product with piecewise-constant aggregation, so parallel paths and fixed children are accounted for
 *   exactly), divided by the distance between the two coarse centres in fine spacings (2, or 1.5 next to
 *   a one-cell aggregate). That makes the coarse operator equal to the re-discretised one on a homogeneous
 *   grid (4 fine faces σh in parallel over a doubled distance = one coarse face σ·2h). Pad conductance is
 *   scaled like a face; conductance to electrode voxels is summed unscaled (see `coarsen`).
 * - Transfers: cell-centred trilinear prolongation (weights 3/4, 1/4 per axis; constant extrapolation at a
 *   zero-flux boundary, an antisymmetric ghost at a pad, renormalised weights next to inactive cells) and
 *   restriction = its transpose. With red-black Gauss–Seidel ordered red→black before and black→red after
 *   the coarse correction, the V-cycle is a symmetric positive definite operator: a valid CG
 *   preconditioner.
 * - Coarsest level: dense Cholesky on its free cells.
 *
 * References: Wesseling, "An Introduction to Multigrid Methods" (1992), ch. 5 (cell-centred transfers);
 * Mohr & Wienands, Computing 73 (2004) 5–22 (cell-centred multigrid revisited); Tatebe, Copper Mountain
 * 1993 (MG-preconditioned CG).
 */
import { choleskyOfCoarsest, coarseSolve } from './coarsest'
import { type MgLevel, createLevel, finishLevel, smoothRedBlack } from './mgLevel'

/** Stop coarsening once a level has at most this many cells; it is then solved by dense Cholesky. */
const COARSEST_MAX_CELLS = 128

/** Prolongation along one axis: each fine index draws from its parent coarse cell and one neighbour. */
interface AxisMap {
  readonly parent: Int32Array
  readonly other: Int32Array
  readonly wParent: Float64Array
  readonly wOther: Float64Array
}

/** Transfer operators between level l (fine) and level l + 1 (coarse). */
interface Transfer {
  readonly ax: AxisMap
  readonly ay: AxisMap
  readonly az: AxisMap
  /**
   * Per fine cell: (sum of interpolation weights) / (sum of weights on conductive coarse cells), so that
   * inactive coarse cells drop out; 0 on non-free fine cells (their correction stays zero).
   */
  readonly invNorm: Float64Array
  /** Scratch: one coarse x-row. */
  readonly line: Float64Array
  /** Scratch: one fine x-row (the scaled residual in `restrictResidual`). */
  readonly fineRow: Float64Array
  /**
   * The x part of the restriction (transpose of ax) as a fixed 4-tap gather per coarse cell I: fine indices
   * tapIdx[4I … 4I + 3] with weights tapW (unused taps: index 0, weight 0). No scatter and no inner loop of
   * variable length: a coarse cell draws from at most 4 fine cells (2 children and 2 neighbours).
   */
  readonly tapIdx: Int32Array
  readonly tapW: Float64Array
  /** The y part of the restriction as 4-tap gathers per coarse row J (fine rows; see tapIdx). */
  readonly tapIdxY: Int32Array
  readonly tapWY: Float64Array
}

/** The transpose of an axis map as 4-tap gathers (see {@link Transfer.tapIdx}). */
function tapsOf(m: AxisMap, nc: number): { tapIdx: Int32Array; tapW: Float64Array } {
  const tapIdx = new Int32Array(4 * nc)
  const tapW = new Float64Array(4 * nc)
  const used = new Uint8Array(nc)
  const add = (I: number, i: number, w: number): void => {
    if (w === 0) return
    if (used[I] >= 4) {
      throw new Error('multigrid: a coarse cell gathers from more than 4 fine cells')
    }
    tapIdx[4 * I + used[I]] = i
    tapW[4 * I + used[I]] = w
    used[I]++
  }
  for (let i = 0; i < m.parent.length; i++) {
    add(m.parent[i], i, m.wParent[i])
    add(m.other[i], i, m.wOther[i])
  }
  return { tapIdx, tapW }
}

/** A multigrid hierarchy with its work vectors; build with {@link buildMultigrid}. */
export interface Multigrid {
  /** levels[0] is the finest (the operator passed in). */
  readonly levels: readonly MgLevel[]
  readonly transfers: readonly Transfer[]
  /** Red-black Gauss–Seidel sweeps before and after each coarse correction. */
  readonly sweeps: number
  readonly xs: readonly Float64Array[]
  readonly bs: readonly Float64Array[]
  /** Coarsest level: compact indices of its free cells and the dense Cholesky factor (row-major, lower). */
  readonly coarseCells: Int32Array
  readonly coarseFactor: Float64Array
  /** Scratch for the coarsest triangular solves. */
  readonly coarseWork: Float64Array
}

const coarseSize = (n: number): number => (n > 2 ? (n + 1) >> 1 : n)

/**
 * Prolongation weights along one axis. At a domain end the coarse neighbour is a ghost: a zero-flux end
 * copies the boundary cell (constant extrapolation), a pad end mirrors it with opposite sign (the
 * correction vanishes on the pad face).
 */
function axisMap(n: number, nc: number, padLow: boolean, padHigh: boolean): AxisMap {
  const parent = new Int32Array(n)
  const other = new Int32Array(n)
  const wParent = new Float64Array(n)
  const wOther = new Float64Array(n)
  const coarsened = nc < n
  const centre = (I: number): number => coarseCentre(n, I)
  for (let i = 0; i < n; i++) {
    if (!coarsened) {
      parent[i] = i
      other[i] = i
      wParent[i] = 1
      continue
    }
    const I = i >> 1
    const J = i < centre(I) ? I - 1 : I + 1
    parent[i] = I
    if (i === centre(I)) {
      other[i] = I
      wParent[i] = 1
      continue
    }
    if (J < 0 || J >= nc) {
      const isPad = J < 0 ? padLow : padHigh
      // Ghost centre mirrored about the domain face; for a pad its value is −e_I.
      const ghost = J < 0 ? -1 - centre(I) : 2 * n - 1 - centre(I)
      const t = Math.abs(i - centre(I)) / Math.abs(ghost - centre(I))
      other[i] = I
      wParent[i] = isPad ? 1 - 2 * t : 1
      continue
    }
    const t = Math.abs(i - centre(I)) / Math.abs(centre(J) - centre(I))
    other[i] = J
    wParent[i] = 1 - t
    wOther[i] = t
  }
  return { parent, other, wParent, wOther }
}

/** Builds the coarse operator of `f` (see the module header). */
/** Centre of coarse cell I in fine index units: 2I + 0.5 for a pair of children, 2I for a single child. */
const coarseCentre = (n: number, I: number): number => (2 * I + 1 < n ? 2 * I + 0.5 : 2 * I)

/**
 * Scale of the fine faces along one axis when summed into a coarse face: 1 / (distance between the two
 * coarse centres in fine spacings), 0 for fine faces inside an aggregate. Index i is the face between
 * fine cells i − 1 and i.
 */
function faceScales(n: number, coarsened: boolean): Float64Array {
  const s = new Float64Array(n)
  for (let i = 1; i < n; i++) {
    if (!coarsened) s[i] = 1
    else if ((i & 1) === 0) s[i] = 1 / (coarseCentre(n, i >> 1) - coarseCentre(n, (i >> 1) - 1))
  }
  return s
}

/** Builds the coarse operator of `f` (see the module header). */
function coarsen(f: MgLevel): MgLevel {
  const { nx, ny, nz, plane } = f
  const c = createLevel(coarseSize(nx), coarseSize(ny), coarseSize(nz))
  const sx = faceScales(nx, c.nx < nx)
  const sy = faceScales(ny, c.ny < ny)
  const sz = faceScales(nz, c.nz < nz)
  for (let s = 0; s < 6; s++) c.padSides[s] = f.padSides[s]
  for (let k = 0; k < nz; k++) {
    const K = c.nz < nz ? k >> 1 : k
    for (let j = 0; j < ny; j++) {
      const J = c.ny < ny ? j >> 1 : j
      const row = plane + nx * (j + ny * k)
      const cRow = c.plane + c.nx * (J + c.ny * K)
      for (let i = 0; i < nx; i++) {
        const P = row + i
        const Pc = cRow + (c.nx < nx ? i >> 1 : i)
        if (f.conductive[P]) c.conductive[Pc] = 1
        if (!f.free[P]) continue
        c.free[Pc] = 1
        // Conductance to electrode voxels is summed unscaled: the trilinear prolongation (normalised on
        // free cells) preserves row sums, so this matches the Galerkin product PᵀAP. A coarse operator
        // softer than PᵀAP over-corrects (measured: with half of it, V-cycles diverge near needles).
        c.g[Pc] += f.g[P] - f.gPad[P]
        c.gPad[Pc] += f.gPad[P]
        c.wx[Pc] += f.wx[P] * sx[i]
        c.wy[Pc] += f.wy[P] * sy[j]
        c.wz[Pc] += f.wz[P] * sz[k]
      }
    }
  }
  scalePads(f, c)
  finishLevel(c)
  return c
}

/**
 * Pad conductance scales like a face conductance: summed fine area over the distance from the coarse
 * centre to the pad face, i.e. 1 / (children along the pad's normal). A cell on two pads takes the larger
 * (stiffer, hence safe) scale.
 */
function scalePads(f: MgLevel, c: MgLevel): void {
  const ps = c.padSides
  if (!ps.some((v) => v === 1)) return
  const dims = [
    [f.nx, c.nx],
    [f.ny, c.ny],
    [f.nz, c.nz],
  ] as const
  const children = (axis: number, I: number): number => {
    const [n, nc] = dims[axis]
    return nc < n && 2 * I + 1 < n ? 2 : 1
  }
  for (let K = 0; K < c.nz; K++) {
    for (let J = 0; J < c.ny; J++) {
      for (let I = 0; I < c.nx; I++) {
        const Pc = c.plane + I + c.nx * (J + c.ny * K)
        if (c.gPad[Pc] === 0) continue
        const idx = [I, J, K]
        let scale = 0
        for (let axis = 0; axis < 3; axis++) {
          const on =
            (ps[2 * axis] === 1 && idx[axis] === 0) ||
            (ps[2 * axis + 1] === 1 && idx[axis] === dims[axis][1] - 1)
          if (on) scale = Math.max(scale, 1 / children(axis, idx[axis]))
        }
        c.gPad[Pc] *= scale
        c.g[Pc] += c.gPad[Pc]
      }
    }
  }
}

function makeTransfer(f: MgLevel, c: MgLevel): Transfer {
  const ps = f.padSides
  const ax = axisMap(f.nx, c.nx, ps[0] === 1, ps[1] === 1)
  const ay = axisMap(f.ny, c.ny, ps[2] === 1, ps[3] === 1)
  const az = axisMap(f.nz, c.nz, ps[4] === 1, ps[5] === 1)
  const invNorm = new Float64Array(f.len)
  const yTaps = tapsOf(ay, c.ny)
  const t: Transfer = {
    ax,
    ay,
    az,
    invNorm,
    line: new Float64Array(c.nx),
    fineRow: new Float64Array(f.nx),
    ...tapsOf(ax, c.nx),
    tapIdxY: yTaps.tapIdx,
    tapWY: yTaps.tapW,
  }
  let allConductive = true
  for (let P = c.plane; P < c.plane + c.n; P++) if (!c.conductive[P]) allConductive = false
  if (allConductive) {
    for (let P = f.plane; P < f.plane + f.n; P++) invNorm[P] = f.free[P]
    return t
  }
  invNorm.fill(1)
  // Weights on inactive coarse cells are dropped and the rest rescaled to the same total.
  const all = new Float64Array(c.len)
  const cond = new Float64Array(c.len)
  for (let P = c.plane; P < c.plane + c.n; P++) {
    all[P] = 1
    cond[P] = c.conductive[P]
  }
  const sumAll = new Float64Array(f.len)
  const sumCond = new Float64Array(f.len)
  prolongAdd(t, f, c, all, sumAll)
  prolongAdd(t, f, c, cond, sumCond)
  for (let P = f.plane; P < f.plane + f.n; P++) {
    invNorm[P] = f.free[P] && sumCond[P] > 0 ? sumAll[P] / sumCond[P] : 0
  }
  return t
}

/** Coarse row offsets and y/z weights for fine row (j, k). */
interface RowWeights {
  r00: number
  r10: number
  r01: number
  r11: number
  w00: number
  w10: number
  w01: number
  w11: number
}

function rowWeights(t: Transfer, c: MgLevel, j: number, k: number, out: RowWeights): void {
  const { ay, az } = t
  const K0 = az.parent[k]
  const K1 = az.other[k]
  const J0 = ay.parent[j]
  const J1 = ay.other[j]
  out.r00 = c.plane + c.nx * (J0 + c.ny * K0)
  out.r10 = c.plane + c.nx * (J1 + c.ny * K0)
  out.r01 = c.plane + c.nx * (J0 + c.ny * K1)
  out.r11 = c.plane + c.nx * (J1 + c.ny * K1)
  out.w00 = ay.wParent[j] * az.wParent[k]
  out.w10 = ay.wOther[j] * az.wParent[k]
  out.w01 = ay.wParent[j] * az.wOther[k]
  out.w11 = ay.wOther[j] * az.wOther[k]
}

/**
 * x_fine += invNorm ⊙ (P x_coarse), trilinear cell-centred interpolation, done per fine row: first the
 * y/z interpolation of a coarse x-row into `line`, then the x interpolation.
 */
export function prolongAdd(
  t: Transfer,
  f: MgLevel,
  c: MgLevel,
  xc: Float64Array,
  xf: Float64Array,
): void {
  const { ax, invNorm, line } = t
  const { nx, ny, nz, plane } = f
  const cnx = c.nx
  const rw: RowWeights = { r00: 0, r10: 0, r01: 0, r11: 0, w00: 0, w10: 0, w01: 0, w11: 0 }
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      rowWeights(t, c, j, k, rw)
      const { r00, r10, r01, r11, w00, w10, w01, w11 } = rw
      for (let I = 0; I < cnx; I++) {
        line[I] = w00 * xc[r00 + I] + w10 * xc[r10 + I] + w01 * xc[r01 + I] + w11 * xc[r11 + I]
      }
      const row = plane + nx * (j + ny * k)
      for (let i = 0; i < nx; i++) {
        const s = invNorm[row + i]
        if (s === 0) continue
        xf[row + i] += s * (ax.wParent[i] * line[ax.parent[i]] + ax.wOther[i] * line[ax.other[i]])
      }
    }
  }
}

/**
 * b_coarse = Pᵀ (invNorm ⊙ (b − A x)) on the fine level, the residual computed on the fly (it is needed
 * only here), then zeroed on non-free coarse cells.
 */
export function restrictResidual(
  t: Transfer,
  f: MgLevel,
  c: MgLevel,
  x: Float64Array,
  b: Float64Array,
  bc: Float64Array,
): void {
  const { invNorm, line, fineRow, tapIdx, tapW } = t
  const { nx, ny, nz, plane, wx, wy, wz, d } = f
  const cnx = c.nx
  const rw: RowWeights = { r00: 0, r10: 0, r01: 0, r11: 0, w00: 0, w10: 0, w01: 0, w11: 0 }
  bc.fill(0)
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = plane + nx * (j + ny * k)
      for (let i = 0; i < nx; i++) {
        const P = row + i
        const s = invNorm[P]
        fineRow[i] =
          s === 0
            ? 0
            : s *
              (b[P] -
                d[P] * x[P] +
                (wx[P] * x[P - 1] +
                  wx[P + 1] * x[P + 1] +
                  wy[P] * x[P - nx] +
                  wy[P + nx] * x[P + nx] +
                  wz[P] * x[P - plane] +
                  wz[P + plane] * x[P + plane]))
      }
      for (let I = 0, q = 0; I < cnx; I++, q += 4) {
        line[I] =
          tapW[q] * fineRow[tapIdx[q]] +
          tapW[q + 1] * fineRow[tapIdx[q + 1]] +
          tapW[q + 2] * fineRow[tapIdx[q + 2]] +
          tapW[q + 3] * fineRow[tapIdx[q + 3]]
      }
      rowWeights(t, c, j, k, rw)
      const { r00, r10, r01, r11, w00, w10, w01, w11 } = rw
      for (let I = 0; I < cnx; I++) {
        const v = line[I]
        if (v === 0) continue
        bc[r00 + I] += w00 * v
        bc[r10 + I] += w10 * v
        bc[r01 + I] += w01 * v
        bc[r11 + I] += w11 * v
      }
    }
  }
  for (let P = c.plane; P < c.plane + c.n; P++) if (!c.free[P]) bc[P] = 0
}

/**
 * Builds the hierarchy below the finest operator `fine` (which must be finished, see `finishLevel`).
 * `sweeps` is the number of red-black Gauss–Seidel sweeps before and after each coarse correction.
 */
export function buildMultigrid(fine: MgLevel, sweeps = 2): Multigrid {
  if (!Number.isInteger(sweeps) || sweeps < 1) {
    throw new Error(`multigrid: smoothing sweeps must be a positive integer, got ${sweeps}`)
  }
  const levels: MgLevel[] = [fine]
  const transfers: Transfer[] = []
  let cur = fine
  while (cur.n > COARSEST_MAX_CELLS && (cur.nx > 2 || cur.ny > 2 || cur.nz > 2)) {
    const next = coarsen(cur)
    transfers.push(makeTransfer(cur, next))
    levels.push(next)
    cur = next
  }
  const { cells, factor } = choleskyOfCoarsest(cur)
  return {
    levels,
    transfers,
    sweeps,
    xs: levels.map((l, i) => new Float64Array(i === 0 ? 0 : l.len)),
    bs: levels.map((l, i) => new Float64Array(i === 0 ? 0 : l.len)),
    coarseCells: cells,
    coarseFactor: factor,
    coarseWork: new Float64Array(cells.length),
  }
}

export function cycle(mg: Multigrid, l: number, x: Float64Array, b: Float64Array): void {
  const L = mg.levels[l]
  if (l === mg.levels.length - 1) {
    coarseSolve(mg, x, b)
    return
  }
  const C = mg.levels[l + 1]
  const t = mg.transfers[l]
  x.fill(0)
  smoothRedBlack(L, x, b, 0, mg.sweeps)
  restrictResidual(t, L, C, x, b, mg.bs[l + 1])
  cycle(mg, l + 1, mg.xs[l + 1], mg.bs[l + 1])
  prolongAdd(t, L, C, mg.xs[l + 1], x)
  smoothRedBlack(L, x, b, 1, mg.sweeps)
}

/**
 * One V-cycle for A z = r on the finest level, starting from z = 0 (so z = M⁻¹ r with M the symmetric
 * multigrid preconditioner). Writes z; r is not modified. Both use the padded layout of the finest level.
 */
export function vCycle(mg: Multigrid, r: Float64Array, z: Float64Array): void {
  cycle(mg, 0, z, r)
}
