/**
 * Trunk muscles as swept elliptic tubes anchored to the vertebral frames: the paraspinal mass (erector
 * spinae + multifidus) behind the laminae and transverse processes, quadratus lumborum lateral to it, and
 * the psoas from T12 along the bodies, over the pelvic brim and in front of the hip towards the lesser
 * trochanter, growing caudally (area ~9–10 cm² at L3 and 12–15 cm² at L4 for a man [U], from Lawlor22 /
 * DeMarco22). Muscles are clipped to the inside of the subcutaneous fat.
 */
import { S } from '../../lib/anatomy'
import type { Vec3 } from '../../lib/vec3'
import { toWorld } from './frame'
import { addLayer, partId, type BuildContext, type Model } from './model'
import { VERTEBRAE } from './morphometry'
import type { PelvisLayout } from './pelvisLayout'
import type { SacrumModel } from './sacrum'
import { ellipticTube, intersect, offset, type Shape, type TubeNode } from './sdf'

const X: Vec3 = [1, 0, 0]

/** Adds paraspinal, quadratus lumborum and psoas muscles. */
export function addMuscles(
  ctx: BuildContext,
  model: Model,
  outline: Shape,
  pelvis: PelvisLayout,
  sacrum: SacrumModel,
): void {
  const { spec, spine } = ctx
  const inside = offset(outline, -(spec.body.skinMm + spec.body.subcutaneousFatMm))
  const hu = spec.hu.muscle
  for (const s of [1, -1]) {
    const side = s > 0 ? 'L' : 'R'
    // Paraspinal mass, from above T8 to the sacrum.
    const para: TubeNode[] = []
    const t8 = spine.vertebrae.T8
    para.push({
      p: toWorld(t8.frame, s * 30, t8.m.endplateDepthMm / 2 + t8.m.canalDepthMm + 8, 60),
      a: 26,
      b: 14,
    })
    for (const v of VERTEBRAE) {
      const L = spine.vertebrae[v]
      const m = L.m
      const lumbar = v.startsWith('L')
      const b = lumbar ? 19 + (v === 'L3' || v === 'L4' ? 2 : 0) : 15
      const a = lumbar ? 33 : 27
      para.push({
        p: toWorld(L.frame, s * (a + 4), m.endplateDepthMm / 2 + m.canalDepthMm - 8 + b, 0),
        a,
        b,
      })
    }
    sacrum.frames.slice(0, 3).forEach((f, i) => {
      const seg = sacrum.segments[i]!
      para.push({
        p: toWorld(f, s * 24, seg.depthMm / 2 + seg.canalB * 2 + 14, 0),
        a: 22 - 4 * i,
        b: 12 - 2 * i,
      })
    })
    addLayer(model, 'muscles', {
      shape: intersect(ellipticTube(para, X), inside),
      label: S.paraspinalMuscle,
      hu,
      part: partId(model, `paraspinal-${side}`),
    })

    // Quadratus lumborum: T12 to the iliac crest, in front of the transverse process tips.
    const ql: TubeNode[] = []
    for (const v of ['T12', 'L1', 'L2', 'L3', 'L4'] as const) {
      const L = spine.vertebrae[v]
      const m = L.m
      const grow = v === 'T12' ? 0.4 : v === 'L1' ? 0.7 : 1
      ql.push({
        p: toWorld(
          L.frame,
          s * (m.endplateWidthMm / 2 + 38),
          m.endplateDepthMm / 2 + m.canalDepthMm / 2 - 4,
          0,
        ),
        a: 17 * grow + 3,
        b: 8 * grow + 2,
      })
    }
    addLayer(model, 'muscles', {
      shape: intersect(ellipticTube(ql, X), inside),
      label: S.muscle,
      hu,
      part: partId(model, `quadratus-${side}`),
    })

    // Psoas.
    const ps: TubeNode[] = []
    const areaAt = (v: string): number => {
      const a3 = spec.organs.psoasAreaL3Cm2 * 100,
        a4 = spec.organs.psoasAreaL4Cm2 * 100
      const t: Record<string, number> = {
        T12: 0.12,
        L1: 0.3,
        L2: 0.6,
        L3: 1,
        L4: a4 / a3,
        L5: (a4 / a3) * 1.05,
      }
      return a3 * (t[v] ?? 1)
    }
    for (const v of ['T12', 'L1', 'L2', 'L3', 'L4', 'L5'] as const) {
      const L = spine.vertebrae[v]
      const m = L.m
      const area = areaAt(v)
      const b = Math.sqrt(area / Math.PI / 1.25)
      const a = 1.25 * b
      const lateral: Record<string, number> = { T12: 4, L1: 5, L2: 6, L3: 8, L4: 10, L5: 14 }
      const ant: Record<string, number> = { T12: 0, L1: -1, L2: -2, L3: -4, L4: -8, L5: -16 }
      ps.push({
        p: toWorld(L.frame, s * (m.endplateWidthMm / 2 + lateral[v]! + a * 0.8), ant[v]!, 0),
        a,
        b,
      })
    }
    const f1 = sacrum.frames[0]!
    const seg1 = sacrum.segments[0]!
    ps.push({
      p: toWorld(f1, s * (seg1.widthMm / 2 + seg1.alaMm - 4), -seg1.depthMm / 2 - 20, -10),
      a: 22,
      b: 18,
    })
    const hip = s > 0 ? pelvis.hipL : pelvis.hipR
    ps.push({ p: [hip[0] - s * 14, hip[1] - 40, hip[2] + 38], a: 21, b: 17 })
    ps.push({ p: [hip[0] - s * 8, hip[1] - 40, hip[2]], a: 18, b: 14 })
    ps.push({ p: [hip[0] - s * 6, hip[1] - 18, hip[2] - 55], a: 12, b: 10 })
    addLayer(model, 'muscles', {
      shape: intersect(ellipticTube(ps, X), inside),
      label: S.psoas,
      hu,
      part: partId(model, `psoas-${side}`),
    })
  }
}
