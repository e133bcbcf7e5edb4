/**
 * First look at a file's bytes: Part-10 (“DICM” at byte 128), a raw dataset without header (old ACR-NEMA
 * style exports), or not DICOM at all, with a plain-words problem naming what it is instead.
 */
import { dicomProblem, formatBytes, quoteName, type DicomProblem } from './dicomProblem'
import { sniffFileType } from './sniffFileType'

/** Implicit VR Little Endian. */
export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2'
const EXPLICIT_LE = '1.2.840.10008.1.2.1'
const VR_RE =
  /^(AE|AS|AT|CS|DA|DS|DT|FD|FL|IS|LO|LT|OB|OD|OF|OL|OV|OW|PN|SH|SL|SQ|SS|ST|SV|TM|UC|UI|UL|UN|UR|US|UT|UV)$/

/** True when the file has the Part-10 preamble and `DICM` prefix (PS3.10 §7.1). */
export const hasDicmPrefix = (b: Uint8Array): boolean =>
  b.length >= 132 && b[128] === 0x44 && b[129] === 0x49 && b[130] === 0x43 && b[131] === 0x4d

/**
 * Transfer syntax of a plausible raw dataset (no preamble, no meta group): it must start with a group-0008
 * element whose VR letters (explicit) or 32-bit length (implicit) make sense. `null` otherwise.
 */
export function rawDatasetSyntax(b: Uint8Array): string | null {
  if (b.length < 8) return null
  const group = (b[0] ?? 0) | ((b[1] ?? 0) << 8)
  const element = (b[2] ?? 0) | ((b[3] ?? 0) << 8)
  if (group !== 0x0008 || element > 0x00ff) return null
  if (VR_RE.test(String.fromCharCode(b[4] ?? 0, b[5] ?? 0))) return EXPLICIT_LE
  const len = ((b[4] ?? 0) | ((b[5] ?? 0) << 8) | ((b[6] ?? 0) << 16) | ((b[7] ?? 0) << 24)) >>> 0
  return len <= b.length - 8 ? IMPLICIT_VR_LITTLE_ENDIAN : null
}

/** The problem to report for bytes that are neither Part-10 nor a plausible raw dataset. */
export function notDicomProblem(bytes: Uint8Array, name: string | undefined): DicomProblem {
  const q = quoteName(name)
  if (bytes.length === 0) return dicomProblem('emptyFile', `${q} is empty (0 bytes).`, name)
  const sniffed = sniffFileType(bytes)
  if (sniffed?.kind === 'jpeg' || sniffed?.kind === 'png') {
    return dicomProblem(
      sniffed.kind === 'jpeg' ? 'jpegFile' : 'pngFile',
      `${q} is ${sniffed.description}, not a DICOM file (perhaps renamed to .dcm). A picture has no ` +
        'patient coordinates or Hounsfield units; export the original DICOM series instead.',
      name,
    )
  }
  if (sniffed?.kind === 'zip') {
    return dicomProblem(
      'zipArchive',
      `${q} is a ZIP archive, not a single DICOM file: add the .zip itself and the app unpacks it.`,
      name,
    )
  }
  if (sniffed) {
    return dicomProblem('otherFileType', `${q} is ${sniffed.description}, not a DICOM file.`, name)
  }
  if (bytes.length < 132 && bytes.every((b) => b === 0)) {
    return dicomProblem(
      'truncated',
      `${q} is incomplete: it stops after ${formatBytes(bytes.length)}, inside the DICOM header. Copy it again.`,
      name,
    )
  }
  return dicomProblem(
    'notDicom',
    `${q} is not a DICOM file: it has no “DICM” marker and does not start like a DICOM dataset.`,
    name,
  )
}
