/**
 * Probe geometry on the simulation grid. Sim space: metres, origin at the CENTRE of voxel [0,0,0], axes
 * along the grid's i, j, k (so voxel (i, j, k) sits at (i·sx, j·sy, k·sz)). A probe's active part is a
 * capsule: the set of points within `radiusM` of a segment (a cylinder with a rounded tip).
 *
 * Rasterisation marks voxels whose centre lies inside the capsule and lists the "cut faces" between an
 * inside voxel and an outside neighbour, with the fraction θ of the centre-to-centre distance at which the
 * surface crosses. Solvers use θ to place a Dirichlet surface between nodes (Shortley–Weller), which keeps
 * the probe radius sub-voxel accurate: 1.7 mm and 2.4 mm probes differ on a 1 mm grid.
 */
import type { Vec3 } from '../../lib/vec3'
import { gridIndex, type Grid3 } from '../grid/grid3'

/** The active part of a probe: a capsule around the segment start–end, in sim metres. */
export interface ProbeSegment {
  readonly startM: Vec3
  readonly endM: Vec3
  readonly radiusM: number
}

/** A face between an outside voxel and a probe voxel, crossed by the probe surface. */
export interface CutFace {
  /** Flat index of the outside (tissue) voxel. */
  readonly voxel: number
  /** Flat index of the inside (probe) voxel. */
  readonly neighbour: number
  /** Grid axis of the face normal. */
  readonly axis: 0 | 1 | 2
  /** Distance from the tissue node to the surface as a fraction of the node spacing, in [θmin, 1]. */
  readonly theta: number
}

/** Voxels inside a probe and the faces its surface cuts. */
export interface ProbeRaster {
  readonly inside: Int32Array
  readonly cutFaces: readonly CutFace[]
}

/**
 * Smallest θ used. A surface closer to a node than a quarter spacing is placed at a quarter spacing, which
 * bounds the face conductance at 4·k/h² and so the explicit time step at about 2/3 of the plain one.
 */
export const THETA_MIN = 0.25

/** Distance from point p to the segment a–b, metres. */
export function distanceToSegmentM(p: Vec3, a: Vec3, b: Vec3): number {
  const abx = b[0] - a[0]
  const aby = b[1] - a[1]
  const abz = b[2] - a[2]
  const len2 = abx * abx + aby * aby + abz * abz
  let t = len2 > 0 ? ((p[0] - a[0]) * abx + (p[1] - a[1]) * aby + (p[2] - a[2]) * abz) / len2 : 0
  t = t < 0 ? 0 : t > 1 ? 1 : t
  return Math.hypot(p[0] - a[0] - t * abx, p[1] - a[1] - t * aby, p[2] - a[2] - t * abz)
}

/** Sim-space position of a voxel centre, metres. */
export const voxelCentreM = (g: Grid3, i: number, j: number, k: number): Vec3 => [
  i * g.spacingM[0],
  j * g.spacingM[1],
  k * g.spacingM[2],
]

/**
 * Marks the voxels of one probe: those whose centre lies inside the capsule, plus the voxel nearest to
 * each point of the axis, so that a probe thinner than the grid never vanishes (such a probe acts as if
 * its surface passed through those voxel centres, i.e. somewhat thicker). Voxels on the outermost grid
 * layer are never marked: that layer holds the domain boundary values.
 */
export function rasterizeProbe(g: Grid3, seg: ProbeSegment, thetaMin = THETA_MIN): ProbeRaster {
  const n = [g.nx, g.ny, g.nz] as const
  const isInterior = (i: number, j: number, k: number): boolean =>
    i >= 1 && j >= 1 && k >= 1 && i <= g.nx - 2 && j <= g.ny - 2 && k <= g.nz - 2
  const lo = [0, 0, 0]
  const hi = [0, 0, 0]
  for (let a = 0; a < 3; a++) {
    const s = g.spacingM[a]
    const mn = Math.min(seg.startM[a], seg.endM[a]) - seg.radiusM
    const mx = Math.max(seg.startM[a], seg.endM[a]) + seg.radiusM
    lo[a] = Math.max(1, Math.floor(mn / s))
    hi[a] = Math.min(n[a] - 2, Math.ceil(mx / s))
  }
  const inside = new Set<number>()
  for (let k = lo[2]; k <= hi[2]; k++) {
    for (let j = lo[1]; j <= hi[1]; j++) {
      for (let i = lo[0]; i <= hi[0]; i++) {
        if (distanceToSegmentM(voxelCentreM(g, i, j, k), seg.startM, seg.endM) <= seg.radiusM) {
          inside.add(gridIndex(g, i, j, k))
        }
      }
    }
  }
  const len = Math.hypot(
    seg.endM[0] - seg.startM[0],
    seg.endM[1] - seg.startM[1],
    seg.endM[2] - seg.startM[2],
  )
  const nSamples = Math.ceil(len / (0.5 * Math.min(...g.spacingM))) + 1
  for (let s = 0; s < nSamples; s++) {
    const t = nSamples > 1 ? s / (nSamples - 1) : 0
    const ijk = [0, 1, 2].map((a) =>
      Math.round((seg.startM[a] + t * (seg.endM[a] - seg.startM[a])) / g.spacingM[a]),
    ) as [number, number, number]
    if (isInterior(...ijk)) inside.add(gridIndex(g, ...ijk))
  }
  const cutFaces: CutFace[] = []
  const strides = [1, g.nx, g.nx * g.ny] as const
  for (const idx of inside) {
    const c = [idx % g.nx, Math.floor(idx / g.nx) % g.ny, Math.floor(idx / (g.nx * g.ny))] as const
    for (let axis = 0 as 0 | 1 | 2; axis < 3; axis = (axis + 1) as 0 | 1 | 2) {
      for (const dir of [1, -1] as const) {
        const o = [c[0], c[1], c[2]]
        o[axis] = o[axis] + dir
        if (!isInterior(o[0], o[1], o[2])) continue
        const odx = idx + dir * strides[axis]
        if (inside.has(odx)) continue
        const theta = surfaceFraction(
          voxelCentreM(g, o[0], o[1], o[2]),
          voxelCentreM(g, c[0], c[1], c[2]),
          seg,
        )
        cutFaces.push({
          voxel: odx,
          neighbour: idx,
          axis,
          theta: Math.max(thetaMin, Math.min(1, theta)),
        })
      }
    }
  }
  return { inside: Int32Array.from(inside).sort(), cutFaces }
}

/**
 * Fraction s ∈ [0, 1] along outside→inside where the capsule surface lies (bisection, 40 halvings);
 * 1 when the inside node itself is outside the capsule (a forced axis voxel).
 */
function surfaceFraction(outside: Vec3, insideP: Vec3, seg: ProbeSegment): number {
  let a = 0
  let b = 1
  const at = (s: number): Vec3 => [
    outside[0] + s * (insideP[0] - outside[0]),
    outside[1] + s * (insideP[1] - outside[1]),
    outside[2] + s * (insideP[2] - outside[2]),
  ]
  for (let it = 0; it < 40; it++) {
    const m = 0.5 * (a + b)
    if (distanceToSegmentM(at(m), seg.startM, seg.endM) > seg.radiusM) a = m
    else b = m
  }
  return 0.5 * (a + b)
}

/**
 * Merges several probes: the union of their inside voxels, and the cut faces whose outside voxel is not
 * inside another probe. When two probes cut the same face the surface nearer the tissue node wins.
 */
export function rasterizeProbes(
  g: Grid3,
  segs: readonly ProbeSegment[],
  thetaMin = THETA_MIN,
): ProbeRaster {
  const owner = new Set<number>()
  const rasters = segs.map((s) => rasterizeProbe(g, s, thetaMin))
  for (const r of rasters) for (const v of r.inside) owner.add(v)
  const best = new Map<string, CutFace>()
  for (const r of rasters) {
    for (const f of r.cutFaces) {
      if (owner.has(f.voxel)) continue
      const key = `${f.voxel}:${f.neighbour}`
      const prev = best.get(key)
      if (!prev || f.theta < prev.theta) best.set(key, f)
    }
  }
  return { inside: Int32Array.from(owner).sort(), cutFaces: [...best.values()] }
}

/**
 * A probe as a volumetric source: adds `powerW` spread uniformly over the probe's voxels (those of
 * `rasterizeProbe`) to `out`, W/m³. For heating elements whose deposition stays inside the probe volume
 * (resistive or laser tips); antennas and electrodes use their own patterns (microwave.ts, efield).
 * Returns the number of voxels that received power.
 */
export function depositProbePower(
  g: Grid3,
  seg: ProbeSegment,
  powerW: number,
  out: Float32Array,
): number {
  const { inside } = rasterizeProbe(g, seg)
  if (inside.length === 0) return 0
  const q = powerW / (inside.length * g.spacingM[0] * g.spacingM[1] * g.spacingM[2])
  for (const v of inside) out[v] = out[v] + q
  return inside.length
}
