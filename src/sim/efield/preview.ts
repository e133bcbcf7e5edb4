/**
 * Fast coarse preview of a needle array's field for live dragging. Pure; SI units.
 *
 * The fine grid is coarsened by an integer factor f (coarse voxel I covers fine voxels f·I … f·I + f − 1 on
 * each axis; the last block may be partial, so the coarse domain can overhang the fine one by < f voxels).
 * Coarse σ is the geometric mean of the positive fine σ of a block (the mean of log σ, a compromise between
 * the series and parallel bounds that keeps thin resistive layers visible), or 0 when at least half the
 * block is insulating. Needles are rasterised on the coarse grid (thin-needle correction included). The
 * field is LINEAR (σ fixed, no electroporation iteration), with the needles outside each pair floating, by
 * superposition (superposition.ts): one basis solve per needle but one, whatever the number of pairs,
 * each warm-started from the previous frame's basis and solved to a loose tolerance. A frame whose needles
 * cover the same coarse voxels as the last one re-solves nothing (and recombines only if the pairs
 * changed). Moving one needle changes every basis (all needles are in every problem), so it costs the same
 * as moving the whole set, but warm starts keep it to a few PCG iterations per basis.
 */
import type { Vec3 } from '../../lib/vec3'
import { type Grid3, createGrid3 } from '../grid/grid3'
import type { ElectrodePair } from './electroporation'
import type { Electrode } from './potentialOperator'
import { type NeedleGeometry, rasteriseNeedle } from './rasteriseNeedle'
import {
  type ElectrodeBases,
  type PairSpec,
  solveElectrodeBases,
  superposedTreatmentField,
} from './superposition'

/** Coarse state kept between frames; create with {@link createPreviewSession}. */
export interface PreviewSession {
  readonly fineGrid: Grid3
  /** Coarsening factor f. */
  readonly factor: number
  /** The coarse grid (spacing f·h). */
  readonly grid: Grid3
  /** Centre of coarse voxel (0, 0, 0) in fine-grid metres: (f − 1)/2 fine spacings. */
  readonly originM: Vec3
  /** Coarse conductivity (S/m). */
  readonly sigma: Float32Array
  /** The last frame: its needles' coarse voxels (key), bases and field; warm start of the next frame. */
  readonly last: PreviewMemo
}

/** What a preview session remembers between frames. */
interface PreviewMemo {
  key: string
  pairsKey: string
  bases: ElectrodeBases | null
  /** Needle → electrode of `bases` (needles are merged when one's coarse voxels are all another's). */
  electrodeOf: Int32Array
  eMax: Float32Array | null
}

/** Builds a preview session for a fine conductivity map (S/m) and coarsening factor (default 2). */
export function createPreviewSession(
  fineGrid: Grid3,
  fineSigma: ArrayLike<number>,
  factor = 2,
): PreviewSession {
  if (!Number.isInteger(factor) || factor < 1) {
    throw new Error(`preview factor must be a positive integer, got ${factor}`)
  }
  const { nx, ny, nz, spacingM } = fineGrid
  const cnx = Math.ceil(nx / factor)
  const cny = Math.ceil(ny / factor)
  const cnz = Math.ceil(nz / factor)
  const grid = createGrid3(cnx, cny, cnz, [
    spacingM[0] * factor,
    spacingM[1] * factor,
    spacingM[2] * factor,
  ])
  const sumLog = new Float64Array(cnx * cny * cnz)
  const positive = new Uint32Array(cnx * cny * cnz)
  const total = new Uint32Array(cnx * cny * cnz)
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const c =
          Math.floor(i / factor) + cnx * (Math.floor(j / factor) + cny * Math.floor(k / factor))
        const s = fineSigma[i + nx * (j + ny * k)]
        total[c]++
        if (s > 0) {
          positive[c]++
          sumLog[c] += Math.log(s)
        }
      }
    }
  }
  const sigma = new Float32Array(sumLog.length)
  for (let c = 0; c < sigma.length; c++) {
    sigma[c] = 2 * positive[c] > total[c] ? Math.exp(sumLog[c] / positive[c]) : 0
  }
  const half = (factor - 1) / 2
  return {
    fineGrid,
    factor,
    grid,
    originM: [half * spacingM[0], half * spacingM[1], half * spacingM[2]],
    sigma,
    last: { key: '', pairsKey: '', bases: null, electrodeOf: new Int32Array(0), eMax: null },
  }
}

/** A preview frame: the maximum |E| over the pairs on the coarse grid. */
export interface PreviewResult {
  /** max over pairs of |E| (V/m) per coarse voxel. */
  readonly eMaxVPerM: Float32Array
  /** Pairs whose field was recomputed this frame (0 when nothing changed). */
  readonly solvedPairs: number
  /** Basis problems solved this frame (0 when the needles' coarse voxels did not change). */
  readonly solvedBases: number
  /** Pairs skipped because their two needles share a coarse voxel (too close to preview). */
  readonly shortedPairs: number
  /** Linear-solver iterations this frame. */
  readonly iterations: number
}

/**
 * Computes a preview frame for needles in fine-grid metres (same frame as `rasteriseNeedle` on the fine
 * grid) and a pulse sequence. `relTol` is the linear solver's tolerance (default 1e-3: the field changes
 * by well under 1 %, below what a colour map shows).
 */
export function previewTreatmentField(
  session: PreviewSession,
  needles: readonly NeedleGeometry[],
  pairs: readonly ElectrodePair[],
  relTol = 1e-3,
): PreviewResult {
  const { grid, sigma, originM, last } = session
  const n = sigma.length
  const rasters = needles.map((nd) => rasteriseNeedle(grid, nd, 0, originM))
  // The contact scale enters the key to 3 decimals: it varies slightly with the needle's direction.
  const key = rasters
    .map((r) => `${(r.contactScale ?? 0).toFixed(3)}:${r.voxels.join(',')}`)
    .join('|')
  const pairsKey = pairs.map((p) => `${p.a}-${p.b}-${p.voltageV}`).join(',')
  // Two needles of a pair in the same coarse voxel short-circuit: no field to show for that pair.
  const live = pairs.filter((p) => !sharesVoxel(rasters[p.a].voxels, rasters[p.b].voxels))
  const shortedPairs = pairs.length - live.length
  if (key === last.key && pairsKey === last.pairsKey && last.eMax) {
    return { eMaxVPerM: last.eMax, solvedPairs: 0, solvedBases: 0, shortedPairs, iterations: 0 }
  }
  let solvedBases = 0
  let iterations = 0
  if (key !== last.key || !last.bases) {
    const { electrodes, of } = disjointElectrodes(rasters)
    const prev = last.bases
    const warm = prev && prev.count === electrodes.length ? prev.phi : undefined
    last.bases =
      electrodes.length >= 2
        ? solveElectrodeBases(
            grid,
            sigma,
            electrodes,
            warm ? { relTol, initial: warm } : { relTol },
          )
        : null
    last.electrodeOf = of
    solvedBases = last.bases ? last.bases.count - 1 : 0
    iterations = last.bases?.iterations ?? 0
    last.key = key
  }
  const specs: PairSpec[] = []
  for (const p of live) {
    const a = last.electrodeOf[p.a]
    const b = last.electrodeOf[p.b]
    if (a !== b) specs.push({ a, b, voltageV: p.voltageV })
  }
  const eMax =
    last.bases && specs.length > 0
      ? superposedTreatmentField(last.bases, specs).eMaxVPerM
      : new Float32Array(n)
  last.pairsKey = pairsKey
  last.eMax = eMax
  return {
    eMaxVPerM: eMax,
    solvedPairs: specs.length,
    solvedBases,
    shortedPairs: pairs.length - specs.length,
    iterations,
  }
}

/**
 * Electrodes with disjoint voxels: a voxel already taken by an earlier needle is removed from a later one;
 * a needle left with no voxel of its own is merged into the needle that took its first voxel.
 */
function disjointElectrodes(rasters: readonly (Electrode & { readonly voxels: Uint32Array })[]): {
  electrodes: Electrode[]
  of: Int32Array
} {
  const claimed = new Map<number, number>()
  const electrodes: Electrode[] = []
  const of = new Int32Array(rasters.length)
  rasters.forEach((r, i) => {
    const own: number[] = []
    for (const v of r.voxels) if (!claimed.has(v)) own.push(v)
    if (own.length === 0) {
      of[i] = claimed.get(r.voxels[0]) ?? 0
      return
    }
    of[i] = electrodes.length
    for (const v of own) claimed.set(v, electrodes.length)
    electrodes.push({ ...r, voxels: Uint32Array.from(own) })
  })
  return { electrodes, of }
}

/** True when two sorted voxel lists share an entry. */
function sharesVoxel(a: Uint32Array, b: Uint32Array): boolean {
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) return true
    if (a[i] < b[j]) i++
    else j++
  }
  return false
}

/** Trilinear interpolation of a coarse preview field onto the fine grid (same units). */
export function upsamplePreview(session: PreviewSession, coarse: ArrayLike<number>): Float32Array {
  const { fineGrid, grid, factor } = session
  const { nx, ny, nz } = fineGrid
  const out = new Float32Array(nx * ny * nz)
  const axis = (i: number, nc: number): [number, number, number] => {
    const x = Math.min(nc - 1, Math.max(0, (i - (factor - 1) / 2) / factor))
    const i0 = Math.min(nc - 1, Math.floor(x))
    const i1 = Math.min(nc - 1, i0 + 1)
    return [i0, i1, x - i0]
  }
  const xs = Array.from({ length: nx }, (_, i) => axis(i, grid.nx))
  const ys = Array.from({ length: ny }, (_, j) => axis(j, grid.ny))
  const zs = Array.from({ length: nz }, (_, k) => axis(k, grid.nz))
  const at = (i: number, j: number, k: number): number => coarse[i + grid.nx * (j + grid.ny * k)]
  for (let k = 0; k < nz; k++) {
    const [k0, k1, tz] = zs[k]
    for (let j = 0; j < ny; j++) {
      const [j0, j1, ty] = ys[j]
      for (let i = 0; i < nx; i++) {
        const [i0, i1, tx] = xs[i]
        const c00 = at(i0, j0, k0) * (1 - tx) + at(i1, j0, k0) * tx
        const c10 = at(i0, j1, k0) * (1 - tx) + at(i1, j1, k0) * tx
        const c01 = at(i0, j0, k1) * (1 - tx) + at(i1, j0, k1) * tx
        const c11 = at(i0, j1, k1) * (1 - tx) + at(i1, j1, k1) * tx
        out[i + nx * (j + ny * k)] =
          (c00 * (1 - ty) + c10 * ty) * (1 - tz) + (c01 * (1 - ty) + c11 * ty) * tz
      }
    }
  }
  return out
}
