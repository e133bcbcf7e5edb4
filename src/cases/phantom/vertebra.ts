/**
 * One vertebra as a smooth union of SDF pieces in its layout frame (spineLayout.ts): the body (kidney-shaped
 * section, waist, wedged and concave endplates, rounded rim), pedicles (elliptic cylinders along the
 * pedicle axis), laminae, spinous process, transverse processes and the articular processes of the facet
 * joints above (superior processes) and below (inferior processes, placed in the lower vertebra's frame so
 * the joint surfaces match). The union reports the local cortex thickness and piece through `aux`.
 */
import { normalize, type Vec3 } from '../../lib/vec3'
import { deg, dirToWorld, frameFromWU, toWorld } from './frame'
import { isThoracic, type VertebraMorphometry } from './morphometry'
import type { SpineParams } from './phantomSpec'
import {
  aux,
  ellipse2,
  ellipticCylinder,
  roundBox,
  roundCone,
  trackedUnion,
  type Frame,
  type Shape,
  type TrackedPart,
} from './sdf'
import type { VertebraLayout } from './spineLayout'

/** Sub-part indices reported through `aux.sub` by vertebra shapes. */
export const SUB = { bodyWall: 0, endplate: 1, pedicle: 2, arch: 3 } as const

/** A built vertebra. */
export interface VertebraModel {
  /** Whole bone (tracked union). */
  readonly shape: Shape
  /** Body alone. */
  readonly body: Shape
  /** Pedicle isthmus centre and unit posterior axis, per side. */
  readonly pedicles: Readonly<
    Record<'L' | 'R', { readonly isthmus: Vec3; readonly posterior: Vec3 }>
  >
  /** Named points (LPS mm), keys without the level prefix. */
  readonly points: Readonly<Record<string, Vec3>>
}

/** Local geometry shared by the pieces. */
interface Local {
  readonly fr: Frame
  readonly m: VertebraMorphometry
  readonly thoracic: boolean
  /** Pedicle centre height (local w). */
  readonly wP: number
}

/** Height of the pedicle centre above the body centre: pedicles sit in the upper body. */
export const pedicleCentreW = (L: VertebraLayout): number =>
  L.m.posteriorHeightMm / 2 - L.m.pedicleHeightMm / 2 - 1

/** Pedicle isthmus centre in local coordinates for side s (+1 left, −1 right). */
export function pedicleLocal(L: VertebraLayout, s: number): Vec3 {
  const m = L.m
  const a = deg(m.pedicleTransverseAngleDeg)
  return [
    s * (m.canalWidthMm / 2 + m.pedicleWidthMm / 2 / Math.cos(a)),
    m.endplateDepthMm / 2 + m.canalDepthMm / 2,
    pedicleCentreW(L),
  ]
}

/** Unit posterior pedicle axis in local coordinates. */
export function pedicleAxisLocal(m: VertebraMorphometry, s: number): Vec3 {
  const a = deg(m.pedicleTransverseAngleDeg)
  const b = deg(m.pedicleSagittalAngleDeg)
  return [s * Math.sin(a) * Math.cos(b), Math.cos(a) * Math.cos(b), Math.sin(b)]
}

/**
 * Pedicle-arch junction (local): where the pedicle meets lamina, transverse and articular processes,
 * 0.3 pedicle widths plus 4 mm behind the isthmus, so that the isthmus itself stays a clean elliptic section.
 */
export function archJunctionLocal(L: VertebraLayout, s: number): Vec3 {
  const P = pedicleLocal(L, s)
  const ax = pedicleAxisLocal(L.m, s)
  const d = 0.3 * L.m.pedicleWidthMm + 4
  return [P[0] + ax[0] * d, P[1] + ax[1] * d, P[2] + ax[2] * d]
}

/** The vertebral body SDF (sets aux.sub to bodyWall or endplate and the matching shell). */
export function vertebralBody(L: VertebraLayout, sp: SpineParams): Shape {
  const m = L.m
  const W = m.endplateWidthMm,
    D = m.endplateDepthMm
  const [ox, oy, oz] = L.frame.o
  const [, vy, vz] = L.frame.v
  const [, wy, wz] = L.frame.w
  const vE = 0.12 * D,
    bE = 0.62 * D,
    a = W / 2,
    hD = D / 2
  const k = (m.posteriorHeightMm - m.anteriorHeightMm) / (2 * D)
  const cosT = 1 / Math.sqrt(1 + k * k)
  const hHalf = L.heightMidMm / 2
  const cs = L.concavitySupMm,
    ci = L.concavityInfMm
  const waist = sp.bodyWaist
  const rho = sp.rimRoundingMm
  const shell = sp.bodyShellMm,
    endplate = sp.endplateMm
  const hMax = Math.max(m.anteriorHeightMm, m.posteriorHeightMm) / 2 + 1
  const fr = L.frame
  const ext = (i: 0 | 1 | 2): number =>
    Math.abs(fr.u[i] * a) + Math.abs(fr.v[i] * hD) + Math.abs(fr.w[i] * hMax)
  return {
    box: {
      x0: ox - ext(0),
      y0: oy - ext(1),
      z0: oz - ext(2),
      x1: ox + ext(0),
      y1: oy + ext(1),
      z1: oz + ext(2),
    },
    f: (x, y, z) => {
      // The frame's u axis is world x (layout frames only tilt in the sagittal plane).
      const lu = x - ox
      const py = y - oy,
        pz = z - oz
      const lv = py * vy + pz * vz
      const lw = py * wy + pz * wz
      const tw = lw / (0.7 * hHalf)
      const s = 1 - waist * Math.max(0, 1 - tw * tw)
      const uu = lu / s
      const vv = hD + (lv - hD) / s
      const dE = ellipse2(uu, vv - vE, a, bE)
      const dP = vv - hD
      const d2 = smax(dE, dP, 3) * s
      const r2 = (lu / a) ** 2 + (lv / hD) ** 2
      const q = Math.max(0, 1 - r2 / 0.5625)
      const prof = q * q
      const top = hHalf + k * lv - cs * prof
      const bot = -hHalf - k * lv + ci * prof
      const dw = Math.max(lw - top, bot - lw) * cosT
      const A = d2 + rho,
        B = dw + rho
      const mA = Math.max(A, 0),
        mB = Math.max(B, 0)
      const isEnd = dw > d2
      aux.sub = isEnd ? SUB.endplate : SUB.bodyWall
      aux.shellMm = isEnd ? endplate : shell
      return Math.sqrt(mA * mA + mB * mB) + Math.min(Math.max(A, B), 0) - rho
    },
  }
}

const smax = (a: number, b: number, k: number): number => {
  const h = Math.max(k - Math.abs(a - b), 0) / k
  return Math.max(a, b) + h * h * k * 0.25
}

/** Oriented rounded box from local centre, local long axis w' and local width axis u'. */
function piece(
  fr: Frame,
  c: Vec3,
  wAxis: Vec3,
  uAxis: Vec3,
  hu: number,
  hv: number,
  hw: number,
  r: number,
): Shape {
  const f = frameFromWU(
    toWorld(fr, c[0], c[1], c[2]),
    dirToWorld(fr, wAxis[0], wAxis[1], wAxis[2]),
    dirToWorld(fr, uAxis[0], uAxis[1], uAxis[2]),
  )
  return roundBox(f, hu, hv, hw, r)
}

/** Facet joint with the vertebra above `L`, in L's frame: centre, normal (towards the inferior process). */
export function facetJointLocal(L: VertebraLayout, s: number): { c: Vec3; n: Vec3; t: Vec3 } {
  const m = L.m
  const g = deg(m.facetAngleDeg)
  const J = archJunctionLocal(L, s)
  return {
    c: [(s * m.interfacetRatio * m.endplateWidthMm) / 2, J[1] + 2, m.posteriorHeightMm / 2 + 2],
    n: [-s * Math.cos(g), Math.sin(g), 0],
    t: [s * Math.sin(g), Math.cos(g), 0],
  }
}

/** Superior articular process of L (joint with the vertebra above). */
export function superiorProcess(L: VertebraLayout, s: number, gapMm: number): Shape {
  const th = isThoracic(L.name) ? 4 : 5.5
  const j = facetJointLocal(L, s)
  const off = gapMm / 2 + th / 2
  const top = j.c[2] + (isThoracic(L.name) ? 6 : 8)
  const bot = pedicleCentreW(L)
  const c: Vec3 = [j.c[0] - j.n[0] * off, j.c[1] - j.n[1] * off, (top + bot) / 2]
  return piece(L.frame, c, [0, 0, 1], j.t, 6, th / 2, (top - bot) / 2, 2)
}

/** Inferior articular process of the vertebra above `below`, built in `below`'s frame. */
export function inferiorProcess(
  below: VertebraLayout,
  s: number,
  gapMm: number,
  thoracic: boolean,
): Shape {
  const th = thoracic ? 4 : 5.5
  const j = facetJointLocal(below, s)
  const off = gapMm / 2 + th / 2
  const c: Vec3 = [j.c[0] + j.n[0] * off, j.c[1] + j.n[1] * off, j.c[2] + 4]
  return piece(below.frame, c, [0, 0, 1], j.t, 6, th / 2, 13, 2)
}

/** Cranio-caudal span of the laminae: from just above the pedicle centre to below the inferior endplate. */
function laminaSpan(L: VertebraLayout, thoracic: boolean): { lamTop: number; lamBot: number } {
  return {
    lamTop: pedicleCentreW(L) + 3,
    lamBot: -L.m.posteriorHeightMm / 2 - (thoracic ? 8 : 7),
  }
}

function archPieces(loc: Local, L: VertebraLayout, s: number, sp: SpineParams): Shape[] {
  const { fr, m, thoracic, wP } = loc
  const D = m.endplateDepthMm
  const J = archJunctionLocal(L, s)
  const lt = m.laminaThicknessMm
  const { lamTop, lamBot } = laminaSpan(L, thoracic)
  const M: Vec3 = [0, D / 2 + m.canalDepthMm + lt / 2, (lamTop + lamBot) / 2]
  const lu = normalize([M[0] - J[0], M[1] - J[1], 0])
  // Overshoots the midline by 2.5 mm (the two laminae fuse) but not the junction.
  const lenHalf = Math.hypot(M[0] - J[0], M[1] - J[1]) / 2 + 1.25
  // The lamina leans (upper edge forwards); it is moved back so its upper edge stays behind the pedicle.
  const lean = deg(12)
  const back = ((lamTop - lamBot) / 2) * Math.sin(lean)
  const lamina = piece(
    fr,
    [(J[0] + M[0]) / 2 + lu[0] * 1.25, (J[1] + M[1]) / 2 + lu[1] * 1.25 + back, M[2]],
    [0, -Math.sin(lean), Math.cos(lean)],
    lu,
    lenHalf,
    lt / 2,
    (lamTop - lamBot) / 2,
    Math.min(2, lt / 2),
  )
  const pieces = [lamina, superiorProcess(L, s, sp.facetGapMm)]
  // Transverse process from the lateral side of the pedicle-lamina junction.
  const sw = deg(m.transverseProcessSweepDeg)
  const dir = normalize([s * Math.cos(sw), Math.sin(sw), thoracic ? 0.25 : 0])
  const B: Vec3 = [J[0] + s * (m.pedicleWidthMm / 2 - 1), J[1], wP]
  const len = m.transverseProcessLengthMm
  const T: Vec3 = [B[0] + dir[0] * len, B[1] + dir[1] * len, B[2] + dir[2] * len]
  if (thoracic) {
    pieces.push(roundCone(toWorld(fr, B[0], B[1], B[2]), 4.5, toWorld(fr, T[0], T[1], T[2]), 5))
  } else {
    const thick = L.name === 'L5' ? 9 : 5
    const hgt = L.name === 'L5' ? 14 : 12
    const c: Vec3 = [(B[0] + T[0]) / 2 - dir[0], (B[1] + T[1]) / 2 - dir[1], B[2]]
    pieces.push(piece(fr, c, dir, [0, 0, 1], hgt / 2, thick / 2, len / 2 + 1, 2.4))
  }
  return pieces
}

/** Builds vertebra `L`; `below` is the next level down (for the inferior articular processes). */
export function buildVertebra(
  L: VertebraLayout,
  below: VertebraLayout,
  sp: SpineParams,
): VertebraModel {
  const m = L.m
  const fr = L.frame
  const thoracic = isThoracic(L.name)
  const wP = pedicleCentreW(L)
  const loc: Local = { fr, m, thoracic, wP }
  const D = m.endplateDepthMm
  const body = vertebralBody(L, sp)
  const arch = sp.archCortexMm
  const parts: TrackedPart[] = [{ shape: body, shellMm: NaN, sub: SUB.bodyWall }]
  const pedicles = {} as Record<'L' | 'R', { isthmus: Vec3; posterior: Vec3 }>
  for (const [side, s] of [
    ['L', 1],
    ['R', -1],
  ] as const) {
    const P = pedicleLocal(L, s)
    const ax = pedicleAxisLocal(m, s)
    // Extends 7 mm into the body in front and to the arch junction behind.
    const back = m.canalDepthMm / 2 + 7
    const front = 0.3 * m.pedicleWidthMm + 5
    const c: Vec3 = [
      P[0] + (ax[0] * (front - back)) / 2,
      P[1] + (ax[1] * (front - back)) / 2,
      P[2] + (ax[2] * (front - back)) / 2,
    ]
    const axW = dirToWorld(fr, ax[0], ax[1], ax[2])
    const pf = frameFromWU(toWorld(fr, c[0], c[1], c[2]), axW, dirToWorld(fr, ax[1], -ax[0], 0))
    parts.push({
      shape: ellipticCylinder(
        pf,
        m.pedicleWidthMm / 2,
        m.pedicleHeightMm / 2,
        (front + back) / 2,
        1.5,
      ),
      shellMm: m.pedicleCortexMm,
      sub: SUB.pedicle,
    })
    for (const p of archPieces(loc, L, s, sp)) {
      parts.push({ shape: p, shellMm: arch, sub: SUB.arch })
    }
    parts.push({
      shape: inferiorProcess(below, s, sp.facetGapMm, thoracic),
      shellMm: arch,
      sub: SUB.arch,
    })
    pedicles[side] = { isthmus: toWorld(fr, P[0], P[1], P[2]), posterior: axW }
  }
  // Spinous process from the laminar junction.
  const lt = m.laminaThicknessMm
  const { lamTop, lamBot } = laminaSpan(L, thoracic)
  const tilt = deg(m.spinousTiltDeg)
  const dir: Vec3 = [0, Math.cos(tilt), -Math.sin(tilt)]
  const M: Vec3 = [
    0,
    D / 2 + m.canalDepthMm + lt / 2 - 1,
    thoracic ? lamTop - 4 : (lamTop + lamBot) / 2 - 2,
  ]
  const Ls = m.spinousLengthMm + lt / 2 + 1
  const spW = thoracic ? 6 : 7
  parts.push({
    shape: piece(
      fr,
      [M[0], M[1] + (dir[1] * Ls) / 2, M[2] + (dir[2] * Ls) / 2],
      dir,
      [1, 0, 0],
      spW / 2,
      m.spinousHeightMm / 2,
      Ls / 2,
      2.5,
    ),
    shellMm: arch,
    sub: SUB.arch,
  })
  const tip: Vec3 = [M[0], M[1] + dir[1] * Ls, M[2] + dir[2] * Ls]
  const points: Record<string, Vec3> = {
    bodyCentre: fr.o,
    superiorEndplateCentre: L.supCentre,
    inferiorEndplateCentre: L.infCentre,
    anteriorCortex: toWorld(fr, 0, -D / 2, 0),
    canalCentre: toWorld(fr, 0, D / 2 + m.canalDepthMm / 2, wP),
    spinousTip: toWorld(fr, tip[0], tip[1], tip[2]),
    'pedicle.L': pedicles.L.isthmus,
    'pedicle.R': pedicles.R.isthmus,
  }
  return { shape: trackedUnion(parts, 1.5), body, pedicles, points }
}
