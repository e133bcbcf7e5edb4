/**
 * Beam-path analysis (geometry only, no field): rays from the bowl surface to the focus are marched
 * through a label volume; every structure crossed is listed with the fraction of the cone it touches,
 * with warnings, the incidence angle at the first bone surface on the beam axis against the critical
 * angle, and the energy density at the skin. Pure; sim metres.
 */
import { structureById, isBoneLabel, type Criticality } from '../../lib/anatomy'
import { dot, normalize, sub, type Vec3 } from '../../lib/vec3'
import { gridIndex, type Grid3 } from '../grid/grid3'
import { labelAcousticTable, type AcousticMedium } from './acousticMedia'
import { perpendicularBasis, type BowlTransducer } from './bowlTransducer'
import { criticalAngleRad } from './interfaceCoefficients'

/** A label volume in sim space: voxel [0,0,0]'s centre at `originM`. */
export interface LabelVolume {
  readonly grid: Grid3
  readonly originM: Vec3
  readonly labels: Uint8Array
}

/** Named thresholds of the beam-path checks. None is in FACTS (§3.3 beam-path rules are [G]). */
export const BEAM_PATH_LIMITS = {
  /** Bone met further than this before the focus counts as "bone before the target", m [G]. */
  boneBeforeTargetM: 0.005,
  /** Skin-to-focus distance below which skin heating is likely, m [G]. */
  minSkinToFocusM: 0.01,
  /** Energy density at the skin above which a skin-burn warning is raised, J/m² (100 J/cm²) [G]. */
  skinEnergyLimitJPerM2: 1e6,
  /** Cone fraction above which a caution-level structure becomes a critical warning [G]. */
  criticalConeFraction: 0.1,
} as const

/** Severity of a beam-path warning. */
export type BeamWarningSeverity = 'info' | 'caution' | 'critical'

/** One warning of the analysis. */
export interface BeamWarning {
  readonly severity: BeamWarningSeverity
  /** Machine key, e.g. 'gasInPath', 'beyondCriticalAngle'. */
  readonly code: string
  readonly message: string
  /** Structure id concerned, if any. */
  readonly label?: number
}

/** A structure crossed by the cone. */
export interface BeamCrossing {
  readonly label: number
  readonly name: string
  readonly criticality: Criticality
  /** Area-weighted fraction of the cone's rays that cross the structure, 0–1. */
  readonly coneFraction: number
  /** Smallest distance from the focus along any crossing ray, m. */
  readonly nearestToFocusM: number
}

/** Where the beam axis first meets bone. */
export interface BoneIncidence {
  readonly pointM: Vec3
  /** Angle between the beam axis and the bone-surface normal, rad. */
  readonly incidenceRad: number
  /** Compressional critical angle of the interface, rad (NaN if none). */
  readonly criticalRad: number
  readonly isBeyondCritical: boolean
}

/** Skin entry of the beam. */
export interface SkinEntry {
  readonly pointM: Vec3
  readonly distanceToFocusM: number
  /** Cone cross-section at the skin (geometric), m². */
  readonly beamAreaM2: number
  /** Acoustic energy per unit area at the skin for one sonication, J/m². */
  readonly energyDensityJPerM2: number
}

/** Result of `analyseBeamPath`. */
export interface BeamPathReport {
  readonly crossings: readonly BeamCrossing[]
  readonly warnings: readonly BeamWarning[]
  readonly boneIncidence: BoneIncidence | null
  readonly skin: SkinEntry | null
}

/** Options of `analyseBeamPath`. */
export interface BeamPathOptions {
  /** Sonication duration for the skin energy density, s (default 20, FACTS §3.2 20–30 s). */
  readonly durationS?: number
  /** Rings and rays per outer ring of the sampled cone (default 6 and 24). */
  readonly rings?: number
  readonly raysPerRing?: number
  /** Marching step, m (default half the smallest voxel size). */
  readonly stepM?: number
  /** Marching stops this far before the focus (the target itself), m (default 3 mm). */
  readonly focusClearanceM?: number
  readonly media?: readonly AcousticMedium[]
}

function labelAt(v: LabelVolume, p: Vec3): number {
  const g = v.grid
  const i = Math.round((p[0] - v.originM[0]) / g.spacingM[0])
  const j = Math.round((p[1] - v.originM[1]) / g.spacingM[1])
  const k = Math.round((p[2] - v.originM[2]) / g.spacingM[2])
  if (i < 0 || j < 0 || k < 0 || i >= g.nx || j >= g.ny || k >= g.nz) return 0
  return v.labels[gridIndex(g, i, j, k)]
}

/**
 * Bone-surface normal at `p`, pointing out of the bone: minus the first moment of the bone voxels inside
 * a ball of `radiusVoxels` around the nearest voxel. For a plane the half-ball moment lies exactly along
 * the normal, so a staircase surface does not quantise the angle as a 3-point gradient would.
 */
export function boneNormalAt(v: LabelVolume, p: Vec3, radiusVoxels = 5): Vec3 | null {
  const g = v.grid
  const [sx, sy, sz] = g.spacingM
  const ci = Math.round((p[0] - v.originM[0]) / sx)
  const cj = Math.round((p[1] - v.originM[1]) / sy)
  const ck = Math.round((p[2] - v.originM[2]) / sz)
  const rad = radiusVoxels * Math.min(sx, sy, sz)
  let mx = 0
  let my = 0
  let mz = 0
  const ri = Math.ceil(rad / sx)
  const rj = Math.ceil(rad / sy)
  const rk = Math.ceil(rad / sz)
  for (let c = -rk; c <= rk; c++) {
    for (let b = -rj; b <= rj; b++) {
      for (let a = -ri; a <= ri; a++) {
        const i = ci + a
        const j = cj + b
        const k = ck + c
        if (i < 0 || j < 0 || k < 0 || i >= g.nx || j >= g.ny || k >= g.nz) continue
        const ox = a * sx
        const oy = b * sy
        const oz = c * sz
        if (ox * ox + oy * oy + oz * oz > rad * rad) continue
        if (!isBoneLabel(v.labels[gridIndex(g, i, j, k)])) continue
        mx += ox
        my += oy
        mz += oz
      }
    }
  }
  const n: Vec3 = [-mx, -my, -mz]
  return Math.hypot(...n) > 0 ? normalize(n) : null
}

/** Marches the sampled cone from the bowl to the focus and builds the report. */
export function analyseBeamPath(
  t: BowlTransducer,
  vol: LabelVolume,
  opts: BeamPathOptions = {},
): BeamPathReport {
  const media = opts.media ?? labelAcousticTable()
  const g = vol.grid
  const step = opts.stepM ?? 0.5 * Math.min(...g.spacingM)
  const clearance = opts.focusClearanceM ?? 0.003
  const rings = opts.rings ?? 6
  const perRing = opts.raysPerRing ?? 24
  const r = t.radiusOfCurvatureM
  const f = t.focusM
  const d = t.axisUnit
  const [e1, e2] = perpendicularBasis(d)
  const thMin = Math.asin(t.holeDiameterM / (2 * r))
  const thMax = Math.asin(t.apertureDiameterM / (2 * r))
  const hit = new Map<number, { w: number; nearest: number }>()
  let wTotal = 0
  // Ray 0 is the beam axis (weight 0: it only feeds the incidence and skin checks).
  const rays: { th: number; ph: number; w: number }[] = [{ th: 0, ph: 0, w: 0 }]
  for (let ir = 0; ir < rings; ir++) {
    const th0 = thMin + ((thMax - thMin) * ir) / rings
    const th1 = thMin + ((thMax - thMin) * (ir + 1)) / rings
    const n = Math.max(4, Math.round((perRing * (ir + 1)) / rings))
    const w = (Math.cos(th0) - Math.cos(th1)) / n
    for (let ip = 0; ip < n; ip++) {
      rays.push({ th: 0.5 * (th0 + th1), ph: (2 * Math.PI * (ip + 0.5)) / n, w })
    }
  }
  let boneIncidence: BoneIncidence | null = null
  let skinPoint: Vec3 | null = null
  for (const ray of rays) {
    const a = -r * Math.cos(ray.th)
    const b = r * Math.sin(ray.th) * Math.cos(ray.ph)
    const c = r * Math.sin(ray.th) * Math.sin(ray.ph)
    const start: Vec3 = [
      f[0] + a * d[0] + b * e1[0] + c * e2[0],
      f[1] + a * d[1] + b * e1[1] + c * e2[1],
      f[2] + a * d[2] + b * e1[2] + c * e2[2],
    ]
    const dir = normalize(sub(f, start))
    // The axis ray runs 20 mm past the focus: the target bone surface usually sits at the focus.
    const nSteps = Math.floor((ray.w === 0 ? r + 0.02 : r - clearance) / step)
    const seen = new Set<number>()
    let prev = 0
    for (let s = 0; s <= nSteps; s++) {
      const p: Vec3 = [
        start[0] + s * step * dir[0],
        start[1] + s * step * dir[1],
        start[2] + s * step * dir[2],
      ]
      const lab = labelAt(vol, p)
      const toFocus = r - s * step
      if (ray.w === 0) {
        if (skinPoint === null && prev === 0 && lab !== 0) skinPoint = p
        if (boneIncidence === null && isBoneLabel(lab) && !isBoneLabel(prev)) {
          const nrm = boneNormalAt(vol, p)
          const cosI = nrm ? Math.min(1, Math.abs(dot(nrm, dir))) : 1
          const crit = criticalAngleRad(media[prev].speedMPerS, media[lab].speedMPerS)
          const inc = Math.acos(cosI)
          boneIncidence = {
            pointM: p,
            incidenceRad: inc,
            criticalRad: crit,
            isBeyondCritical: inc > crit,
          }
        }
      } else if (lab !== 0 && !seen.has(lab)) {
        seen.add(lab)
        const h = hit.get(lab) ?? { w: 0, nearest: Infinity }
        h.w += ray.w
        h.nearest = Math.min(h.nearest, toFocus)
        hit.set(lab, h)
      } else if (lab !== 0) {
        const h = hit.get(lab)
        if (h) h.nearest = Math.min(h.nearest, toFocus)
      }
      prev = lab
    }
    wTotal += ray.w
  }
  const crossings: BeamCrossing[] = [...hit.entries()]
    .map(([label, h]) => {
      const info = structureById(label)
      return {
        label,
        name: info.name,
        criticality: info.criticality,
        coneFraction: h.w / wTotal,
        nearestToFocusM: h.nearest,
      }
    })
    .sort((x, y) => y.coneFraction - x.coneFraction)
  const skin = skinPoint ? skinEntry(t, skinPoint, opts.durationS ?? 20) : null
  return { crossings, warnings: beamWarnings(crossings, boneIncidence, skin), boneIncidence, skin }
}

function skinEntry(t: BowlTransducer, p: Vec3, durationS: number): SkinEntry {
  const dist = Math.hypot(...sub(t.focusM, p))
  // Geometric cone: radius at distance s from the focus scales as s/R of the aperture radius.
  const rad = (0.5 * t.apertureDiameterM * dist) / t.radiusOfCurvatureM
  const area = Math.PI * rad * rad
  return {
    pointM: p,
    distanceToFocusM: dist,
    beamAreaM2: area,
    energyDensityJPerM2: (t.powerW * durationS) / area,
  }
}

function beamWarnings(
  crossings: readonly BeamCrossing[],
  bone: BoneIncidence | null,
  skin: SkinEntry | null,
): BeamWarning[] {
  const out: BeamWarning[] = []
  const pct = (x: number): string => `${(100 * x).toFixed(0)} %`
  for (const c of crossings) {
    const info = structureById(c.label)
    const isBlocking = info.tissue === 'gas' || info.tissue === 'lung'
    if (isBlocking) {
      out.push({
        severity: 'critical',
        code: 'gasInPath',
        label: c.label,
        message: `${c.name} in the beam path (${pct(c.coneFraction)} of the cone): near-total reflection, risk of injury`,
      })
    } else if (info.tissue === 'nerve' || info.key === 'bowel') {
      out.push({
        severity: 'critical',
        code: 'criticalInPath',
        label: c.label,
        message: `${c.name} in the beam path (${pct(c.coneFraction)} of the cone)`,
      })
    } else if (isBoneLabel(c.label) && c.nearestToFocusM > BEAM_PATH_LIMITS.boneBeforeTargetM) {
      out.push({
        severity: 'caution',
        code: 'boneBeforeTarget',
        label: c.label,
        message: `${c.name} before the target (${pct(c.coneFraction)} of the cone) absorbs and reflects the beam`,
      })
    } else if (c.criticality === 'critical') {
      const severity =
        c.coneFraction > BEAM_PATH_LIMITS.criticalConeFraction ? 'critical' : 'caution'
      out.push({
        severity,
        code: 'criticalInPath',
        label: c.label,
        message: `${c.name} in the beam path (${pct(c.coneFraction)} of the cone)`,
      })
    }
  }
  if (bone?.isBeyondCritical) {
    const deg = (x: number): string => `${((x * 180) / Math.PI).toFixed(0)}°`
    out.push({
      severity: 'caution',
      code: 'beyondCriticalAngle',
      message: `Incidence ${deg(bone.incidenceRad)} at the bone exceeds the critical angle ${deg(bone.criticalRad)}: the compressional wave is totally reflected`,
    })
  }
  if (skin && skin.distanceToFocusM < BEAM_PATH_LIMITS.minSkinToFocusM) {
    out.push({
      severity: 'caution',
      code: 'nearField',
      message: 'Focus closer than 1 cm to the skin: skin heating likely',
    })
  }
  if (skin && skin.energyDensityJPerM2 > BEAM_PATH_LIMITS.skinEnergyLimitJPerM2) {
    out.push({
      severity: 'caution',
      code: 'skinEnergy',
      message: `Energy density at the skin ${(skin.energyDensityJPerM2 / 1e4).toFixed(0)} J/cm² exceeds the limit`,
    })
  }
  return out
}
