/**
 * Sacrum and coccyx: five fused segments curving anteriorly below S1 (sacral kyphosis), lateral masses
 * (alae) out to the sacro-iliac joints, a dorsal roof (fused laminae) pierced by the dorsal foramina with a
 * continuous median crest over the sacral canal, a sacral hiatus at S4–S5 (no roof there), the S1 superior
 * articular processes, and residual disc remnants between the fused bodies (thin lucent bands with
 * sclerotic margins, painted by pelvisModel.ts). The canal and ventral roots are carved later by the
 * neural layers. Segment sizes below S1 are teaching defaults [U]; S1 endplate ~50 × 35 (ANATOMY §2.1
 * [U]); S1 dorsal foramen width 8.5 ± 1.6 (*KimS1_23* [V]).
 */
import type { Vec3 } from '../../lib/vec3'
import { deg, frameFromWU, pitch, shiftFrame, toWorld } from './frame'
import type { SpineParams } from './phantomSpec'
import {
  ellipsoid,
  ellipticCylinder,
  roundBox,
  subtract,
  trackedUnion,
  tube,
  union,
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
  /** Dorsal (posterior) foramen radius (0 = none) [U]; S1 from *KimS1_23* width 8.5 [V]. */
  readonly dorsalForamenMm: number
  /** Half-thickness of the residual disc below this segment (0 = none) [U]. */
  readonly remnantDiscMm: number
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
    dorsalForamenMm: 4.2,
    remnantDiscMm: 1.0,
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
    dorsalForamenMm: 3.6,
    remnantDiscMm: 0.75,
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
    dorsalForamenMm: 3.0,
    remnantDiscMm: 0.6,
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
    dorsalForamenMm: 2.5,
    remnantDiscMm: 0.5,
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
    dorsalForamenMm: 0,
    remnantDiscMm: 0.9,
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
    dorsalForamenMm: 0,
    remnantDiscMm: 0,
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
    dorsalForamenMm: 0,
    remnantDiscMm: 0,
  },
]

/** The built sacrum. */
export interface SacrumModel {
  readonly shape: Shape
  /** Residual discs between the fused bodies and the sacrococcygeal joint (painted over the bone). */
  readonly remnantDiscs: Shape
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

/** Canal centre depth (local v) of a segment: behind the body by the canal half-depth plus 1 mm. */
const canalV = (seg: Segment): number => seg.depthMm / 2 + seg.canalB + 1

/** Last segment that keeps a dorsal roof: below it the laminae are unfused (sacral hiatus) [U]. */
const LAST_ROOFED = 'S3'

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
  const holes: Shape[] = []
  const discs: Shape[] = []
  const crest: Vec3[] = []
  const crestR: number[] = []
  let roofed = true
  SEGMENTS.forEach((seg, i) => {
    const f = frames[i]!
    if (i > 0) {
      // Bodies taper and their anterior face is slightly concave in the sagittal plane: each body is a
      // short elliptic cylinder; the bends between them give the kyphotic curve.
      parts.push({
        shape: ellipticCylinder(f, seg.widthMm / 2, seg.depthMm / 2, seg.heightMm / 2 + 1.5, 3),
        shellMm: 0.8,
        sub: SUB.bodyWall,
      })
    }
    const next = SEGMENTS[i + 1]
    if (seg.remnantDiscMm > 0 && next) {
      // Junction plane halfway through the bend, at the bottom of this body.
      const j = shiftFrame(pitch(f, deg(seg.bendDeg / 2)), 0, 0, -(seg.heightMm / 2 + 1))
      const w = Math.min(seg.widthMm, next.widthMm) / 2
      const d = Math.min(seg.depthMm, next.depthMm) / 2
      // Fused sacral discs leave a central remnant; the sacrococcygeal joint spans the whole section.
      const f0 = seg.canalA > 0 || seg.alaMm > 0 ? 0.72 : 1.05
      discs.push(
        ellipticCylinder(
          shiftFrame(j, 0, f0 < 1 ? -d * 0.08 : 0, 0),
          w * f0,
          d * (f0 < 1 ? 0.78 : 1.05),
          seg.remnantDiscMm,
          0.4,
        ),
      )
    }
    if (seg.alaMm > 0) {
      for (const s of [1, -1]) {
        // Lateral mass: overlaps the body so the union reads as one bone (ala), not a bead; its front is
        // set back from the body's so the body (and the promontory) bulges forward on axial sections.
        const half = seg.alaMm / 2 + 6
        const cu = s * (seg.widthMm / 2 + seg.alaMm / 2 - 6)
        const d0 = -seg.depthMm / 2 + 6
        // Below the last roofed segment the lateral masses stop beside the canal (open hiatus).
        const d1 = seg.depthMm / 2 + (roofed ? seg.canalB * 2 + 14 : 2)
        parts.push({
          shape: ellipsoid(
            shiftFrame(f, cu, (d0 + d1) / 2, i === 0 ? -3 : 0),
            half + 3,
            (d1 - d0) / 2 - (i === 0 ? 2 : 1),
            seg.heightMm / 2 + (i === 0 ? 6 : 5),
          ),
          shellMm: 1.0,
          sub: SUB.arch,
        })
      }
      alaEdge.push(seg.widthMm / 2 + seg.alaMm + 2)
    }
    if (seg.canalA > 0) {
      const vC = canalV(seg)
      canal.push({ p: toWorld(f, 0, vC, 0), a: seg.canalA, b: seg.canalB })
      if (roofed) {
        // Dorsal roof (fused laminae), thinning caudally.
        parts.push({
          shape: roundBox(
            shiftFrame(f, 0, vC + seg.canalB + 2.5, 0),
            seg.canalA + 8,
            3.5,
            seg.heightMm / 2 + 1,
            2.5,
          ),
          shellMm: 1.2,
          sub: SUB.arch,
        })
        // Median crest: fused spinous tubercles, a continuous ridge down the midline.
        crest.push(toWorld(f, 0, vC + seg.canalB + 8, -2))
        crestR.push(Math.max(2, 4.2 - i * 0.8))
      }
      if (seg.dorsalForamenMm > 0) {
        // Dorsal foramina lateral to the canal, through the roof and the back of the lateral mass.
        for (const s of [1, -1]) {
          holes.push(
            ellipticCylinder(
              frameFromWU(toWorld(f, s * (seg.canalA + 6), vC + 12, -2), f.v, f.u),
              seg.dorsalForamenMm,
              seg.dorsalForamenMm * 1.25,
              12,
              1,
            ),
          )
        }
      }
      if (seg.name === LAST_ROOFED) roofed = false
    }
  })
  if (crest.length > 1) parts.push({ shape: tube(crest, crestR), shellMm: 1.5, sub: SUB.arch })
  for (const s of [1, -1]) {
    parts.push({ shape: superiorProcess(s1, s, sp.facetGapMm), shellMm: 1.5, sub: SUB.arch })
  }
  const f1 = frames[0]!
  const points: Record<string, Vec3> = {
    promontory: toWorld(f1, 0, -SEGMENTS[0]!.depthMm / 2, s1.heightMidMm / 2),
    'S1.bodyCentre': f1.o,
    'S1.superiorEndplateCentre': s1.supCentre,
    'S2.bodyCentre': frames[1]!.o,
    sacralHiatus: toWorld(
      frames[SEGMENTS.findIndex((g) => g.name === LAST_ROOFED) + 1]!,
      0,
      canalV(SEGMENTS[3]!),
      0,
    ),
    coccyxTip: toWorld(
      frames[frames.length - 1]!,
      0,
      0,
      -SEGMENTS[SEGMENTS.length - 1]!.heightMm / 2,
    ),
  }
  const bone = trackedUnion(parts, 6)
  return {
    shape: holes.length ? subtract(bone, union(holes)) : bone,
    remnantDiscs: union(discs),
    frames,
    canal,
    alaEdgeMm: alaEdge,
    points,
    segments: SEGMENTS,
  }
}
