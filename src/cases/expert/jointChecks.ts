/**
 * Hip-joint protection check: is a thermocouple or hydrodissection planned at the joint next to the
 * treated lesion? FACTS.md §6.4 asks for thermoprotection (thermocouple, hydro- or CO₂ dissection) when a
 * critical structure is within about 1 cm of the zone. Pure; LPS mm.
 */
import { S } from '../../lib/anatomy'
import { ijkToWorld, inBounds, worldToIjk } from '../../lib/space'
import { distance, type Vec3 } from '../../lib/vec3'
import type { Plan, Protection } from '../../plan'
import type { CaseCheck } from './caseChecks'
import { findLesion, lesionReachMm, type CaseVolume } from './caseVolume'

/** Labels that make up the joint: articular cartilage and the joint space. */
export const JOINT_LABELS: readonly number[] = [S.cartilage, S.jointSpace]

/** Protection kinds that guard the joint: a thermocouple at it or (warm) saline hydrodissection into it. */
export const JOINT_PROTECTION_KINDS: readonly Protection['kind'][] = [
  'thermocouple',
  'hydrodissection',
]

/** How far around a protection point the joint is searched, mm; farther reads as this lower bound. */
export const JOINT_SEARCH_MM = 30

/**
 * A protection counts for the lesion's joint when it lies within the lesion's reach
 * ({@link lesionReachMm}) plus this distance of the lesion centre, mm (ignores the other hip).
 */
const NEAR_LESION_EXTRA_MM = 10

/** Nearest voxel (centre) with one of `labels` within `searchMm` of `pMm`: its point and distance, or null. */
export function nearestLabelVoxel(
  v: CaseVolume,
  pMm: Vec3,
  labels: readonly number[],
  searchMm: number,
): { pointMm: Vec3; distanceMm: number } | null {
  const g = v.geometry
  const c = worldToIjk(g, pMm)
  const r = g.spacingMm.map((s) => Math.ceil(searchMm / s))
  const [nx, ny] = g.dims
  let best: { pointMm: Vec3; distanceMm: number } | null = null
  for (let k = Math.round(c[2]) - r[2]!; k <= Math.round(c[2]) + r[2]!; k++) {
    for (let j = Math.round(c[1]) - r[1]!; j <= Math.round(c[1]) + r[1]!; j++) {
      for (let i = Math.round(c[0]) - r[0]!; i <= Math.round(c[0]) + r[0]!; i++) {
        if (!inBounds(g, i, j, k) || !labels.includes(v.labels[i + nx * (j + ny * k)]!)) continue
        const q = ijkToWorld(g, [i, j, k])
        const d = distance(q, pMm)
        if (d <= searchMm && (best === null || d < best.distanceMm)) {
          best = { pointMm: q, distanceMm: d }
        }
      }
    }
  }
  return best
}

/**
 * `jointProtectionMm`: distance from the nearest joint-guarding protection (thermocouple or
 * hydrodissection near the lesion) to the joint, mm; {@link JOINT_SEARCH_MM} when the joint is farther,
 * null when no such protection is planned.
 */
export function jointChecks(plan: Plan, v: CaseVolume): Record<string, CaseCheck> {
  const lesion = findLesion(v)
  const near = plan.protections.filter(
    (p) =>
      JOINT_PROTECTION_KINDS.includes(p.kind) &&
      (!lesion ||
        distance(p.pointMm, lesion.centreMm) <= lesionReachMm(lesion) + NEAR_LESION_EXTRA_MM),
  )
  if (near.length === 0) {
    return {
      jointProtectionMm: {
        value: null,
        detail: 'No thermocouple or hydrodissection is planned at the joint next to the lesion.',
      },
    }
  }
  let best = { label: '', mm: JOINT_SEARCH_MM }
  for (const p of near) {
    const hit = nearestLabelVoxel(v, p.pointMm, JOINT_LABELS, JOINT_SEARCH_MM)
    if (hit && hit.distanceMm < best.mm) best = { label: p.label, mm: hit.distanceMm }
  }
  return {
    jointProtectionMm: {
      value: best.mm,
      detail: best.label
        ? `${best.label} lies ${best.mm.toFixed(1)} mm from the joint cartilage or joint space.`
        : `No planned thermocouple or hydrodissection lies within ${JOINT_SEARCH_MM} mm of the joint.`,
    },
  }
}
