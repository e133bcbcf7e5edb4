/**
 * Gives an old "raw" DICOM dataset (no 128-byte preamble, no `DICM`, no file meta group) the Part-10 header
 * that Cornerstone3D's loader and dcmjs require, and rewrites Deflated Explicit VR Little Endian files
 * (1.2.840.10008.1.2.1.99, which Cornerstone's loader cannot read) as inflated Explicit VR Little Endian;
 * other Part-10 files are returned unchanged (same array).
 */
import { isDicomProblem, type DicomProblem } from './dicomProblem'
import { hasDicmPrefix } from './detectDicom'
import { concatBytes, encodeFileMeta } from './encodeElement'
import { readFileLayout } from './readFileLayout'
import { rawText } from './walkDataset'
import {
  OSTEOPLAN_IMPLEMENTATION_CLASS_UID,
  OSTEOPLAN_IMPLEMENTATION_VERSION,
} from './implementationUid'

const EXPLICIT_LE = '1.2.840.10008.1.2.1'
/** Bytes of the uid in the meta group that marks a deflated dataset (searched before a full parse). */
const DEFLATED_UID = '1.2.840.10008.1.2.1.99'

/** True when the file meta group (within the first bytes) names the deflated transfer syntax. */
function mentionsDeflate(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, Math.min(bytes.length, 1024))
  let text = ''
  for (const b of head) text += b >= 32 && b < 127 ? String.fromCharCode(b) : ' '
  return text.includes(DEFLATED_UID)
}

/** `bytes` itself when already Part-10, otherwise a wrapped copy; a problem when not DICOM at all. */
export function ensurePart10(bytes: Uint8Array, fileName?: string): Uint8Array | DicomProblem {
  if (hasDicmPrefix(bytes) && !mentionsDeflate(bytes)) return bytes
  const layout = readFileLayout(bytes, fileName)
  if (isDicomProblem(layout)) return layout
  if (layout.part10 && !layout.deflated) return bytes
  const text = (tag: number): string => {
    const e = layout.elements.find((x) => x.tag === tag)
    return e ? rawText(layout.body, e).replace(/\0/g, '') : ''
  }
  const meta = encodeFileMeta({
    sopClassUid: text(0x00080016),
    sopInstanceUid: text(0x00080018),
    transferSyntaxUid: layout.deflated ? EXPLICIT_LE : layout.transferSyntaxUid,
    implementationClassUid: OSTEOPLAN_IMPLEMENTATION_CLASS_UID,
    implementationVersionName: OSTEOPLAN_IMPLEMENTATION_VERSION,
  })
  // A deflated file's body is the inflated dataset; a raw dataset is used as it is.
  return concatBytes([meta, layout.deflated ? layout.body : bytes])
}
