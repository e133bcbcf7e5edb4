/**
 * One level of the potential solver's 7-point conductance operator, and the stencil kernels on it. Pure.
 *
 * Face and ground conductances are stored in single precision (less memory traffic in the stencils; the
 * system solved is the one with the rounded conductances, a relative perturbation of ~1e-7); the
 * diagonal, its inverse and all vectors are double precision.
 *
 * Layout: every array of a level is x-fastest (index i + nx·(j + ny·k)) and carries ONE zero plane of
 * padding before and after the data, so cell (i, j, k) lives at P = plane + i + nx·(j + ny·k) with
 * plane = nx·ny. Face conductances are zero on the domain boundary, so the stencil can read P ± 1,
 * P ± nx, P ± plane without bounds checks: out-of-row reads land on finite values multiplied by zero.
 * Padding entries of every vector must stay zero.
 *
 * Operator (flux balance of cell P, in amperes for a potential in volts):
 *   (A x)_P = d_P·x_P − Σ_faces w_f·x_neighbour,   d_P = Σ_faces w_f + g_P,
 * where w_f (S) couples two FREE cells and g_P (S) is the conductance from P to fixed potentials
 * (electrode voxels, pads). Fixed cells are decoupled identity rows (d = 1, all w = 0), so the solver
 * works on corrections that are zero there.
 */

/** One multigrid level: the conductance operator on an nx × ny × nz cell grid (see the module header). */
export interface MgLevel {
  readonly nx: number
  readonly ny: number
  readonly nz: number
  /** nx·ny, also the padding length at each end. */
  readonly plane: number
  /** Number of cells nx·ny·nz. */
  readonly n: number
  /** Array length n + 2·plane. */
  readonly len: number
  /** Conductance (S) between cell P and its −x neighbour P − 1; zero at i = 0 and next to fixed cells. */
  readonly wx: Float32Array
  /** Conductance (S) between cell P and its −y neighbour P − nx. */
  readonly wy: Float32Array
  /** Conductance (S) between cell P and its −z neighbour P − plane. */
  readonly wz: Float32Array
  /** Conductance (S) from cell P to fixed potentials (electrode voxels and pads). */
  readonly g: Float32Array
  /** The part of g that comes from pads (Dirichlet on a domain face). */
  readonly gPad: Float32Array
  /** 1 where a pad covers the domain face x−, x+, y−, y+, z−, z+ (in that order). */
  readonly padSides: Uint8Array
  /**
   * Diagonal Σw + g (S); 1 on fixed cells. Double precision so that row sums stay exactly g: a rounded
   * diagonal acts as a spurious leak of ~1e-7·d per cell (measured: 7e-5 relative charge imbalance).
   */
  readonly d: Float64Array
  /** 1 / d, double precision so that the smoother is exactly Gauss–Seidel for A (symmetric V-cycle). */
  readonly invD: Float64Array
  /** 1 where the cell is an unknown, 0 where it is fixed (electrode) or inactive. */
  readonly free: Uint8Array
  /**
   * 1 where the cell carries a potential (free or electrode), 0 where it is inactive (an insulator or an
   * island not connected to any electrode). Interpolation ignores inactive cells (they behave like the
   * zero-flux domain boundary).
   */
  readonly conductive: Uint8Array
}

/** Allocates a level with all conductances zero and every cell fixed. */
export function createLevel(nx: number, ny: number, nz: number): MgLevel {
  const plane = nx * ny
  const n = plane * nz
  const len = n + 2 * plane
  return {
    nx,
    ny,
    nz,
    plane,
    n,
    len,
    wx: new Float32Array(len),
    wy: new Float32Array(len),
    wz: new Float32Array(len),
    g: new Float32Array(len),
    gPad: new Float32Array(len),
    padSides: new Uint8Array(6),
    d: new Float64Array(len),
    invD: new Float64Array(len),
    free: new Uint8Array(len),
    conductive: new Uint8Array(len),
  }
}

/**
 * Completes a level once wx, wy, wz, g and free are set: zeroes the couplings of fixed cells and fills the
 * diagonal d = Σw + g and its inverse. Mutates `l`.
 */
export function finishLevel(l: MgLevel): void {
  const { nx, plane, wx, wy, wz, g, gPad, d, invD, free } = l
  const end = plane + l.n
  for (let P = plane; P < end; P++) {
    if (!free[P]) {
      wx[P] = 0
      wy[P] = 0
      wz[P] = 0
      g[P] = 0
      gPad[P] = 0
      wx[P + 1] = 0
      wy[P + nx] = 0
      wz[P + plane] = 0
    }
  }
  for (let P = plane; P < end; P++) {
    if (free[P]) {
      const diag = wx[P] + wx[P + 1] + wy[P] + wy[P + nx] + wz[P] + wz[P + plane] + g[P]
      d[P] = diag
      invD[P] = diag > 0 ? 1 / diag : 0
    } else {
      d[P] = 1
      invD[P] = 1
    }
  }
}

/** y = A x over all cells (padding untouched). */
export function applyOperator(l: MgLevel, x: Float64Array, y: Float64Array): void {
  const { nx, plane, wx, wy, wz, d } = l
  const end = plane + l.n
  for (let P = plane; P < end; P++) {
    y[P] =
      d[P] * x[P] -
      (wx[P] * x[P - 1] +
        wx[P + 1] * x[P + 1] +
        wy[P] * x[P - nx] +
        wy[P + nx] * x[P + nx] +
        wz[P] * x[P - plane] +
        wz[P + plane] * x[P + plane])
  }
}

/** r = b − A x over all cells. */
export function computeResidual(
  l: MgLevel,
  x: Float64Array,
  b: Float64Array,
  r: Float64Array,
): void {
  const { nx, plane, wx, wy, wz, d } = l
  const end = plane + l.n
  for (let P = plane; P < end; P++) {
    r[P] =
      b[P] -
      d[P] * x[P] +
      (wx[P] * x[P - 1] +
        wx[P + 1] * x[P + 1] +
        wy[P] * x[P - nx] +
        wy[P + nx] * x[P + nx] +
        wz[P] * x[P - plane] +
        wz[P + plane] * x[P + plane])
  }
}

/** Relaxes the cells of one colour ((i + j + k) parity) in plane k. */
function relaxPlane(l: MgLevel, x: Float64Array, b: Float64Array, k: number, colour: number): void {
  const { nx, ny, plane, wx, wy, wz, invD } = l
  for (let j = 0; j < ny; j++) {
    const row = plane + nx * (j + ny * k)
    for (let i = (j + k + colour) & 1; i < nx; i += 2) {
      const P = row + i
      x[P] =
        (b[P] +
          wx[P] * x[P - 1] +
          wx[P + 1] * x[P + 1] +
          wy[P] * x[P - nx] +
          wy[P + nx] * x[P + nx] +
          wz[P] * x[P - plane] +
          wz[P + plane] * x[P + plane]) *
        invD[P]
    }
  }
}

/**
 * Red-black Gauss–Seidel: `sweeps` sweeps of A x = b, in place. `firstColour` 0 relaxes the red cells
 * ((i + j + k) even) first; 1 the black ones. Pre-smoothing red→black and post-smoothing black→red makes
 * the V-cycle a symmetric operator, which conjugate gradients requires. Fixed cells (d = 1, w = 0) are
 * reset to b, i.e. to zero in correction equations.
 *
 * The two half-sweeps are fused plane by plane (first colour in plane k, then second colour in plane
 * k − 1, whose first-colour neighbours are all updated by then): the result is identical to two full
 * half-sweeps, with one pass over memory instead of two (the kernel is memory-bound).
 */
export function smoothRedBlack(
  l: MgLevel,
  x: Float64Array,
  b: Float64Array,
  firstColour: 0 | 1,
  sweeps: number,
): void {
  const second = 1 - firstColour
  for (let s = 0; s < sweeps; s++) {
    for (let k = 0; k < l.nz; k++) {
      relaxPlane(l, x, b, k, firstColour)
      if (k > 0) relaxPlane(l, x, b, k - 1, second)
    }
    relaxPlane(l, x, b, l.nz - 1, second)
  }
}

/** Dot product over the cells of a level (padding excluded). */
export function dotLevel(l: MgLevel, a: Float64Array, b: Float64Array): number {
  const end = l.plane + l.n
  let s = 0
  for (let P = l.plane; P < end; P++) s += a[P] * b[P]
  return s
}
