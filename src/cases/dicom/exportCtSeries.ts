/**
 * Exports a phantom CT volume as a standard DICOM CT series: one Part-10 CT Image Storage file per axial
 * slice, Explicit VR Little Endian, deterministic UIDs, no identifying values (see phantomStudy.ts).
 *
 * Pixel encoding: stored value = HU, signed 16-bit (PixelRepresentation 1, BitsStored 16, HighBit 15),
 * RescaleSlope 1 and RescaleIntercept 0. Chosen over the unsigned-with-intercept-−1024 convention because it
 * represents every Int16 input exactly (the unsigned form cannot store HU below −1024 without clamping),
 * and because Cornerstone3D's loader handles PixelRepresentation 1 natively (the real CT files in
 * shared/testdata are 16/16/15/1 too).
 */
import type { VolumeGeometry } from '../../lib/space'
import { assert } from '../../lib/assert'
import { deterministicUid } from './deterministicUid'
import { formatDs, formatIs } from './formatDs'
import { phantomStudyAttributes } from './phantomStudy'
import { assertExportableGeometry, slicePlane } from './sliceGeometry'
import { writePart10 } from './writePart10'

/** CT Image Storage SOP Class (PS3.4 §B.5). */
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2'
/** Default bone window (centre, width) in HU, first in the file so viewers open with it. */
export const BONE_WINDOW_HU = { center: 300, width: 1500 } as const
/** Second, soft-tissue window preset (centre, width) in HU. */
export const SOFT_TISSUE_WINDOW_HU = { center: 40, width: 400 } as const

/** A CT volume in LPS mm; `ct` holds HU, i fastest (`flatIndex` layout). */
export interface CtVolume {
  readonly geometry: VolumeGeometry
  readonly ct: Int16Array
}

/** What the exported series is called and how its UIDs are derived. */
export interface CtExportInfo {
  /** Case identifier; with `seed` it determines every UID. */
  readonly caseId: string
  readonly seriesDescription: string
  /** Seed of the phantom variant (default 0). */
  readonly seed?: number
  /** DICOM Body Part Examined defined term (PS3.16 Annex L), default `SPINE`. */
  readonly bodyPartExamined?: string
  /** Series Number (default 1). */
  readonly seriesNumber?: number
}

/** The UIDs of an exported CT series, needed to reference it from a SEG. */
export interface CtSeriesUids {
  readonly studyInstanceUid: string
  readonly seriesInstanceUid: string
  readonly frameOfReferenceUid: string
  /** SOP Instance UID of slice k (k = 0 is `originMm`). */
  readonly sopInstanceUids: readonly string[]
}

/** One exported file. */
export interface DicomFile {
  readonly name: string
  readonly bytes: Uint8Array
}

/** Deterministic UIDs of the CT series for `info` with `sliceCount` slices. */
export function ctSeriesUids(info: CtExportInfo, sliceCount: number): CtSeriesUids {
  const base = ['OsteoPlan', info.caseId, info.seed ?? 0] as const
  return {
    studyInstanceUid: deterministicUid(...base, 'study'),
    seriesInstanceUid: deterministicUid(...base, 'ct-series'),
    frameOfReferenceUid: deterministicUid(...base, 'frame-of-reference'),
    sopInstanceUids: Array.from({ length: sliceCount }, (_, k) =>
      deterministicUid(...base, 'ct-instance', k),
    ),
  }
}

const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/** Copies slice k into a fresh little-endian buffer (DICOM OW is little endian in this syntax). */
function sliceBuffer(ct: Int16Array, k: number, n: number): ArrayBuffer {
  const slice = ct.slice(k * n, (k + 1) * n)
  if (!IS_LITTLE_ENDIAN) {
    const view = new DataView(slice.buffer)
    for (let i = 0; i < n; i++) view.setInt16(2 * i, slice[i] ?? 0, true)
  }
  return slice.buffer
}

/** A file-name-safe version of the case id. */
export const fileSlug = (caseId: string): string =>
  caseId.replace(/[^A-Za-z0-9_-]+/g, '_') || 'case'

/**
 * Writes one CT Image Storage file per slice k (InstanceNumber k + 1), named
 * `<caseId>_CT_<0001…>.dcm`. Throws on a non-orthonormal geometry or a size mismatch. A left-handed
 * geometry (direction[2] = −(direction[0] × direction[1])) is written faithfully, but readers (and
 * discoverSeries) stack slices along +(row × column), so they see the same voxels with k reversed.
 */
export function exportCtSeries(volume: CtVolume, info: CtExportInfo): DicomFile[] {
  const g = volume.geometry
  assertExportableGeometry(g)
  const [cols, rows, slices] = g.dims
  const n = cols * rows
  assert(volume.ct.length === n * slices, 'ct length must equal dims[0]·dims[1]·dims[2]')
  const uids = ctSeriesUids(info, slices)
  const common = {
    ...phantomStudyAttributes({
      studyInstanceUid: uids.studyInstanceUid,
      frameOfReferenceUid: uids.frameOfReferenceUid,
      bodyPartExamined: info.bodyPartExamined ?? 'SPINE',
    }),
    ImageType: ['DERIVED', 'PRIMARY', 'AXIAL'],
    SOPClassUID: CT_IMAGE_STORAGE,
    Modality: 'CT',
    SeriesDescription: info.seriesDescription,
    SliceThickness: formatDs(g.spacingMm[2]),
    SpacingBetweenSlices: formatDs(g.spacingMm[2]),
    KVP: '',
    PatientPosition: 'HFS',
    SeriesInstanceUID: uids.seriesInstanceUid,
    SeriesNumber: formatIs(info.seriesNumber ?? 1),
    AcquisitionNumber: '',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: cols,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
    BurnedInAnnotation: 'NO',
    WindowCenter: [formatDs(BONE_WINDOW_HU.center), formatDs(SOFT_TISSUE_WINDOW_HU.center)],
    WindowWidth: [formatDs(BONE_WINDOW_HU.width), formatDs(SOFT_TISSUE_WINDOW_HU.width)],
    WindowCenterWidthExplanation: ['BONE', 'SOFT TISSUE'],
    RescaleIntercept: '0',
    RescaleSlope: '1',
    RescaleType: 'HU',
    LossyImageCompression: '00',
  }
  const slug = fileSlug(info.caseId)
  const files: DicomFile[] = []
  for (let k = 0; k < slices; k++) {
    const plane = slicePlane(g, k)
    const sopInstanceUid = uids.sopInstanceUids[k] ?? ''
    const dataset = {
      ...common,
      SOPInstanceUID: sopInstanceUid,
      InstanceNumber: formatIs(k + 1),
      ImagePositionPatient: plane.imagePositionPatient,
      ImageOrientationPatient: plane.imageOrientationPatient,
      SliceLocation: plane.sliceLocation,
      PixelSpacing: plane.pixelSpacing,
      PixelData: [sliceBuffer(volume.ct, k, n)],
      _vrMap: { PixelData: 'OW' },
    }
    const bytes = writePart10(dataset, { sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid })
    files.push({ name: `${slug}_CT_${String(k + 1).padStart(4, '0')}.dcm`, bytes })
  }
  return files
}
