/**
 * Spinal canal contents, painted after the bones so that they carve the canal to its specified size:
 * epidural fat (the whole canal section: interpedicular width × AP depth, Panjabi91/92, Cook21), the
 * anterior internal venous plexus, the thecal sac (CSF; Pierro17 sac/canal ratio), the cord with its
 * lumbar enlargement tapering to the conus at the specified level (Frostell16, Saifuddin98), the cauda
 * equina lying dorsally in the sac (supine), and the exiting roots with their ganglia in the foramina
 * below each pedicle (MRN18, Silverstein15), in a thin fat sleeve.
 */
import { S } from '../../lib/anatomy'
import type { Vec3 } from '../../lib/vec3'
import { toWorld } from './frame'
import { addLayer, partId, type BuildContext, type Model } from './model'
import { isThoracic, VERTEBRAE, type VertebraName } from './morphometry'
import type { SacrumModel } from './sacrum'
import { ellipsoid, ellipticTube, offset, sphere, tube, type Frame, type TubeNode } from './sdf'
import type { VertebraLayout } from './spineLayout'
import { pedicleCentreW, pedicleLocal } from './vertebra'

/** Canal centreline node with its level and the frame it was built in. */
interface CanalNode extends TubeNode {
  readonly level: string
  readonly frame: Frame
}

const X: Vec3 = [1, 0, 0]

/** Every label except bone (the epidural fill never replaces bone). */
const NOT_BONE: readonly number[] = Array.from({ length: 64 }, (_, i) => i).filter(
  (l) => l !== S.corticalBone && l !== S.trabecularBone && l !== S.endplate,
)

/** Canal nodes from above T8 to S4 (vertebra nodes at pedicle height, disc nodes between). */
export function canalNodes(ctx: BuildContext, sacrum: SacrumModel): CanalNode[] {
  const { spine } = ctx
  const out: CanalNode[] = []
  const t8 = spine.vertebrae.T8
  const m8 = t8.m
  out.push({
    level: 'T7',
    frame: t8.frame,
    p: toWorld(t8.frame, 0, m8.endplateDepthMm / 2 + m8.canalDepthMm / 2, 60),
    a: m8.canalWidthMm / 2,
    b: m8.canalDepthMm / 2,
  })
  VERTEBRAE.forEach((v, i) => {
    const L = spine.vertebrae[v]
    const m = L.m
    out.push({
      level: v,
      frame: L.frame,
      p: toWorld(L.frame, 0, m.endplateDepthMm / 2 + m.canalDepthMm / 2, pedicleCentreW(L)),
      a:
        m.canalWidthMm / 2 -
        pedicleOvershoot(m.canalWidthMm / 2, m.canalDepthMm / 2, m.pedicleTransverseAngleDeg),
      b: m.canalDepthMm / 2,
    })
    const disc = spine.discs[i]!
    const lo = spine.vertebrae[disc.lower]
    const D = (m.endplateDepthMm + lo.m.endplateDepthMm) / 2
    const cw = (m.canalWidthMm + lo.m.canalWidthMm) / 2
    const cd = (m.canalDepthMm + lo.m.canalDepthMm) / 2
    out.push({
      level: `${v}-disc`,
      frame: disc.frame,
      p: toWorld(disc.frame, 0, D / 2 + cd / 2, 0),
      a: cw / 2,
      b: cd / 2,
    })
  })
  sacrum.canal.forEach((c, i) => {
    out.push({ level: sacrum.segments[i]!.name, frame: sacrum.frames[i]!, p: c.p, a: c.a, b: c.b })
  })
  return out
}

/**
 * How far an ellipse of half-width a, half-depth b pokes past a pedicle wall that touches its widest point
 * and converges forwards at `angleDeg`: the ellipse is flat at its widest point, the wall is not. The carve
 * is narrowed by this much so it never cuts the pedicle; an epidural fill then reaches the wall.
 */
export function pedicleOvershoot(a: number, b: number, angleDeg: number): number {
  const t = Math.tan((angleDeg * Math.PI) / 180)
  let worst = 0
  for (let i = 1; i <= 50; i++) {
    const d = (b * i) / 50
    worst = Math.max(worst, a * Math.sqrt(1 - (d * d) / (b * b)) - (a - d * t))
  }
  return worst
}

/** Shifts canal nodes towards the front by a fraction of the spare depth and scales them. */
function inner(nodes: readonly CanalNode[], fa: number, fb: number, shiftB: number): TubeNode[] {
  return nodes.map((n) => {
    const v = n.frame.v
    const s = -shiftB * n.b * (1 - fb)
    return {
      p: [n.p[0] + v[0] * s, n.p[1] + v[1] * s, n.p[2] + v[2] * s],
      a: n.a * fa,
      b: n.b * fb,
    }
  })
}

/** What the vessel builders need from the canal. */
export interface CanalModel {
  readonly conusTip: Vec3
  /** Cord centreline nodes (top to conus). */
  readonly cord: readonly TubeNode[]
  /** Posterior unit vector (canal frame v) at each cord node. */
  readonly cordBackDir: readonly Vec3[]
}

/** Adds the canal contents. */
export function addCanal(ctx: BuildContext, model: Model, sacrum: SacrumModel): CanalModel {
  const { spec, spine, enh } = ctx
  const sp = spec.spine
  const hu = spec.hu
  const nodes = canalNodes(ctx, sacrum)
  addLayer(model, 'canal', {
    shape: ellipticTube(nodes, X),
    label: S.epiduralFat,
    hu: hu.epiduralFat,
    part: 0,
  })
  // Epidural fat also fills the sliver between the narrowed carve and the pedicle walls (never over bone).
  addLayer(model, 'canal', {
    shape: ellipticTube(
      nodes.map((n) => ({ p: n.p, a: n.a + 1.5, b: n.b })),
      X,
    ),
    label: S.epiduralFat,
    hu: hu.epiduralFat,
    part: 0,
    onlyOver: NOT_BONE,
  })

  // Anterior internal venous plexus: two channels in the anterior epidural space.
  for (const s of [1, -1]) {
    const pts = nodes.slice(0, -1).map((n) => {
      const q = n.p
      const du = s * Math.max(n.a - 4, 2),
        dv = -n.b + 2
      return [
        q[0] + X[0] * du + n.frame.v[0] * dv,
        q[1] + n.frame.v[1] * dv,
        q[2] + n.frame.v[2] * dv,
      ] as Vec3
    })
    addLayer(model, 'canal', {
      shape: tube(
        pts,
        pts.map(() => 1.3),
      ),
      label: S.venousPlexus,
      hu: enh.vein,
      part: 0,
      labelGrowMm: 0.4,
    })
  }

  // Thecal sac to mid-S2.
  const s2 = nodes.findIndex((n) => n.level === 'S2')
  const sacNodes = inner(nodes.slice(0, s2 + 1), sp.thecalWidthRatio, sp.thecalApRatio, 0.6)
  addLayer(model, 'canal', { shape: ellipticTube(sacNodes, X), label: S.csf, hu: hu.csf, part: 0 })

  // Cord to the conus.
  const cl = spine.vertebrae[sp.conusLevel]
  const vCanal = cl.m.endplateDepthMm / 2 + cl.m.canalDepthMm / 2
  const vShift = -0.6 * (cl.m.canalDepthMm / 2) * (1 - sp.thecalApRatio)
  const tip = toWorld(
    cl.frame,
    0,
    vCanal + vShift,
    cl.heightMidMm / 2 - sp.conusFraction * cl.heightMidMm,
  )
  const cordNodes: TubeNode[] = []
  const cordBack: Vec3[] = []
  const tipZ = tip[2]
  for (let i = 0; i < s2; i++) {
    const sn = sacNodes[i]!
    if (sn.p[2] < tipZ + 22) break
    const lvl = nodes[i]!.level
    const enlarged = lvl.startsWith('T11') || lvl.startsWith('T12') || lvl === 'T10-disc'
    const wHalf = (enlarged ? sp.cordEnlargementWidthMm : sp.cordWidthMm) / 2
    const apHalf = (sp.cordApMm / 2) * (enlarged ? 1.1 : 1)
    cordNodes.push({ p: sn.p, a: wHalf, b: apHalf })
    cordBack.push(nodes[i]!.frame.v)
  }
  cordNodes.push({ p: tip, a: 1.2, b: 1.0 })
  cordBack.push(cl.frame.v)
  addLayer(model, 'neural', {
    shape: ellipticTube(cordNodes, X),
    label: S.spinalCord,
    hu: hu.cord,
    part: 0,
  })
  addLayer(model, 'neural', { shape: sphere(tip, 1.2), label: S.spinalCord, hu: hu.cord, part: 0 })
  model.landmarks.conusTip = tip

  // Cauda equina: dorsal bundle in the sac below the conus, thinning as roots leave.
  const cauda: TubeNode[] = [{ p: tip, a: 2.5, b: 2 }]
  for (let i = 0; i <= s2; i++) {
    const sn = sacNodes[i]!
    if (sn.p[2] >= tipZ - 3) continue
    const n = nodes[i]!
    const frac = Math.max(0.25, 1 - cauda.length * 0.09)
    const dv = sn.b * 0.3
    cauda.push({
      p: [sn.p[0], sn.p[1] + n.frame.v[1] * dv, sn.p[2] + n.frame.v[2] * dv],
      a: sn.a * 0.6 * frac + 1,
      b: sn.b * 0.45 * frac + 0.8,
    })
  }
  if (cauda.length > 1) {
    addLayer(model, 'neural', {
      shape: ellipticTube(cauda, X),
      label: S.caudaEquina,
      hu: hu.nerve,
      part: 0,
    })
  }

  for (const v of VERTEBRAE) {
    for (const s of [1, -1]) addRoot(ctx, model, spine.vertebrae[v], v, s)
  }
  addSacralRoots(ctx, model, sacrum)
  return { conusTip: tip, cord: cordNodes, cordBackDir: cordBack }
}

/** Root leaving the sac above its pedicle, passing under it through the foramen, with a ganglion. */
function addRoot(
  ctx: BuildContext,
  model: Model,
  L: VertebraLayout,
  v: VertebraName,
  s: number,
): void {
  const { spec } = ctx
  const sp = spec.spine
  const m = L.m
  const P = pedicleLocal(L, s)
  const wP = pedicleCentreW(L)
  const bottom = wP - m.pedicleHeightMm / 2
  const cw = m.canalWidthMm
  const vS =
    m.endplateDepthMm / 2 + m.canalDepthMm / 2 - 0.6 * (m.canalDepthMm / 2) * (1 - sp.thecalApRatio)
  const sacA = (sp.thecalWidthRatio * cw) / 2
  const r = sp.rootDiameterMm[v] / 2
  const thor = isThoracic(v)
  const loc: Vec3[] = [
    [s * (sacA - r - 0.5), vS, m.posteriorHeightMm / 2 + 3],
    [s * (cw / 2 - r - 2.5), vS - 1.5, wP - 1],
    [s * (cw / 2 - 1), P[1] - 2, bottom - r - 1.5],
    [P[0] + s, P[1] - 2, bottom - r - 2],
    thor ? [P[0] + s * 14, P[1] - 3, bottom - 8] : [P[0] + s * 14, P[1] - 6, bottom - 8],
    thor ? [P[0] + s * 30, P[1] - 6, bottom - 12] : [P[0] + s * 32, P[1] - 14, bottom - 20],
  ]
  const pts = loc.map((q) => toWorld(L.frame, q[0], q[1], q[2]))
  const part = partId(model, `root-${v}-${s > 0 ? 'L' : 'R'}`)
  const hu = spec.hu
  addLayer(model, 'neural', {
    shape: tube(pts.slice(0, 2), [r, r]),
    label: S.nerveRoot,
    hu: hu.nerve,
    part,
  })
  const ext = tube(
    pts.slice(1),
    pts.slice(1).map(() => r),
  )
  addLayer(model, 'neural', {
    shape: offset(ext, 1),
    bands: [{ thicknessMm: 1, label: S.epiduralFat, hu: hu.epiduralFat }],
    label: S.nerveRoot,
    hu: hu.nerve,
    part,
  })
  const g = sp.ganglionWidthMm / 2
  const gc = pts[3]!
  const gd = pts[4]!
  const dir: Vec3 = [gd[0] - gc[0], gd[1] - gc[1], gd[2] - gc[2]]
  const len = Math.hypot(dir[0], dir[1], dir[2])
  const w: Vec3 = [dir[0] / len, dir[1] / len, dir[2] / len]
  const u: Vec3 = normalizeCross(w, [0, 0, 1])
  const vv: Vec3 = [w[1] * u[2] - w[2] * u[1], w[2] * u[0] - w[0] * u[2], w[0] * u[1] - w[1] * u[0]]
  addLayer(model, 'neural', {
    shape: ellipsoid({ o: gc, u, v: vv, w }, Math.max(g, r), Math.max(g, r), Math.max(g * 1.6, r)),
    label: S.nerveRoot,
    hu: hu.nerve,
    part,
  })
  model.landmarks[`${v}.ganglion.${s > 0 ? 'L' : 'R'}`] = gc
}

function normalizeCross(a: Vec3, b: Vec3): Vec3 {
  const c: Vec3 = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
  const l = Math.hypot(c[0], c[1], c[2]) || 1
  return [c[0] / l, c[1] / l, c[2] / l]
}

/** Sacral roots S1–S4 through the anterior sacral foramina. */
function addSacralRoots(ctx: BuildContext, model: Model, sacrum: SacrumModel): void {
  const { spec } = ctx
  const hu = spec.hu
  const names = ['S1', 'S2', 'S3', 'S4'] as const
  names.forEach((name, i) => {
    const seg = sacrum.segments[i]!
    const f = sacrum.frames[i]!
    const r = spec.spine.rootDiameterMm[name] / 2
    const vC = seg.depthMm / 2 + seg.canalB + 1
    for (const s of [1, -1]) {
      const loc: Vec3[] = [
        [s * (seg.canalA - r - 1), vC, 3],
        [s * (seg.widthMm / 2 - 1), -seg.depthMm / 2 + 6, -4],
        [s * (seg.widthMm / 2 + 5), -seg.depthMm / 2 - 3, -9],
        [s * (seg.widthMm / 2 + 16), -seg.depthMm / 2 - 14, -22],
        [s * (seg.widthMm / 2 + 30), -seg.depthMm / 2 - 18, -42],
      ]
      const pts = loc.map((q) => toWorld(f, q[0], q[1], q[2]))
      const part = partId(model, `root-${name}-${s > 0 ? 'L' : 'R'}`)
      addLayer(model, 'neural', {
        shape: offset(
          tube(
            pts,
            pts.map(() => r),
          ),
          1.2,
        ),
        bands: [{ thicknessMm: 1.2, label: S.epiduralFat, hu: hu.epiduralFat }],
        label: S.nerveRoot,
        hu: hu.nerve,
        part,
      })
      model.landmarks[`${name}.foramen.${s > 0 ? 'L' : 'R'}`] = pts[1]!
    }
  })
}
