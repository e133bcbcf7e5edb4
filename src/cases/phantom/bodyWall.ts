/**
 * The body wall: skin, subcutaneous fat and the muscular wall as onion bands of the trunk outline, filled
 * with retroperitoneal/visceral fat that the organs are painted into. Outline rows are anchored to
 * vertebral levels and the hips; the posterior skin at L3 is placed `skinToEpiduralMm` behind L3's
 * posterior epidural boundary (ANATOMY §5, Epid04/Cha11).
 */
import { S } from '../../lib/anatomy'
import type { Vec3 } from '../../lib/vec3'
import { trunkOutline, type OutlineRow, type Thigh } from './bodyOutline'
import { addLayer, type BuildContext, type Model } from './model'
import type { PelvisLayout } from './pelvisLayout'
import type { Shape } from './sdf'

/** Outline geometry shared with the builders that need the skin (entry points, ribs). */
export interface BodyWall {
  readonly outline: Shape
  readonly rows: readonly OutlineRow[]
  /** Depth of the inner surface of the muscle wall below the skin. */
  readonly wallDepthMm: number
}

/** Outline rows (see the module header). */
export function outlineRows(ctx: BuildContext, pelvis: PelvisLayout): OutlineRow[] {
  const { spec, spine } = ctx
  const b = spec.body
  const L3 = spine.vertebrae.L3
  const yPost = L3.frame.o[1] + L3.m.endplateDepthMm / 2 + L3.m.canalDepthMm + b.skinToEpiduralMm
  const mix = (p: number, q: number, t: number): number => p + (q - p) * t
  const z = (n: 'T8' | 'T12' | 'S1'): number => spine.vertebrae[n].frame.o[2]
  const hip = pelvis.hipMid
  return [
    { z: z('T8') + 40, apMm: b.thoraxApMm, latMm: b.thoraxLatMm, yPost: yPost + 10 },
    { z: z('T8'), apMm: b.thoraxApMm, latMm: b.thoraxLatMm, yPost: yPost + 8 },
    {
      z: z('T12'),
      apMm: mix(b.thoraxApMm, b.abdomenApMm, 0.6),
      latMm: mix(b.thoraxLatMm, b.abdomenLatMm, 0.6),
      yPost: yPost + 4,
    },
    { z: 0, apMm: b.abdomenApMm, latMm: b.abdomenLatMm, yPost },
    {
      z: z('S1'),
      apMm: mix(b.abdomenApMm, b.hipsApMm, 0.4),
      latMm: mix(b.abdomenLatMm, b.hipsLatMm, 0.5),
      yPost: yPost + 6,
    },
    { z: hip[2], apMm: b.hipsApMm, latMm: b.hipsLatMm, yPost: yPost + 14 },
    { z: hip[2] - 50, apMm: b.hipsApMm - 15, latMm: b.hipsLatMm - 10, yPost: yPost + 14 },
  ]
}

/** Thighs below the hips [U]: proximal thigh diameter ~160–170 mm. */
export function thighs(pelvis: PelvisLayout): Thigh[] {
  const mk = (h: Vec3, s: number): Thigh => ({
    top: [h[0] + s * 22, h[1] + 8, h[2] - 15],
    bottom: [h[0] + s * 5, h[1] + 12, h[2] - 420],
    apMm: 160,
    latMm: 165,
  })
  return [mk(pelvis.hipL, 1), mk(pelvis.hipR, -1)]
}

/** Adds the body wall layer and returns the outline. */
export function addBodyWall(ctx: BuildContext, model: Model, pelvis: PelvisLayout): BodyWall {
  const { spec } = ctx
  const b = spec.body
  const rows = outlineRows(ctx, pelvis)
  const outline = trunkOutline(rows, b.squareness, pelvis.hipMid[2] - 80, thighs(pelvis))
  const hu = spec.hu
  addLayer(model, 'body', {
    shape: outline,
    bands: [
      { thicknessMm: b.skinMm, label: S.skin, hu: hu.skin },
      { thicknessMm: b.subcutaneousFatMm, label: S.subcutaneousFat, hu: hu.subcutaneousFat },
      { thicknessMm: b.muscleWallMm, label: S.muscle, hu: hu.muscle },
    ],
    label: S.visceralFat,
    hu: hu.visceralFat,
    part: 0,
  })
  return { outline, rows, wallDepthMm: b.skinMm + b.subcutaneousFatMm + b.muscleWallMm }
}
