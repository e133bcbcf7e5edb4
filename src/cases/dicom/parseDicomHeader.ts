/**
 * Parses the header of one DICOM file with dicom-parser and either describes the instance (identity,
 * pixel format, geometry, PHI present) or says, in plain words, why it cannot be used. Pixel data is never
 * decoded here; Cornerstone3D does that in the browser.
 */
import * as dicomParserModule from 'dicom-parser'
import type { DataSet } from 'dicom-parser'
import { inflateSync } from 'fflate'
import type { Vec3 } from '../../lib/vec3'
import { dicomProblem, formatBytes, quoteName, type DicomProblem } from './dicomProblem'
import {
  hasDicmPrefix,
  IMPLICIT_VR_LITTLE_ENDIAN,
  notDicomProblem,
  rawDatasetSyntax,
} from './detectDicom'
import { isUtf8, numberOf, textOf } from './dicomText'
import { findPhi, type PhiFinding } from './findPhi'
import { readImageAttributes, type WindowPreset } from './readImageAttributes'
import { classifySopClass, type ObjectKind } from './sopClasses'
import { SUPPORTED_TRANSFER_SYNTAX_SUMMARY, transferSyntaxInfo } from './transferSyntaxes'

/** Largest accepted Rows or Columns (the brief's limit; CT matrices are ≤ 1024). */
export const MAX_MATRIX = 8192
/** Largest accepted Number of Frames in one file. */
export const MAX_FRAMES = 10000
/** Largest accepted uncompressed pixel payload of one file, bytes (what a browser tab can hold). */
export const MAX_PIXEL_BYTES = 2 * 1024 ** 3

/** Everything the loader needs to know about one image instance, read from its header. */
export interface ParsedInstance {
  readonly kind: 'instance'
  readonly fileName?: string
  readonly objectKind: Exclude<ObjectKind, 'nonImage'>
  /** Plain-words SOP class ("a CT image"). */
  readonly sopClassName: string
  readonly sopClassUid: string
  readonly sopInstanceUid: string
  readonly transferSyntaxUid: string
  readonly transferSyntaxName: string
  /** False for old "raw" files without preamble and meta header (wrap them with ensurePart10). */
  readonly hasPart10Header: boolean
  readonly studyInstanceUid: string
  readonly seriesInstanceUid: string
  readonly frameOfReferenceUid: string | undefined
  readonly modality: string
  /** Values of Image Type (0008,0008), upper case. */
  readonly imageType: readonly string[]
  readonly rows: number
  readonly columns: number
  readonly numberOfFrames: number
  readonly samplesPerPixel: number
  readonly photometricInterpretation: string
  readonly bitsAllocated: number
  readonly bitsStored: number
  readonly highBit: number
  /** 0 unsigned, 1 two's complement. */
  readonly pixelRepresentation: number
  readonly rescaleSlope: number
  readonly rescaleIntercept: number
  readonly rescaleType: string | undefined
  /** Pixel Padding Value (0028,0120) as a stored value, interpreted with PixelRepresentation. */
  readonly pixelPaddingValue: number | undefined
  readonly windows: readonly WindowPreset[]
  /** Six direction cosines: row direction then column direction (LPS). */
  readonly imageOrientationPatient: readonly number[] | undefined
  /** IPP of the first frame, LPS mm. */
  readonly imagePositionPatient: Vec3 | undefined
  /** Per-frame IPP of an enhanced multi-frame object. */
  readonly framePositions: readonly Vec3[]
  /** [row spacing, column spacing], mm. */
  readonly pixelSpacingMm: readonly [number, number] | undefined
  readonly sliceThicknessMm: number | undefined
  readonly spacingBetweenSlicesMm: number | undefined
  /** Gantry/Detector Tilt (0018,1120), degrees; informative only (discovery measures tilt from IPP). */
  readonly gantryTiltDeg: number | undefined
  readonly seriesDescription: string
  readonly studyDescription: string
  readonly seriesNumber: number | undefined
  readonly instanceNumber: number | undefined
  readonly acquisitionNumber: number | undefined
  readonly hasPixelData: true
  /** Bytes of the Pixel Data element (encapsulated: total of fragments). */
  readonly pixelDataBytes: number
  /**
   * Byte offset of the (native, uncompressed) Pixel Data value in the file's bytes, so that decoding can read
   * frames without parsing the file again; undefined when encapsulated or deflated.
   */
  readonly pixelDataOffset?: number
  /** Patient Identity Removed (0012,0062) is YES. */
  readonly patientIdentityRemoved: boolean
  readonly phi: readonly PhiFinding[]
  /** Non-fatal remarks for the user (lossy compression, missing Part-10 header, …). */
  readonly warnings: readonly string[]
}

/**
 * dicom-parser ships a UMD bundle: bundlers and vitest expose its functions as named exports, while Node's
 * native ESM loader (tsx, the bench runner) only gives `default`. Accept both.
 */
export const dicomParser: typeof dicomParserModule =
  (dicomParserModule as unknown as { default?: typeof dicomParserModule }).default ??
  dicomParserModule

const errorText = (e: unknown): string => {
  if (typeof e === 'string') return e
  if (e instanceof Error) return e.message
  const ex = (e as { exception?: unknown } | null)?.exception
  return typeof ex === 'string' ? ex : String(e)
}

const DEFLATED_TS = '1.2.840.10008.1.2.1.99'
const EXPLICIT_TS = '1.2.840.10008.1.2.1'

/** A parsed dataset, its transfer syntax and the file meta group (null for raw datasets). */
interface Parsed {
  readonly ds: DataSet
  readonly tsUid: string
  readonly meta: DataSet | null
}

/** Parses with dicom-parser; a `DicomProblem` for truncated or unreadable data. */
function parse(
  bytes: Uint8Array,
  raw: string | null,
  name: string | undefined,
): Parsed | DicomProblem {
  try {
    if (raw) {
      return {
        ds: dicomParser.parseDicom(bytes, { TransferSyntaxUID: raw }),
        tsUid: raw,
        meta: null,
      }
    }
    const meta = dicomParser.readPart10Header(bytes)
    const tsUid = meta.string('x00020010') ?? ''
    if (tsUid === DEFLATED_TS) {
      // dicom-parser 1.8.21's own inflater path restarts parsing at byte 0 (it reads the preamble and meta
      // group again as dataset elements), so inflate here (PS3.5 §A.5: raw DEFLATE after the meta group)
      // and parse the body as a raw Explicit VR Little Endian dataset.
      const position = (meta as DataSet & { position?: number }).position ?? 132
      const body = inflateSync(bytes.subarray(position))
      return { ds: dicomParser.parseDicom(body, { TransferSyntaxUID: EXPLICIT_TS }), tsUid, meta }
    }
    return { ds: dicomParser.parseDicom(bytes), tsUid, meta }
  } catch (e) {
    // Programming or environment errors are bugs, not damaged files: let them surface.
    if (e instanceof TypeError || e instanceof ReferenceError) throw e
    const text = errorText(e)
    const metaMissing = /missing required meta header/i.test(text)
    if (/past end|overrun|overread|beyond/i.test(text) || (metaMissing && metaGroupCut(bytes))) {
      return dicomProblem(
        'truncated',
        `${quoteName(name)} is incomplete: it stops after ${formatBytes(bytes.length)}, before the end of ` +
          'its DICOM data. It was probably cut off while copying or downloading; copy it again from the source.',
        name,
      )
    }
    return dicomProblem(
      'unreadable',
      `${quoteName(name)} starts like a DICOM file but its contents are damaged and cannot be read.`,
      name,
      text,
    )
  }
}

/** True when the file ends before the end of the meta group that its (0002,0000) length announces. */
function metaGroupCut(bytes: Uint8Array): boolean {
  if (bytes.length < 144) return true
  const isGroupLength =
    bytes[132] === 0x02 && bytes[133] === 0 && bytes[134] === 0 && bytes[135] === 0
  if (!isGroupLength) return false
  const length = new DataView(bytes.buffer, bytes.byteOffset + 140, 4).getUint32(0, true)
  return bytes.length < 144 + length
}

function imageChecks(
  ds: DataSet,
  name: string | undefined,
  encapsulated: boolean,
): DicomProblem | null {
  const q = quoteName(name)
  const rows = ds.uint16('x00280010') ?? 0
  const cols = ds.uint16('x00280011') ?? 0
  const frames = numberOf(ds, 'x00280008') ?? 1
  const bits = ds.uint16('x00280100') ?? 0
  const spp = ds.uint16('x00280002') ?? 1
  const bad = (what: string): DicomProblem =>
    dicomProblem(
      'absurdDimensions',
      `${q} describes an impossible image: ${what}. The file is damaged or was written incorrectly.`,
      name,
    )
  if (rows < 1 || cols < 1) return bad(`${rows} rows × ${cols} columns`)
  if (rows > MAX_MATRIX || cols > MAX_MATRIX) {
    return bad(`${rows} × ${cols} pixels (the limit is ${MAX_MATRIX} × ${MAX_MATRIX})`)
  }
  if (!Number.isInteger(frames) || frames < 1 || frames > MAX_FRAMES) {
    return bad(`${frames} frames (the limit is ${MAX_FRAMES})`)
  }
  if (![1, 8, 16, 32].includes(bits)) return bad(`${bits} bits allocated per pixel`)
  const expected = Math.ceil((rows * cols * frames * spp * bits) / 8)
  if (expected > MAX_PIXEL_BYTES) {
    return bad(`${formatBytes(expected)} of pixels, more than a browser can hold`)
  }
  const px = ds.elements.x7fe00010
  if (!encapsulated && px && px.length < expected) {
    return bad(
      `the header promises ${formatBytes(expected)} of pixels (${cols} × ${rows} × ${frames} frames) but the file holds ${formatBytes(px.length)}`,
    )
  }
  return null
}

/** Parses one file's header. Never throws: bad input gives a `DicomProblem` with a user-readable message. */
export function parseDicomHeader(
  bytes: Uint8Array,
  fileName?: string,
): ParsedInstance | DicomProblem {
  try {
    return parseHeader(bytes, fileName)
  } catch (e) {
    // dicom-parser reads values lazily: a damaged length can still throw after parsing succeeded.
    if (e instanceof TypeError || e instanceof ReferenceError) throw e
    return dicomProblem(
      'unreadable',
      `${quoteName(fileName)} starts like a DICOM file but its contents are damaged and cannot be read.`,
      fileName,
      errorText(e),
    )
  }
}

function parseHeader(
  bytes: Uint8Array,
  fileName: string | undefined,
): ParsedInstance | DicomProblem {
  const q = quoteName(fileName)
  if (bytes.length === 0) return dicomProblem('emptyFile', `${q} is empty (0 bytes).`, fileName)
  const part10 = hasDicmPrefix(bytes)
  const raw = part10 ? null : rawDatasetSyntax(bytes)
  if (!part10 && raw === null) return notDicomProblem(bytes, fileName)
  const parsed = parse(bytes, raw, fileName)
  if ('kind' in parsed) return parsed
  const { ds, meta } = parsed
  const tsUid = parsed.tsUid || IMPLICIT_VR_LITTLE_ENDIAN
  const ts = transferSyntaxInfo(tsUid)
  if (!ts?.supported) {
    return dicomProblem(
      'unsupportedTransferSyntax',
      `${q} is encoded as ${ts ? ts.name : `an unknown transfer syntax (${tsUid})`}, which the viewer cannot decode. ` +
        `Supported: ${SUPPORTED_TRANSFER_SYNTAX_SUMMARY}. Re-export it uncompressed or in one of these.`,
      fileName,
    )
  }
  const sopClassUid = ds.string('x00080016') ?? meta?.string('x00020002') ?? ''
  const px = ds.elements.x7fe00010 ?? ds.elements.x7fe00008 ?? ds.elements.x7fe00009
  const sop = classifySopClass(sopClassUid, px !== undefined)
  if (sop.kind === 'nonImage') {
    return dicomProblem(
      'nonImageObject',
      `${q} is ${sop.name}, not an image, so there is nothing to display. Load the image series it belongs to.`,
      fileName,
    )
  }
  if (!px) {
    return dicomProblem(
      'missingPixelData',
      `${q} is ${sop.name} but contains no pixel data (only the header was saved).`,
      fileName,
    )
  }
  const encapsulated = px.encapsulatedPixelData === true || px.hadUndefinedLength === true
  const bad = imageChecks(ds, fileName, encapsulated)
  if (bad) return bad
  const utf8 = isUtf8(ds)
  const pixelRepresentation = ds.uint16('x00280103') ?? 0
  const pad = ds.elements.x00280120
  const signedPad = pad?.vr === 'SS' || (pad?.vr !== 'US' && pixelRepresentation === 1)
  const geometry = readImageAttributes(ds)
  const warnings: string[] = []
  if (!part10) {
    warnings.push('No DICOM file header (an old “raw” file); it is re-wrapped before display.')
  }
  if (ds.string('x00282110') === '01') {
    warnings.push('Lossy-compressed image: Hounsfield units are approximate.')
  }
  const sopInstanceUid = ds.string('x00080018') ?? meta?.string('x00020003') ?? ''
  return {
    kind: 'instance',
    ...(fileName === undefined ? {} : { fileName }),
    objectKind: sop.kind,
    sopClassName: sop.name,
    sopClassUid,
    sopInstanceUid,
    transferSyntaxUid: tsUid,
    transferSyntaxName: ts.name,
    hasPart10Header: part10,
    studyInstanceUid: ds.string('x0020000d') ?? '',
    seriesInstanceUid: ds.string('x0020000e') ?? '',
    frameOfReferenceUid: ds.string('x00200052'),
    modality: (ds.string('x00080060') ?? '').toUpperCase(),
    imageType: (textOf(ds, 'x00080008', false) ?? '')
      .split('\\')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean),
    rows: ds.uint16('x00280010') ?? 0,
    columns: ds.uint16('x00280011') ?? 0,
    numberOfFrames: numberOf(ds, 'x00280008') ?? 1,
    samplesPerPixel: ds.uint16('x00280002') ?? 1,
    photometricInterpretation: ds.string('x00280004') ?? '',
    bitsAllocated: ds.uint16('x00280100') ?? 0,
    bitsStored: ds.uint16('x00280101') ?? ds.uint16('x00280100') ?? 0,
    highBit: ds.uint16('x00280102') ?? (ds.uint16('x00280101') ?? 1) - 1,
    pixelRepresentation,
    pixelPaddingValue: pad
      ? signedPad
        ? ds.int16('x00280120')
        : ds.uint16('x00280120')
      : undefined,
    ...geometry,
    gantryTiltDeg: numberOf(ds, 'x00181120'),
    seriesDescription: textOf(ds, 'x0008103e', utf8) ?? '',
    studyDescription: textOf(ds, 'x00081030', utf8) ?? '',
    seriesNumber: numberOf(ds, 'x00200011'),
    instanceNumber: numberOf(ds, 'x00200013'),
    acquisitionNumber: numberOf(ds, 'x00200012'),
    hasPixelData: true,
    pixelDataBytes: px.length,
    ...(encapsulated || parsed.tsUid === DEFLATED_TS || px !== ds.elements.x7fe00010
      ? {}
      : { pixelDataOffset: px.dataOffset }),
    patientIdentityRemoved: (ds.string('x00120062') ?? '').toUpperCase() === 'YES',
    phi: findPhi(ds),
    warnings,
  }
}
