/**
 * Rasterises a needle electrode's active (uninsulated) tip onto the grid. Pure; SI units.
 *
 * Frame: grid metres, voxel (i, j, k) centred at originM + (i·hx, j·hy, k·hz) (origin [0, 0, 0] by
 * default). The active part is the cylinder of radius r from the tip back along the shaft by the active
 * length; the insulated shaft is not an electrode (its thin insulation is not modelled).
 */
import { assert } from '../../lib/assert'
import type { Vec3 } from '../../lib/vec3'
import type { Grid3 } from '../grid/grid3'
import { DEFAULT_CONTACT_SCALE, type Electrode } from './potentialOperator'

/** Geometry of a needle electrode in grid metres. */
export interface NeedleGeometry {
  /** Skin entry point (only its direction towards the tip matters). */
  readonly entryM: Vec3
  /** Tip position. */
  readonly tipM: Vec3
  /** Length of the uninsulated part, measured back from the tip (m). */
  readonly activeLengthM: number
  /** Needle radius (m). */
  readonly radiusM: number
}

/**
 * Lattice constant of the 2-D five-point Laplacian: a single Dirichlet node behaves like a wire of radius
 * h·e^(−1.617) ≈ 0.198 h (Peaceman, SPE J 18 (1978) 183, eq. 14; the lattice Green's function constant
 * γ + (3/2)·ln 2).
 */
const LATTICE_LOG = 0.5772156649 + 1.5 * Math.LN2

/**
 * Contact scale that makes a one-voxel chain carry the current of a wire of radius r (r < h/2): scaling the
 * four tissue links of each chain voxel by s adds (π/2)(1/s − 1) to ln(1/r_eq), so
 *   s = (π/2) / (π/2 + ln(h/r) − 1.617).
 * Derived for an axis-aligned chain in an isotropic cross-section (Peaceman 1978).
 */
export function thinNeedleContactScale(radiusM: number, spacingM: number): number {
  assert(radiusM > 0 && radiusM < spacingM, 'thin-needle correction needs 0 < r < h')
  return Math.PI / 2 / (Math.PI / 2 + Math.log(spacingM / radiusM) - LATTICE_LOG)
}

/** Faces between a voxel of the (sorted) set and an in-grid voxel outside it. */
function exposedFaces(grid: Grid3, sorted: Uint32Array): number {
  const { nx, ny, nz } = grid
  const has = (v: number): boolean => {
    let lo = 0
    let hi = sorted.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (sorted[mid] === v) return true
      if (sorted[mid] < v) lo = mid + 1
      else hi = mid - 1
    }
    return false
  }
  let count = 0
  for (const v of sorted) {
    const i = v % nx
    const j = Math.floor(v / nx) % ny
    const k = Math.floor(v / (nx * ny))
    if (i > 0 && !has(v - 1)) count++
    if (i < nx - 1 && !has(v + 1)) count++
    if (j > 0 && !has(v - nx)) count++
    if (j < ny - 1 && !has(v + nx)) count++
    if (k > 0 && !has(v - nx * ny)) count++
    if (k < nz - 1 && !has(v + nx * ny)) count++
  }
  return Math.max(1, count)
}

/**
 * Voxels of a needle's active part, as an {@link Electrode} at `potentialV`.
 *
 * - Thick needles (r ≥ half the finest spacing): every voxel whose centre lies in the active cylinder, plus
 *   the voxels the axis passes through, as metal (default contact scale; the staircased surface lies
 *   within about half a voxel of the true one).
 * - Thin needles: the chain of voxels along the axis, with the Peaceman contact scale so that the chain
 *   draws the current of the true radius. An oblique chain exposes a different number of tissue faces per
 *   unit length than an aligned one; the scale is multiplied by (aligned face count / actual face count)
 *   (an approximation: the correction is exact only for axis-aligned needles).
 *
 * Throws when the active part lies entirely outside the grid.
 */
export function rasteriseNeedle(
  grid: Grid3,
  needle: NeedleGeometry,
  potentialV: number,
  originM: Vec3 = [0, 0, 0],
): Electrode & { readonly voxels: Uint32Array } {
  const { nx, ny, nz, spacingM: h } = grid
  const { tipM, entryM, activeLengthM: len, radiusM: r } = needle
  assert(len > 0 && r > 0, 'needle active length and radius must be positive')
  const axis: Vec3 = [tipM[0] - entryM[0], tipM[1] - entryM[1], tipM[2] - entryM[2]]
  const axisLen = Math.hypot(axis[0], axis[1], axis[2])
  assert(axisLen > 0, 'needle entry and tip coincide')
  const dir: Vec3 = [axis[0] / axisLen, axis[1] / axisLen, axis[2] / axisLen]
  const start: Vec3 = [tipM[0] - dir[0] * len, tipM[1] - dir[1] * len, tipM[2] - dir[2] * len]
  const dims = [nx, ny, nz]
  const hMin = Math.min(h[0], h[1], h[2])
  const isThick = r >= hMin / 2
  // Voxel centres exactly on the cylinder's surface or end planes count as inside despite round-off.
  const eps = 1e-6 * hMin
  const set = new Set<number>()
  // Axis chain: sample at a quarter of the finest spacing so no voxel the axis crosses is skipped.
  const samples = Math.max(1, Math.ceil(len / (hMin / 4)))
  for (let s = 0; s <= samples; s++) {
    const t = (s / samples) * len
    const idx = [0, 0, 0]
    let inside = true
    for (let a = 0; a < 3; a++) {
      idx[a] = Math.round((start[a] + dir[a] * t - originM[a]) / h[a])
      if (idx[a] < 0 || idx[a] >= dims[a]) inside = false
    }
    if (inside) set.add(idx[0] + nx * (idx[1] + ny * idx[2]))
  }
  if (isThick) {
    const lo = [0, 0, 0]
    const hi = [0, 0, 0]
    for (let a = 0; a < 3; a++) {
      const m0 = Math.min(start[a], tipM[a]) - r
      const m1 = Math.max(start[a], tipM[a]) + r
      lo[a] = Math.max(0, Math.floor((m0 - originM[a]) / h[a]))
      hi[a] = Math.min(dims[a] - 1, Math.ceil((m1 - originM[a]) / h[a]))
    }
    for (let k = lo[2]; k <= hi[2]; k++) {
      for (let j = lo[1]; j <= hi[1]; j++) {
        for (let i = lo[0]; i <= hi[0]; i++) {
          const d0 = originM[0] + i * h[0] - start[0]
          const d1 = originM[1] + j * h[1] - start[1]
          const d2 = originM[2] + k * h[2] - start[2]
          const along = d0 * dir[0] + d1 * dir[1] + d2 * dir[2]
          if (along < -eps || along > len + eps) continue
          const radial2 = d0 * d0 + d1 * d1 + d2 * d2 - along * along
          if (radial2 <= (r + eps) * (r + eps)) set.add(i + nx * (j + ny * k))
        }
      }
    }
  }
  assert(set.size > 0, 'needle active part lies outside the grid')
  const voxels = Uint32Array.from(set).sort()
  if (isThick) return { voxels, potentialV, contactScale: DEFAULT_CONTACT_SCALE }
  // Transverse spacing: geometric mean of the two spacings across the dominant axis.
  const dominant = [0, 1, 2].reduce(
    (best, a) => (Math.abs(dir[a]) > Math.abs(dir[best]) ? a : best),
    0,
  )
  const across = [0, 1, 2].filter((a) => a !== dominant)
  const hAcross = Math.sqrt(h[across[0]] * h[across[1]])
  // Oblique chains expose a different face count per unit length than an aligned chain (4 per voxel plus
  // the ends); scale so that the total contact matches an aligned chain of the same (grid-clipped) length.
  const layer = (v: number): number =>
    dominant === 0 ? v % nx : dominant === 1 ? Math.floor(v / nx) % ny : Math.floor(v / (nx * ny))
  let lo = Infinity
  let hi = -Infinity
  for (const v of voxels) {
    lo = Math.min(lo, layer(v))
    hi = Math.max(hi, layer(v))
  }
  const alignedVoxels = (hi - lo) / Math.abs(dir[dominant]) + 1
  const ends = (lo > 0 ? 1 : 0) + (hi < dims[dominant] - 1 ? 1 : 0)
  const alignedFaces = 4 * alignedVoxels + ends
  const contactScale =
    (thinNeedleContactScale(r, hAcross) * alignedFaces) / exposedFaces(grid, voxels)
  return { voxels, potentialV, contactScale }
}
