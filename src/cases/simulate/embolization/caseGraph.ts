/**
 * The case's arterial graph for embolization, built from the volume's vessel centrelines (the phantom's
 * `CtVolume.vessels`), so the graph runs exactly along the vessels drawn in the CT and carries the
 * phantom's own artery of Adamkiewicz (same side and level by construction). Drawn vessels keep their
 * polyline and radii; what the CT does not draw is added [U]: the spinal and retrocorporeal branches at
 * each foramen, lumped beds, and the tumour feeders with their share of the tumour bed. Positions LPS mm,
 * physics SI (src/sim/embolization). Pure.
 */
import { isTumourLabel } from '../../../lib/anatomy'
import { ijkToWorld, worldToIjk } from '../../../lib/space'
import { type Vec3, add, distance, dot, scale, sub } from '../../../lib/vec3'
import type { VascularGraph } from '../../../sim/embolization'
import type { CtVolume } from '../../volume'

const MMHG_PA = 133.322
const ML_PER_MIN = 1e-6 / 60

/** Model constants of the case graph [U] unless noted. */
export const CASE_GRAPH_PARAMS = {
  aorticPressurePa: 93 * MMHG_PA,
  venousPressurePa: 5 * MMHG_PA,
  cranialAsaPressurePa: 85 * MMHG_PA,
  nominalPerfusionPa: 85 * MMHG_PA,
  /** Visceral (renal, mesenteric) flow taken off the aorta at L1 [U]. */
  visceralFlowM3PerS: 2500 * ML_PER_MIN,
  /** Flow to each leg at the end of an iliac artery [U]. */
  legFlowM3PerS: 500 * ML_PER_MIN,
  /** Distance beyond the foramen where the dorsal branch gives the tumour feeder (mm) [U]. */
  dorsalFeederOffsetMm: 6,
  /** A segmental artery feeds the tumour when its foramen is within radius + this of the centre (mm) [U]. */
  feederReachMm: 0,
  /** Tumour perfusion (/s) = base + perVascularity × vascularity [U] (as the sim defaults). */
  tumourPerfusionBasePerS: 0.05 / 60,
  tumourPerfusionPerVascularityPerS: 0.25 / 60,
} as const

/** Where a graph segment lies on a drawn vessel (fractions of the vessel's arclength). */
export interface SegmentOnVessel {
  readonly vesselId: string
  readonly t0: number
  readonly t1: number
}

/** The case graph plus what the simulation and the panel need to find their way in it. */
export interface CaseGraph {
  readonly graph: VascularGraph
  /** Per segment: its place on a drawn vessel, or null for added branches and beds. */
  readonly onVessel: readonly (SegmentOnVessel | null)[]
  /** Per segment: the drawn vessel it belongs to or branches from (added branches: their parent's). */
  readonly parentVessel: readonly (string | null)[]
  /** Nodes where a catheter from the groin can start (end of the right iliac, else the aortic inlet). */
  readonly accessNode: number
  readonly tumourFeeders: readonly number[]
  readonly tumourBeds: readonly number[]
  /** The artery of Adamkiewicz from the phantom (null when absent). */
  readonly adamkiewicz: { readonly level: string; readonly side: 'L' | 'R' } | null
  /** Tumour vascularity used (0–3 angiographic scale). */
  readonly vascularity: number
  readonly lesionCentreMm: Vec3 | null
}

/** Nearest point of polyline `pts` to `p`: index of the segment, fraction on it and the point. */
export function projectOnPolyline(
  pts: readonly Vec3[],
  p: Vec3,
): { i: number; f: number; q: Vec3; d: number } {
  let best = { i: 0, f: 0, q: pts[0]!, d: Number.POSITIVE_INFINITY }
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i]!
    const ab = sub(pts[i + 1]!, a)
    const l2 = dot(ab, ab)
    const f = l2 > 0 ? Math.min(1, Math.max(0, dot(sub(p, a), ab) / l2)) : 0
    const q = add(a, scale(ab, f))
    const d = distance(p, q)
    if (d < best.d) best = { i, f, q, d }
  }
  return best
}

/** Vascularity of the lesion on the 0–3 scale: 2 for hypervascular (RCC, PMC3806015 [V]), else 1 [U]. */
export const vascularityOf = (description: string): number =>
  /hypervascular/i.test(description) ? 2 : 1

/**
 * Splits the lesion's tumour voxels between feeder entry points (nearest entry wins, a Voronoi split).
 * Without tumour labels, the sphere of the lesion is split the same way. Returns volume fractions.
 */
export function tumourShares(
  volume: CtVolume,
  centre: Vec3,
  radiusMm: number,
  entries: Vec3[],
): number[] {
  const counts = entries.map(() => 0)
  const g = volume.geometry
  const labels = volume.labels
  if (labels) {
    const [nx, ny, nz] = g.dims
    // The lesion with its soft-tissue extension stays within 1.6 radii of the centre.
    const r = radiusMm * 1.6
    const c = worldToIjk(g, centre)
    const lo = [0, 1, 2].map((a) => Math.max(0, Math.floor(c[a]! - r / g.spacingMm[a]!)))
    const hi = [0, 1, 2].map((a) =>
      Math.min(g.dims[a]! - 1, Math.ceil(c[a]! + r / g.spacingMm[a]!)),
    )
    for (let k = lo[2]!; k <= hi[2]! && k < nz; k++) {
      for (let j = lo[1]!; j <= hi[1]! && j < ny; j++) {
        for (let i = lo[0]!; i <= hi[0]! && i < nx; i++) {
          if (!isTumourLabel(labels[i + nx * (j + ny * k)]!)) continue
          const p = ijkToWorld(g, [i, j, k])
          if (distance(p, centre) > r) continue
          let best = 0
          for (let e = 1; e < entries.length; e++) {
            if (distance(p, entries[e]!) < distance(p, entries[best]!)) best = e
          }
          counts[best]! += 1
        }
      }
    }
  }
  let total = counts.reduce((a, b) => a + b, 0)
  if (total > 0) return counts.map((n) => n / total)
  // No labelled tumour: split the sphere itself (a 21³ lattice over its bounding cube).
  const n = 21
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const at = (q: number, a: number): number => centre[a]! + radiusMm * ((2 * q) / (n - 1) - 1)
        const p: Vec3 = [at(i, 0), at(j, 1), at(k, 2)]
        if (distance(p, centre) > radiusMm) continue
        let best = 0
        for (let e = 1; e < entries.length; e++) {
          if (distance(p, entries[e]!) < distance(p, entries[best]!)) best = e
        }
        counts[best]! += 1
      }
    }
  }
  total = counts.reduce((a, b) => a + b, 0)
  return counts.map((c) => c / total)
}
