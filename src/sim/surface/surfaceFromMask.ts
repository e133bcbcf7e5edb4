/**
 * The shared back half of the surface pipeline: cavity filling, component filtering, marching cubes,
 * Taubin smoothing, decimation and normals, starting from a padded mask. Pure.
 */
import type { VolumeGeometry } from '../../lib/space'
import { decimateMesh } from './decimateMesh'
import { fillCavities } from './fillCavities'
import { filterComponents, type ComponentOptions } from './filterComponents'
import { marchCubes, type ScalarField } from './marchCubes'
import { emptySurfaceMesh, toSurfaceMesh, type SurfaceMesh } from './surfaceMesh'
import { taubinSmooth, type TaubinOptions } from './taubinSmooth'
import type { PaddedMask } from './volumeMask'

/** Post-processing options shared by every extraction entry point. */
export interface MeshOptions {
  /** Remove small or surplus connected components of the mask before meshing (default: keep all). */
  readonly components?: ComponentOptions
  /** Fill cavities not connected to the outside, so marrow spaces make no inner shell (default false). */
  readonly fillHoles?: boolean
  /** Taubin smoothing after extraction (default: none). */
  readonly smoothing?: TaubinOptions
  /** Decimate to at most this many triangles (default: no decimation). */
  readonly maxTriangles?: number
}

/** Pipeline stages, as reported to progress callbacks. */
export type SurfaceStage =
  'downsample' | 'mask' | 'fillHoles' | 'components' | 'march' | 'smooth' | 'decimate' | 'normals'

/** Progress callback: overall fraction in [0, 1] and the stage running. */
export type SurfaceProgress = (fraction: number, stage: SurfaceStage) => void

/** Share of the overall progress bar each stage ends at (the mask stages come first). */
const STAGE_END: Readonly<Record<SurfaceStage, number>> = {
  downsample: 0.05,
  mask: 0.1,
  fillHoles: 0.15,
  components: 0.2,
  march: 0.6,
  smooth: 0.7,
  decimate: 0.95,
  normals: 1,
}
const STAGE_START: Readonly<Record<SurfaceStage, number>> = {
  downsample: 0,
  mask: 0.05,
  fillHoles: 0.1,
  components: 0.15,
  march: 0.2,
  smooth: 0.6,
  decimate: 0.7,
  normals: 0.95,
}

/** Reports `within` (0–1) of `stage` as an overall fraction. */
export function reportStage(
  onProgress: SurfaceProgress | undefined,
  stage: SurfaceStage,
  within: number,
): void {
  if (!onProgress) return
  const a = STAGE_START[stage]
  onProgress(a + (STAGE_END[stage] - a) * within, stage)
}

/**
 * Meshes the inside of `mask` (mutated by hole filling and component filtering).
 * @param field the scalar volume the mask came from, to interpolate vertices; null for label masks
 */
export function surfaceFromMask(
  mask: PaddedMask,
  geometry: VolumeGeometry,
  field: ScalarField | null,
  options: MeshOptions,
  onProgress?: SurfaceProgress,
): SurfaceMesh {
  if (options.fillHoles) {
    fillCavities(mask)
    reportStage(onProgress, 'fillHoles', 1)
  }
  if (options.components) {
    filterComponents(mask, options.components)
    reportStage(onProgress, 'components', 1)
  }
  const raw = marchCubes(mask, geometry, field, (f) => reportStage(onProgress, 'march', f))
  if (raw.triangleCount === 0) {
    reportStage(onProgress, 'normals', 1)
    return emptySurfaceMesh()
  }
  let positions = raw.positions
  let indices = raw.indices
  if (options.smoothing && options.smoothing.iterations > 0) {
    taubinSmooth(positions, indices, options.smoothing)
    reportStage(onProgress, 'smooth', 1)
  }
  if (options.maxTriangles !== undefined && raw.triangleCount > options.maxTriangles) {
    const d = decimateMesh(positions, indices, { targetTriangles: options.maxTriangles }, (f) =>
      reportStage(onProgress, 'decimate', f),
    )
    positions = d.positions
    indices = d.indices
  }
  const mesh = toSurfaceMesh(positions, indices)
  reportStage(onProgress, 'normals', 1)
  return mesh
}
