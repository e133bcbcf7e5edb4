/**
 * The anatomical model under construction: paint layers in order, part names, landmarks and vessel
 * centrelines. Builders append to it; the generator then rasterizes the layers in order (later layers are
 * painted over earlier ones).
 */
import type { Rng } from '../../lib/rng'
import type { Vec3 } from '../../lib/vec3'
import type { EnhancementTable } from './huTable'
import type { ResolvedPhantomSpec } from './phantomSpec'
import type { VesselInfo } from './phantomTypes'
import type { Layer } from './rasterize'
import type { SpineLayout } from './spineLayout'

/** Inputs every builder needs. */
export interface BuildContext {
  readonly spec: ResolvedPhantomSpec
  readonly spine: SpineLayout
  /** Seeded generator for anatomical variation (drawn in a fixed order). */
  readonly rng: Rng
  readonly seed: number
  /** Mean voxel size: the minimum label thickness of sub-voxel shells. */
  readonly voxelMm: number
  readonly enh: EnhancementTable
}

/** Paint stages, in the order they are rasterized. */
export const STAGES = [
  'body',
  'organs',
  'vessels',
  'muscles',
  'discs',
  'bones',
  'joints',
  'canal',
  'neural',
  'smallVessels',
  'lesions',
] as const

/** A paint stage. */
export type Stage = (typeof STAGES)[number]

/** Mutable model being built (one per generation; never shared). */
export interface Model {
  readonly layers: Record<Stage, Layer[]>
  readonly partNames: string[]
  readonly landmarks: Record<string, Vec3>
  readonly vessels: VesselInfo[]
}

/** Creates an empty model; part 0 is "none". */
export function createModel(): Model {
  const layers = {} as Record<Stage, Layer[]>
  for (const s of STAGES) layers[s] = []
  return { layers, partNames: [''], landmarks: {}, vessels: [] }
}

/** Id of a named part, registering it on first use (ids fit in a Uint8). */
export function partId(model: Model, name: string): number {
  const i = model.partNames.indexOf(name)
  if (i >= 0) return i
  if (model.partNames.length >= 255) throw new Error('phantom: more than 254 parts')
  model.partNames.push(name)
  return model.partNames.length - 1
}

/** Adds a layer to a stage. */
export const addLayer = (model: Model, stage: Stage, layer: Layer): void => {
  model.layers[stage].push(layer)
}

/** All layers in paint order. */
export const layersInOrder = (model: Model): Layer[] => STAGES.flatMap((s) => model.layers[s])
