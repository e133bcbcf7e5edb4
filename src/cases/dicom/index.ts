/**
 * DICOM I/O for OsteoPlan (pure: no DOM, no Node APIs; runs in the main thread or a worker).
 * Export: phantom CT series and SEG. Import: header parsing, series discovery, resampling plan, PHI guard,
 * ZIP unpacking. Pixels: uncompressed little-endian frames are read in place (rawFrameView.ts, nativeFrame.ts)
 * and DCT JPEG (.51/.53/.55) is decoded by our IJG-exact decoder (jpeg/); every other codec, and rendering,
 * stay in src/imaging (Cornerstone3D). Import stages are timed with User Timing marks (importTiming.ts).
 */
export {
  exportCtSeries,
  ctSeriesUids,
  CT_IMAGE_STORAGE,
  BONE_WINDOW_HU,
  SOFT_TISSUE_WINDOW_HU,
} from './exportCtSeries'
export type { CtVolume, CtExportInfo, CtSeriesUids, DicomFile } from './exportCtSeries'
export { exportSeg, planSegFrames, SEGMENTATION_STORAGE, SEGMENT_CATEGORIES } from './exportSeg'
export type {
  SegmentSpec,
  SegExportInfo,
  LabelVolume,
  CodedConcept,
  SegFramePlan,
} from './exportSeg'
export { anatomySegments } from './anatomySegments'
export { PHANTOM_STUDY_DESCRIPTION } from './phantomStudy'
export { parseDicomHeader, MAX_MATRIX, MAX_FRAMES, MAX_PIXEL_BYTES } from './parseDicomHeader'
export type { ParsedInstance } from './parseDicomHeader'
export type { WindowPreset } from './readImageAttributes'
export { isDicomProblem } from './dicomProblem'
export type { DicomProblem, DicomProblemCode } from './dicomProblem'
export { discoverSeries } from './discoverSeries'
export type {
  DiscoveryInput,
  DiscoveryResult,
  DiscoveredSeries,
  SeriesSlice,
  SeriesIssue,
  SeriesIssueCode,
  ExcludedFile,
  ExclusionCode,
} from './discoverSeries'
export type { SpacingReport, SpacingGap, TiltReport } from './analyzeStack'
export { planResampling } from './planResampling'
export type { StackInput, ResamplingPlan, ResampleSlice, ResampleSource } from './planResampling'
export { findPhi, maskValue } from './findPhi'
export type { PhiFinding } from './findPhi'
export { PHI_ATTRIBUTES } from './phiAttributes'
export type { PhiAttribute, PhiCategory } from './phiAttributes'
export { scrubPhi, SCRUB_DEIDENTIFICATION_METHOD } from './scrubPhi'
export type { ScrubOptions } from './scrubPhi'
export { ensurePart10 } from './ensurePart10'
export { unzipDicom, MAX_UNZIPPED_BYTES } from './unzipDicom'
export type { UnzippedFiles, UnzipLimits } from './unzipDicom'
export {
  TRANSFER_SYNTAXES,
  SUPPORTED_TRANSFER_SYNTAX_NAMES,
  SUPPORTED_TRANSFER_SYNTAX_SUMMARY,
} from './transferSyntaxes'
export type { TransferSyntaxInfo } from './transferSyntaxes'
export { assembleVolume, estimateVolumeBytes, PADDING_HU } from './assembleVolume'
export { storedToHu } from './storedToHu'
export type { AssembleOptions, AssembledVolume, StackMode } from './assembleVolume'
