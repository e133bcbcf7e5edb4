/**
 * The hip bone (os coxae) of one side as a tracked smooth union:
 * - the iliac wing: a curved plate whose axial section is a circular arc through a posterior (sacro-iliac),
 *   a lateral and an anterior (ASIS) control point, the arc flaring outwards towards the crest; thickness
 *   < 5 mm in the centre (Wang23Iliac), a thick rim under the crest (men 20.3, women 13.8 mm, Wang23Iliac),
 *   thick posteriorly (Hwang97) and along the anterior border;
 * - the posterior ilium against the sacral alae (sacro-iliac joint, 2.5 mm gap [U]);
 * - the supra-acetabular body and the acetabulum, opening along the axis given by inclination 39° and
 *   anteversion 20° (Stem06 [V], [D] ANATOMY §2.2), with a socket for the head plus joint space;
 * - ischium (posterior column, spine, tuberosity) and pubis (rami, body at the symphysis).
 * Control-point positions relative to the hip centre are teaching defaults [U] (bi-iliac width ~280).
 * Sub-parts: 0 ilium, 1 ischium, 2 pubis.
 */
import type { Vec3 } from '../../lib/vec3'
import { deg, shiftFrame, worldFrame } from './frame'
import type { PelvisParams } from './phantomSpec'
import type { SacrumModel } from './sacrum'
import {
  capsule,
  custom,
  ellipsoid,
  intersect,
  roundBox,
  roundCone,
  sphere,
  subtract,
  trackedUnion,
  type Shape,
  type TrackedPart,
} from './sdf'

/** Sub-part indices of the hip bone. */
export const HIP_SUB = { ilium: 0, ischium: 1, pubis: 2 } as const

/** A built hip bone. */
export interface HipBoneModel {
  readonly shape: Shape
  /** Acetabular opening axis (unit, pointing out of the socket). */
  readonly acetabularAxis: Vec3
  /** Named points (without side prefix). */
  readonly points: Readonly<Record<string, Vec3>>
  /** Iliac wing alone (for the gluteal / iliacus muscles). */
  readonly wing: WingGeometry
  /** Sacro-iliac joint space (to paint as joint). */
  readonly siJoint: Shape
}

/** The wing's arc at height z: centre, radius, angular range (posterior → anterior). */
export interface WingGeometry {
  at(z: number): { cx: number; cy: number; r: number; t0: number; t1: number }
  readonly zBottom: number
  readonly zTop: number
}

const lerp3 = (a: Vec3, b: Vec3, t: number): Vec3 => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
]

/** Circle through three 2-D points. */
function circle3(a: Vec3, b: Vec3, c: Vec3): { cx: number; cy: number; r: number } {
  const d = 2 * (a[0] * (b[1] - c[1]) + b[0] * (c[1] - a[1]) + c[0] * (a[1] - b[1]))
  const a2 = a[0] ** 2 + a[1] ** 2,
    b2 = b[0] ** 2 + b[1] ** 2,
    c2 = c[0] ** 2 + c[1] ** 2
  const cx = (a2 * (b[1] - c[1]) + b2 * (c[1] - a[1]) + c2 * (a[1] - b[1])) / d
  const cy = (a2 * (c[0] - b[0]) + b2 * (a[0] - c[0]) + c2 * (b[0] - a[0])) / d
  return { cx, cy, r: Math.hypot(a[0] - cx, a[1] - cy) }
}

const smooth = (e0: number, e1: number, x: number): number => {
  const t = Math.min(Math.max((x - e0) / (e1 - e0), 0), 1)
  return t * t * (3 - 2 * t)
}

/** Builds the left (s = 1) or right (s = −1) hip bone around hip centre H. */
export function buildHipBone(
  s: number,
  H: Vec3,
  pp: PelvisParams,
  sacrum: SacrumModel,
): HipBoneModel {
  const f1 = sacrum.frames[0]!,
    f2 = sacrum.frames[1]!
  const seg1 = sacrum.segments[0]!,
    seg2 = sacrum.segments[1]!
  const alaV = (seg: typeof seg1): number =>
    (-seg.depthMm / 2 + 6 + seg.depthMm / 2 + seg.canalB * 2 + 14) / 2
  const gap = 2.5
  const halfW = pp.biIliacWidthMm / 2
  // Wing control points at the bottom (zB) and top (zT) of the wing [U].
  const zB = H[2] + 38,
    zT = H[2] + 140
  const post = shiftFrame(f1, s * (sacrum.alaEdgeMm[0]! + gap + 10), alaV(seg1) + 12, 5).o
  const pB: Vec3 = [post[0] - s * 6, post[1] + 4, zB]
  const pT: Vec3 = [post[0] - s * 10, post[1] + 8, zT]
  const lB: Vec3 = [H[0] + s * 2, H[1] + 8, zB]
  const lT: Vec3 = [s * (halfW - 5), H[1] + 22, zT]
  const aB: Vec3 = [H[0] + s * 12, H[1] - 36, zB]
  const aT: Vec3 = [s * (halfW - 22), H[1] - 58, zT]
  const cache = { z: NaN, cx: 0, cy: 0, r: 0, t0: 0, t1: 0 }
  const wing: WingGeometry = {
    zBottom: zB,
    zTop: zT,
    at(z: number) {
      if (z !== cache.z) {
        const t = Math.min(Math.max((z - zB) / (zT - zB), 0), 1)
        const P = lerp3(pB, pT, t),
          L = lerp3(lB, lT, t),
          A = lerp3(aB, aT, t)
        const c = circle3(P, L, A)
        cache.z = z
        cache.cx = c.cx
        cache.cy = c.cy
        cache.r = c.r
        cache.t0 = Math.atan2(P[1] - c.cy, P[0] - c.cx)
        cache.t1 = Math.atan2(A[1] - c.cy, A[0] - c.cx)
      }
      return cache
    },
  }
  const crestTop = (u: number): number =>
    H[2] +
    (u < 0.3
      ? 78 + (62 * u) / 0.3
      : u < 0.6
        ? 140 - ((u - 0.3) / 0.3) * 15
        : 125 - ((u - 0.6) / 0.4) * 60)
  const thin = pp.iliacWingCentreMm
  const crest = pp.iliacCrestMm
  const wingShape = custom(
    {
      x0: Math.min(0, s * 40, s * (halfW + 20)),
      x1: Math.max(0, s * 40, s * (halfW + 20)),
      y0: H[1] - 110,
      y1: post[1] + 40,
      z0: zB - 10,
      z1: zT + 15,
    },
    (x, y, z) => {
      const g = wing.at(Math.min(Math.max(z, zB), zT))
      const dx = x - g.cx,
        dy = y - g.cy
      const rr = Math.hypot(dx, dy)
      const th = Math.atan2(dy, dx)
      // Arc parameter u: 0 at the posterior end, 1 at the anterior end (angles unwrapped around t0).
      let span = g.t1 - g.t0
      const sgn = s > 0 ? -1 : 1
      while (sgn * span < 0) span += sgn * 2 * Math.PI
      let rel = th - g.t0
      while (sgn * rel < -0.5) rel += sgn * 2 * Math.PI
      while (sgn * rel > sgn * span + 0.5 * Math.PI) rel -= sgn * 2 * Math.PI
      const u = rel / span
      const uc = Math.min(Math.max(u, 0), 1)
      const zTop = crestTop(uc)
      const t =
        thin +
        crest * smooth(zTop - 24, zTop, z) +
        26 * (1 - smooth(0, 0.3, uc)) +
        8 * smooth(0.85, 1, uc) +
        20 * (1 - smooth(zB - 5, zB + 35, z))
      const dr = Math.abs(rr - g.r) - t / 2
      const da = u < 0 ? -u * span * sgn * g.r : u > 1 ? (u - 1) * span * sgn * g.r : 0
      const dz = Math.max(z - zTop, zB - 10 - z)
      const e = Math.max(dr, 0),
        f = Math.max(da, 0),
        h = Math.max(dz, 0)
      return Math.sqrt(e * e + f * f + h * h) + Math.min(Math.max(dr, da, dz), 0)
    },
  )
  const parts: TrackedPart[] = [{ shape: wingShape, shellMm: 1.2, sub: HIP_SUB.ilium }]
  // Posterior ilium against the alae of S1 and S2 (medial face = joint surface).
  const siBlocks: Shape[] = []
  for (const [f, seg, i] of [
    [f1, seg1, 0],
    [f2, seg2, 1],
  ] as const) {
    const half = i === 0 ? 13 : 14
    const edge = sacrum.alaEdgeMm[i]!
    const blk = ellipsoid(
      shiftFrame(f, s * (edge + gap + half), alaV(seg) + 6, i === 0 ? 6 : 2),
      half + 2,
      27,
      i === 0 ? 24 : 19,
    )
    parts.push({ shape: blk, shellMm: 1.5, sub: HIP_SUB.ilium })
    siBlocks.push(
      roundBox(
        shiftFrame(f, s * (edge + gap / 2), alaV(seg) + 4, i === 0 ? 6 : 2),
        gap / 2,
        20,
        i === 0 ? 16 : 12,
        1,
      ),
    )
  }
  // Supra-acetabular body and acetabulum.
  const R = pp.femoralHeadDiameterMm / 2 + pp.hipJointSpaceMm
  const I = deg(pp.acetabularInclinationDeg),
    A = deg(pp.acetabularAnteversionDeg)
  const ax: Vec3 = [s * Math.sin(I) * Math.cos(A), -Math.sin(A), -Math.cos(I) * Math.cos(A)]
  parts.push({
    shape: ellipsoid(worldFrame([H[0] - s * 6, H[1] + 6, H[2] + 30]), 21, 28, 27),
    shellMm: 1.5,
    sub: HIP_SUB.ilium,
  })
  const rim = R * 0.12
  const cup = subtract(
    intersect(
      sphere(H, R + 9),
      custom(
        sphere(H, R + 9).box,
        (x, y, z) => (x - H[0]) * ax[0] + (y - H[1]) * ax[1] + (z - H[2]) * ax[2] - rim,
      ),
    ),
    sphere(H, R),
  )
  parts.push({ shape: cup, shellMm: 1.5, sub: HIP_SUB.ilium })
  // Ischium: posterior column to the tuberosity, and the ischial spine.
  const tub: Vec3 = [H[0] - s * 26, H[1] + 30, H[2] - 55]
  parts.push({
    shape: roundCone([H[0] - s * 4, H[1] + 20, H[2] - 12], 12, tub, 13),
    shellMm: 1.5,
    sub: HIP_SUB.ischium,
  })
  parts.push({ shape: ellipsoid(worldFrame(tub), 12, 16, 17), shellMm: 1.5, sub: HIP_SUB.ischium })
  parts.push({
    shape: roundCone(
      [H[0] - s * 18, H[1] + 30, H[2] - 6],
      6,
      [H[0] - s * 36, H[1] + 40, H[2] - 9],
      2,
    ),
    shellMm: 1.5,
    sub: HIP_SUB.ischium,
  })
  // Pubis: superior ramus, body at the symphysis, inferior ramus to the tuberosity.
  const sym: Vec3 = [0, H[1] - 48, H[2] - 28]
  const body: Vec3 = [s * 12.5, sym[1] + 2, sym[2]]
  parts.push({
    shape: roundCone([H[0] - s * 18, H[1] - 20, H[2] - 8], 10, [s * 14, sym[1], sym[2] + 5], 8),
    shellMm: 1.5,
    sub: HIP_SUB.pubis,
  })
  parts.push({ shape: ellipsoid(worldFrame(body), 10, 12, 18), shellMm: 1.5, sub: HIP_SUB.pubis })
  parts.push({
    shape: capsule([s * 15, sym[1] + 8, sym[2] - 15], [H[0] - s * 30, H[1] + 24, H[2] - 62], 7),
    shellMm: 1.5,
    sub: HIP_SUB.pubis,
  })
  // Wing centre: middle of the arc half-way up the wing, with a point 10 mm outwards along its normal.
  const zMid = (zB + zT) / 2 + 10
  const gm = wing.at(zMid)
  let spanM = gm.t1 - gm.t0
  if (s > 0 && spanM > 0) spanM -= 2 * Math.PI
  if (s < 0 && spanM < 0) spanM += 2 * Math.PI
  const thM = gm.t0 + 0.5 * spanM
  const wc: Vec3 = [gm.cx + gm.r * Math.cos(thM), gm.cy + gm.r * Math.sin(thM), zMid]
  const points: Record<string, Vec3> = {
    acetabulumCentre: H,
    asis: aT,
    iliacCrest: [s * (halfW - 5), H[1] + 22, crestTop(0.3)],
    supraAcetabular: [H[0] - s * 6, H[1] + 6, H[2] + 30],
    ischialTuberosity: tub,
    symphysis: sym,
    wingCentre: wc,
    wingOutward: [wc[0] + 10 * Math.cos(thM), wc[1] + 10 * Math.sin(thM), zMid],
  }
  return {
    shape: trackedUnion(parts, 9),
    acetabularAxis: ax,
    points,
    wing,
    siJoint: {
      box: siBlocks[0]!.box,
      f: (x, y, z) => Math.min(siBlocks[0]!.f(x, y, z), siBlocks[1]!.f(x, y, z)),
    },
  }
}
