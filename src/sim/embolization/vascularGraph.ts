/**
 * The vascular centreline graph shared by the flow solver, contrast transport, embolic delivery and the
 * DSA projection. Pure data. Node positions are anatomy (DICOM LPS millimetres, `pWorldMm`) so that a
 * phantom or a traced centreline can be passed in unchanged; everything physical (radius, length, volume,
 * resistance) is SI. The only mm → m conversion is `segmentLengthM`.
 */
import type { Vec3 } from '../../lib/vec3'

/** Role of a vessel segment; decides default radii, safety rules and DSA appearance. */
export type VesselKind =
  | 'aorta'
  /** Posterior intercostal, subcostal or lumbar artery from the aorta to the foramen. */
  | 'segmental'
  /** Dorsal (posterior) branch of the segmental artery. */
  | 'dorsal'
  /** Spinal branch of the dorsal branch, entering the foramen. */
  | 'spinal'
  /** Radiculomedullary branch feeding the anterior spinal artery (not the Adamkiewicz one). */
  | 'radiculomedullary'
  /** The artery of Adamkiewicz (great anterior radiculomedullary artery), hairpin onto the ASA. */
  | 'adamkiewicz'
  /** Anterior spinal artery, longitudinal on the anterior cord. */
  | 'anteriorSpinal'
  /** Branch to the vertebral body (retrocorporeal / nutrient). */
  | 'bodyBranch'
  /** Hypertrophied feeder of the tumour. */
  | 'tumourFeeder'
  /** Intercostal/lumbar continuation to the body wall, or dorsal muscular branch. */
  | 'muscular'
  /** Lumped terminal bed: its resistance is given, not computed from Poiseuille. */
  | 'territory'

/** What a terminal territory supplies; decides non-target reporting and safety. */
export type TerritoryKind =
  'tumour' | 'spinalCord' | 'vertebralBody' | 'muscle' | 'bodyWall' | 'systemic' | 'cranialAsa'

/** A node of the centreline graph. */
export interface VascularNode {
  /** Position in DICOM LPS millimetres. */
  readonly pWorldMm: Vec3
  /** Vertebral level this node belongs to ('T10'), when meaningful. */
  readonly level?: string
  /** Side ('L' = patient's left, +x), when meaningful. */
  readonly side?: 'L' | 'R'
  /** Fixed pressure (Pa) if this node is a boundary (aortic inlet, venous outlet); else free. */
  readonly fixedPressurePa?: number
}

/** Lumped terminal bed attached to a 'territory' segment. */
export interface Territory {
  readonly kind: TerritoryKind
  /** Tissue volume supplied (m³); sets the bed's embolic capacity and blush volume. */
  readonly tissueVolumeM3: number
  /** Blood volume fraction of the bed (opacity of the blush). */
  readonly bloodVolumeFraction: number
  /** Diameter of the bed's precapillary arterioles (m): particles smaller than this pass through. */
  readonly precapillaryDiameterM: number
}

/** A segment (straight tube) between two nodes, oriented parent (`from`) → child (`to`). */
export interface VesselSegment {
  readonly from: number
  readonly to: number
  readonly kind: VesselKind
  /** Lumen radius (m). For 'territory' segments: the radius used for drawing only. */
  readonly radiusM: number
  /** Resistance override (Pa·s/m³); set on 'territory' segments (lumped bed), absent elsewhere. */
  readonly resistancePaSPerM3?: number
  /** Present on 'territory' segments. */
  readonly territory?: Territory
  /** Vertebral level ('T10'), when meaningful. */
  readonly level?: string
  readonly side?: 'L' | 'R'
  /** Human-readable name ('left T10 segmental artery'). */
  readonly name: string
}

/** The vascular graph. Not necessarily a tree: the ASA joins several radiculomedullary feeders. */
export interface VascularGraph {
  readonly nodes: readonly VascularNode[]
  readonly segments: readonly VesselSegment[]
}

/** Mutable builder used by the generators (and by a phantom or tracing tool). */
export interface GraphBuilder {
  /** Adds a node and returns its index. */
  node(n: VascularNode): number
  /** Position (LPS mm) of an added node. */
  position(i: number): Vec3
  /** Adds a segment and returns its index. */
  segment(s: VesselSegment): number
  /** Freezes the graph. */
  build(): VascularGraph
}

/** Creates an empty graph builder. */
export function createGraphBuilder(): GraphBuilder {
  const nodes: VascularNode[] = []
  const segments: VesselSegment[] = []
  return {
    node: (n) => nodes.push(n) - 1,
    position: (i) => nodes[i].pWorldMm,
    segment: (s) => {
      if (s.from === s.to || s.from >= nodes.length || s.to >= nodes.length) {
        throw new Error(`segment '${s.name}': bad end nodes ${s.from} → ${s.to}`)
      }
      const a = nodes[s.from].pWorldMm
      const c = nodes[s.to].pWorldMm
      if (!s.territory && !(Math.hypot(c[0] - a[0], c[1] - a[1], c[2] - a[2]) > 0)) {
        throw new Error(`segment '${s.name}': zero length (its Poiseuille resistance would be 0)`)
      }
      return segments.push(s) - 1
    },
    build: () => ({ nodes, segments }),
  }
}

/** Centreline length of a segment in metres (node positions are mm). */
export function segmentLengthM(g: VascularGraph, s: number): number {
  const seg = g.segments[s]
  const a = g.nodes[seg.from].pWorldMm
  const b = g.nodes[seg.to].pWorldMm
  return Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]) * 1e-3
}

/** Lumen volume of a segment (m³), πr²L; 0 for lumped territories. */
export function segmentVolumeM3(g: VascularGraph, s: number): number {
  const seg = g.segments[s]
  if (seg.kind === 'territory') return 0
  return Math.PI * seg.radiusM * seg.radiusM * segmentLengthM(g, s)
}

/** Segment indices incident to each node (both directions). */
export function incidentSegments(g: VascularGraph): number[][] {
  const out: number[][] = g.nodes.map(() => [])
  g.segments.forEach((s, i) => {
    out[s.from].push(i)
    out[s.to].push(i)
  })
  return out
}

/** Index of the first segment of `kind` matching the optional level and side, or -1. */
export function findSegment(
  g: VascularGraph,
  kind: VesselKind,
  level?: string,
  side?: 'L' | 'R',
): number {
  return g.segments.findIndex(
    (s) =>
      s.kind === kind &&
      (level === undefined || s.level === level) &&
      (side === undefined || s.side === side),
  )
}
