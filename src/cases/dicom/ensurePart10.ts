/**
 * Gives an old "raw" DICOM dataset (no 128-byte preamble, no `DICM`, no file meta group) the Part-10 header
 * that Cornerstone3D's loader and dcmjs require; Part-10 files are returned unchanged (same array).
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

/** `bytes` itself when already Part-10, otherwise a wrapped copy; a problem when not DICOM at all. */
export function ensurePart10(bytes: Uint8Array, fileName?: string): Uint8Array | DicomProblem {
  if (hasDicmPrefix(bytes)) return bytes
  const layout = readFileLayout(bytes, fileName)
  if (isDicomProblem(layout)) return layout
  const text = (tag: number): string => {
    const e = layout.elements.find((x) => x.tag === tag)
    return e ? rawText(layout.body, e).replace(/\0/g, '') : ''
  }
  const meta = encodeFileMeta({
    sopClassUid: text(0x00080016),
    sopInstanceUid: text(0x00080018),
    transferSyntaxUid: layout.transferSyntaxUid,
    implementationClassUid: OSTEOPLAN_IMPLEMENTATION_CLASS_UID,
    implementationVersionName: OSTEOPLAN_IMPLEMENTATION_VERSION,
  })
  return concatBytes([meta, bytes])
}
