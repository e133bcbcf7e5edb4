/** Search for a straight percutaneous approach to a point that avoids critical structures. Pure; LPS mm. */
import { add, normalize, scale, type Vec3 } from '../../lib/vec3'
import { TRAJECTORY_DEFAULTS, gaugeOuterDiameterMm, marchTrajectory } from '../../plan'
import { labelAt, type CaseVolume } from './caseVolume'

/** Skin point where a ray from `fromMm` along unit `dir` leaves the body (first air voxel after body). */
export function exitPoint(v: CaseVolume, fromMm: Vec3, dir: Vec3, maxMm = 300): Vec3 | null {
  let isInBody = false
  for (let s = 0; s <= maxMm; s += 0.5) {
    const p = add(fromMm, scale(dir, s))
    const l = labelAt(v, p)
    if (l < 0) return null
    if (l > 0) isInBody = true
    else if (isInBody) return p
  }
  return null
}

/** Unit directions spread evenly over the sphere (Fibonacci lattice). */
export function sphereDirections(n: number): Vec3[] {
  const out: Vec3[] = []
  const golden = Math.PI * (3 - Math.sqrt(5))
  for (let i = 0; i < n; i++) {
    const y = 1 - (2 * (i + 0.5)) / n
    const r = Math.sqrt(1 - y * y)
    out.push(normalize([r * Math.cos(golden * i), y, r * Math.sin(golden * i)]))
  }
  return out
}

/**
 * Cost of a needle path: Infinity with a critical finding, else 100 per warning plus its length. A near
 * miss within the warning distance counts as a warning here even when bone shields it (the report calls
 * that information): an expert still prefers the path with more room.
 */
export function pathCost(v: CaseVolume, entry: Vec3, tip: Vec3, gauge: number): number {
  const r = marchTrajectory(v, entry, tip, { deviceDiameterMm: gaugeOuterDiameterMm(gauge) })
  if (r.worstSeverity === 'critical') return Infinity
  const close = (f: (typeof r.findings)[number]) =>
    f.severity === 'warning' ||
    (f.code === 'nearMiss' && (f.distanceMm ?? Infinity) < TRAJECTORY_DEFAULTS.nearMissWarningMm)
  return 100 * r.findings.filter(close).length + r.needleLengthMm
}

/**
 * Best outward direction from `tipMm` among `directions` (optionally filtered): the lowest summed
 * {@link pathCost} of the needles `needles(dir)` builds, at most `maxLengthMm` long. Null when none is safe.
 */
export function bestApproach(
  v: CaseVolume,
  directions: readonly Vec3[],
  needles: (dir: Vec3) => readonly { entry: Vec3; tip: Vec3 }[] | null,
  gauge: number,
  maxLengthMm = 150,
): { dir: Vec3; cost: number } | null {
  let best: { dir: Vec3; cost: number } | null = null
  for (const dir of directions) {
    const set = needles(dir)
    if (!set) continue
    let cost = 0
    for (const n of set) {
      const len = Math.hypot(n.entry[0] - n.tip[0], n.entry[1] - n.tip[1], n.entry[2] - n.tip[2])
      cost += len > maxLengthMm ? Infinity : pathCost(v, n.entry, n.tip, gauge)
      if (!Number.isFinite(cost)) break
    }
    if (Number.isFinite(cost) && (!best || cost < best.cost)) best = { dir, cost }
  }
  return best
}
