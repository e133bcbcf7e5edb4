/**
 * Bowel: the colon frame (caecum, ascending, transverse, descending, sigmoid, rectum) with haustra and an
 * anterior gas pocket (supine), and small-bowel loops from a seeded random walk confined to the anterior
 * abdomen. Wall 2–3 mm, gas −1000 HU (ANATOMY §5); fluid and stool HU are [U] defaults. Painted before
 * the solid organs, which then sit on top of any overlap.
 */
import { S } from '../../lib/anatomy'
import type { Vec3 } from '../../lib/vec3'
import { toWorld } from './frame'
import { addLayer, partId, type BuildContext, type Model } from './model'
import type { PelvisLayout } from './pelvisLayout'
import type { SacrumModel } from './sacrum'
import { intersect, offset, tube, type Shape } from './sdf'

/** Bowel wall thickness [U] (ANATOMY §5: ~2–3 mm). */
const WALL_MM = 2.5

/** Adds colon and small bowel. `cavity` is the inside of the muscular wall. */
export function addBowel(
  ctx: BuildContext,
  model: Model,
  cavity: Shape,
  pelvis: PelvisLayout,
  sacrum: SacrumModel,
): void {
  const { spec, spine, rng } = ctx
  const hu = spec.hu
  const v = spine.vertebrae
  const yBody = (n: 'T12' | 'L1' | 'L2' | 'L3' | 'L4' | 'L5'): number => v[n].frame.o[1]
  const z = (n: 'T12' | 'L1' | 'L2' | 'L3' | 'L4' | 'L5'): number => v[n].frame.o[2]
  const hip = pelvis.hipMid
  const jitter = (): number => rng.uniform(-6, 6)
  // Colon control points [U]: right iliac fossa → hepatic flexure → transverse → splenic flexure → left
  // flank → sigmoid → rectum along the sacrum.
  const colonPts: Vec3[] = [
    [-75, yBody('L5') - 75, hip[2] + 55],
    [-88 + jitter(), yBody('L4') - 45, z('L4')],
    [-92 + jitter(), yBody('L3') - 40, z('L3')],
    [-85, yBody('L2') - 42, z('L1') - 5],
    [-55, yBody('L2') - 105, z('L2') - 10],
    [0, yBody('L3') - 135, z('L3') + jitter()],
    [55, yBody('L2') - 110, z('L2')],
    [88, yBody('L1') - 40, z('T12') + 5],
    [95 + jitter(), yBody('L2') - 20, z('L2')],
    [92, yBody('L3') - 22, z('L3')],
    [88, yBody('L4') - 30, z('L5')],
    [60, yBody('L5') - 75, hip[2] + 60],
    [20, yBody('L5') - 70, hip[2] + 45],
    toWorld(sacrum.frames[2]!, 10, -38, 0),
    toWorld(sacrum.frames[3]!, 0, -30, 0),
    toWorld(sacrum.frames[5]!, 0, -28, -5),
  ]
  const radii = [26, 24, 22, 22, 22, 22, 22, 20, 18, 18, 17, 16, 16, 18, 18, 15]
  const { pts, rs } = haustrate(smoothPath(colonPts, 4), interp(radii, 4))
  const part = partId(model, 'colon')
  const colon = intersect(tube(pts, rs), cavity)
  addLayer(model, 'organs', {
    shape: colon,
    bands: [{ thicknessMm: WALL_MM, label: S.bowel, hu: hu.bowelWall }],
    label: S.bowel,
    hu: -20,
    part,
  })
  const gasPts = pts.map((p, i) => [p[0], p[1] - rs[i]! * 0.4, p[2]] as Vec3)
  addLayer(model, 'organs', {
    shape: intersect(
      tube(
        gasPts,
        rs.map((r) => r * 0.72),
      ),
      offset(colon, -WALL_MM),
    ),
    label: S.bowelGas,
    hu: hu.bowelGas,
    part,
  })

  // Small bowel: a seeded random walk in the anterior abdomen between L2 and the pelvic inlet.
  const lo: Vec3 = [-80, yBody('L3') - 150, hip[2] + 45]
  const hi: Vec3 = [80, yBody('L3') - 45, z('L2') - 10]
  const c: Vec3 = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2]
  const half: Vec3 = [(hi[0] - lo[0]) / 2, (hi[1] - lo[1]) / 2, (hi[2] - lo[2]) / 2]
  let p: Vec3 = [35, hi[1] - 20, hi[2] - 10]
  let d: Vec3 = [-1, 0, -0.3]
  const walk: Vec3[] = [p]
  const step = 13
  for (let i = 0; i < 150; i++) {
    let nd: Vec3 = [
      d[0] + rng.normal() * 0.45,
      d[1] + rng.normal() * 0.45,
      d[2] + rng.normal() * 0.45,
    ]
    const q: Vec3 = [(p[0] - c[0]) / half[0], (p[1] - c[1]) / half[1], (p[2] - c[2]) / half[2]]
    const r2 = q[0] * q[0] + q[1] * q[1] + q[2] * q[2]
    if (r2 > 0.7) nd = [nd[0] - q[0] * r2, nd[1] - q[1] * r2, nd[2] - q[2] * r2]
    const l = Math.hypot(nd[0], nd[1], nd[2]) || 1
    d = [nd[0] / l, nd[1] / l, nd[2] / l]
    p = [p[0] + d[0] * step, p[1] + d[1] * step, p[2] + d[2] * step]
    walk.push(p)
  }
  const sbR = walk.map(() => 11.5 + rng.uniform(-1.5, 1.5))
  const sb = intersect(tube(walk, sbR), cavity)
  addLayer(model, 'organs', {
    shape: sb,
    bands: [{ thicknessMm: WALL_MM, label: S.bowel, hu: hu.bowelWall }],
    label: S.bowel,
    hu: hu.bowelFluid,
    part: partId(model, 'smallBowel'),
  })
}

/** Catmull–Rom resampling with `k` points per span. */
function smoothPath(p: readonly Vec3[], k: number): Vec3[] {
  const out: Vec3[] = []
  for (let i = 0; i + 1 < p.length; i++) {
    const p0 = p[Math.max(0, i - 1)]!,
      p1 = p[i]!,
      p2 = p[i + 1]!,
      p3 = p[Math.min(p.length - 1, i + 2)]!
    for (let j = 0; j < k; j++) {
      const t = j / k,
        t2 = t * t,
        t3 = t2 * t
      const f = (a: number, b: number, c: number, d: number): number =>
        0.5 *
        (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3)
      out.push([
        f(p0[0], p1[0], p2[0], p3[0]),
        f(p0[1], p1[1], p2[1], p3[1]),
        f(p0[2], p1[2], p2[2], p3[2]),
      ])
    }
  }
  out.push(p[p.length - 1]!)
  return out
}

/** Linear resampling of per-point values to match smoothPath(…, k). */
function interp(v: readonly number[], k: number): number[] {
  const out: number[] = []
  for (let i = 0; i + 1 < v.length; i++) {
    for (let j = 0; j < k; j++) out.push(v[i]! + ((v[i + 1]! - v[i]!) * j) / k)
  }
  out.push(v[v.length - 1]!)
  return out
}

/** Haustra: alternate full and 80 % radius between path points. */
function haustrate(pts: Vec3[], rs: number[]): { pts: Vec3[]; rs: number[] } {
  return { pts, rs: rs.map((r, i) => (i % 2 === 0 ? r : r * 0.8)) }
}
