/**
 * Multigrid on a BLOCK of right-hand sides: the kernels of mgLevel.ts / multigrid.ts applied to B
 * problems with the same operator at once (the basis problems of superposition.ts). Pure.
 *
 * Block vectors hold the B values of a cell next to each other: value k of padded cell P is at B·P + k
 * (the padded layout of mgLevel.ts, scaled by B). Each kernel loads a cell's conductances once for all B
 * right-hand sides, which is where the time of the single-vector kernels goes (memory traffic and loop
 * overhead): measured on 61³ with B = 5, one red-black sweep costs ~0.65× the time of 5 single sweeps.
 * Every operation is the single-vector one applied to each k, in the same order, so the results are
 * those of B separate V-cycles (up to floating-point reassociation: none is done).
 */
import type { MgLevel } from './mgLevel'
import type { Multigrid } from './multigrid'

/** Block work vectors of a hierarchy for B right-hand sides; see {@link createBlockMgWork}. */
export interface BlockMgWork {
  readonly B: number
  /** Per level (index 0 unused: the caller's vectors): correction and right-hand side, B·len. */
  readonly xs: readonly Float64Array[]
  readonly bs: readonly Float64Array[]
  /** Per transfer: one fine x-row and one coarse x-row of B values per cell. */
  readonly fineRows: readonly Float64Array[]
  readonly lines: readonly Float64Array[]
  /**
   * Per transfer, restriction scratch: a fine plane gathered in x (fine ny × coarse nx) and then in y
   * (coarse ny × coarse nx), B values per cell.
   */
  readonly xPlanes: readonly Float64Array[]
  readonly yPlanes: readonly Float64Array[]
  /** Coarsest level: B·m scratch for the triangular solves. */
  readonly coarseWork: Float64Array
}

/** Allocates the block work vectors of `mg` for B right-hand sides. */
export function createBlockMgWork(mg: Multigrid, B: number): BlockMgWork {
  return {
    B,
    xs: mg.levels.map((l, i) => new Float64Array(i === 0 ? 0 : B * l.len)),
    bs: mg.levels.map((l, i) => new Float64Array(i === 0 ? 0 : B * l.len)),
    fineRows: mg.transfers.map((_, i) => new Float64Array(B * mg.levels[i].nx)),
    lines: mg.transfers.map((_, i) => new Float64Array(B * mg.levels[i + 1].nx)),
    xPlanes: mg.transfers.map(
      (_, i) => new Float64Array(B * mg.levels[i].ny * mg.levels[i + 1].nx),
    ),
    yPlanes: mg.transfers.map(
      (_, i) => new Float64Array(B * mg.levels[i + 1].ny * mg.levels[i + 1].nx),
    ),
    coarseWork: new Float64Array(B * mg.coarseCells.length),
  }
}

/** Y = A X for B vectors (padding untouched). */
export function blockApply(l: MgLevel, B: number, X: Float64Array, Y: Float64Array): void {
  const { nx, plane, wx, wy, wz, d } = l
  const sx = B
  const sy = B * nx
  const sz = B * plane
  const end = plane + l.n
  for (let P = plane; P < end; P++) {
    const a0 = wx[P]
    const a1 = wx[P + 1]
    const b0 = wy[P]
    const b1 = wy[P + nx]
    const c0 = wz[P]
    const c1 = wz[P + plane]
    const dd = d[P]
    for (let o = B * P, e = o + B; o < e; o++) {
      Y[o] =
        dd * X[o] -
        (a0 * X[o - sx] +
          a1 * X[o + sx] +
          b0 * X[o - sy] +
          b1 * X[o + sy] +
          c0 * X[o - sz] +
          c1 * X[o + sz])
    }
  }
}

/** R = Bv − A X for B vectors. */
export function blockResidual(
  l: MgLevel,
  B: number,
  X: Float64Array,
  Bv: Float64Array,
  R: Float64Array,
): void {
  const { nx, plane, wx, wy, wz, d } = l
  const sx = B
  const sy = B * nx
  const sz = B * plane
  const end = plane + l.n
  for (let P = plane; P < end; P++) {
    const a0 = wx[P]
    const a1 = wx[P + 1]
    const b0 = wy[P]
    const b1 = wy[P + nx]
    const c0 = wz[P]
    const c1 = wz[P + plane]
    const dd = d[P]
    for (let o = B * P, e = o + B; o < e; o++) {
      R[o] =
        Bv[o] -
        dd * X[o] +
        (a0 * X[o - sx] +
          a1 * X[o + sx] +
          b0 * X[o - sy] +
          b1 * X[o + sy] +
          c0 * X[o - sz] +
          c1 * X[o + sz])
    }
  }
}

/** Relaxes the cells of one colour in plane k, for B vectors. */
function relaxPlaneBlock(
  l: MgLevel,
  B: number,
  X: Float64Array,
  Bv: Float64Array,
  k: number,
  colour: number,
): void {
  const { nx, ny, plane, wx, wy, wz, invD } = l
  const sx = B
  const sy = B * nx
  const sz = B * plane
  for (let j = 0; j < ny; j++) {
    const row = plane + nx * (j + ny * k)
    for (let i = (j + k + colour) & 1; i < nx; i += 2) {
      const P = row + i
      const a0 = wx[P]
      const a1 = wx[P + 1]
      const b0 = wy[P]
      const b1 = wy[P + nx]
      const c0 = wz[P]
      const c1 = wz[P + plane]
      const id = invD[P]
      for (let o = B * P, e = o + B; o < e; o++) {
        X[o] =
          (Bv[o] +
            a0 * X[o - sx] +
            a1 * X[o + sx] +
            b0 * X[o - sy] +
            b1 * X[o + sy] +
            c0 * X[o - sz] +
            c1 * X[o + sz]) *
          id
      }
    }
  }
}

/**
 * Red-black Gauss–Seidel on B vectors; see `smoothRedBlack` (same order, planes fused). `fromZero`: X is
 * taken as zero on entry (whatever it holds), so the first red half-sweep is X = D⁻¹·Bv on red cells
 * without neighbour loads (their neighbours are all black, hence zero), and no clearing pass is needed:
 * black cells are written before they are read.
 */
export function blockSmooth(
  l: MgLevel,
  B: number,
  X: Float64Array,
  Bv: Float64Array,
  firstColour: 0 | 1,
  sweeps: number,
  fromZero = false,
): void {
  const second = 1 - firstColour
  for (let s = 0; s < sweeps; s++) {
    const zero = fromZero && s === 0
    for (let k = 0; k < l.nz; k++) {
      if (zero) scalePlaneBlock(l, B, X, Bv, k, firstColour)
      else relaxPlaneBlock(l, B, X, Bv, k, firstColour)
      if (k > 0) relaxPlaneBlock(l, B, X, Bv, k - 1, second)
    }
    relaxPlaneBlock(l, B, X, Bv, l.nz - 1, second)
  }
}

/** X = D⁻¹·Bv on the cells of one colour in plane k (relaxation from X = 0). */
function scalePlaneBlock(
  l: MgLevel,
  B: number,
  X: Float64Array,
  Bv: Float64Array,
  k: number,
  colour: number,
): void {
  const { nx, ny, plane, invD } = l
  for (let j = 0; j < ny; j++) {
    const row = plane + nx * (j + ny * k)
    for (let i = (j + k + colour) & 1; i < nx; i += 2) {
      const P = row + i
      const id = invD[P]
      for (let o = B * P, e = o + B; o < e; o++) X[o] = Bv[o] * id
    }
  }
}

/** Coarse row offsets (cells) and y/z weights of fine row (j, k) of transfer t. */
function rowWeightsOf(mg: Multigrid, t: number, j: number, k: number, out: Float64Array): void {
  const { ay, az } = mg.transfers[t]
  const c = mg.levels[t + 1]
  const J0 = ay.parent[j]
  const J1 = ay.other[j]
  const K0 = az.parent[k]
  const K1 = az.other[k]
  out[0] = c.plane + c.nx * (J0 + c.ny * K0)
  out[1] = c.plane + c.nx * (J1 + c.ny * K0)
  out[2] = c.plane + c.nx * (J0 + c.ny * K1)
  out[3] = c.plane + c.nx * (J1 + c.ny * K1)
  out[4] = ay.wParent[j] * az.wParent[k]
  out[5] = ay.wOther[j] * az.wParent[k]
  out[6] = ay.wParent[j] * az.wOther[k]
  out[7] = ay.wOther[j] * az.wOther[k]
}

const rowScratch = new Float64Array(8)

/**
 * BC = Pᵀ (invNorm ⊙ (Bv − A X)) from level t to t + 1 for B vectors (see `restrictResidual`), X being
 * the result of red→black Gauss–Seidel (as in the V-cycle): the black cells' residual is then zero to
 * rounding (each was just solved for with its neighbours' final values) and only the red cells' is
 * computed. X null means X = 0 (restricting the right-hand side itself, as full multigrid does). Separable, plane by
 * plane: each fine row is gathered in x (4 taps per coarse cell), the plane's rows in y (4 taps per coarse
 * row), and the result added to the plane's two coarse planes in z (about half the memory operations of a
 * scatter of every fine row into four coarse rows).
 */
export function blockRestrict(
  mg: Multigrid,
  w: BlockMgWork,
  t: number,
  X: Float64Array | null,
  Bv: Float64Array,
  BC: Float64Array,
): void {
  const B = w.B
  const f = mg.levels[t]
  const c = mg.levels[t + 1]
  const { invNorm, tapIdx, tapW, tapIdxY, tapWY, az } = mg.transfers[t]
  const fineRow = w.fineRows[t]
  const xPlane = w.xPlanes[t]
  const yPlane = w.yPlanes[t]
  const { nx, ny, nz, plane, wx, wy, wz, d } = f
  const sx = B
  const sy = B * nx
  const sz = B * plane
  const cnx = c.nx
  const cny = c.ny
  const rowLen = B * cnx
  const planeLen = rowLen * cny
  BC.fill(0)
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = plane + nx * (j + ny * k)
      if (X === null) {
        for (let i = 0; i < nx; i++) {
          const s = invNorm[row + i]
          for (let m = 0, o = B * (row + i), q = B * i; m < B; m++) fineRow[q + m] = s * Bv[o + m]
        }
      } else {
        // After red→black Gauss–Seidel the black cells' residual is zero (to rounding): only red cells.
        fineRow.fill(0)
        for (let i = (j + k) & 1; i < nx; i += 2) {
          const P = row + i
          const s = invNorm[P]
          if (s === 0) continue
          const o = B * P
          const q = B * i
          const a0 = wx[P]
          const a1 = wx[P + 1]
          const b0 = wy[P]
          const b1 = wy[P + nx]
          const c0 = wz[P]
          const c1 = wz[P + plane]
          const dd = d[P]
          for (let m = 0; m < B; m++) {
            const om = o + m
            fineRow[q + m] =
              s *
              (Bv[om] -
                dd * X[om] +
                (a0 * X[om - sx] +
                  a1 * X[om + sx] +
                  b0 * X[om - sy] +
                  b1 * X[om + sy] +
                  c0 * X[om - sz] +
                  c1 * X[om + sz]))
          }
        }
      }
      const out = j * rowLen
      for (let I = 0, p = 0; I < cnx; I++, p += 4) {
        const i0 = B * tapIdx[p]
        const i1 = B * tapIdx[p + 1]
        const i2 = B * tapIdx[p + 2]
        const i3 = B * tapIdx[p + 3]
        const w0 = tapW[p]
        const w1 = tapW[p + 1]
        const w2 = tapW[p + 2]
        const w3 = tapW[p + 3]
        for (let m = 0, o = out + B * I; m < B; m++) {
          xPlane[o + m] =
            w0 * fineRow[i0 + m] +
            w1 * fineRow[i1 + m] +
            w2 * fineRow[i2 + m] +
            w3 * fineRow[i3 + m]
        }
      }
    }
    for (let J = 0, p = 0; J < cny; J++, p += 4) {
      const j0 = rowLen * tapIdxY[p]
      const j1 = rowLen * tapIdxY[p + 1]
      const j2 = rowLen * tapIdxY[p + 2]
      const j3 = rowLen * tapIdxY[p + 3]
      const w0 = tapWY[p]
      const w1 = tapWY[p + 1]
      const w2 = tapWY[p + 2]
      const w3 = tapWY[p + 3]
      for (let o = 0, y = J * rowLen; o < rowLen; o++) {
        yPlane[y + o] =
          w0 * xPlane[j0 + o] + w1 * xPlane[j1 + o] + w2 * xPlane[j2 + o] + w3 * xPlane[j3 + o]
      }
    }
    const wp = az.wParent[k]
    const wo = az.wOther[k]
    const k0 = B * (c.plane + c.plane * az.parent[k])
    const k1 = B * (c.plane + c.plane * az.other[k])
    if (wp !== 0) for (let o = 0; o < planeLen; o++) BC[k0 + o] += wp * yPlane[o]
    if (wo !== 0) for (let o = 0; o < planeLen; o++) BC[k1 + o] += wo * yPlane[o]
  }
  const cEnd = c.plane + c.n
  for (let P = c.plane; P < cEnd; P++) {
    if (!c.free[P]) for (let m = 0, o = B * P; m < B; m++) BC[o + m] = 0
  }
}

/** XF += invNorm ⊙ (P XC) from level t + 1 to t for B vectors (see `prolongAdd`). */
export function blockProlongAdd(
  mg: Multigrid,
  w: BlockMgWork,
  t: number,
  XC: Float64Array,
  XF: Float64Array,
): void {
  const B = w.B
  const f = mg.levels[t]
  const c = mg.levels[t + 1]
  const { ax, invNorm } = mg.transfers[t]
  const line = w.lines[t]
  const { nx, ny, nz, plane } = f
  const len = B * c.nx
  const rw = rowScratch
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      rowWeightsOf(mg, t, j, k, rw)
      const r00 = B * rw[0]
      const r10 = B * rw[1]
      const r01 = B * rw[2]
      const r11 = B * rw[3]
      const w00 = rw[4]
      const w10 = rw[5]
      const w01 = rw[6]
      const w11 = rw[7]
      for (let o = 0; o < len; o++) {
        line[o] = w00 * XC[r00 + o] + w10 * XC[r10 + o] + w01 * XC[r01 + o] + w11 * XC[r11 + o]
      }
      const row = plane + nx * (j + ny * k)
      for (let i = 0; i < nx; i++) {
        const s = invNorm[row + i]
        if (s === 0) continue
        const wp = s * ax.wParent[i]
        const wo = s * ax.wOther[i]
        const ip = B * ax.parent[i]
        const io = B * ax.other[i]
        for (let m = 0, o = B * (row + i); m < B; m++) {
          XF[o + m] += wp * line[ip + m] + wo * line[io + m]
        }
      }
    }
  }
}

/** Solves the coarsest level exactly for B vectors (see `coarseSolve`). */
export function blockCoarseSolve(
  mg: Multigrid,
  w: BlockMgWork,
  X: Float64Array,
  Bv: Float64Array,
): void {
  const B = w.B
  const cells = mg.coarseCells
  const L = mg.coarseFactor
  const m = cells.length
  const y = w.coarseWork
  X.fill(0)
  for (let i = 0; i < m; i++) {
    const o = B * cells[i]
    for (let r = 0; r < B; r++) y[B * i + r] = Bv[o + r]
  }
  for (let i = 0; i < m; i++) {
    for (let q = 0; q < i; q++) {
      const lq = L[i * m + q]
      if (lq !== 0) for (let r = 0; r < B; r++) y[B * i + r] -= lq * y[B * q + r]
    }
    const lii = L[i * m + i]
    for (let r = 0; r < B; r++) y[B * i + r] /= lii
  }
  for (let i = m - 1; i >= 0; i--) {
    for (let q = i + 1; q < m; q++) {
      const lq = L[q * m + i]
      if (lq !== 0) for (let r = 0; r < B; r++) y[B * i + r] -= lq * y[B * q + r]
    }
    const lii = L[i * m + i]
    for (let r = 0; r < B; r++) y[B * i + r] /= lii
  }
  for (let i = 0; i < m; i++) {
    const o = B * cells[i]
    for (let r = 0; r < B; r++) X[o + r] = y[B * i + r]
  }
}

/** One V-cycle on level l for B vectors, from X = 0 (see `cycle`). */
export function blockCycle(
  mg: Multigrid,
  w: BlockMgWork,
  l: number,
  X: Float64Array,
  Bv: Float64Array,
): void {
  if (l === mg.levels.length - 1) {
    blockCoarseSolve(mg, w, X, Bv)
    return
  }
  const L = mg.levels[l]
  blockSmooth(L, w.B, X, Bv, 0, mg.sweeps, true)
  blockRestrict(mg, w, l, X, Bv, w.bs[l + 1])
  blockCycle(mg, w, l + 1, w.xs[l + 1], w.bs[l + 1])
  blockProlongAdd(mg, w, l, w.xs[l + 1], X)
  blockSmooth(L, w.B, X, Bv, 1, mg.sweeps)
}
