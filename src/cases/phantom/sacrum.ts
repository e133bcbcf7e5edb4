/**
 * Sacrum and coccyx: five fused segments curving anteriorly below S1 (sacral kyphosis), lateral masses
 * (alae) out to the sacro-iliac joints, a dorsal roof with a median crest over the sacral canal, and the
 * S1 superior articular processes. The canal, foramina and roots are carved later by the neural layers.
 * Segment sizes below S1 are teaching defaults [U]; S1 endplate ~50 × 35 (ANATOMY §2.1 [U]).
 */
import type { Vec3 } from '../../lib/vec3'
import { deg, pitch, shiftFrame, toWorld } from './frame'
import type { SpineParams } from './phantomSpec'
import {
  ellipsoid,
  ellipticCylinder,
  roundBox,
  trackedUnion,
  type Frame,
  type Shape,
  type TrackedPart,
} from './sdf'
import type { VertebraLayout } from './spineLayout'
import { SUB, superiorProcess, vertebralBody } from './vertebra'

/** One sacral or coccygeal segment [U]. */
interface Segment {
  readonly name: string
  readonly widthMm: number
  readonly depthMm: number
  readonly heightMm: number
  /** Half-width of the lateral mass beyond the body (0 = none). */
  readonly alaMm: number
  /** Canal half-width and half-depth (0 = closed). */
  readonly canalA: number
  readonly canalB: number
  /** Anterior bend to the next segment (degrees). */
  readonly bendDeg: number
}

const SEGMENTS: readonly Segment[] = [
  {
    name: 'S1',
    widthMm: 50,
    depthMm: 35,
    heightMm: 28,
    alaMm: 34,
    canalA: 14,
    canalB: 7,
    bendDeg: 6,
  },
  {
    name: 'S2',
    widthMm: 40,
    depthMm: 27,
    heightMm: 24,
    alaMm: 25,
    canalA: 11,
    canalB: 5.5,
    bendDeg: 10,
  },
  {
    name: 'S3',
    widthMm: 32,
    depthMm: 20,
    heightMm: 20,
    alaMm: 15,
    canalA: 8,
    canalB: 4,
    bendDeg: 12,
  },
  {
    name: 'S4',
    widthMm: 25,
    depthMm: 15,
    heightMm: 17,
    alaMm: 6,
    canalA: 6,
    canalB: 3,
    bendDeg: 14,
  },
  {
    name: 'S5',
    widthMm: 19,
    depthMm: 12,
    heightMm: 14,
    alaMm: 0,
    canalA: 0,
    canalB: 0,
    bendDeg: 14,
  },
  {
    name: 'Co1',
    widthMm: 14,
    depthMm: 9,
    heightMm: 10,
    alaMm: 0,
    canalA: 0,
    canalB: 0,
    bendDeg: 15,
  },
  {
    name: 'Co2',
    widthMm: 10,
    depthMm: 7,
    heightMm: 9,
    alaMm: 0,
    canalA: 0,
    canalB: 0,
    bendDeg: 10,
  },
]

/** The built sacrum. */
export interface SacrumModel {
  readonly shape: Shape
  /** Segment frames (origin at the segment body centre), S1 first. */
  readonly frames: readonly Frame[]
  /** Canal centreline nodes S1–S4 with semi-axes. */
  readonly canal: readonly { p: Vec3; a: number; b: number }[]
  /** Lateral edge of the S1–S3 lateral masses (SI joint surface) per segment, local u. */
  readonly alaEdgeMm: readonly number[]
  /** Named points. */
  readonly points: Readonly<Record<string, Vec3>>
  readonly segments: readonly Segment[]
}

/** Builds the sacrum from the S1 layout. */
export function buildSacrum(s1: VertebraLayout, sp: SpineParams): SacrumModel {
  const frames: Frame[] = []
  let fr = s1.frame
  for (let i = 0; i < SEGMENTS.length; i++) {
    frames.push(fr)
    const cur = SEGMENTS[i]!
    const next = SEGMENTS[i + 1]
    if (!next) break
    // Step down to the next centre, bending the axis anteriorly (w turns towards +v going down).
    const down = cur.heightMm / 2 + 2 + next.heightMm / 2
    fr = shiftFrame(pitch(fr, deg(cur.bendDeg)), 0, 0, -down)
  }
  const parts: TrackedPart[] = [{ shape: vertebralBody(s1, sp), shellMm: NaN, sub: SUB.bodyWall }]
  const alaEdge: number[] = []
  const canal: { p: Vec3; a: number; b: number }[] = []
  SEGMENTS.forEach((seg, i) => {
    const f = frames[i]!
    if (i > 0) {
      const body: Frame = f
      parts.push({
        shape: ellipticCylinder(body, seg.widthMm / 2, seg.depthMm / 2, seg.heightMm / 2 + 1.5, 3),
        shellMm: 0.8,
        sub: SUB.bodyWall,
      })
    }
    if (seg.alaMm > 0) {
      for (const s of [1, -1]) {
        // Lateral mass: overlaps the body by 8 mm so the union reads as one bone (ala), not a bead.
        const half = seg.alaMm / 2 + 6
        const cu = s * (seg.widthMm / 2 + seg.alaMm / 2 - 6)
        const d0 = -seg.depthMm / 2 + 6
        const d1 = seg.depthMm / 2 + seg.canalB * 2 + 14
        parts.push({
          shape: ellipsoid(
            shiftFrame(f, cu, (d0 + d1) / 2, i === 0 ? -3 : 0),
            half + 3,
            (d1 - d0) / 2 + 3,
            seg.heightMm / 2 + 6,
          ),
          shellMm: 1.0,
          sub: SUB.arch,
        })
      }
      alaEdge.push(seg.widthMm / 2 + seg.alaMm + 2)
    }
    if (seg.canalA > 0) {
      const vC = seg.depthMm / 2 + seg.canalB + 1
      canal.push({ p: toWorld(f, 0, vC, 0), a: seg.canalA, b: seg.canalB })
      // Dorsal roof (fused laminae) and median crest.
      parts.push({
        shape: roundBox(
          shiftFrame(f, 0, vC + seg.canalB + 3, 0),
          seg.canalA + 8,
          4,
          seg.heightMm / 2 + 1,
          3,
        ),
        shellMm: 1.2,
        sub: SUB.arch,
      })
      parts.push({
        shape: roundBox(
          shiftFrame(f, 0, vC + seg.canalB + 10, -2),
          3.5,
          5,
          seg.heightMm / 2 - 2,
          2.5,
        ),
        shellMm: 1.2,
        sub: SUB.arch,
      })
    }
  })
  for (const s of [1, -1]) {
    parts.push({ shape: superiorProcess(s1, s, sp.facetGapMm), shellMm: 1.5, sub: SUB.arch })
  }
  const f1 = frames[0]!
  const points: Record<string, Vec3> = {
    promontory: toWorld(f1, 0, -SEGMENTS[0]!.depthMm / 2, s1.heightMidMm / 2),
    'S1.bodyCentre': f1.o,
    'S1.superiorEndplateCentre': s1.supCentre,
    'S2.bodyCentre': frames[1]!.o,
    coccyxTip: toWorld(
      frames[frames.length - 1]!,
      0,
      0,
      -SEGMENTS[SEGMENTS.length - 1]!.heightMm / 2,
    ),
  }
  return {
    shape: trackedUnion(parts, 9),
    frames,
    canal,
    alaEdgeMm: alaEdge,
    points,
    segments: SEGMENTS,
  }
}
