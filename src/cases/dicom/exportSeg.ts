/**
 * Exports a phantom label volume as one DICOM Segmentation (PS3.3 §A.51, binary, Explicit VR Little Endian)
 * that references the CT series written by `exportCtSeries` on the same grid: one segment per structure
 * present, one frame per (segment, slice) where the segment has at least one voxel, plane geometry in the
 * shared functional groups and the per-frame PlanePosition / SegmentIdentification / DerivationImage.
 */
import type { VolumeGeometry } from '../../lib/space'
import { assert } from '../../lib/assert'
import { deterministicUid } from './deterministicUid'
import { CT_IMAGE_STORAGE, type CtSeriesUids } from './exportCtSeries'
import { formatDs, formatIs } from './formatDs'
import {
  PHANTOM_DEVICE_SERIAL_NUMBER,
  PHANTOM_MODEL_NAME,
  phantomStudyAttributes,
  SYNTHETIC_CONTENT_DATE,
  SYNTHETIC_CONTENT_TIME,
} from './phantomStudy'
import { assertExportableGeometry, slicePlane } from './sliceGeometry'
import { srgbHexToDicomLab, writePart10, type NaturalDataset } from './writePart10'

/** Segmentation Storage SOP Class (PS3.4 §B.5). */
export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4'
/** Coding scheme for structure types that have no standard code here ("99" = private, PS3.16 §8.2). */
export const OSTEOPLAN_CODING_SCHEME = '99OSTEOPLAN'

/** A coded concept (PS3.3 §8.8, Code Sequence macro). */
export interface CodedConcept {
  readonly value: string
  readonly scheme: string
  readonly meaning: string
}

/** Segmented property categories used here (PS3.16 CID 7150). */
export const SEGMENT_CATEGORIES = {
  anatomy: { value: '123037004', scheme: 'SCT', meaning: 'Anatomical Structure' },
  tumour: { value: '49755003', scheme: 'SCT', meaning: 'Morphologically Altered Structure' },
} as const satisfies Record<string, CodedConcept>

/** One structure to export as a segment. */
export interface SegmentSpec {
  /** Value of the structure in the label volume (1…255). */
  readonly labelValue: number
  /** Segment Label (LO, ≤ 64 characters). */
  readonly label: string
  readonly description?: string
  /** Display colour, sRGB `#rrggbb`. */
  readonly color: string
  /** Property category (default `anatomy`). */
  readonly category?: keyof typeof SEGMENT_CATEGORIES
  /** Property type; default `L<labelValue>` in `99OSTEOPLAN` with the label as meaning. */
  readonly typeCode?: CodedConcept
}

/** Optional naming of the SEG series. */
export interface SegExportInfo {
  readonly seriesDescription?: string
  readonly seriesNumber?: number
  readonly bodyPartExamined?: string
}

/** A label volume on the same grid as the referenced CT series. */
export interface LabelVolume {
  readonly geometry: VolumeGeometry
  readonly labels: Uint8Array
}

/** The frames the SEG will hold: for each present segment, the slices where it has voxels. */
export interface SegFramePlan {
  /** Segments in output order; `segmentNumber` is 1-based. */
  readonly segments: ReadonlyArray<{ readonly segmentNumber: number; readonly spec: SegmentSpec }>
  /** Frames in output order. */
  readonly frames: ReadonlyArray<{ readonly segmentNumber: number; readonly slice: number }>
}

const code = (c: CodedConcept): NaturalDataset => ({
  CodeValue: c.value,
  CodingSchemeDesignator: c.scheme,
  CodeMeaning: c.meaning,
})

/** Which segments are present and which (segment, slice) frames are non-empty. */
export function planSegFrames(volume: LabelVolume, segments: readonly SegmentSpec[]): SegFramePlan {
  const [cols, rows, slices] = volume.geometry.dims
  const n = cols * rows
  assert(volume.labels.length === n * slices, 'labels length must equal dims[0]·dims[1]·dims[2]')
  const present = new Uint8Array(256 * slices)
  for (let k = 0; k < slices; k++) {
    const off = k * n
    for (let p = 0; p < n; p++) present[(volume.labels[off + p] ?? 0) * slices + k] = 1
  }
  const out: Array<{ segmentNumber: number; spec: SegmentSpec }> = []
  const frames: Array<{ segmentNumber: number; slice: number }> = []
  for (const spec of segments) {
    assert(Number.isInteger(spec.labelValue) && spec.labelValue >= 1, 'labelValue must be 1…255')
    assert(spec.labelValue <= 255, 'labelValue must be 1…255')
    const ks: number[] = []
    for (let k = 0; k < slices; k++) if (present[spec.labelValue * slices + k]) ks.push(k)
    if (ks.length === 0) continue
    const segmentNumber = out.length + 1
    out.push({ segmentNumber, spec })
    for (const slice of ks) frames.push({ segmentNumber, slice })
  }
  return { segments: out, frames }
}

/** Packs the binary frames, 1 bit per pixel, LSB first, frames contiguous (PS3.5 §8.1.1, PS3.3 §C.8.20.2). */
function packFrames(volume: LabelVolume, plan: SegFramePlan): ArrayBuffer {
  const [cols, rows] = volume.geometry.dims
  const n = cols * rows
  const bytes = new Uint8Array(Math.ceil((plan.frames.length * n) / 8 / 2) * 2)
  const valueOf = new Map(plan.segments.map((s) => [s.segmentNumber, s.spec.labelValue]))
  let bit = 0
  for (const f of plan.frames) {
    const value = valueOf.get(f.segmentNumber) ?? 0
    const off = f.slice * n
    for (let p = 0; p < n; p++, bit++) {
      if (volume.labels[off + p] === value) {
        bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (1 << (bit & 7))
      }
    }
  }
  return bytes.buffer
}

function segmentItem(s: { segmentNumber: number; spec: SegmentSpec }): NaturalDataset {
  const spec = s.spec
  const type = spec.typeCode ?? {
    value: `L${spec.labelValue}`,
    scheme: OSTEOPLAN_CODING_SCHEME,
    meaning: spec.label,
  }
  return {
    SegmentNumber: s.segmentNumber,
    SegmentLabel: spec.label,
    ...(spec.description ? { SegmentDescription: spec.description } : {}),
    SegmentAlgorithmType: 'AUTOMATIC',
    SegmentAlgorithmName: PHANTOM_MODEL_NAME,
    SegmentedPropertyCategoryCodeSequence: [code(SEGMENT_CATEGORIES[spec.category ?? 'anatomy'])],
    SegmentedPropertyTypeCodeSequence: [code(type)],
    RecommendedDisplayCIELabValue: srgbHexToDicomLab(spec.color),
  }
}

/**
 * Writes the DICOM SEG for `volume` referencing the CT series `ref` (same grid: slice k of the labels is
 * CT instance `ref.sopInstanceUids[k]`). Segments absent from the volume are left out; throws if none is
 * present. The SEG's own UIDs derive from the CT series UID, so re-exports are byte-identical.
 */
export function exportSeg(
  volume: LabelVolume,
  segments: readonly SegmentSpec[],
  ref: CtSeriesUids,
  info: SegExportInfo = {},
): Uint8Array {
  const g = volume.geometry
  assertExportableGeometry(g)
  const [cols, rows, slices] = g.dims
  assert(ref.sopInstanceUids.length === slices, 'ref must list one CT instance per slice')
  const plan = planSegFrames(volume, segments)
  assert(plan.frames.length > 0, 'exportSeg: none of the segments is present in the label volume')
  const seriesInstanceUid = deterministicUid(ref.seriesInstanceUid, 'seg-series')
  const sopInstanceUid = deterministicUid(ref.seriesInstanceUid, 'seg-instance')
  const dimensionOrganizationUid = deterministicUid(ref.seriesInstanceUid, 'seg-dimensions')
  const plane0 = slicePlane(g, 0)
  const dataset: NaturalDataset = {
    ...phantomStudyAttributes({
      studyInstanceUid: ref.studyInstanceUid,
      frameOfReferenceUid: ref.frameOfReferenceUid,
      bodyPartExamined: info.bodyPartExamined ?? 'SPINE',
    }),
    ImageType: ['DERIVED', 'PRIMARY'],
    SOPClassUID: SEGMENTATION_STORAGE,
    SOPInstanceUID: sopInstanceUid,
    ContentDate: SYNTHETIC_CONTENT_DATE,
    ContentTime: SYNTHETIC_CONTENT_TIME,
    Modality: 'SEG',
    SeriesDescription: info.seriesDescription ?? 'Phantom structure labels',
    DeviceSerialNumber: PHANTOM_DEVICE_SERIAL_NUMBER,
    SeriesInstanceUID: seriesInstanceUid,
    SeriesNumber: formatIs(info.seriesNumber ?? 2),
    InstanceNumber: '1',
    ContentLabel: 'PHANTOM_LABELS',
    ContentDescription: 'OsteoPlan phantom structure labels',
    ContentCreatorName: '',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: cols,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    SegmentationType: 'BINARY',
    NumberOfFrames: formatIs(plan.frames.length),
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: ref.seriesInstanceUid,
        ReferencedInstanceSequence: ref.sopInstanceUids.map((uid) => ({
          ReferencedSOPClassUID: CT_IMAGE_STORAGE,
          ReferencedSOPInstanceUID: uid,
        })),
      },
    ],
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUid }],
    DimensionIndexSequence: [
      {
        DimensionOrganizationUID: dimensionOrganizationUid,
        DimensionIndexPointer: 0x0062000b,
        FunctionalGroupPointer: 0x0062000a,
        DimensionDescriptionLabel: 'ReferencedSegmentNumber',
      },
      {
        DimensionOrganizationUID: dimensionOrganizationUid,
        DimensionIndexPointer: 0x00200032,
        FunctionalGroupPointer: 0x00209113,
        DimensionDescriptionLabel: 'ImagePositionPatient',
      },
    ],
    SegmentSequence: plan.segments.map(segmentItem),
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [{ ImageOrientationPatient: plane0.imageOrientationPatient }],
        PixelMeasuresSequence: [
          {
            PixelSpacing: plane0.pixelSpacing,
            SliceThickness: formatDs(g.spacingMm[2]),
            SpacingBetweenSlices: formatDs(g.spacingMm[2]),
          },
        ],
      },
    ],
    PerFrameFunctionalGroupsSequence: plan.frames.map((f) => ({
      DerivationImageSequence: [
        {
          SourceImageSequence: [
            {
              ReferencedSOPClassUID: CT_IMAGE_STORAGE,
              ReferencedSOPInstanceUID: ref.sopInstanceUids[f.slice] ?? '',
              PurposeOfReferenceCodeSequence: [
                code({
                  value: '121322',
                  scheme: 'DCM',
                  meaning: 'Source image for image processing operation',
                }),
              ],
            },
          ],
          DerivationCodeSequence: [
            code({ value: '113076', scheme: 'DCM', meaning: 'Segmentation' }),
          ],
        },
      ],
      FrameContentSequence: [{ DimensionIndexValues: [f.segmentNumber, f.slice + 1] }],
      PlanePositionSequence: [
        { ImagePositionPatient: slicePlane(g, f.slice).imagePositionPatient },
      ],
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: f.segmentNumber }],
    })),
    PixelData: [packFrames(volume, plan)],
    _vrMap: { PixelData: 'OB' },
  }
  return writePart10(dataset, { sopClassUid: SEGMENTATION_STORAGE, sopInstanceUid })
}
