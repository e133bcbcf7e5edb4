/**
 * Great vessels and segmental arteries. The aorta runs left-anterolateral of the thoracic bodies, crosses
 * the hiatus at T12 and descends just left of the midline 2 mm in front of the lumbar bodies (Kot22) to
 * its bifurcation in lower L4 (Lee02bif, SRA98), tapering 24 → 17 mm ([D] ANATOMY §4). The IVC lies to
 * the right (16.3 × 25.8 mm, IVC22) from its confluence at L4–L5 (SRA98). Paired lumbar arteries leave
 * the posterior aorta at L1–L4, wrap the body waist and reach the foramina (Kauppila94); intercostal and
 * subcostal arteries (T8–T12) run along the body and then mid-space below their rib (DIR12). Renal
 * arteries label as segmental arteries and renal veins as IVC (no dedicated labels).
 */
import { S } from '../../lib/anatomy'
import type { Vec3 } from '../../lib/vec3'
import { toWorld } from './frame'
import { addLayer, type BuildContext, type Model } from './model'
import type { VertebraName } from './morphometry'
import type { PelvisLayout } from './pelvisLayout'
import type { PointMm, VesselInfo } from './phantomTypes'
import type { RibPath } from './ribs'
import type { SacrumModel } from './sacrum'
import { ellipticTube, tube, type TubeNode } from './sdf'
import { pedicleCentreW, pedicleLocal } from './vertebra'

const X: Vec3 = [1, 0, 0]

/** Where each segmental artery reaches its foramen (for the Adamkiewicz branch). */
export type ForamenPoints = Partial<Record<string, Vec3>>

/** Adds aorta, IVC, iliac and renal vessels (stage 'vessels'); returns the aortic centreline by level. */
export function addGreatVessels(
  ctx: BuildContext,
  model: Model,
  pelvis: PelvisLayout,
  sacrum: SacrumModel,
): Record<string, { p: Vec3; r: number }> {
  const { spec, spine, enh } = ctx
  const vp = spec.vessels
  const v = spine.vertebrae
  const [dT8, dT12, dL2, dBif] = vp.aortaDiameterMm
  const gap = vp.aortaDiscGapMm
  const aortaAt: Record<string, { p: Vec3; r: number }> = {}
  const thor = (n: VertebraName, r: number): Vec3 => {
    const m = v[n].m
    const bu = (m.endplateWidthMm / 2) * 0.7,
      bv = (-m.endplateDepthMm / 2) * 0.7
    return toWorld(v[n].frame, bu + (r + gap) * 0.7, bv - (r + gap) * 0.7, 0)
  }
  const lum = (n: VertebraName, r: number, u: number, w = 0): Vec3 =>
    toWorld(v[n].frame, u, -v[n].m.endplateDepthMm / 2 - r - gap - 1, w)
  const r8 = dT8 / 2,
    r12 = dT12 / 2,
    r2 = dL2 / 2,
    rb = dBif / 2
  const mid = (p: number, q: number): number => (p + q) / 2
  const T7 = toWorld(v.T8.frame, 0, 0, 60)
  const a8 = thor('T8', r8)
  const nodes: TubeNode[] = [
    { p: [a8[0], a8[1], T7[2]], a: r8, b: r8 },
    { p: a8, a: r8, b: r8 },
    { p: thor('T9', mid(r8, r12)), a: mid(r8, r12), b: mid(r8, r12) },
    { p: thor('T10', mid(r8, r12)), a: mid(r8, r12), b: mid(r8, r12) },
    { p: thor('T11', r12), a: r12, b: r12 },
    { p: lum('T12', r12, 8), a: r12, b: r12 },
    { p: lum('L1', mid(r12, r2), 10), a: mid(r12, r2), b: mid(r12, r2) },
    { p: lum('L2', r2, 11), a: r2, b: r2 },
    { p: lum('L3', mid(r2, rb), 11), a: mid(r2, rb), b: mid(r2, rb) },
  ]
  const bl = v[vp.bifurcationLevel]
  const wBif = bl.heightMidMm / 2 - vp.bifurcationFraction * bl.heightMidMm
  const bif = lum(vp.bifurcationLevel, rb, 7, wBif)
  nodes.push({ p: bif, a: rb, b: rb })
  const names = ['T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3']
  names.forEach((n, i) => (aortaAt[n] = { p: nodes[i]!.p, r: nodes[i]!.a }))
  aortaAt.L4 = { p: lum('L4', rb, 9), r: rb }
  addLayer(model, 'vessels', {
    shape: ellipticTube(nodes, X),
    label: S.aorta,
    hu: enh.artery,
    part: 0,
  })
  pushVessel(model, 'aorta', 'aorta', nodes)
  model.landmarks.aorticBifurcation = bif

  // Iliac arteries.
  const ri = vp.iliacDiameterMm / 2
  for (const s of [1, -1]) {
    const side = s > 0 ? 'L' : 'R'
    const hip = s > 0 ? pelvis.hipL : pelvis.hipR
    const brim = toWorld(sacrum.frames[0]!, s * 48, -30, -12)
    const pts: Vec3[] = [
      bif,
      brim,
      [hip[0] - s * 16, hip[1] - 50, hip[2] + 30],
      [hip[0] - s * 12, hip[1] - 46, hip[2] - 40],
      [hip[0] - s * 8, hip[1] - 36, hip[2] - 220],
    ]
    const radii = [rb * 0.65, ri / 2 + 1, ri / 2, ri / 2 - 0.5, ri / 2 - 1]
    addLayer(model, 'vessels', {
      shape: tube(pts, radii),
      label: S.iliacVessel,
      hu: enh.artery,
      part: 0,
    })
    pushVessel(model, `iliacArtery.${side}`, 'iliacArtery', tubeNodes(pts, radii), {
      side,
      parent: 'aorta',
    })
    const internal: Vec3[] = [brim, toWorld(sacrum.frames[2]!, s * 48, -12, -10)]
    addLayer(model, 'vessels', {
      shape: tube(internal, [3.5, 3]),
      label: S.iliacVessel,
      hu: enh.artery,
      part: 0,
    })
  }

  // IVC and iliac veins.
  const rv = vp.ivcApMm / 2,
    lv = vp.ivcLatMm / 2
  const ivcAt = (n: VertebraName, u: number, dv: number): Vec3 =>
    toWorld(v[n].frame, u, -v[n].m.endplateDepthMm / 2 - dv, 0)
  const l45 = spine.discs.find((d) => d.upper === 'L4')!
  const conf = toWorld(l45.frame, -10, -(v.L4.m.endplateDepthMm / 2) - rv - 4, 0)
  const ivc: TubeNode[] = [
    { p: ivcAt('T9', -12, 70), a: lv, b: rv },
    { p: ivcAt('T10', -16, 52), a: lv, b: rv },
    { p: ivcAt('T11', -20, 38), a: lv, b: rv },
    { p: ivcAt('T12', -22, 24), a: lv, b: rv },
    { p: ivcAt('L1', -22, rv + 8), a: lv, b: rv },
    { p: ivcAt('L2', -21, rv + 3), a: lv, b: rv },
    { p: ivcAt('L3', -19, rv + 3), a: lv * 0.95, b: rv },
    { p: ivcAt('L4', -15, rv + 3), a: lv * 0.9, b: rv },
    { p: conf, a: lv * 0.85, b: rv },
  ]
  addLayer(model, 'vessels', { shape: ellipticTube(ivc, X), label: S.ivc, hu: enh.vein, part: 0 })
  pushVessel(model, 'ivc', 'ivc', ivc)
  model.landmarks.ivcConfluence = conf
  for (const s of [1, -1]) {
    const hip = s > 0 ? pelvis.hipL : pelvis.hipR
    const pts: Vec3[] = [
      conf,
      toWorld(sacrum.frames[0]!, s * 40, -24, -22),
      [hip[0] - s * 28, hip[1] - 44, hip[2] + 26],
      [hip[0] - s * 26, hip[1] - 40, hip[2] - 40],
      [hip[0] - s * 20, hip[1] - 32, hip[2] - 220],
    ]
    const radii = [rv * 0.7, 6.5, 6.5, 6, 5.5]
    addLayer(model, 'vessels', {
      shape: tube(pts, radii),
      label: S.iliacVessel,
      hu: enh.vein,
      part: 0,
    })
    pushVessel(model, `iliacVein.${s > 0 ? 'L' : 'R'}`, 'iliacVein', tubeNodes(pts, radii), {
      parent: 'ivc',
    })
  }

  // Renal arteries and veins to the kidney hila.
  for (const s of [1, -1]) {
    const side = s > 0 ? 'L' : 'R'
    const k = model.landmarks[`kidney.${side}`]
    if (!k) continue
    const hil: Vec3 = [k[0] - s * 22, k[1] - 6, k[2] + 2]
    const ao = aortaAt.L1!
    const origin: Vec3 = [ao.p[0], ao.p[1], ao.p[2] + 6]
    addLayer(model, 'vessels', {
      shape: tube([origin, hil], [2.8, 2.6]),
      label: S.segmentalArtery,
      hu: enh.artery,
      part: 0,
    })
    const ivcP = ivc[4]!.p
    const vein: Vec3[] =
      s > 0
        ? [hil, [ao.p[0], ao.p[1] - ao.r - 5, ao.p[2] + 2], ivcP]
        : [hil, [ivcP[0] - 10, ivcP[1], ivcP[2] + 2], ivcP]
    addLayer(model, 'vessels', {
      shape: tube(
        vein,
        vein.map(() => 4.5),
      ),
      label: S.ivc,
      hu: enh.vein,
      part: 0,
    })
  }
  return aortaAt
}

/** Adds lumbar (L1–L4), intercostal (T8–T11) and subcostal (T12) arteries; returns their foramen points. */
export function addSegmentalArteries(
  ctx: BuildContext,
  model: Model,
  aortaAt: Record<string, { p: Vec3; r: number }>,
  ribs: readonly RibPath[],
  feeding: { level: string; side: 'L' | 'R' } | null,
): ForamenPoints {
  const { spec, spine, enh } = ctx
  const r = spec.vessels.segmentalDiameterMm / 2
  const out: ForamenPoints = {}
  const levels: VertebraName[] = ['T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4']
  for (const n of levels) {
    const L = spine.vertebrae[n]
    const m = L.m
    const ao = aortaAt[n]
    if (!ao) continue
    const lumbar = n.startsWith('L')
    for (const s of [1, -1]) {
      const side = s > 0 ? 'L' : 'R'
      const W = m.endplateWidthMm * (1 - spec.spine.bodyWaist),
        D = m.endplateDepthMm * (1 - spec.spine.bodyWaist)
      const off = r + 1.5
      const wall: Vec3[] = []
      for (const th of [20, 45, 70, 95]) {
        const t = (th * Math.PI) / 180
        wall.push(
          toWorld(
            L.frame,
            s * (W / 2 + off) * Math.sin(t),
            0.12 * D - (0.62 * D + off) * Math.cos(t),
            -1,
          ),
        )
      }
      const P = pedicleLocal(L, s)
      const bottom = pedicleCentreW(L) - m.pedicleHeightMm / 2
      const foramen = toWorld(L.frame, P[0] + s * 4, P[1] - 4, bottom - 3)
      const pts: Vec3[] = [ao.p, ...wall, foramen]
      if (lumbar) {
        pts.push(
          toWorld(L.frame, P[0] + s * 12, m.endplateDepthMm / 2 + m.canalDepthMm + 10, bottom - 6),
        )
      } else {
        const rib = ribs.find((q) => q.level === n && q.side === side)
        if (rib) for (const q of rib.points.slice(3, 9)) pts.push([q[0], q[1], q[2] - 7])
      }
      const feeds = feeding !== null && feeding.level === n && feeding.side === side
      const rr = pts.map(() => r)
      addLayer(model, 'smallVessels', {
        shape: tube(pts, rr),
        label: S.segmentalArtery,
        hu: enh.artery,
        part: 0,
        labelGrowMm: Math.max(0, 0.75 * ctx.voxelMm - r),
      })
      const kind = lumbar ? 'lumbarArtery' : 'intercostalArtery'
      pushVessel(model, `${kind}.${n}.${side}`, kind, tubeNodes(pts, rr), {
        level: n,
        side,
        parent: 'aorta',
        feedsAdamkiewicz: feeds,
      })
      out[`${n}.${side}`] = foramen
      model.landmarks[`${n}.segmentalArtery.${side}`] = foramen
    }
  }
  return out
}

/** Nodes of a circular tube from points and radii. */
export const tubeNodes = (pts: readonly Vec3[], radii: readonly number[]): TubeNode[] =>
  pts.map((p, i) => ({ p, a: radii[i]!, b: radii[i]! }))

/** Records a vessel centreline. */
export function pushVessel(
  model: Model,
  id: string,
  kind: VesselInfo['kind'],
  nodes: readonly TubeNode[],
  extra: { level?: string; side?: 'L' | 'R'; parent?: string; feedsAdamkiewicz?: boolean } = {},
): void {
  model.vessels.push({
    id,
    kind,
    points: nodes.map((n) => [n.p[0], n.p[1], n.p[2]] as PointMm),
    radiiMm: nodes.map((n) => (n.a + n.b) / 2),
    ...extra,
  })
}
