/**
 * Nerve clearance of cryoprobe paths for the T11 expert plan. A cryoprobe freezes along its distal
 * freezing length (40 mm, `ZONE_MODEL.cryoFreezeLengthMm`), not only at its tip, so a path that keeps the
 * needle off the canal can still lay ice on a root at the foramen; the path is chosen for the largest
 * distance between that whole segment and the cord and roots. Pure; LPS mm.
 */
import { S } from '../../lib/anatomy'
import { ijkToWorld } from '../../lib/space'
import { add, dot, scale, sub, type Vec3 } from '../../lib/vec3'
import { exitPoint, pathCost } from './approach'
import type { CaseVolume } from './caseVolume'
import { ZONE_MODEL } from './zoneModel'

/** Voxel centres of the spinal cord and nerve roots within `radiusMm` of a point, LPS mm. */
export function nervePoints(v: CaseVolume, centreMm: Vec3, radiusMm: number): Vec3[] {
  const [nx, ny, nz] = v.geometry.dims
  const out: Vec3[] = []
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const l = v.labels[i + nx * (j + ny * k)]
        if (l !== S.spinalCord && l !== S.nerveRoot) continue
        const w = ijkToWorld(v.geometry, [i, j, k])
        const d = sub(w, centreMm)
        if (dot(d, d) <= radiusMm * radiusMm) out.push(w)
      }
    }
  }
  return out
}

/** Smallest distance from segment a→b to any of the points, mm (Infinity for no points). */
export function segmentClearanceMm(points: readonly Vec3[], a: Vec3, b: Vec3): number {
  const d = sub(b, a)
  const len2 = dot(d, d)
  let best = Infinity
  for (const q of points) {
    const t = len2 > 0 ? Math.min(1, Math.max(0, dot(sub(q, a), d) / len2)) : 0
    const e = sub(q, add(a, scale(d, t)))
    best = Math.min(best, Math.sqrt(dot(e, e)))
  }
  return best
}

/** A chosen cryoprobe path. */
export interface ClearPath {
  readonly entryMm: Vec3
  readonly dir: Vec3
  /** Distance between the freezing segment and the nearest cord or root voxel, mm. */
  readonly clearanceMm: number
  /** {@link pathCost} of the needle (100 per warning plus its length). */
  readonly cost: number
}

/**
 * The path from `tipMm` outward along one of `directions` whose freezing segment lies farthest from the
 * nerves, among paths with no critical finding, at most `maxCost` (see {@link pathCost}: 100 per warning
 * plus the length) and at most `maxLengthMm` long. Null when no direction qualifies.
 */
export function clearestCryoPath(
  v: CaseVolume,
  tipMm: Vec3,
  directions: readonly Vec3[],
  nerves: readonly Vec3[],
  gauge: number,
  maxCost: number,
  maxLengthMm = 150,
): ClearPath | null {
  let best: ClearPath | null = null
  for (const dir of directions) {
    const entry = exitPoint(v, tipMm, dir)
    if (!entry) continue
    const len = Math.sqrt(dot(sub(entry, tipMm), sub(entry, tipMm)))
    if (len > maxLengthMm) continue
    const segEnd = add(tipMm, scale(dir, Math.min(len, ZONE_MODEL.cryoFreezeLengthMm)))
    const clearanceMm = segmentClearanceMm(nerves, tipMm, segEnd)
    if (best && clearanceMm <= best.clearanceMm) continue
    const cost = pathCost(v, entry, tipMm, gauge)
    if (!(cost <= maxCost)) continue
    best = { entryMm: entry, dir, clearanceMm, cost }
  }
  return best
}
