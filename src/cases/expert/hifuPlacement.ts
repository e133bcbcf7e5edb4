/** Places a HIFU transducer for a lesion: focus on the bone surface under it, beam along the surface normal. */
import { S, isBoneLabel } from '../../lib/anatomy'
import { add, cross, distance, normalize, scale, type Vec3 } from '../../lib/vec3'
import { createDevice, PLAN_VERSION, type Plan } from '../../plan'
import type { LesionInfo } from '../phantom'
import { exitPoint, sphereDirections } from './approach'
import { labelAt, type CaseVolume } from './caseVolume'
import { HIFU_LIMITS, hifuChecks } from './hifuChecks'

const isBoneOrIntraosseous = (l: number): boolean =>
  l >= 0 && (isBoneLabel(l) || l === S.tumourLytic || l === S.tumourBlastic)

/** Focus, acoustic window and sonication offsets (a centre spot and four 5 mm neighbours across the beam). */
export interface HifuPlacement {
  readonly focus: Vec3
  readonly entry: Vec3
  readonly offsets: readonly Vec3[]
}

/**
 * Tries outward directions from the lesion centre: the focus sits just inside the bone surface the ray
 * leaves, the window where it leaves the body. Keeps the candidate with a clear beam, the focus on the
 * lesion and bone surface and the smallest incidence angle (then the shallowest focus).
 */
export function hifuPlacement(
  v: CaseVolume,
  lesion: LesionInfo,
  radiusOfCurvatureMm = 130,
): HifuPlacement {
  let best: { cost: number; focus: Vec3; entry: Vec3; axis: Vec3 } | null = null
  for (const dir of sphereDirections(120)) {
    let surface: Vec3 | null = null
    for (let s = 0; s <= 40; s += 0.5) {
      const q = add(lesion.centreMm, scale(dir, s))
      if (!isBoneOrIntraosseous(labelAt(v, q))) {
        surface = q
        break
      }
    }
    if (!surface) continue
    const focus = add(surface, scale(dir, -1))
    const out = exitPoint(v, surface, dir)
    if (!out) continue
    const entry = add(out, scale(dir, -1))
    const depth = distance(entry, focus)
    if (depth < 5 || depth > radiusOfCurvatureMm - 10) continue
    const device = createDevice('hifuTransducer', entry, focus, { id: 'hifu-1' })
    const plan: Plan = {
      version: PLAN_VERSION,
      title: 'candidate',
      notes: '',
      scan: { kind: 'builtin', caseId: 'candidate' },
      targets: [],
      devices: [device],
      protections: [],
    }
    const c = hifuChecks(plan, v)
    const blocked = c.hifuBeamBlockedMm?.value ?? Infinity
    const incidence = c.hifuIncidenceDeg?.value ?? 90
    const toLesion = c.hifuFocusToLesionMm?.value ?? Infinity
    const toSurface = c.hifuFocusToBoneSurfaceMm?.value ?? Infinity
    const cost =
      1000 * blocked +
      (toLesion > HIFU_LIMITS.maxFocusToLesionMm ? 1000 : 0) +
      (toSurface > HIFU_LIMITS.maxFocusToBoneSurfaceMm ? 1000 : 0) +
      incidence +
      0.05 * depth
    if (!best || cost < best.cost) best = { cost, focus, entry, axis: scale(dir, -1) }
  }
  if (!best) throw new Error('hifuPlacement: no acoustic window found')
  const helper: Vec3 = Math.abs(best.axis[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0]
  const u = normalize(cross(best.axis, helper))
  const w = cross(best.axis, u)
  const offsets: Vec3[] = [[0, 0, 0], scale(u, 5), scale(u, -5), scale(w, 5), scale(w, -5)]
  return { focus: best.focus, entry: best.entry, offsets }
}
