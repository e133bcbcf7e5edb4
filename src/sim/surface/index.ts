/** Public surface of the bone/structure surface extractor (README.md). */
export {
  BONE_SURFACE_OPTIONS,
  BONE_THRESHOLD_HU,
  downsampleFactor,
  extractSurface,
} from './extractSurface'
export type { SurfaceOptions, SurfaceSource } from './extractSurface'
export { extractLabelSurfaces } from './extractLabelSurfaces'
export type { LabelSurface, LabelSurfaceGroup } from './extractLabelSurfaces'
export type { MeshOptions, SurfaceProgress, SurfaceStage } from './surfaceFromMask'
export type { SurfaceMesh } from './surfaceMesh'
export { emptySurfaceMesh, vertexNormals } from './surfaceMesh'
export { meshAreaMm2, meshBounds, meshVolumeMm3 } from './meshVolumeMm3'
export type { IndexedMesh } from './meshVolumeMm3'
export {
  countShells,
  eulerCharacteristic,
  isClosedManifold,
  isConsistentlyOriented,
} from './isClosedManifold'
export { decimateMesh } from './decimateMesh'
export type { DecimateOptions, DecimateResult } from './decimateMesh'
export { taubinSmooth } from './taubinSmooth'
export type { TaubinOptions } from './taubinSmooth'
export type { ComponentOptions } from './filterComponents'
export type { Connectivity } from './voxelRuns'
export type { ScalarArray, VoxelBox } from './volumeMask'
