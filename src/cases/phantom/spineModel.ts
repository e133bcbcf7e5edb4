/**
 * Adds the vertebrae T8–L5 and their discs to the model, with their landmarks, and returns the built
 * vertebrae for the builders that attach to them (canal, ribs, vessels, lesions).
 */
import { S } from '../../lib/anatomy'
import { levelBelow, VERTEBRAE, type VertebraName } from './morphometry'
import { addLayer, partId, type BuildContext, type Model } from './model'
import { discShapes } from './discs'
import { buildVertebra, type VertebraModel } from './vertebra'
import type { Band, Texture } from './rasterize'
import { tube } from './sdf'
import { toWorld } from './frame'
import type { Vec3 } from '../../lib/vec3'

/** Trabecular texture lattice (mm) [U]: a few mm, the scale of CT-visible trabecular heterogeneity. */
export const TRABECULAR_CELL_MM = 2.2

/** Cortex band of a bone with a dynamic (aux) shell, labelled at least one voxel thick. */
export const cortexBand = (ctx: BuildContext): Band => ({
  label: S.corticalBone,
  hu: ctx.spec.hu.cortex,
  labelMinMm: ctx.voxelMm,
})

/** Texture of trabecular bone for a given seed offset. */
export const trabecularTexture = (ctx: BuildContext, salt: number): Texture => ({
  amplitudeHu: ctx.spec.image.trabecularTextureHu,
  cellMm: TRABECULAR_CELL_MM,
  seed: (ctx.seed * 7919 + salt) >>> 0,
})

/** Trabecular HU of a level: L1 value × level factor. */
export const trabecularHu = (ctx: BuildContext, level: VertebraName | 'S1'): number =>
  ctx.spec.l1TrabecularHu * ctx.spec.spine.trabecularFactor[level]

/** Builds and registers every vertebra and disc. */
export function addSpine(ctx: BuildContext, model: Model): Record<VertebraName, VertebraModel> {
  const { spec, spine } = ctx
  const out = {} as Record<VertebraName, VertebraModel>
  VERTEBRAE.forEach((name, i) => {
    const L = spine.vertebrae[name]
    const below = spine.vertebrae[levelBelow(name)]
    const vm = buildVertebra(L, below, spec.spine)
    out[name] = vm
    const part = partId(model, name)
    addLayer(model, 'bones', {
      shape: vm.shape,
      bands: [cortexBand(ctx)],
      firstBandLabelBySub: [S.corticalBone, S.endplate, S.corticalBone, S.corticalBone],
      label: S.trabecularBone,
      hu: trabecularHu(ctx, name),
      texture: trabecularTexture(ctx, i),
      part,
      maxShellMm: 2.5,
    })
    for (const [k, p] of Object.entries(vm.points)) model.landmarks[`${name}.${k}`] = p
    // Basivertebral vein: from the posterior wall foramen, branching forwards in the body.
    const D = L.m.endplateDepthMm
    const w = (q: [number, number, number]): Vec3 => toWorld(L.frame, q[0], q[1], q[2])
    const stem = [w([0, D / 2 + 0.5, -1]), w([0, D / 2 - 9, -1])]
    for (const s of [1, -1]) {
      addLayer(model, 'smallVessels', {
        shape: tube([...stem, w([s * 6, D / 2 - 15, -1])], [1.4, 1.3, 1.0]),
        label: S.venousPlexus,
        hu: ctx.enh.vein,
        part,
      })
    }
  })
  for (const disc of spine.discs) {
    const upper = spine.vertebrae[disc.upper]
    const lower = spine.vertebrae[disc.lower]
    const { annulus, nucleus } = discShapes(disc, upper, lower)
    const part = partId(model, `disc-${disc.upper}-${disc.lower}`)
    addLayer(model, 'discs', { shape: annulus, label: S.disc, hu: spec.hu.discAnnulus, part })
    addLayer(model, 'discs', { shape: nucleus, label: S.disc, hu: spec.hu.discNucleus, part })
    model.landmarks[`${disc.upper}-${disc.lower}.discCentre`] = disc.frame.o
  }
  return out
}
