/**
 * Builds the case's arterial graph (`CaseGraph`) from the volume's vessel centrelines: aorta and iliac
 * arteries, each segmental artery to its foramen and beyond, the artery of Adamkiewicz onto the anterior
 * spinal artery, and the added branches and beds described in caseGraph.ts. Pure.
 */
import { type Vec3, add, distance, lerp, normalize, scale, sub } from '../../../lib/vec3'
import {
  DEFAULT_RADII,
  DEFAULT_TERRITORIES,
  type TerritoryKind,
  type VesselKind,
  type VesselSegment,
  createGraphBuilder,
} from '../../../sim/embolization'
import type { VesselInfo } from '../../phantom'
import type { CtVolume } from '../../volume'
import {
  CASE_GRAPH_PARAMS as P,
  type CaseGraph,
  type SegmentOnVessel,
  projectOnPolyline,
  tumourShares,
  vascularityOf,
} from './caseGraph'

const SIDE_WORD = { L: 'left', R: 'right' } as const
const key = (p: Vec3): string => `${p[0].toFixed(2)},${p[1].toFixed(2)},${p[2].toFixed(2)}`

interface NodeExtra {
  readonly level?: string
  readonly side?: 'L' | 'R'
  readonly fixedPressurePa?: number
}

/** Inserts `extra` points into a polyline at their projections (kept in order along it). */
function withSplits(pts: readonly Vec3[], extra: readonly Vec3[]): Vec3[] {
  const tagged = pts.map((p, i) => ({ p, at: i }))
  for (const e of extra) {
    const pr = projectOnPolyline(pts, e)
    if (pr.f < 1e-6 || pr.f > 1 - 1e-6) continue
    tagged.push({ p: pr.q, at: pr.i + pr.f })
  }
  return tagged.sort((a, b) => a.at - b.at).map((t) => t.p)
}

function arclengthFractions(pts: readonly Vec3[]): number[] {
  const s = [0]
  for (let i = 1; i < pts.length; i++) s.push(s[i - 1]! + distance(pts[i - 1]!, pts[i]!))
  const total = s[s.length - 1]! || 1
  return s.map((x) => x / total)
}

/**
 * Builds the graph. Throws a readable error when the volume has no aorta centreline (a loaded scan):
 * embolization needs the vessel tree, which only built-in cases carry.
 */
export function buildCaseGraph(volume: CtVolume, over: { vascularity?: number } = {}): CaseGraph {
  const vessels = volume.vessels ?? []
  const aorta = vessels.find((v) => v.kind === 'aorta')
  if (!aorta || aorta.points.length < 2) {
    throw new Error(
      'This scan has no vessel centrelines: the embolization simulation needs at least the aorta and a segmental artery. Trace them in the embolization panel (“Trace vessels”: click along each vessel in a 2D view, add the crosshair points), or open a built-in case.',
    )
  }
  const b = createGraphBuilder()
  const byKey = new Map<string, number>()
  const onVessel: (SegmentOnVessel | null)[] = []
  const parentVessel: (string | null)[] = []
  const node = (p: Vec3, extra: NodeExtra = {}): number => {
    const k = key(p)
    const hit = byKey.get(k)
    if (hit !== undefined) return hit
    const n = b.node({ pWorldMm: [p[0], p[1], p[2]], ...extra })
    byKey.set(k, n)
    return n
  }
  const segment = (s: VesselSegment, on: SegmentOnVessel | null, parent: string | null): number => {
    const i = b.segment(s)
    onVessel[i] = on
    parentVessel[i] = parent
    return i
  }
  const territory = (
    from: number,
    kind: TerritoryKind,
    pMm: Vec3,
    name: string,
    parent: string | null,
    flowM3PerS?: number,
    tissueVolumeM3?: number,
  ): number => {
    const d = DEFAULT_TERRITORIES[kind]
    const q = flowM3PerS ?? d.nominalFlowM3PerS
    const vol = tissueVolumeM3 ?? d.tissueVolumeM3
    const out = b.node({ pWorldMm: [pMm[0], pMm[1], pMm[2]], fixedPressurePa: P.venousPressurePa })
    return segment(
      {
        from,
        to: out,
        kind: 'territory',
        name,
        radiusM: Math.cbrt((3 * vol) / (4 * Math.PI)),
        resistancePaSPerM3: (P.nominalPerfusionPa - P.venousPressurePa) / q,
        territory: {
          kind,
          tissueVolumeM3: vol,
          bloodVolumeFraction: d.bloodVolumeFraction,
          precapillaryDiameterM: d.precapillaryDiameterM,
        },
      },
      null,
      parent,
    )
  }
  /** Adds a drawn polyline as a chain of segments; returns its node indices. */
  const chain = (
    v: VesselInfo,
    pts: readonly Vec3[],
    kindAt: (i: number) => VesselKind,
    nameAt: (i: number) => string,
    extra: NodeExtra,
  ): number[] => {
    const frac = arclengthFractions(pts)
    const nodes = pts.map((p) => node(p, extra))
    const radiusAt = (p: Vec3): number => {
      const pr = projectOnPolyline(v.points, p)
      const r0 = v.radiiMm[pr.i] ?? v.radiiMm[0] ?? 1
      const r1 = v.radiiMm[pr.i + 1] ?? r0
      return r0 + pr.f * (r1 - r0)
    }
    for (let i = 0; i + 1 < pts.length; i++) {
      if (nodes[i] === nodes[i + 1] || distance(pts[i]!, pts[i + 1]!) < 1e-3) continue
      const rMm = (radiusAt(pts[i]!) + radiusAt(pts[i + 1]!)) / 2
      const s: VesselSegment = {
        from: nodes[i]!,
        to: nodes[i + 1]!,
        kind: kindAt(i),
        radiusM: rMm * 1e-3,
        name: nameAt(i),
        ...(v.level !== undefined ? { level: v.level } : {}),
        ...(v.side !== undefined ? { side: v.side } : {}),
      }
      segment(s, { vesselId: v.id, t0: frac[i]!, t1: frac[i + 1]! }, v.id)
    }
    return nodes
  }

  // Aorta, split where its branches leave it; the inlet is the fixed-pressure boundary.
  const children = vessels.filter(
    (v) => v.parent === 'aorta' && (v.kind === 'iliacArtery' || isSegmental(v)),
  )
  const aortaPts = withSplits(
    aorta.points,
    children.map((c) => c.points[0]!),
  )
  node(aortaPts[0]!, { fixedPressurePa: P.aorticPressurePa })
  const aortaNodes = chain(
    aorta,
    aortaPts,
    () => 'aorta',
    () => 'aorta',
    {},
  )
  const attach = (p: Vec3): Vec3 => projectOnPolyline(aortaPts, p).q
  const l1 = children.find((c) => c.level === 'L1')
  const visceralAt = l1 ? node(attach(l1.points[0]!)) : aortaNodes[aortaNodes.length >> 1]!
  const vp = b.position(visceralAt)
  territory(
    visceralAt,
    'systemic',
    [vp[0], vp[1] - 60, vp[2]],
    'renal and visceral arteries',
    'aorta',
    P.visceralFlowM3PerS,
  )

  const iliacs = children.filter((c) => c.kind === 'iliacArtery')
  let accessNode = aortaNodes[0]!
  for (const il of iliacs) {
    const pts = [attach(il.points[0]!), ...il.points.slice(1)]
    const word = il.side ? SIDE_WORD[il.side] : ''
    const ns = chain(
      il,
      pts,
      () => 'aorta',
      () => `${word} iliac artery`,
      {},
    )
    const end = ns[ns.length - 1]!
    const pe = pts[pts.length - 1]!
    territory(end, 'systemic', [pe[0], pe[1], pe[2] - 40], `${word} leg`, il.id, P.legFlowM3PerS)
    if (il.side === 'R' || accessNode === aortaNodes[0]) accessNode = end
  }
  if (iliacs.length === 0) {
    const end = aortaNodes[aortaNodes.length - 1]!
    const pe = b.position(end)
    territory(
      end,
      'systemic',
      [pe[0], pe[1], pe[2] - 60],
      'lower body',
      'aorta',
      2 * P.legFlowM3PerS,
    )
  }

  const dorsalAt: Record<string, { node: number; p: Vec3; v: VesselInfo }> = {}
  for (const v of children.filter(isSegmental)) {
    const r = addSegmental(v)
    if (r) dorsalAt[`${v.side}${v.level}`] = r
  }

  function addSegmental(v: VesselInfo): { node: number; p: Vec3; v: VesselInfo } | null {
    const side = v.side ?? 'L'
    const level = v.level ?? '?'
    const pts: Vec3[] = v.points.map((p) => [p[0], p[1], p[2]])
    pts[0] = attach(pts[0]!)
    const lm = volume.landmarks?.[`${level}.segmentalArtery.${side}`]
    let f = Math.min(5, pts.length - 2)
    if (lm) {
      f = 1
      for (let i = 1; i < pts.length - 1; i++) {
        if (distance(pts[i]!, lm) < distance(pts[f]!, lm)) f = i
      }
    }
    const pf = pts[f]!
    const next = pts[f + 1]!
    const dir = normalize(sub(next, pf))
    const dPt = add(pf, scale(dir, Math.min(P.dorsalFeederOffsetMm, 0.5 * distance(pf, next))))
    pts.splice(f + 1, 0, dPt)
    const word = `${SIDE_WORD[side]} ${level} ${v.kind === 'lumbarArtery' ? 'lumbar' : 'intercostal'} artery`
    const ns = chain(
      v,
      pts,
      (i) => (i < f ? 'segmental' : i === f ? 'dorsal' : 'muscular'),
      (i) => (i < f ? word : i === f ? `${word}, dorsal branch` : `${word}, muscular continuation`),
      { level, side },
    )
    const end = pts[pts.length - 1]!
    const isLumbar = v.kind === 'lumbarArtery'
    territory(
      ns[ns.length - 1]!,
      isLumbar ? 'muscle' : 'bodyWall',
      add(end, [0, 0, -8]),
      `${word} territory (${isLumbar ? 'psoas and back muscles' : 'body wall'})`,
      v.id,
    )
    // Spinal branch into the foramen and its retrocorporeal branch to the vertebral body [U].
    const canal =
      volume.landmarks?.[`${level}.canalCentre`] ?? add(pf, [side === 'L' ? -14 : 14, -4, 0])
    const body = volume.landmarks?.[`${level}.bodyCentre`] ?? add(canal, [0, -25, 0])
    const nf = ns[f]!
    const sp = node(lerp(pf, canal, 0.45), { level, side })
    const tag = { level, side }
    segment(
      {
        from: nf,
        to: sp,
        kind: 'spinal',
        radiusM: DEFAULT_RADII.spinalM,
        name: `${word}, spinal branch`,
        ...tag,
      },
      null,
      v.id,
    )
    const bb = node(lerp(lerp(pf, canal, 0.45), body, 0.5), { level, side })
    segment(
      {
        from: sp,
        to: bb,
        kind: 'bodyBranch',
        radiusM: DEFAULT_RADII.bodyBranchM,
        name: `${word}, retrocorporeal branch`,
        ...tag,
      },
      null,
      v.id,
    )
    territory(
      bb,
      'vertebralBody',
      lerp(lerp(lerp(pf, canal, 0.45), body, 0.5), body, 0.4),
      `${SIDE_WORD[side]} half of the ${level} vertebral body`,
      v.id,
    )
    return { node: ns[f + 1]!, p: dPt, v }
  }

  // Anterior spinal artery (cranial supply at fixed pressure) with the Adamkiewicz hairpin joining it.
  const asa = vessels.find((v) => v.kind === 'anteriorSpinalArtery')
  const aka = vessels.find((v) => v.kind === 'adamkiewicz')
  if (asa && asa.points.length >= 2) {
    const join = aka ? [aka.points[aka.points.length - 1]!] : []
    const pts = withSplits(asa.points, join)
    node(pts[0]!, { fixedPressurePa: P.cranialAsaPressurePa })
    const ns = chain(
      asa,
      pts,
      () => 'anteriorSpinal',
      () => 'anterior spinal artery',
      {},
    )
    const junctions = new Set(join.map((p) => node(projectOnPolyline(pts, p).q)))
    ns.forEach((n, i) => {
      if (i === 0 || junctions.has(n)) return
      const p = pts[i]!
      const last = i === ns.length - 1
      territory(
        n,
        'spinalCord',
        [p[0], p[1] + 4, p[2]],
        last ? 'conus medullaris' : `spinal cord at ${p[2].toFixed(0)} mm`,
        asa.id,
      )
    })
    if (aka && aka.side && aka.level) {
      const akaPts = aka.points.map((p): Vec3 => [p[0], p[1], p[2]])
      const j = projectOnPolyline(pts, akaPts[akaPts.length - 1]!).q
      if (distance(j, akaPts[akaPts.length - 1]!) > 0.3) akaPts.push(j)
      else akaPts[akaPts.length - 1] = j
      chain(
        aka,
        akaPts,
        () => 'adamkiewicz',
        (i) =>
          i === 0
            ? `artery of Adamkiewicz (${aka.side}${aka.level})`
            : 'artery of Adamkiewicz, hairpin onto the ASA',
        { level: aka.level, side: aka.side },
      )
    }
  }

  const tumour = addTumour()
  function addTumour(): {
    feeders: number[]
    beds: number[]
    vascularity: number
    centre: Vec3 | null
  } {
    const lesion = volume.lesions?.[0]
    if (!lesion) return { feeders: [], beds: [], vascularity: 0, centre: null }
    const c: Vec3 = [lesion.centreMm[0], lesion.centreMm[1], lesion.centreMm[2]]
    const r = lesion.sizeMm / 2
    const vascularity = over.vascularity ?? vascularityOf(lesion.description)
    const all = Object.values(dorsalAt)
    let near = all.filter((d) => Math.abs(d.p[2] - c[2]) <= r + P.feederReachMm)
    if (near.length === 0 && all.length > 0) {
      const best = Math.min(...all.map((d) => Math.abs(d.p[2] - c[2])))
      near = all.filter((d) => Math.abs(d.p[2] - c[2]) <= best + 1)
    }
    const entries = near.map((d) => add(c, scale(normalize(sub(d.p, c)), 0.5 * r)))
    const shares = tumourShares(volume, c, r, entries)
    const volM3 = (4 / 3) * Math.PI * (r * 1e-3) ** 3
    const perfusion = P.tumourPerfusionBasePerS + P.tumourPerfusionPerVascularityPerS * vascularity
    const rf =
      DEFAULT_RADII.tumourFeederBaseM + DEFAULT_RADII.tumourFeederPerVascularityM * vascularity
    const feeders: number[] = []
    const beds: number[] = []
    near.forEach((d, k) => {
      // A feeder with under 1 % of the tumour is left out (its bed resistance would be near infinite).
      if (!(shares[k]! >= 0.01)) return
      const side = d.v.side ?? 'L'
      const level = d.v.level ?? '?'
      const tag = { level, side }
      const e = entries[k]!
      const mid = node(lerp(d.p, e, 0.5), tag)
      const en = node(e, tag)
      const name = `${SIDE_WORD[side]} ${level} tumour feeder`
      feeders.push(
        segment(
          { from: d.node, to: mid, kind: 'tumourFeeder', radiusM: rf, name, ...tag },
          null,
          d.v.id,
        ),
      )
      feeders.push(
        segment(
          {
            from: mid,
            to: en,
            kind: 'tumourFeeder',
            radiusM: rf,
            name: `${name} (distal)`,
            ...tag,
          },
          null,
          d.v.id,
        ),
      )
      beds.push(
        territory(
          en,
          'tumour',
          [e[0], e[1] + 1, e[2]],
          `tumour bed (${side}${level} share, ${(100 * shares[k]!).toFixed(0)} %)`,
          d.v.id,
          perfusion * volM3 * shares[k]!,
          volM3 * shares[k]!,
        ),
      )
    })
    return { feeders, beds, vascularity, centre: c }
  }

  return {
    graph: b.build(),
    onVessel,
    parentVessel,
    accessNode,
    tumourFeeders: tumour.feeders,
    tumourBeds: tumour.beds,
    adamkiewicz: aka?.level && aka.side ? { level: aka.level, side: aka.side } : null,
    vascularity: tumour.vascularity,
    lesionCentreMm: tumour.centre,
  }
}

function isSegmental(v: VesselInfo): boolean {
  return v.kind === 'intercostalArtery' || v.kind === 'lumbarArtery'
}
