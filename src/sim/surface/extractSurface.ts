/**
 * Iso-surface of a CT (or any scalar) volume or of a label mask, as a closed, outward-oriented triangle
 * mesh in DICOM LPS millimetres for the 3-D view. Pure: typed arrays in, typed arrays out.
 */
import type { VolumeGeometry } from '../../lib/space'
import { downsampleVolume } from './downsampleVolume'
import type { ScalarField } from './marchCubes'
import {
  reportStage,
  surfaceFromMask,
  type MeshOptions,
  type SurfaceProgress,
} from './surfaceFromMask'
import type { SurfaceMesh } from './surfaceMesh'
import {
  clampBox,
  fullBox,
  idLut,
  isEmptyBox,
  labelMask,
  thresholdMask,
  type PaddedMask,
  type ScalarArray,
  type VoxelBox,
} from './volumeMask'
import { emptySurfaceMesh } from './surfaceMesh'

/**
 * Default bone threshold, HU. Above marrow fat, muscle (≈ 48), unenhanced blood (≈ 45), disc (60–80) and
 * cartilage (≈ 80–120, [U]); below dense cortex (≈ 1000–2000). Healthy young trabecular bone (226 ± 44 HU,
 * Jang19) straddles it, so marrow partly drops out: use `fillHoles` for a solid bone. Arterial-phase
 * contrast (≈ 350 HU, Maffei15) also passes it. ANATOMY.md §6 (RadClass, Lawlor22, CTLearn, Jang19,
 * UVM/CommonVein, Maffei15).
 */
export const BONE_THRESHOLD_HU = 200

/** The volume to mesh. */
export type SurfaceSource =
  | {
      readonly kind: 'scalar'
      /** Voxel values, i fastest (HU for CT). */
      readonly values: ScalarArray
      readonly geometry: VolumeGeometry
    }
  | {
      readonly kind: 'labels'
      /** Label (or any id) per voxel, i fastest. */
      readonly labels: Uint8Array | Uint16Array
      readonly geometry: VolumeGeometry
      /** The id or ids that count as inside. */
      readonly labelIds: number | readonly number[]
    }

/** Options of extractSurface. */
export interface SurfaceOptions extends MeshOptions {
  /** Iso-value for scalar sources, in the scalar's unit (default BONE_THRESHOLD_HU). Ignored for labels. */
  readonly threshold?: number
  /** Restrict to this voxel box (inclusive; default the whole volume). */
  readonly region?: VoxelBox
  /** Integer block-mean downsampling factor (default 1). */
  readonly downsample?: number
  /** When the region has more voxels than this, the downsampling factor is raised to fit (default ∞). */
  readonly maxVoxels?: number
}

/**
 * A good start for the skeleton in the 3-D view: solid bones (marrow cavities filled), specks under 500
 * voxels dropped, 10 Taubin iterations, at most 300,000 triangles. Every field is a plain, adjustable
 * option; 500 voxels is ≈ 0.6 mL at 0.8 × 0.8 × 2 mm, smaller than any bone the cases show.
 */
export const BONE_SURFACE_OPTIONS: SurfaceOptions = {
  fillHoles: true,
  components: { connectivity: 26, minVoxels: 500 },
  smoothing: { iterations: 10 },
  maxTriangles: 300_000,
}

/** The downsampling factor actually used for a region of `voxels` voxels. */
export function downsampleFactor(voxels: number, options: SurfaceOptions): number {
  let f = Math.max(1, Math.floor(options.downsample ?? 1))
  const max = options.maxVoxels
  if (max !== undefined && max > 0) {
    while (voxels / (f * f * f) > max) f++
  }
  return f
}

const boxVoxels = (b: VoxelBox): number =>
  (b.max[0] - b.min[0] + 1) * (b.max[1] - b.min[1] + 1) * (b.max[2] - b.min[2] + 1)

/**
 * Extracts the boundary of {value ≥ threshold} (scalar) or {label ∈ labelIds} (labels) as a closed,
 * consistently outward-oriented mesh in LPS mm (README.md explains the algorithm and the guarantees).
 */
export function extractSurface(
  source: SurfaceSource,
  options: SurfaceOptions = {},
  onProgress?: SurfaceProgress,
): SurfaceMesh {
  const geometry = source.geometry
  const dims = geometry.dims
  const expected = dims[0] * dims[1] * dims[2]
  const length = source.kind === 'scalar' ? source.values.length : source.labels.length
  if (length !== expected) {
    throw new Error(`extractSurface: ${length} voxels, geometry says ${dims.join('×')}`)
  }
  const region = clampBox(options.region ?? fullBox(dims), dims)
  if (isEmptyBox(region)) return emptySurfaceMesh()
  const f = downsampleFactor(boxVoxels(region), options)
  const threshold = source.kind === 'scalar' ? (options.threshold ?? BONE_THRESHOLD_HU) : 0.5
  const lut =
    source.kind === 'labels'
      ? idLut(typeof source.labelIds === 'number' ? [source.labelIds] : source.labelIds, 65536)
      : null

  let mask: PaddedMask
  let field: ScalarField | null
  let meshGeometry = geometry
  if (f > 1) {
    const small = downsampleVolume(
      source.kind === 'scalar'
        ? { kind: 'scalar', values: source.values }
        : { kind: 'labels', labels: source.labels, parts: null, labelLut: lut, partLut: null },
      geometry,
      f,
      region,
    )
    reportStage(onProgress, 'downsample', 1)
    meshGeometry = small.geometry
    mask = thresholdMask(small.values, small.geometry.dims, threshold)
    field = { values: small.values, threshold }
  } else if (source.kind === 'scalar') {
    mask = thresholdMask(source.values, dims, threshold, region)
    field = { values: source.values, threshold }
  } else {
    mask = labelMask(source.labels, null, dims, lut, null, region)
    field = null
  }
  reportStage(onProgress, 'mask', 1)
  return surfaceFromMask(mask, meshGeometry, field, options, onProgress)
}
