/**
 * Generates a digital CT phantom: smooth implicit anatomy (SDFs) rasterized with partial-volume edges, then
 * seeded CT noise and a mild blur. Pure and deterministic: the same spec and seed give byte-identical
 * volumes. No DOM, no Node built-ins (runs in workers).
 */
import { createRng } from '../../lib/rng'
import { inBounds, worldToIjk } from '../../lib/space'
import { addBodyWall } from './bodyWall'
import { enhancement } from './huTable'
import { addLayer, createModel, layersInOrder, partId, type BuildContext } from './model'
import { addNoiseBlurQuantize } from './noise'
import { layoutPelvis } from './pelvisLayout'
import { resolvePhantomSpec, type PhantomSpec } from './phantomSpec'
import type { Phantom, PointMm } from './phantomTypes'
import { createWorkVolume, paint } from './rasterize'
import { regionGeometry } from './regions'
import { layoutSpine } from './spineLayout'
import { addSpine, cortexBand, trabecularHu, trabecularTexture } from './spineModel'
import { buildSacrum } from './sacrum'
import { addCanal } from './canal'
import { addSpinalArteries, drawAdamkiewicz } from './adamkiewicz'
import { addBowel } from './bowel'
import { addPedicleLandmarks } from './landmarks'
import { addLesions } from './lesions'
import { addMuscles } from './muscles'
import { addOrgans, cavity } from './organs'
import { addPelvis } from './pelvisModel'
import { addRibs } from './ribs'
import { addGreatVessels, addSegmentalArteries } from './vessels'
import { S } from '../../lib/anatomy'

/** CT numbers are stored as Int16 clamped to the usual scanner range. */
const HU_MIN = -1024
const HU_MAX = 3071

/** Generates the phantom for `spec` with `seed` (see the module header and README.md). */
export function generatePhantom(specIn: PhantomSpec, seed: number): Phantom {
  const spec = resolvePhantomSpec(specIn)
  const spine = layoutSpine(spec)
  const pelvis = layoutPelvis(spec, spine)
  const rng = createRng(seed)
  const model = createModel()
  const provisional: BuildContext = {
    spec,
    spine,
    rng,
    seed,
    voxelMm: 1.35,
    enh: enhancement(spec.contrast, spec.hu),
  }
  const wall = addBodyWall(provisional, model, pelvis)
  const geometry = regionGeometry(spec.region, spine, pelvis, wall.rows, spec.image)
  const voxelMm = (geometry.spacingMm[0] + geometry.spacingMm[1] + geometry.spacingMm[2]) / 3
  const ctx: BuildContext = { ...provisional, voxelMm }
  const aka = drawAdamkiewicz(spec.vessels.adamkiewicz, createRng((seed ^ 0x5a4a) >>> 0))
  const sacrum = buildSacrum(spine.vertebrae.S1, spec.spine)
  addBowel(ctx, model, cavity(ctx, wall.outline), pelvis, sacrum)
  addOrgans(ctx, model, wall.outline, pelvis)
  const aortaAt = addGreatVessels(ctx, model, pelvis, sacrum)
  addMuscles(ctx, model, wall.outline, pelvis, sacrum)
  const vertebrae = addSpine(ctx, model)
  addLayer(model, 'bones', {
    shape: sacrum.shape,
    bands: [cortexBand(ctx)],
    firstBandLabelBySub: [S.corticalBone, S.endplate, S.corticalBone, S.corticalBone],
    label: S.trabecularBone,
    hu: trabecularHu(ctx, 'S1'),
    texture: trabecularTexture(ctx, 99),
    part: partId(model, 'S'),
    maxShellMm: 2.5,
  })
  for (const [k, p] of Object.entries(sacrum.points)) model.landmarks[k] = p
  const hips = addPelvis(ctx, model, pelvis, sacrum, wall.outline)
  const ribs = addRibs(ctx, model, wall.rows)
  const canal = addCanal(ctx, model, sacrum)
  const foramina = addSegmentalArteries(ctx, model, aortaAt, ribs, aka)
  addSpinalArteries(ctx, model, aka, foramina, canal.cord, canal.cordBackDir)
  addPedicleLandmarks(model, spine, vertebrae, wall.outline)
  const parts: Record<string, number> = {}
  model.partNames.forEach((n, i) => (parts[n] = i))
  const lesions = addLesions(ctx, model, {
    vertebrae,
    layouts: spine.vertebrae,
    sacrum,
    sacrumShape: sacrum.shape,
    hips,
    parts,
  })

  const vol = createWorkVolume(geometry.dims, geometry.spacingMm, geometry.originMm, spec.hu.air)
  for (const layer of layersInOrder(model)) paint(vol, layer)
  const ct = new Int16Array(vol.hu.length)
  addNoiseBlurQuantize(
    vol.hu,
    geometry.dims,
    spec.image.noiseSdHu,
    spec.image.blurWeight,
    seed,
    ct,
    HU_MIN,
    HU_MAX,
  )
  const landmarks: Record<string, PointMm> = {}
  for (const [k, p] of Object.entries(model.landmarks)) {
    const q = worldToIjk(geometry, p)
    if (inBounds(geometry, Math.round(q[0]), Math.round(q[1]), Math.round(q[2]))) landmarks[k] = p
  }
  return {
    geometry,
    ct,
    labels: vol.labels,
    parts: vol.parts,
    partNames: model.partNames,
    landmarks,
    lesions,
    vessels: model.vessels,
    spec,
    seed,
    alignment: { lordosisDeg: spine.lordosisDeg, sacralSlopeDeg: spine.sacralSlopeDeg },
  }
}
