/**
 * Adds the pelvis: both hip bones, proximal femora, the hip joint spaces (cartilage), the sacro-iliac
 * joint spaces, the gluteal and iliacus muscles, and the sciatic nerves leaving through the greater sciatic
 * notch behind the hip (ANATOMY §2). Returns the hip-bone models for the lesion builder.
 */
import { S } from '../../lib/anatomy'
import type { Vec3 } from '../../lib/vec3'
import { frameFromWU, toWorld, worldFrame } from './frame'
import { buildFemur } from './femur'
import { buildHipBone, type HipBoneModel } from './hipBone'
import { addLayer, partId, type BuildContext, type Model } from './model'
import type { PelvisLayout } from './pelvisLayout'
import type { SacrumModel } from './sacrum'
import {
  custom,
  ellipsoid,
  ellipticTube,
  intersect,
  offset,
  sphere,
  subtract,
  type Shape,
} from './sdf'
import { cortexBand, trabecularTexture } from './spineModel'

/** Sclerotic margin around the sacral disc remnants (mm) [U]. */
const REMNANT_SCLEROSIS_MM = 1.2

/** Adds pelvic bones, joints, muscles and nerves. */
export function addPelvis(
  ctx: BuildContext,
  model: Model,
  pelvis: PelvisLayout,
  sacrum: SacrumModel,
  outline: Shape,
): Record<'L' | 'R', HipBoneModel> {
  const { spec } = ctx
  const pp = spec.pelvis
  const hu = spec.hu
  const l1 = spec.l1TrabecularHu
  const inside = offset(outline, -(spec.body.skinMm + spec.body.subcutaneousFatMm))
  const out = {} as Record<'L' | 'R', HipBoneModel>
  // Residual discs of the fused sacrum: a thin disc-density band with sclerotic (endplate) margins.
  addLayer(model, 'joints', {
    shape: offset(sacrum.remnantDiscs, REMNANT_SCLEROSIS_MM),
    bands: [{ thicknessMm: REMNANT_SCLEROSIS_MM, label: S.endplate, hu: hu.cortex * 0.75 }],
    label: S.disc,
    hu: hu.discAnnulus,
    part: partId(model, 'S'),
  })
  for (const s of [1, -1]) {
    const side = s > 0 ? 'L' : 'R'
    const H = s > 0 ? pelvis.hipL : pelvis.hipR
    const hip = buildHipBone(s, H, pp, sacrum)
    out[side] = hip
    const parts = [
      partId(model, `ilium-${side}`),
      partId(model, `ischium-${side}`),
      partId(model, `pubis-${side}`),
    ]
    addLayer(model, 'bones', {
      shape: hip.shape,
      bands: [cortexBand(ctx)],
      label: S.trabecularBone,
      hu: l1 * 0.8,
      texture: trabecularTexture(ctx, 200 + s),
      part: parts[0]!,
      partBySub: parts,
      maxShellMm: 1.8,
    })
    addLayer(model, 'joints', {
      shape: hip.siJoint,
      label: S.jointSpace,
      hu: hu.jointFluid,
      part: 0,
    })
    for (const [k, p] of Object.entries(hip.points)) model.landmarks[`${k}.${side}`] = p

    const fem = buildFemur(s, H, pp)
    const fp = partId(model, `femur-${side}`)
    addLayer(model, 'bones', {
      shape: fem.shaft,
      bands: [{ thicknessMm: pp.shaftCortexMm, label: S.corticalBone, hu: hu.cortex }],
      label: S.trabecularBone,
      hu: hu.yellowMarrow,
      part: fp,
    })
    addLayer(model, 'bones', {
      shape: fem.proximal,
      bands: [cortexBand(ctx)],
      label: S.trabecularBone,
      hu: l1 * 1.05,
      texture: trabecularTexture(ctx, 300 + s),
      part: fp,
      maxShellMm: 3,
    })
    const rH = pp.femoralHeadDiameterMm / 2
    const ax = hip.acetabularAxis
    const cupSide = custom(
      sphere(H, rH + pp.hipJointSpaceMm).box,
      (x, y, z) => (x - H[0]) * ax[0] + (y - H[1]) * ax[1] + (z - H[2]) * ax[2] - rH * 0.35,
    )
    addLayer(model, 'joints', {
      shape: intersect(subtract(sphere(H, rH + pp.hipJointSpaceMm), sphere(H, rH)), cupSide),
      label: S.cartilage,
      hu: hu.cartilage,
      part: 0,
    })
    for (const [k, p] of Object.entries(fem.points)) model.landmarks[`femur.${k}.${side}`] = p

    // Muscles: iliacus inside the wing, gluteus medius/minimus outside it, gluteus maximus behind.
    const g = hip.wing.at((hip.wing.zBottom + hip.wing.zTop) / 2)
    const mid = (hip.wing.zBottom + hip.wing.zTop) / 2
    const inner: Vec3 = [g.cx + s * 0.35 * g.r, g.cy - 0.1 * g.r, mid]
    addLayer(model, 'muscles', {
      shape: intersect(ellipsoid(worldFrame(inner), 26, 40, 55), inside),
      label: S.muscle,
      hu: hu.muscle,
      part: partId(model, `iliacus-${side}`),
    })
    addLayer(model, 'muscles', {
      shape: intersect(
        ellipsoid(worldFrame([H[0] + s * 38, H[1] + 25, H[2] + 78]), 32, 58, 62),
        inside,
      ),
      label: S.glutealMuscle,
      hu: hu.muscle,
      part: partId(model, `gluteusMedius-${side}`),
    })
    addLayer(model, 'muscles', {
      shape: intersect(
        ellipsoid(
          frameFromWU([H[0] - s * 5, H[1] + 78, H[2] + 5], [s * 0.35, 0.2, 1], [1, 0, 0]),
          52,
          38,
          88,
        ),
        inside,
      ),
      label: S.glutealMuscle,
      hu: hu.muscle,
      part: partId(model, `gluteusMaximus-${side}`),
    })

    // Sciatic nerve: sacral plexus → greater sciatic notch → behind the hip → thigh.
    const sci: Vec3[] = [
      toWorld(sacrum.frames[1]!, s * 38, -24, -16),
      [H[0] - s * 28, H[1] + 44, H[2] + 30],
      [H[0] - s * 8, H[1] + 42, H[2] - 8],
      [H[0] - s * 8, H[1] + 44, H[2] - 60],
      [H[0] - s * 12, H[1] + 46, H[2] - 260],
    ]
    addLayer(model, 'neural', {
      shape: offset(
        ellipticTube(
          sci.map((p) => ({ p, a: 6.5, b: 3.2 })),
          [1, 0, 0],
        ),
        1,
      ),
      bands: [{ thicknessMm: 1, label: S.visceralFat, hu: hu.visceralFat }],
      label: S.sciaticNerve,
      hu: hu.nerve,
      part: partId(model, `sciatic-${side}`),
    })
    model.landmarks[`sciaticNotch.${side}`] = sci[1]!
  }
  return out
}
