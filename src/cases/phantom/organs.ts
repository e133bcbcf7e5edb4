/**
 * Solid and hollow viscera, placed relative to the vertebral frames: kidneys (T12–L3, left higher, upper
 * pole medial and posterior; Isfahan, KidneyTeach, Morris), liver and spleen under the diaphragm, the
 * lungs above it with a pleural rim (Lung91), heart, stomach, bladder. Sizes are [U] teaching defaults
 * except where cited. Bowel is in bowel.ts.
 */
import { S } from '../../lib/anatomy'
import type { Vec3 } from '../../lib/vec3'
import { deg, frameFromWU, toWorld } from './frame'
import { addLayer, partId, type BuildContext, type Model } from './model'
import type { PelvisLayout } from './pelvisLayout'
import { custom, ellipsoid, intersect, offset, type Shape } from './sdf'

/** Inner surface of the muscular wall, as an SDF (negative inside the cavity). */
export const cavity = (ctx: BuildContext, outline: Shape): Shape =>
  offset(
    outline,
    -(ctx.spec.body.skinMm + ctx.spec.body.subcutaneousFatMm + ctx.spec.body.muscleWallMm),
  )

/** Diaphragm height (world z) at (x, y): right dome higher, posterior recesses deepest [U]. */
export function diaphragmZ(ctx: BuildContext): (x: number, y: number) => number {
  const v = ctx.spine.vertebrae
  const apexR = v.T10.supCentre[2] + 8
  const apexL = apexR - 15
  const yA = v.T10.frame.o[1] - 45
  return (x, y) => {
    const right = x < 0
    const xA = right ? -55 : 55
    const zA = right ? apexR : apexL
    return zA - 0.0035 * (x - xA) * (x - xA) - 0.55 * Math.max(0, y - yA)
  }
}

/** Adds kidneys, liver, spleen, lungs, heart, stomach and bladder. */
export function addOrgans(
  ctx: BuildContext,
  model: Model,
  outline: Shape,
  pelvis: PelvisLayout,
): void {
  const { spec, spine, enh } = ctx
  const hu = spec.hu
  const v = spine.vertebrae
  const cav = cavity(ctx, outline)
  const dz = diaphragmZ(ctx)
  const below: Shape = custom(cav.box, (x, y, z) => z - dz(x, y))
  const above: Shape = custom(cav.box, (x, y, z) => dz(x, y) - z)

  // Liver: right lobe and left lobe, below the right dome.
  const yc = v.T11.frame.o[1]
  const liverR = ellipsoid(frameAt([-62, yc - 55, v.T11.frame.o[2] - 5]), 88, 85, 95)
  const liverL = ellipsoid(frameAt([25, yc - 95, v.T11.frame.o[2] + 5]), 60, 35, 45)
  const liver = intersect(intersect(unionOf(liverR, liverL), offset(below, -3)), cav)
  addLayer(model, 'organs', {
    shape: liver,
    label: S.liver,
    hu: enh.liver,
    part: partId(model, 'liver'),
  })

  // Spleen: left posterolateral under the ribs.
  const spleen = intersect(
    ellipsoid(
      frameFromWU([92, yc + 15, v.T11.frame.o[2]], [0.2, 0.35, 0.9], [1, 0, 0]),
      25,
      45,
      60,
    ),
    intersect(offset(below, -3), cav),
  )
  addLayer(model, 'organs', {
    shape: spleen,
    label: S.softTissue,
    hu: enh.softTissue,
    part: partId(model, 'spleen'),
  })

  // Stomach: left upper quadrant, gas anteriorly (supine), fluid behind.
  const stC: Vec3 = [55, yc - 75, v.T12.frame.o[2] + 5]
  const stomach = intersect(ellipsoid(frameAt(stC), 42, 32, 55), intersect(offset(below, -4), cav))
  addLayer(model, 'organs', {
    shape: stomach,
    bands: [{ thicknessMm: 3, label: S.bowel, hu: hu.bowelWall }],
    label: S.bowel,
    hu: hu.bowelFluid,
    part: partId(model, 'stomach'),
  })
  addLayer(model, 'organs', {
    shape: intersect(
      offset(stomach, -3),
      custom(stomach.box, (_x, y) => y - (stC[1] - 8)),
    ),
    label: S.bowelGas,
    hu: hu.bowelGas,
    part: partId(model, 'stomach'),
  })

  // Lungs above the diaphragm inside the chest wall, with a pleural rim one voxel thick.
  const lungs = intersect(above, cav)
  addLayer(model, 'organs', {
    shape: lungs,
    bands: [{ thicknessMm: 1, label: S.pleura, hu: 20, labelMinMm: ctx.voxelMm }],
    label: S.lung,
    hu: hu.lung,
    part: partId(model, 'lungs'),
  })
  // Heart resting on the left dome.
  const heartC: Vec3 = [22, v.T8.frame.o[1] - 95, v.T8.frame.o[2] + 25]
  addLayer(model, 'organs', {
    shape: ellipsoid(frameFromWU(heartC, [-0.3, -0.4, 0.85], [1, 0, 0]), 55, 48, 62),
    bands: [{ thicknessMm: 10, label: S.softTissue, hu: hu.softTissue }],
    label: S.softTissue,
    hu: enh.artery > hu.blood ? (enh.artery + hu.blood) / 2 : hu.blood,
    part: partId(model, 'heart'),
  })

  // Kidneys: left centred at L1, right lower; hilum facing anteromedially.
  for (const s of [1, -1]) {
    const L1 = v.L1
    const o = toWorld(L1.frame, s * 78, 4, s > 0 ? 4 : 4 - spec.organs.rightKidneyDropMm)
    const long: Vec3 = [-s * Math.sin(deg(14)), Math.sin(deg(18)), 1]
    const fr = frameFromWU(o, long, [s * Math.cos(deg(35)), -Math.sin(deg(35)), 0])
    const o2 = spec.organs
    const kidney = ellipsoid(
      fr,
      o2.kidneyWidthMm / 2,
      o2.kidneyThicknessMm / 2,
      o2.kidneyLengthMm / 2,
    )
    const side = s > 0 ? 'L' : 'R'
    addLayer(model, 'organs', {
      shape: offset(kidney, 4),
      label: S.visceralFat,
      hu: hu.visceralFat,
      part: 0,
    })
    const medulla = spec.contrast === 'arterial' ? (enh.kidney + hu.kidney) / 2 : enh.kidney
    addLayer(model, 'organs', {
      shape: kidney,
      bands: [{ thicknessMm: 6, label: S.kidney, hu: enh.kidney }],
      label: S.kidney,
      hu: medulla,
      part: partId(model, `kidney-${side}`),
    })
    // Renal sinus fat at the hilum.
    const hil = toWorld(fr, -o2.kidneyWidthMm / 2 + 10, 0, 0)
    addLayer(model, 'organs', {
      shape: ellipsoid({ ...fr, o: hil }, 12, 9, 22),
      label: S.visceralFat,
      hu: hu.visceralFat,
      part: 0,
    })
    model.landmarks[`kidney.${side}`] = o
  }

  // Bladder behind the symphysis, prostate/uterus behind it.
  const sym = pelvis.hipMid
  const bl: Vec3 = [0, sym[1] - 10, sym[2] + 10]
  addLayer(model, 'organs', {
    shape: intersect(ellipsoid(frameAt(bl), 45, 35, 38), cav),
    bands: [{ thicknessMm: 3, label: S.bladder, hu: hu.softTissue }],
    label: S.bladder,
    hu: hu.urine,
    part: partId(model, 'bladder'),
  })
  addLayer(model, 'organs', {
    shape: ellipsoid(frameAt([0, bl[1] + 45, bl[2] - 18]), 22, 18, 20),
    label: S.softTissue,
    hu: enh.softTissue,
    part: 0,
  })
}

const frameAt = (o: Vec3): { o: Vec3; u: Vec3; v: Vec3; w: Vec3 } => ({
  o,
  u: [1, 0, 0],
  v: [0, 1, 0],
  w: [0, 0, 1],
})

function unionOf(a: Shape, b: Shape): Shape {
  const fa = a.f,
    fb = b.f
  return {
    box: {
      x0: Math.min(a.box.x0, b.box.x0),
      y0: Math.min(a.box.y0, b.box.y0),
      z0: Math.min(a.box.z0, b.box.z0),
      x1: Math.max(a.box.x1, b.box.x1),
      y1: Math.max(a.box.y1, b.box.y1),
      z1: Math.max(a.box.z1, b.box.z1),
    },
    f: (x, y, z) => Math.min(fa(x, y, z), fb(x, y, z)),
  }
}
