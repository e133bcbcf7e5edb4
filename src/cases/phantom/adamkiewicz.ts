/**
 * The artery of Adamkiewicz and the anterior spinal artery. Presence, side and level are drawn from the
 * seed with the meta-analytic frequencies of Taterra19 (FACTS.md §5.3): present 84.6 %, left 76.6 %,
 * arising T8–L1 in 89 %; the level weights below spread that 89 % over T8–L1 with a T9–T11 peak [U] and
 * put the rest at L2. The branch leaves its segmental artery at the foramen, follows the root into the
 * canal, climbs the anterior cord and turns down in a hairpin onto the anterior spinal artery, ~1 mm wide.
 */
import { S } from '../../lib/anatomy'
import type { Rng } from '../../lib/rng'
import { ADAMKIEWICZ_DISTRIBUTION } from '../../sim/embolization/adamkiewicz'
import type { Vec3 } from '../../lib/vec3'
import { toWorld } from './frame'
import { addLayer, type BuildContext, type Model } from './model'
import type { VertebraName } from './morphometry'
import type { AdamkiewiczSpec } from './phantomSpec'
import { tube, type TubeNode } from './sdf'
import { pedicleCentreW, pedicleLocal } from './vertebra'
import { pushVessel, tubeNodes, type ForamenPoints } from './vessels'

// One source of truth for the distribution: the embolization model's table (src/sim), which the phantom
// draws from, so the images and the vascular graph agree.
/** Level weights of the origin (Taterra19: 89 % between T8 and L1) [U]. */
export const ADAMKIEWICZ_LEVEL_WEIGHTS: Readonly<Partial<Record<VertebraName, number>>> =
  ADAMKIEWICZ_DISTRIBUTION.levelWeights

/** Probability the artery is identifiable (Taterra19). */
export const ADAMKIEWICZ_PRESENT = ADAMKIEWICZ_DISTRIBUTION.presentProbability
/** Probability it is left-sided (Taterra19). */
export const ADAMKIEWICZ_LEFT = ADAMKIEWICZ_DISTRIBUTION.leftProbability

/** Resolved origin of the artery, or null when absent. */
export interface AdamkiewiczOrigin {
  readonly level: VertebraName
  readonly side: 'L' | 'R'
}

/** Draws the origin from the seed (always three draws, so later draws do not depend on the outcome). */
export function drawAdamkiewicz(spec: AdamkiewiczSpec, rng: Rng): AdamkiewiczOrigin | null {
  const uPresent = rng.next(),
    uSide = rng.next(),
    uLevel = rng.next()
  if (spec.mode === 'absent') return null
  if (spec.mode === 'auto' && uPresent >= ADAMKIEWICZ_PRESENT) return null
  const side =
    spec.mode === 'present' && spec.side ? spec.side : uSide < ADAMKIEWICZ_LEFT ? 'L' : 'R'
  const allowed =
    spec.mode === 'present' && spec.levels && spec.levels.length > 0
      ? spec.levels
      : (Object.keys(ADAMKIEWICZ_LEVEL_WEIGHTS) as VertebraName[])
  const w = allowed.map((l) => ADAMKIEWICZ_LEVEL_WEIGHTS[l] ?? 0.01)
  const total = w.reduce((a, b) => a + b, 0)
  let acc = 0
  for (let i = 0; i < allowed.length; i++) {
    acc += w[i]! / total
    if (uLevel < acc) return { level: allowed[i]!, side }
  }
  return { level: allowed[allowed.length - 1]!, side }
}

/**
 * Adds the anterior spinal artery along the cord's anterior surface and, when present, the artery of
 * Adamkiewicz from its segmental artery's foramen point.
 */
export function addSpinalArteries(
  ctx: BuildContext,
  model: Model,
  origin: AdamkiewiczOrigin | null,
  foramina: ForamenPoints,
  cord: readonly TubeNode[],
  cordBackDir: readonly Vec3[],
): void {
  const { spec, spine, enh } = ctx
  const r = spec.vessels.adamkiewiczDiameterMm / 2
  const grow = Math.max(0, 0.75 * ctx.voxelMm - r)
  const asa: Vec3[] = cord.map((n, i) => {
    const d = cordBackDir[i]!
    const k = n.b + 0.6
    return [n.p[0] - d[0] * k, n.p[1] - d[1] * k, n.p[2] - d[2] * k]
  })
  const rAsa = 0.4
  addLayer(model, 'smallVessels', {
    shape: tube(
      asa,
      asa.map(() => rAsa),
    ),
    label: S.segmentalArtery,
    hu: enh.artery,
    part: 0,
    labelGrowMm: Math.max(0, 0.75 * ctx.voxelMm - rAsa),
  })
  pushVessel(
    model,
    'anteriorSpinalArtery',
    'anteriorSpinalArtery',
    tubeNodes(
      asa,
      asa.map(() => rAsa),
    ),
  )
  if (!origin) return
  const F = foramina[`${origin.level}.${origin.side}`]
  if (!F) return
  const L = spine.vertebrae[origin.level]
  const m = L.m
  const s = origin.side === 'L' ? 1 : -1
  const P = pedicleLocal(L, s)
  const bottom = pedicleCentreW(L) - m.pedicleHeightMm / 2
  // Nearest ASA point to this level: the hairpin joins it a little above the foramen.
  const entry = toWorld(L.frame, s * (m.canalWidthMm / 2 + 1), P[1] - 3, bottom - 3)
  const frontV =
    m.endplateDepthMm / 2 +
    m.canalDepthMm / 2 -
    0.6 * (m.canalDepthMm / 2) * (1 - spec.spine.thecalApRatio)
  const cordB = spec.spine.cordApMm / 2
  const lateral = toWorld(L.frame, s * 3.5, frontV - cordB - 0.6, bottom + 4)
  const climb = toWorld(L.frame, s * 1.8, frontV - cordB - 0.8, bottom + 16)
  const top = toWorld(L.frame, 0, frontV - cordB - 0.9, bottom + 20)
  const down = toWorld(L.frame, 0, frontV - cordB - 0.6, bottom + 10)
  const pts: Vec3[] = [F, entry, lateral, climb, top, down]
  addLayer(model, 'smallVessels', {
    shape: tube(
      pts,
      pts.map(() => r),
    ),
    label: S.segmentalArtery,
    hu: enh.artery,
    part: 0,
    labelGrowMm: grow,
  })
  const kind = origin.level.startsWith('L') ? 'lumbarArtery' : 'intercostalArtery'
  pushVessel(
    model,
    'adamkiewicz',
    'adamkiewicz',
    tubeNodes(
      pts,
      pts.map(() => r),
    ),
    {
      level: origin.level,
      side: origin.side,
      parent: `${kind}.${origin.level}.${origin.side}`,
    },
  )
  model.landmarks['adamkiewicz.origin'] = F
  model.landmarks['adamkiewicz.hairpin'] = top
}
