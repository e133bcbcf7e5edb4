/**
 * Focused-ultrasound checks (geometry only; the acoustic field and dose are simulated in src/cases/simulate/hifu, not used here): the focus on the lesion's
 * bone surface, a clear beam path and the incidence angle at the bone (FACTS.md §3, §6.4). Pure; LPS mm.
 */
import { S, isBoneLabel } from '../../lib/anatomy'
import { structureById } from '../../lib/anatomy'
import { inBounds, ijkToWorld, worldToIjk } from '../../lib/space'
import { add, cross, distance, dot, normalize, scale, sub, type Vec3 } from '../../lib/vec3'
import type { DeviceOf, Plan } from '../../plan'
import { hifuGeometry } from '../../plan'
import type { CaseCheck } from './caseChecks'
import { TUMOUR_LABELS, labelAt, type CaseVolume } from './caseVolume'

/** Limits of the HIFU checks. */
export const HIFU_LIMITS = {
  /** Focus-to-bone-surface distance, mm: half the 7.2 mm axial focal length (FACTS.md §3.5, PMC3166338). */
  maxFocusToBoneSurfaceMm: 3.6,
  /** Focus-to-lesion distance, mm: the same half focal length. */
  maxFocusToLesionMm: 3.6,
  /** Incidence at bone, degrees: the compressional critical angle, 26.9° (FACTS.md §3.4). */
  maxIncidenceDeg: 26.9,
  /** Acoustic power per sonication, W: 32 ± 4 to 96 ± 11 W in BM004 (FACTS.md §3.2, Chen 2017). */
  powerW: [28, 107] as const,
  /** Duration per sonication, s: 20–30 s (FACTS.md §3.2). */
  durationS: [20, 30] as const,
  /** Radius of the neighbourhood used to estimate the bone surface normal, mm. */
  normalRadiusMm: 6,
  /** Search radius for the focus distances, mm (farther reads as "more than this"). */
  searchMm: 30,
} as const

/** Beam-path structures that must stay out of the beam: gas, bowel, lung and nerves (FACTS.md §3.3, [U]). */
const BLOCKING: ReadonlySet<number> = new Set([
  S.bowel,
  S.bowelGas,
  S.lung,
  S.spinalCord,
  S.caudaEquina,
  S.nerveRoot,
  S.sciaticNerve,
  S.outside,
])

const isBoneOrIntraosseous = (l: number): boolean =>
  l >= 0 && (isBoneLabel(l) || l === S.tumourLytic || l === S.tumourBlastic)

/** Distance from p to the nearest voxel centre satisfying `pred`, mm (Infinity beyond the search box). */
function nearestMm(v: CaseVolume, p: Vec3, pred: (label: number) => boolean): number {
  const g = v.geometry
  const c = worldToIjk(g, p)
  const r = HIFU_LIMITS.searchMm
  const [nx, ny] = g.dims
  let best = Infinity
  const lo = (a: number): number => Math.floor(c[a]! - r / g.spacingMm[a]!)
  const hi = (a: number): number => Math.ceil(c[a]! + r / g.spacingMm[a]!)
  for (let k = lo(2); k <= hi(2); k++) {
    for (let j = lo(1); j <= hi(1); j++) {
      for (let i = lo(0); i <= hi(0); i++) {
        if (!inBounds(g, i, j, k) || !pred(v.labels[i + nx * (j + ny * k)]!)) continue
        const d = Math.hypot(
          (i - c[0]) * g.spacingMm[0],
          (j - c[1]) * g.spacingMm[1],
          (k - c[2]) * g.spacingMm[2],
        )
        if (d < best) best = d
      }
    }
  }
  return best
}

/** Inward bone normal at p: from p towards the centroid of bone voxels within the normal radius. */
function inwardBoneNormal(v: CaseVolume, p: Vec3): Vec3 | null {
  const g = v.geometry
  const c = worldToIjk(g, p)
  const r = HIFU_LIMITS.normalRadiusMm
  const [nx, ny] = g.dims
  let sum: Vec3 = [0, 0, 0]
  let n = 0
  for (let k = Math.floor(c[2] - r / g.spacingMm[2]); k <= c[2] + r / g.spacingMm[2]; k++) {
    for (let j = Math.floor(c[1] - r / g.spacingMm[1]); j <= c[1] + r / g.spacingMm[1]; j++) {
      for (let i = Math.floor(c[0] - r / g.spacingMm[0]); i <= c[0] + r / g.spacingMm[0]; i++) {
        if (!inBounds(g, i, j, k)) continue
        const q = ijkToWorld(g, [i, j, k])
        const d = sub(q, p)
        if (dot(d, d) > r * r || !isBoneOrIntraosseous(v.labels[i + nx * (j + ny * k)]!)) continue
        sum = add(sum, d)
        n++
      }
    }
  }
  return n > 0 && Math.hypot(...sum) > 1e-9 ? normalize(sum) : null
}

/**
 * Length of a ray window→focus through blocking structures, mm, and their names. Air before the first body
 * voxel is the coupling gel/water and does not count.
 */
function blockedAlong(v: CaseVolume, from: Vec3, to: Vec3): { mm: number; names: Set<string> } {
  const len = distance(from, to)
  const step = 0.5 * Math.min(...v.geometry.spacingMm)
  const n = Math.max(1, Math.ceil(len / step))
  const names = new Set<string>()
  let mm = 0
  let isInBody = false
  for (let s = 0; s <= n; s++) {
    const l = labelAt(v, add(from, scale(sub(to, from), s / n)))
    if (l > 0) isInBody = true
    if (!isInBody || l < 0 || !BLOCKING.has(l)) continue
    mm += len / n
    names.add(l === S.outside ? 'air' : structureById(l).name.toLowerCase())
  }
  return { mm, names }
}

/** Rays of the converging beam cone: the axis plus 8 rays from the window ring to the focus. */
function coneRays(d: DeviceOf<'hifuTransducer'>): [Vec3, Vec3][] {
  const geo = hifuGeometry(d)
  const ringR = ((d.apertureMm / 2) * geo.focusDepthMm) / d.radiusOfCurvatureMm
  const helper: Vec3 = Math.abs(geo.beamAxis[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0]
  const u = normalize(cross(geo.beamAxis, helper))
  const w = cross(geo.beamAxis, u)
  const rays: [Vec3, Vec3][] = [[d.entryMm, d.tipMm]]
  for (let n = 0; n < 8; n++) {
    const t = (n * Math.PI) / 4
    const off = add(scale(u, ringR * Math.cos(t)), scale(w, ringR * Math.sin(t)))
    rays.push([add(d.entryMm, off), d.tipMm])
  }
  return rays
}

const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : `> ${HIFU_LIMITS.searchMm}`)

/** HIFU checks of the plan's first transducer (null values when it has none). */
export function hifuChecks(plan: Plan, v: CaseVolume): Record<string, CaseCheck> {
  const d = plan.devices.find((x) => x.kind === 'hifuTransducer')
  if (!d) {
    const none = { value: null, detail: 'The plan has no focused-ultrasound transducer.' }
    return {
      hifuFocusToLesionMm: none,
      hifuFocusToBoneSurfaceMm: none,
      hifuBeamBlockedMm: none,
      hifuIncidenceDeg: none,
      hifuSonicationsOutOfRange: none,
    }
  }
  const focus = d.tipMm
  const tumour = new Set(TUMOUR_LABELS)
  const toLesion = tumour.has(labelAt(v, focus)) ? 0 : nearestMm(v, focus, (l) => tumour.has(l))
  const isInBone = isBoneOrIntraosseous(labelAt(v, focus))
  const toSurface = nearestMm(v, focus, (l) => isBoneOrIntraosseous(l) !== isInBone)
  const blocked = coneRays(d).map(([a, b]) => blockedAlong(v, a, b))
  const worst = blocked.reduce((m, b) => Math.max(m, b.mm), 0)
  const names = new Set(blocked.flatMap((b) => [...b.names]))
  const normal = inwardBoneNormal(v, focus)
  const axis = hifuGeometry(d).beamAxis
  const incidence =
    normal === null
      ? null
      : (Math.acos(Math.max(-1, Math.min(1, dot(axis, normal)))) * 180) / Math.PI
  const [pLo, pHi] = HIFU_LIMITS.powerW
  const [tLo, tHi] = HIFU_LIMITS.durationS
  const bad = d.sonications.filter(
    (s) =>
      s.acousticPowerW < pLo || s.acousticPowerW > pHi || s.durationS < tLo || s.durationS > tHi,
  )
  return {
    hifuFocusToLesionMm: {
      value: Number.isFinite(toLesion) ? toLesion : HIFU_LIMITS.searchMm,
      detail: `The focus lies ${f1(toLesion)} mm from the lesion.`,
    },
    hifuFocusToBoneSurfaceMm: {
      value: Number.isFinite(toSurface) ? toSurface : HIFU_LIMITS.searchMm,
      detail: `The focus lies ${f1(toSurface)} mm ${isInBone ? 'inside' : 'outside'} the bone surface.`,
    },
    hifuBeamBlockedMm: {
      value: worst,
      detail:
        worst > 0
          ? `The beam cone crosses ${[...names].join(', ')} for up to ${f1(worst)} mm.`
          : 'The beam cone from the window to the focus is free of gas, bowel, lung and nerves.',
    },
    hifuIncidenceDeg: {
      value: incidence,
      detail:
        incidence === null
          ? 'No bone near the focus, so there is no incidence angle.'
          : `The beam meets the bone surface at ${f1(incidence)}° from its normal.`,
    },
    hifuSonicationsOutOfRange: {
      value: bad.length,
      detail: bad.length
        ? `${bad.length} of ${d.sonications.length} sonication(s) outside ${pLo}–${pHi} W or ${tLo}–${tHi} s.`
        : `All ${d.sonications.length} sonication(s) within ${pLo}–${pHi} W and ${tLo}–${tHi} s.`,
    },
  }
}
