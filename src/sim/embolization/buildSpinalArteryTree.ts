/**
 * Generates the thoracolumbar arterial graph: aorta → paired segmental arteries at each level → dorsal →
 * spinal → body branch and (at drawn levels) radiculomedullary / Adamkiewicz hairpins onto the anterior
 * spinal artery (ASA); lateral and dorsal muscular continuations; tumour feeders into a lumped tumour bed.
 * Pathway per FACTS.md §5.3 (segmental → dorsal → spinal → radiculomedullary → ASA). Positions LPS mm.
 */
import type { Rng } from '../../lib/rng'
import type { Vec3 } from '../../lib/vec3'
import { type AdamkiewiczOrigin, drawAdamkiewicz } from './adamkiewicz'
import type { SpinalArteryTreeParams, SpinalLevel } from './spinalTreeParams'
import {
  type GraphBuilder,
  type TerritoryKind,
  type VascularGraph,
  type VesselKind,
  createGraphBuilder,
} from './vascularGraph'

/** The generated graph plus the indices a planner needs. */
export interface SpinalArteryTree {
  readonly graph: VascularGraph
  /** The AKA origin actually modelled (null if absent or drawn outside the modelled levels). */
  readonly adamkiewicz: AdamkiewiczOrigin | null
  /** The drawn origin, even when outside the modelled levels (for distribution statistics). */
  readonly adamkiewiczDrawn: AdamkiewiczOrigin | null
  readonly secondFeeder: AdamkiewiczOrigin | null
  /** Segment indices of the AKA (and second feeder) hairpins. */
  readonly adamkiewiczSegments: readonly number[]
  /** First segmental segment (aorta → waist) per `${side}${level}`, e.g. 'LT10'. */
  readonly segmentalBySide: Readonly<Record<string, number>>
  /** Tumour feeder segments (proximal halves first, then distal halves, in level order). */
  readonly tumourFeeders: readonly number[]
  /** Tumour bed territory segments, one per feeder, in the order of the distal feeders. */
  readonly tumourBeds: readonly number[]
}

const sideSign = (side: 'L' | 'R'): number => (side === 'L' ? 1 : -1)

interface Ctx {
  readonly b: GraphBuilder
  readonly p: SpinalArteryTreeParams
}

function addTerritory(
  ctx: Ctx,
  from: number,
  kind: TerritoryKind,
  pMm: Vec3,
  name: string,
  flowM3PerS?: number,
  tissueVolumeM3?: number,
): number {
  const d = ctx.p.territories[kind]
  const q = flowM3PerS ?? d.nominalFlowM3PerS
  const out = ctx.b.node({ pWorldMm: pMm, fixedPressurePa: ctx.p.venousPressurePa })
  const volume = tissueVolumeM3 ?? d.tissueVolumeM3
  return ctx.b.segment({
    from,
    to: out,
    kind: 'territory',
    name,
    radiusM: Math.cbrt((3 * volume) / (4 * Math.PI)),
    resistancePaSPerM3: (ctx.p.nominalPerfusionPa - ctx.p.venousPressurePa) / q,
    territory: {
      kind,
      tissueVolumeM3: volume,
      bloodVolumeFraction: d.bloodVolumeFraction,
      precapillaryDiameterM: d.precapillaryDiameterM,
    },
  })
}

interface LevelGeom {
  readonly z: number
  readonly aorta: Vec3
  readonly aortaRadiusMm: number
  readonly canal: Vec3
  readonly apHalfMm: number
  readonly height: number
}

function levelGeom(levels: readonly SpinalLevel[], i: number): LevelGeom {
  const l = levels[i]
  const c = l.bodyCentreMm
  const r = l.bodyRadiusMm
  const apHalfMm = 0.8 * r
  const aortaRadiusMm = l.aortaRadiusMm ?? 10 - (1.5 * i) / Math.max(1, levels.length - 1)
  const aorta: Vec3 = l.aortaCentreMm ?? [c[0] + 0.5 * r, c[1] - apHalfMm - aortaRadiusMm - 2, c[2]]
  const canal: Vec3 = l.canalCentreMm ?? [c[0], c[1] + apHalfMm + 9, c[2]]
  const nb = levels[i + 1] ?? levels[i - 1]
  const height = nb ? Math.abs(nb.bodyCentreMm[2] - c[2]) : 30
  return { z: c[2], aorta, aortaRadiusMm, canal, apHalfMm, height }
}

const seg = (
  ctx: Ctx,
  from: number,
  to: number,
  kind: VesselKind,
  radiusM: number,
  name: string,
  level: string,
  side?: 'L' | 'R',
): number =>
  ctx.b.segment(
    side
      ? { from, to, kind, radiusM, name, level, side }
      : { from, to, kind, radiusM, name, level },
  )

/** Radiculomedullary feeders of the ASA to build (AKA first). */
interface AsaPlan {
  readonly feeders: { origin: AdamkiewiczOrigin; kind: 'adamkiewicz' | 'radiculomedullary' }[]
}

/**
 * Builds the spinal arterial graph for `params.levels` (cranial → caudal). The AKA is drawn from `rng`
 * with `params.distribution` when `params.adamkiewicz` is 'auto' (always the same number of draws).
 */
export function buildSpinalArteryTree(params: SpinalArteryTreeParams, rng: Rng): SpinalArteryTree {
  const p = params
  const b = createGraphBuilder()
  const ctx: Ctx = { b, p }
  const r = p.radii
  const levels = p.levels
  const draw =
    p.adamkiewicz === 'auto'
      ? drawAdamkiewicz(rng, p.distribution)
      : { origin: p.adamkiewicz, secondFeeder: p.secondFeeder ?? null }
  const modelled = (o: AdamkiewiczOrigin | null): AdamkiewiczOrigin | null =>
    o && levels.some((l) => l.name === o.level) ? o : null
  const aka = modelled(draw.origin)
  const second = modelled(draw.secondFeeder)
  const plan: AsaPlan = { feeders: [] }
  if (aka) plan.feeders.push({ origin: aka, kind: 'adamkiewicz' })
  if (second) plan.feeders.push({ origin: second, kind: 'radiculomedullary' })

  const geoms = levels.map((_, i) => levelGeom(levels, i))
  const g0 = geoms[0]
  const gN = geoms[geoms.length - 1]

  // Aorta: fixed-pressure inlet one level above, a node per level, outlet to the lower-body bed.
  const aortaInlet = b.node({
    pWorldMm: [g0.aorta[0], g0.aorta[1], g0.z + g0.height],
    fixedPressurePa: p.aorticPressurePa,
  })
  let prev = aortaInlet
  const aortaNodes = geoms.map((g, i) => {
    const n = b.node({ pWorldMm: g.aorta, level: levels[i].name })
    seg(ctx, prev, n, 'aorta', g.aortaRadiusMm * 1e-3, `aorta at ${levels[i].name}`, levels[i].name)
    prev = n
    return n
  })
  const aortaEnd = b.node({ pWorldMm: [gN.aorta[0], gN.aorta[1], gN.z - gN.height] })
  seg(
    ctx,
    prev,
    aortaEnd,
    'aorta',
    gN.aortaRadiusMm * 1e-3,
    'infrarenal aorta',
    levels[levels.length - 1].name,
  )
  addTerritory(
    ctx,
    aortaEnd,
    'systemic',
    [gN.aorta[0], gN.aorta[1], gN.z - 2 * gN.height],
    'lower body and viscera',
  )

  // ASA chain: a node per level on the anterior cord plus hairpin junctions, fed from above.
  const cordAnteriorY = (g: LevelGeom): number => g.canal[1] - 5
  const asaPoints: { z: number; pMm: Vec3; level: string; junction: number }[] = geoms.map(
    (g, i) => ({
      z: g.z,
      pMm: [g.canal[0], cordAnteriorY(g), g.z],
      level: levels[i].name,
      junction: -1,
    }),
  )
  plan.feeders.forEach((f, k) => {
    const i = levels.findIndex((l) => l.name === f.origin.level)
    const g = geoms[i]
    // Distinct junction heights so two feeders at one level never make a zero-length ASA segment.
    const z = g.z + (0.35 - 0.1 * k) * g.height
    asaPoints.push({
      z,
      pMm: [g.canal[0], cordAnteriorY(g), z],
      level: f.origin.level,
      junction: k,
    })
  })
  asaPoints.sort((a, c) => c.z - a.z)
  const cranialAsa = b.node({
    pWorldMm: [g0.canal[0], cordAnteriorY(g0), g0.z + g0.height],
    fixedPressurePa: p.cranialAsaPressurePa,
  })
  prev = cranialAsa
  const junctionNode: number[] = []
  for (const a of asaPoints) {
    const n = b.node({ pWorldMm: a.pMm, level: a.level })
    seg(
      ctx,
      prev,
      n,
      'anteriorSpinal',
      r.anteriorSpinalM,
      `anterior spinal artery at ${a.level}`,
      a.level,
    )
    if (a.junction >= 0) junctionNode[a.junction] = n
    else {
      addTerritory(
        ctx,
        n,
        'spinalCord',
        [a.pMm[0], a.pMm[1] + 4, a.pMm[2]],
        `spinal cord ${a.level}`,
      )
    }
    prev = n
  }
  addTerritory(
    ctx,
    prev,
    'spinalCord',
    [gN.canal[0], cordAnteriorY(gN), gN.z - gN.height / 2],
    'conus anastomoses',
  )

  const segmentalBySide: Record<string, number> = {}
  const waistNodes: Record<string, number> = {}
  const spinalNodes: Record<string, number> = {}
  levels.forEach((l, i) => {
    const g = geoms[i]
    for (const side of ['L', 'R'] as const) {
      const s = sideSign(side)
      const c = l.bodyCentreMm
      const rb = l.bodyRadiusMm
      const name = `${side === 'L' ? 'left' : 'right'} ${l.name}`
      const waist = b.node({ pWorldMm: [c[0] + s * (rb + 3), c[1], g.z], level: l.name, side })
      const foramen = b.node({
        pWorldMm: [g.canal[0] + s * 16, g.canal[1] - 6, g.z],
        level: l.name,
        side,
      })
      segmentalBySide[side + l.name] = seg(
        ctx,
        aortaNodes[i],
        waist,
        'segmental',
        r.segmentalM,
        `${name} segmental artery`,
        l.name,
        side,
      )
      seg(
        ctx,
        waist,
        foramen,
        'segmental',
        r.segmentalM,
        `${name} segmental artery (foraminal)`,
        l.name,
        side,
      )
      waistNodes[side + l.name] = waist
      const wall = b.node({
        pWorldMm: [c[0] + s * (rb + 45), g.canal[1], g.z - 5],
        level: l.name,
        side,
      })
      seg(
        ctx,
        foramen,
        wall,
        'muscular',
        r.muscularM,
        `${name} intercostal/lumbar continuation`,
        l.name,
        side,
      )
      addTerritory(
        ctx,
        wall,
        'bodyWall',
        [c[0] + s * (rb + 60), g.canal[1], g.z - 8],
        `${name} body wall`,
      )
      const split = b.node({
        pWorldMm: [g.canal[0] + s * 17, g.canal[1] + 2, g.z + 1],
        level: l.name,
        side,
      })
      seg(ctx, foramen, split, 'dorsal', r.dorsalM, `${name} dorsal branch`, l.name, side)
      const muscle = b.node({
        pWorldMm: [g.canal[0] + s * 28, g.canal[1] + 35, g.z],
        level: l.name,
        side,
      })
      seg(
        ctx,
        split,
        muscle,
        'muscular',
        r.dorsalM * 0.85,
        `${name} dorsal muscular branch`,
        l.name,
        side,
      )
      addTerritory(
        ctx,
        muscle,
        'muscle',
        [g.canal[0] + s * 30, g.canal[1] + 45, g.z],
        `${name} paraspinal muscle`,
      )
      const spinal = b.node({
        pWorldMm: [g.canal[0] + s * 10, g.canal[1] - 2, g.z + 5],
        level: l.name,
        side,
      })
      seg(ctx, split, spinal, 'spinal', r.spinalM, `${name} spinal branch`, l.name, side)
      spinalNodes[side + l.name] = spinal
      const body = b.node({
        pWorldMm: [c[0] + s * 5, c[1] + g.apHalfMm - 4, g.z],
        level: l.name,
        side,
      })
      seg(
        ctx,
        spinal,
        body,
        'bodyBranch',
        r.bodyBranchM,
        `${name} retrocorporeal branch`,
        l.name,
        side,
      )
      addTerritory(ctx, body, 'vertebralBody', [c[0] + s * 8, c[1], g.z], `${name} vertebral body`)
    }
  })

  // Radiculomedullary hairpins: rise along the anterior cord to an apex, turn down onto the ASA.
  const adamkiewiczSegments: number[] = []
  plan.feeders.forEach((f, k) => {
    const { level, side } = f.origin
    const i = levels.findIndex((l) => l.name === level)
    const g = geoms[i]
    const s = sideSign(side)
    const rad = f.kind === 'adamkiewicz' ? r.adamkiewiczM : r.radiculomedullaryM
    const label = f.kind === 'adamkiewicz' ? 'artery of Adamkiewicz' : 'radiculomedullary artery'
    const rise = b.node({
      pWorldMm: [g.canal[0] + s * 5, cordAnteriorY(g), g.z + 0.3 * g.height],
      level,
      side,
    })
    const apex = b.node({
      pWorldMm: [g.canal[0] + s * 1.5, cordAnteriorY(g), g.z + 0.75 * g.height],
      level,
      side,
    })
    adamkiewiczSegments.push(
      seg(
        ctx,
        spinalNodes[side + level],
        rise,
        f.kind,
        rad,
        `${label} (${side}${level})`,
        level,
        side,
      ),
      seg(ctx, rise, apex, f.kind, rad, `${label} ascending limb`, level, side),
      seg(ctx, apex, junctionNode[k], f.kind, rad, `${label} hairpin onto the ASA`, level, side),
    )
  })

  // Tumour: a feeder from each segmental artery within reach (both sides), each into its own share of
  // the tumour bed (a compartment of volume V/n). Separate compartments, not one shared node: a shared
  // node would act as a wide anastomosis between all feeders once the bed is embolized.
  const tumourFeeders: number[] = []
  const tumourBeds: number[] = []
  const t = p.tumour
  if (t) {
    const reach = (i: number): number =>
      Math.abs(geoms[i].z - t.centreMm[2]) - t.radiusMm - 0.5 * geoms[i].height
    let near = levels.map((_, i) => i).filter((i) => reach(i) <= 0)
    if (near.length === 0) near = [levels.map((_, i) => i).sort((a, c) => reach(a) - reach(c))[0]]
    const nBeds = 2 * near.length
    const volume = (4 / 3) * Math.PI * (t.radiusMm * 1e-3) ** 3
    const perfusion =
      p.tumourPerfusionBasePerS + p.tumourPerfusionPerVascularityPerS * t.vascularity
    const rf = r.tumourFeederBaseM + r.tumourFeederPerVascularityM * t.vascularity
    const distal: number[] = []
    for (const i of near) {
      for (const side of ['L', 'R'] as const) {
        const level = levels[i].name
        const pw = b.position(waistNodes[side + level])
        const c = t.centreMm
        const dir = [pw[0] - c[0], pw[1] - c[1], pw[2] - c[2]]
        const dl = Math.hypot(dir[0], dir[1], dir[2]) || 1
        const k = (0.4 * t.radiusMm) / dl
        const bedMm: Vec3 = [c[0] + k * dir[0], c[1] + k * dir[1], c[2] + k * dir[2]]
        const bed = b.node({ pWorldMm: bedMm, level, side })
        const mid = b.node({
          pWorldMm: [(pw[0] + bedMm[0]) / 2, (pw[1] + bedMm[1]) / 2, (pw[2] + bedMm[2]) / 2],
          level,
          side,
        })
        const nm = `${side === 'L' ? 'left' : 'right'} ${level} tumour feeder`
        tumourFeeders.push(
          seg(ctx, waistNodes[side + level], mid, 'tumourFeeder', rf, nm, level, side),
        )
        distal.push(seg(ctx, mid, bed, 'tumourFeeder', rf, `${nm} (distal)`, level, side))
        tumourBeds.push(
          addTerritory(
            ctx,
            bed,
            'tumour',
            [bedMm[0], bedMm[1] + 1, bedMm[2]],
            `tumour bed (${side}${level} share)`,
            (perfusion * volume) / nBeds,
            volume / nBeds,
          ),
        )
      }
    }
    tumourFeeders.push(...distal)
  }

  return {
    graph: b.build(),
    adamkiewicz: aka,
    adamkiewiczDrawn: draw.origin,
    secondFeeder: second,
    adamkiewiczSegments,
    segmentalBySide,
    tumourFeeders,
    tumourBeds,
  }
}
