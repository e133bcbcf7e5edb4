/** Case packages: authored teaching cases as validated zip files (manifest.ts explains the format). */
export * from './manifest'
export {
  readCasePackage,
  MAX_PACKAGE_BYTES,
  type CasePackage,
  type PackageResult,
} from './readPackage'
export { writeCasePackage, AUTHORING_STRUCTURES } from './writePackage'
export { readSeg } from './readSeg'
export { scorePackagePlan, packageCaseVolume, type PackageScore } from './scorePackage'
export {
  markSphere,
  markDisc,
  markThreshold,
  labelCounts,
  labelExtent,
  markOverlays,
  MAX_FILL_VOXELS,
  type Mark,
} from './authorTools'
