/**
 * Coverage of an ECT treatment field: the fraction of the tumour above the reversible threshold (the goal
 * is all of it; 94 % is "incomplete", FACTS §4.3 and §8 case 14), the irreversible fraction, the uncovered
 * regions (largest first, with where they are) and the nerves and vessels above either threshold. Pure;
 * fields in V/m on the ROI grid, places in LPS mm.
 */
import { structureById } from '../../../lib/anatomy'
import { ijkToWorld } from '../../../lib/space'
import type { Vec3 } from '../../../lib/vec3'
import type { EctVoxelParams } from '../../../sim/efield/conductivity'
import type { EctRoi } from './ectModel'
import type { EctTumour } from './tumour'

/** An uncovered part of the tumour (6-connected voxels below the reversible threshold). */
export interface CoverageGap {
  readonly voxels: number
  readonly volumeMl: number
  /** Centroid, LPS mm. */
  readonly atMm: Vec3
  /** Lowest field in it, V/cm. */
  readonly minVPerCm: number
}

/** A nerve or vessel exposed to the field. */
export interface StructureExposure {
  readonly labelId: number
  readonly name: string
  readonly criticality: 'caution' | 'critical'
  readonly maxVPerCm: number
  /** Where the field on it is highest, LPS mm. */
  readonly atMm: Vec3
  readonly aboveReversibleMl: number
  readonly aboveIrreversibleMl: number
  /** Its own thresholds, V/cm (FACTS §4.2 rows). */
  readonly reversibleVPerCm: number
  readonly irreversibleVPerCm: number
}

/** Coverage of the tumour and exposure of the critical structures. */
export interface EctCoverage {
  readonly tumourVoxels: number
  readonly tumourVolumeMl: number
  /** Tumour voxels outside the ROI (counted as uncovered). */
  readonly tumourOutsideRoi: number
  /** Fraction of the tumour at or above its reversible threshold, 0–1. */
  readonly reversibleFraction: number
  readonly irreversibleFraction: number
  /** Coverage with the reversible thresholds raised and lowered by 10 % (the threshold uncertainty). */
  readonly coverageAt110: number
  readonly coverageAt90: number
  /** Uncovered regions, largest first (at most 5). */
  readonly gaps: readonly CoverageGap[]
  /** Lowest and 5th-percentile field on the tumour's edge voxels, V/cm. */
  readonly edgeMinVPerCm: number
  readonly edgeP5VPerCm: number
  /** ROI indices of the tumour voxels and which of them lie on its edge. */
  readonly tumourRoi: Uint32Array
  readonly edgeRoi: Uint32Array
  /** 1 on uncovered tumour voxels (ROI grid). */
  readonly uncovered: Uint8Array
  readonly exposures: readonly StructureExposure[]
}

/** The tumour's voxels as ROI indices; also returns how many fall outside the ROI. */
export function tumourInRoi(
  tumour: EctTumour,
  ctDims: readonly [number, number, number],
  roi: EctRoi,
): { inside: Uint32Array; outside: number } {
  const [NX, NY] = ctDims
  const [nx, ny, nz] = roi.geometry.dims
  const out: number[] = []
  let outside = 0
  for (const v of tumour.voxels) {
    const i = (v % NX) - roi.lo[0]
    const j = (Math.floor(v / NX) % NY) - roi.lo[1]
    const k = Math.floor(v / (NX * NY)) - roi.lo[2]
    if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) outside++
    else out.push(i + nx * (j + ny * k))
  }
  return { inside: Uint32Array.from(out).sort(), outside }
}

const VCM = 100

/** The tumour voxels (ROI indices, sorted) with a 6-neighbour outside the tumour or on the ROI's border. */
export function tumourEdge(
  dims: readonly [number, number, number],
  tumourRoi: Uint32Array,
): Uint32Array {
  const [nx, ny, nz] = dims
  const isTumour = new Uint8Array(nx * ny * nz)
  for (const v of tumourRoi) isTumour[v] = 1
  const edge: number[] = []
  for (const v of tumourRoi) {
    const i = v % nx
    const j = Math.floor(v / nx) % ny
    const k = Math.floor(v / (nx * ny))
    const isEdge =
      i === 0 ||
      j === 0 ||
      k === 0 ||
      i === nx - 1 ||
      j === ny - 1 ||
      k === nz - 1 ||
      !isTumour[v - 1] ||
      !isTumour[v + 1] ||
      !isTumour[v - nx] ||
      !isTumour[v + nx] ||
      !isTumour[v - nx * ny] ||
      !isTumour[v + nx * ny]
    if (isEdge) edge.push(v)
  }
  return Uint32Array.from(edge)
}

/** Computes coverage and exposure of a treatment field |E| (V/m) on the ROI. */
export function ectCoverage(
  roi: EctRoi,
  params: EctVoxelParams,
  eMaxVPerM: Float32Array,
  tumourRoi: Uint32Array,
  tumourOutsideRoi: number,
): EctCoverage {
  const g = roi.geometry
  const [nx, ny, nz] = g.dims
  const voxelMl = (g.spacingMm[0] * g.spacingMm[1] * g.spacingMm[2]) / 1000
  // 1 = covered tumour, 2 = uncovered tumour.
  const state = new Uint8Array(nx * ny * nz)
  let rev = 0
  let irr = 0
  let rev110 = 0
  let rev90 = 0
  for (const v of tumourRoi) {
    const e = eMaxVPerM[v]!
    const t = params.reversibleVPerM[v]!
    if (e >= 1.1 * t) rev110++
    if (e >= 0.9 * t) rev90++
    if (e >= t) rev++
    else state[v] = 2
    if (e >= params.irreversibleVPerM[v]!) irr++
    if (state[v] === 0) state[v] = 1
  }
  const total = tumourRoi.length + tumourOutsideRoi
  const edge = tumourEdge(g.dims, tumourRoi)
  const edgeFields = edge.map((v) => eMaxVPerM[v]!).sort((a, b) => a - b)
  const uncovered = new Uint8Array(state.length)
  for (let v = 0; v < state.length; v++) uncovered[v] = state[v] === 2 ? 1 : 0
  return {
    tumourVoxels: total,
    tumourVolumeMl: total * voxelMl,
    tumourOutsideRoi,
    reversibleFraction: total > 0 ? rev / total : 0,
    irreversibleFraction: total > 0 ? irr / total : 0,
    coverageAt110: total > 0 ? rev110 / total : 0,
    coverageAt90: total > 0 ? rev90 / total : 0,
    gaps: gapsOf(g, state, eMaxVPerM, voxelMl),
    edgeMinVPerCm: (edgeFields[0] ?? 0) / VCM,
    edgeP5VPerCm: (edgeFields[Math.floor(0.05 * (edgeFields.length - 1))] ?? 0) / VCM,
    tumourRoi,
    edgeRoi: edge,
    uncovered,
    exposures: exposuresOf(roi, params, eMaxVPerM, voxelMl),
  }
}

/** 6-connected regions of state 2 (consumed: set to 3), largest first. */
function gapsOf(
  g: EctRoi['geometry'],
  state: Uint8Array,
  e: Float32Array,
  voxelMl: number,
): CoverageGap[] {
  const [nx, ny, nz] = g.dims
  const gaps: CoverageGap[] = []
  const stack: number[] = []
  for (let seed = 0; seed < state.length; seed++) {
    if (state[seed] !== 2) continue
    state[seed] = 3
    stack.push(seed)
    let count = 0
    let si = 0
    let sj = 0
    let sk = 0
    let minE = Infinity
    while (stack.length > 0) {
      const v = stack.pop()!
      const i = v % nx
      const j = Math.floor(v / nx) % ny
      const k = Math.floor(v / (nx * ny))
      count++
      si += i
      sj += j
      sk += k
      minE = Math.min(minE, e[v]!)
      const visit = (w: number): void => {
        if (state[w] === 2) {
          state[w] = 3
          stack.push(w)
        }
      }
      if (i > 0) visit(v - 1)
      if (i < nx - 1) visit(v + 1)
      if (j > 0) visit(v - nx)
      if (j < ny - 1) visit(v + nx)
      if (k > 0) visit(v - nx * ny)
      if (k < nz - 1) visit(v + nx * ny)
    }
    const p = ijkToWorld(g, [si / count, sj / count, sk / count])
    gaps.push({
      voxels: count,
      volumeMl: count * voxelMl,
      atMm: [p[0], p[1], p[2]],
      minVPerCm: minE / VCM,
    })
  }
  for (let v = 0; v < state.length; v++) if (state[v] === 3) state[v] = 2
  return gaps.sort((a, b) => b.voxels - a.voxels).slice(0, 5)
}

/** Nerves and vessels (caution or critical structures) where the field reaches their reversible threshold. */
function exposuresOf(
  roi: EctRoi,
  params: EctVoxelParams,
  e: Float32Array,
  voxelMl: number,
): StructureExposure[] {
  const rows = new Map<number, { max: number; at: number; rev: number; irr: number; v0: number }>()
  const { labels } = roi
  for (let v = 0; v < labels.length; v++) {
    const id = labels[v]!
    const s = structureById(id)
    if (s.criticality === 'none' || (s.tissue !== 'nerve' && s.tissue !== 'blood')) continue
    const f = e[v]!
    if (f < params.reversibleVPerM[v]!) continue
    let r = rows.get(id)
    if (!r) {
      r = { max: 0, at: v, rev: 0, irr: 0, v0: v }
      rows.set(id, r)
    }
    r.rev++
    if (f >= params.irreversibleVPerM[v]!) r.irr++
    if (f > r.max) {
      r.max = f
      r.at = v
    }
  }
  const [nx, ny] = roi.geometry.dims
  const out: StructureExposure[] = []
  for (const [id, r] of rows) {
    const s = structureById(id)
    const p = ijkToWorld(roi.geometry, [
      r.at % nx,
      Math.floor(r.at / nx) % ny,
      Math.floor(r.at / (nx * ny)),
    ])
    out.push({
      labelId: id,
      name: s.name,
      criticality: s.criticality === 'critical' ? 'critical' : 'caution',
      maxVPerCm: r.max / VCM,
      atMm: [p[0], p[1], p[2]],
      aboveReversibleMl: r.rev * voxelMl,
      aboveIrreversibleMl: r.irr * voxelMl,
      reversibleVPerCm: params.reversibleVPerM[r.v0]! / VCM,
      irreversibleVPerCm: params.irreversibleVPerM[r.v0]! / VCM,
    })
  }
  return out.sort((a, b) => b.maxVPerCm - a.maxVPerCm)
}
