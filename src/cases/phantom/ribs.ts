/**
 * Ribs 8–12 (each side): head against the posterolateral body at pedicle height (T10–T12 articulate with
 * their own vertebra only [U]), neck in front of the transverse process, tubercle at its tip (T8–T10),
 * angle, then the shaft following the chest wall inside the muscle layer while descending anteriorly.
 * Section ~11 × 6 mm [U] with a 1.2 mm cortex (Holcombe19: 0.9–2.6, mean peak 1.4); ribs 8–10 end in
 * costal cartilage, 11–12 are floating.
 */
import { S } from '../../lib/anatomy'
import type { Vec3 } from '../../lib/vec3'
import type { OutlineRow } from './bodyOutline'
import { deg, toWorld } from './frame'
import { addLayer, partId, type BuildContext, type Model } from './model'
import type { VertebraName } from './morphometry'
import { ellipticTube, type TubeNode } from './sdf'
import { trabecularHu } from './spineModel'
import { archJunctionLocal, pedicleCentreW } from './vertebra'

/** Rib centreline, for the intercostal vessels. */
export interface RibPath {
  readonly level: VertebraName
  readonly side: 'L' | 'R'
  readonly points: readonly Vec3[]
}

const RIBS: readonly {
  level: VertebraName
  endDeg: number
  dropMm: number
  cartilageDeg: number
}[] = [
  { level: 'T8', endDeg: 150, dropMm: 60, cartilageDeg: 22 },
  { level: 'T9', endDeg: 145, dropMm: 58, cartilageDeg: 22 },
  { level: 'T10', endDeg: 138, dropMm: 52, cartilageDeg: 20 },
  { level: 'T11', endDeg: 122, dropMm: 40, cartilageDeg: 0 },
  { level: 'T12', endDeg: 98, dropMm: 25, cartilageDeg: 0 },
]

/** Half-axes of the trunk section at z (same interpolation as bodyOutline.ts). */
function sectionAt(rows: readonly OutlineRow[], z: number): { a: number; b: number; cy: number } {
  const r = [...rows].sort((p, q) => p.z - q.z)
  let lo = r[0]!,
    hi = r[0]!
  if (z >= r[r.length - 1]!.z) lo = hi = r[r.length - 1]!
  else if (z > lo.z) {
    for (let i = 1; i < r.length; i++) {
      if (r[i]!.z >= z) {
        lo = r[i - 1]!
        hi = r[i]!
        break
      }
    }
  }
  const t = hi.z > lo.z ? (z - lo.z) / (hi.z - lo.z) : 0
  const ap = lo.apMm + (hi.apMm - lo.apMm) * t
  return {
    a: (lo.latMm + (hi.latMm - lo.latMm) * t) / 2,
    b: ap / 2,
    cy: lo.yPost + (hi.yPost - lo.yPost) * t - ap / 2,
  }
}

/** Adds ribs; returns their centrelines. */
export function addRibs(ctx: BuildContext, model: Model, rows: readonly OutlineRow[]): RibPath[] {
  const { spec, spine } = ctx
  const depth = spec.body.skinMm + spec.body.subcutaneousFatMm + spec.body.muscleWallMm * 0.55
  const out: RibPath[] = []
  for (const rib of RIBS) {
    const L = spine.vertebrae[rib.level]
    const m = L.m
    for (const s of [1, -1]) {
      const side = s > 0 ? 'L' : 'R'
      const wP = pedicleCentreW(L)
      const head = toWorld(L.frame, s * (m.endplateWidthMm / 2 + 1), m.endplateDepthMm / 2 - 5, wP)
      // Transverse process tip (vertebra.ts: base at the pedicle end, swept posterolaterally).
      const J = archJunctionLocal(L, s)
      const sw = deg(m.transverseProcessSweepDeg)
      const len = m.transverseProcessLengthMm + m.pedicleWidthMm / 2
      const tipL: Vec3 = [
        J[0] + s * Math.cos(sw) * len,
        J[1] + Math.sin(sw) * len - 7,
        wP + 0.25 * len - 3,
      ]
      const tubercle = toWorld(L.frame, tipL[0], tipL[1], tipL[2])
      const z0 = tubercle[2] - 4
      const angle: Vec3 = [tubercle[0] + s * 26, tubercle[1] + 2, tubercle[2] - 4]
      const phi0 = deg(72)
      const phiEnd = deg(rib.endDeg)
      const nodes: TubeNode[] = [
        { p: head, a: 4.5, b: 4.5 },
        {
          p: [
            (head[0] + tubercle[0]) / 2,
            (head[1] + tubercle[1]) / 2 - 2,
            (head[2] + tubercle[2]) / 2,
          ],
          a: 4.5,
          b: 4,
        },
        { p: tubercle, a: 5, b: 4 },
        { p: angle, a: 5.5, b: 3.5 },
      ]
      const cart: TubeNode[] = []
      const steps = 12
      const totalEnd = phiEnd + deg(rib.cartilageDeg)
      for (let i = 0; i <= steps; i++) {
        const f = i / steps
        const phi = phi0 + (totalEnd - phi0) * f
        const tRib = Math.min(1, (phi - phi0) / (phiEnd - phi0))
        const z =
          z0 - 8 - rib.dropMm * Math.pow(tRib, 1.2) - (phi > phiEnd ? (phi - phiEnd) * 20 : 0)
        const sec = sectionAt(rows, z)
        const a = sec.a - depth,
          b = sec.b - depth
        const p: Vec3 = [s * a * Math.sin(phi), sec.cy + b * Math.cos(phi), z]
        const node = { p, a: phi > phiEnd ? 5 : 5.5, b: phi > phiEnd ? 4 : 3.2 }
        if (phi <= phiEnd + 1e-9) nodes.push(node)
        if (phi >= phiEnd - 1e-9 && rib.cartilageDeg > 0) cart.push(node)
      }
      const part = partId(model, `rib-${rib.level}-${side}`)
      addLayer(model, 'bones', {
        shape: ellipticTube(nodes, [0, 0, 1]),
        bands: [{ thicknessMm: 1.2, label: S.corticalBone, hu: spec.hu.cortex }],
        label: S.trabecularBone,
        hu: trabecularHu(ctx, rib.level) * 0.85,
        part,
      })
      if (cart.length > 1) {
        addLayer(model, 'bones', {
          shape: ellipticTube(cart, [0, 0, 1]),
          label: S.cartilage,
          hu: spec.hu.cartilage,
          part,
        })
      }
      model.landmarks[`rib-${rib.level}-${side}.head`] = head
      out.push({ level: rib.level, side, points: nodes.map((n) => n.p) })
    }
  }
  return out
}
