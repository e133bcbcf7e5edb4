/**
 * Stacks the vertebrae and discs into a sagittal curve. The curve is not prescribed: each body's wedge
 * (anterior vs posterior height) and each disc's wedge (anterior vs posterior height) turn the next frame,
 * so lordosis and kyphosis follow from the morphometry (ANATOMY §1.1, §1.5, §1.7). L3's body centre is the
 * world origin; its tilt is `l3TiltDeg`.
 *
 * Frame convention (per vertebra): origin at the body centre; u = patient left (+x), v = posterior in the
 * sagittal plane, w = superior along the body axis (bisector of the two endplate normals). A tilt θ rotates
 * w from +z towards +y (posterior).
 */
import type { Vec3 } from '../../lib/vec3'
import {
  VERTEBRAE,
  type DiscMorphometry,
  type SpineLevel,
  type VertebraMorphometry,
  type VertebraName,
} from './morphometry'
import type { ResolvedPhantomSpec } from './phantomSpec'
import type { Frame } from './sdf'

/** One placed vertebra (or S1). */
export interface VertebraLayout {
  readonly name: SpineLevel
  readonly frame: Frame
  /** Morphometry actually used (after pathological collapse). */
  readonly m: VertebraMorphometry
  /** Body height at v = 0. */
  readonly heightMidMm: number
  /** Body wedge angle, + = anterior shorter (radians). */
  readonly wedgeRad: number
  /** Depth of the superior / inferior endplate concavity at its centre. */
  readonly concavitySupMm: number
  readonly concavityInfMm: number
  /** Centres of the superior / inferior endplates (rim plane, v = 0). */
  readonly supCentre: Vec3
  readonly infCentre: Vec3
  /** Tilts (radians) of the superior / inferior endplate normals. */
  readonly supTiltRad: number
  readonly infTiltRad: number
}

/** One placed disc, named by the vertebra above. */
export interface DiscLayout {
  readonly upper: VertebraName
  readonly lower: SpineLevel
  /** Origin at the disc centre; w along the mean endplate normal. */
  readonly frame: Frame
  readonly m: DiscMorphometry
}

/** The whole stack. */
export interface SpineLayout {
  readonly vertebrae: Readonly<Record<SpineLevel, VertebraLayout>>
  readonly discs: readonly DiscLayout[]
  /** T12 superior to S1 superior endplate angle (degrees, + = lordosis). */
  readonly lordosisDeg: number
  /** Angle of the S1 endplate with the axial plane (degrees, + = facing anteriorly). */
  readonly sacralSlopeDeg: number
}

const tiltFrame = (o: Vec3, t: number): Frame => ({
  o,
  u: [1, 0, 0],
  v: [0, Math.cos(t), -Math.sin(t)],
  w: [0, Math.sin(t), Math.cos(t)],
})

const axis = (t: number): Vec3 => [0, Math.sin(t), Math.cos(t)]
const along = (p: Vec3, t: number, d: number): Vec3 => {
  const a = axis(t)
  return [p[0] + a[0] * d, p[1] + a[1] * d, p[2] + a[2] * d]
}

/** Anterior / posterior height after a collapse of `pct` % (posterior wall loses a third as much). */
function collapsed(m: VertebraMorphometry, pct: number): VertebraMorphometry {
  if (pct <= 0) return m
  return {
    ...m,
    anteriorHeightMm: m.anteriorHeightMm * (1 - pct / 100),
    posteriorHeightMm: m.posteriorHeightMm * (1 - pct / 300),
  }
}

/** Places every vertebra and disc (see the module header). */
export function layoutSpine(spec: ResolvedPhantomSpec): SpineLayout {
  const sp = spec.spine
  const collapse = new Map<string, number>()
  for (const l of spec.lesions) {
    if ((l.collapsePercent ?? 0) > 0) collapse.set(l.bone, l.collapsePercent ?? 0)
  }
  const names: SpineLevel[] = [...VERTEBRAE, 'S1']
  const morph = (n: SpineLevel): VertebraMorphometry =>
    collapsed(n === 'S1' ? sp.s1 : sp.levels[n], collapse.get(n) ?? 0)
  const wedge = (m: VertebraMorphometry): number =>
    Math.atan((m.posteriorHeightMm - m.anteriorHeightMm) / m.endplateDepthMm)
  const hMid = (m: VertebraMorphometry): number => (m.anteriorHeightMm + m.posteriorHeightMm) / 2
  const discOf = (upper: VertebraName): DiscMorphometry => sp.discs[upper]
  const discWedge = (upper: VertebraName, lower: SpineLevel): number => {
    const d = discOf(upper)
    const depth = (morph(upper).endplateDepthMm + morph(lower).endplateDepthMm) / 2
    return Math.atan((d.posteriorMm - d.anteriorMm) / depth)
  }

  const tilt = new Map<SpineLevel, number>()
  const origin = new Map<SpineLevel, Vec3>()
  const i3 = names.indexOf('L3')
  tilt.set('L3', (sp.l3TiltDeg * Math.PI) / 180)
  origin.set('L3', [0, 0, 0])
  // Upwards from L3.
  for (let i = i3 - 1; i >= 0; i--) {
    const a = names[i] as VertebraName
    const b = names[i + 1]!
    const mb = morph(b)
    const tb = tilt.get(b)!
    const supB = along(origin.get(b)!, tb, hMid(mb) / 2)
    const tBsup = tb - wedge(mb) / 2
    const tAinf = tBsup - discWedge(a, b)
    const d = discOf(a)
    const infA = along(supB, (tBsup + tAinf) / 2, (d.anteriorMm + d.posteriorMm) / 2)
    const ta = tAinf - wedge(morph(a)) / 2
    tilt.set(a, ta)
    origin.set(a, along(infA, ta, hMid(morph(a)) / 2))
  }
  // Downwards from L3 to S1.
  for (let i = i3 + 1; i < names.length; i++) {
    const a = names[i - 1] as VertebraName
    const b = names[i]!
    const ma = morph(a)
    const ta = tilt.get(a)!
    const infA = along(origin.get(a)!, ta, -hMid(ma) / 2)
    const tAinf = ta + wedge(ma) / 2
    const tBsup = tAinf + discWedge(a, b)
    const d = discOf(a)
    const supB = along(infA, (tBsup + tAinf) / 2, -(d.anteriorMm + d.posteriorMm) / 2)
    const tb = tBsup + wedge(morph(b)) / 2
    tilt.set(b, tb)
    origin.set(b, along(supB, tb, -hMid(morph(b)) / 2))
  }

  // Endplate concavity = disc middle height − rim mean, split 60/40 between the inferior endplate above
  // and the superior endplate below (inferior endplates are deeper, Sun_ECD); S1 is flat.
  const concSup = new Map<SpineLevel, number>()
  const concInf = new Map<SpineLevel, number>()
  for (let i = 0; i < VERTEBRAE.length; i++) {
    const a = VERTEBRAE[i]!
    const b = names[i + 1]!
    const d = discOf(a)
    const c = Math.max(0, d.middleMm - (d.anteriorMm + d.posteriorMm) / 2)
    const toLower = b === 'S1' ? 0 : 0.4 * c
    concInf.set(a, c - toLower)
    concSup.set(b, toLower)
  }

  const vertebrae = {} as Record<SpineLevel, VertebraLayout>
  for (const n of names) {
    const m = morph(n)
    const t = tilt.get(n)!
    const o = origin.get(n)!
    const wr = wedge(m)
    vertebrae[n] = {
      name: n,
      frame: tiltFrame(o, t),
      m,
      heightMidMm: hMid(m),
      wedgeRad: wr,
      concavitySupMm: concSup.get(n) ?? 0,
      concavityInfMm: concInf.get(n) ?? 0,
      supCentre: along(o, t, hMid(m) / 2),
      infCentre: along(o, t, -hMid(m) / 2),
      supTiltRad: t - wr / 2,
      infTiltRad: t + wr / 2,
    }
  }
  const discs: DiscLayout[] = VERTEBRAE.map((a, i) => {
    const b = names[i + 1]!
    const va = vertebrae[a]
    const vb = vertebrae[b]
    const c: Vec3 = [
      (va.infCentre[0] + vb.supCentre[0]) / 2,
      (va.infCentre[1] + vb.supCentre[1]) / 2,
      (va.infCentre[2] + vb.supCentre[2]) / 2,
    ]
    return {
      upper: a,
      lower: b,
      frame: tiltFrame(c, (va.infTiltRad + vb.supTiltRad) / 2),
      m: discOf(a),
    }
  })
  const deg = 180 / Math.PI
  return {
    vertebrae,
    discs,
    lordosisDeg: (vertebrae.T12.supTiltRad - vertebrae.S1.supTiltRad) * deg,
    sacralSlopeDeg: -vertebrae.S1.supTiltRad * deg,
  }
}
