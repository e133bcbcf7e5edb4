/**
 * Splits a DICOM file into its parts without interpreting values: preamble + file meta group (Part-10
 * files) or nothing (raw datasets), the transfer syntax, and the dataset body, inflated when the syntax is
 * Deflated Explicit VR Little Endian (PS3.5 §A.5).
 */
import { inflateSync } from 'fflate'
import { dicomProblem, formatBytes, quoteName, type DicomProblem } from './dicomProblem'
import { hasDicmPrefix, notDicomProblem, rawDatasetSyntax } from './detectDicom'
import { transferSyntaxInfo } from './transferSyntaxes'
import {
  LONG_VRS,
  rawText,
  walkDataset,
  WalkError,
  type RawElement,
  type Syntax,
} from './walkDataset'

const EXPLICIT_LE_SYNTAX: Syntax = { littleEndian: true, explicitVr: true }

/** The parts of one file. */
export interface FileLayout {
  /** True when the file has preamble, `DICM` and a meta group. */
  readonly part10: boolean
  /** Offset where the dataset begins (after the meta group); 0 for raw datasets. */
  readonly metaEnd: number
  /** File meta elements (empty for raw datasets). */
  readonly meta: readonly RawElement[]
  readonly transferSyntaxUid: string
  readonly syntax: Syntax
  readonly deflated: boolean
  /** The dataset bytes (inflated if deflated). */
  readonly body: Uint8Array
  /** Top-level dataset elements of `body`. */
  readonly elements: readonly RawElement[]
}

/** Problem for a walk failure. */
export function walkProblem(e: unknown, bytes: Uint8Array, name: string | undefined): DicomProblem {
  const q = quoteName(name)
  if (e instanceof WalkError && e.truncated) {
    return dicomProblem(
      'truncated',
      `${q} is incomplete: it stops after ${formatBytes(bytes.length)}, before the end of its DICOM data. ` +
        'It was probably cut off while copying or downloading; copy it again from the source.',
      name,
    )
  }
  const detail = e instanceof Error ? e.message : String(e)
  return dicomProblem(
    'unreadable',
    `${q} starts like a DICOM file but its contents are damaged and cannot be read.`,
    name,
    detail,
  )
}

/** Reads the layout of `bytes`, or a problem when they are not a readable DICOM dataset. */
export function readFileLayout(bytes: Uint8Array, name?: string): FileLayout | DicomProblem {
  const part10 = hasDicmPrefix(bytes)
  const rawTs = part10 ? null : rawDatasetSyntax(bytes)
  if (!part10 && rawTs === null) return notDicomProblem(bytes, name)
  try {
    let meta: RawElement[] = []
    let metaEnd = 0
    if (part10) {
      // The meta group is Explicit VR Little Endian; walk it element by element until group 0002 ends.
      const all: RawElement[] = []
      let p = 132
      while (p + 4 <= bytes.length && ((bytes[p] ?? 0) | ((bytes[p + 1] ?? 0) << 8)) === 0x0002) {
        const [e] = walkDataset(
          bytes,
          p,
          Math.min(bytes.length, p + elementSize(bytes, p)),
          EXPLICIT_LE_SYNTAX,
        )
        if (!e) break
        all.push(e)
        p = e.end
      }
      meta = all
      metaEnd = p
    }
    const tsElement = meta.find((e) => e.tag === 0x00020010)
    const transferSyntaxUid = tsElement
      ? rawText(bytes, tsElement).replace(/\0/g, '')
      : (rawTs ?? '')
    const ts = transferSyntaxInfo(transferSyntaxUid)
    const syntax: Syntax = {
      littleEndian: !(ts?.bigEndian ?? false),
      explicitVr: !(ts?.implicitVr ?? false),
    }
    const deflated = ts?.deflated ?? false
    const body = deflated ? inflate(bytes.subarray(metaEnd)) : bytes.subarray(metaEnd)
    const elements = walkDataset(body, 0, body.length, syntax)
    return { part10, metaEnd, meta, transferSyntaxUid, syntax, deflated, body, elements }
  } catch (e) {
    if (e instanceof WalkError) return walkProblem(e, bytes, name)
    throw e
  }
}

/** Raw-DEFLATE decompression whose failures read as a damaged file (WalkError), not a bug. */
function inflate(data: Uint8Array): Uint8Array {
  try {
    return inflateSync(data)
  } catch (e) {
    throw new WalkError(
      `the compressed (deflated) data is damaged: ${e instanceof Error ? e.message : String(e)}`,
      false,
    )
  }
}

/** Header plus value size of the explicit-LE element at `p` (bounds the meta walk to one element). */
function elementSize(b: Uint8Array, p: number): number {
  const vr = String.fromCharCode(b[p + 4] ?? 0, b[p + 5] ?? 0)
  if (LONG_VRS.has(vr)) {
    const len =
      (b[p + 8] ?? 0) | ((b[p + 9] ?? 0) << 8) | ((b[p + 10] ?? 0) << 16) | ((b[p + 11] ?? 0) << 24)
    return 12 + (len >>> 0)
  }
  return 8 + ((b[p + 6] ?? 0) | ((b[p + 7] ?? 0) << 8))
}
