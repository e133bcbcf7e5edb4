/** Recognises common non-DICOM files from their first bytes ("magic numbers"), to explain a refusal. */

/** A recognised non-DICOM file type. */
export interface SniffedType {
  readonly kind: 'jpeg' | 'png' | 'gif' | 'bmp' | 'tiff' | 'pdf' | 'zip' | 'gzip' | 'nifti' | 'text'
  /** Plain-words description, e.g. "a JPEG picture". */
  readonly description: string
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v)

/**
 * Identifies JPEG, PNG, GIF, BMP, TIFF, PDF, ZIP, gzip, NIfTI-1 and plain text; `null` if none matches.
 * A DICOM file with a preamble is not confused with these because callers check `DICM` at byte 128 first.
 */
export function sniffFileType(b: Uint8Array): SniffedType | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: 'jpeg', description: 'a JPEG picture' }
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { kind: 'png', description: 'a PNG picture' }
  }
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return { kind: 'gif', description: 'a GIF picture' }
  if (startsWith(b, [0x42, 0x4d]) && b.length >= 26) {
    return { kind: 'bmp', description: 'a BMP picture' }
  }
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { kind: 'tiff', description: 'a TIFF picture' }
  }
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return { kind: 'pdf', description: 'a PDF document' }
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) {
    return { kind: 'zip', description: 'a ZIP archive' }
  }
  if (startsWith(b, [0x1f, 0x8b])) return { kind: 'gzip', description: 'a gzip-compressed file' }
  // NIfTI-1: sizeof_hdr = 348 (either byte order) and magic "n+1\0" or "ni1\0" at offset 344.
  const le348 = startsWith(b, [0x5c, 0x01, 0x00, 0x00]) || startsWith(b, [0x00, 0x00, 0x01, 0x5c])
  if (
    le348 &&
    (startsWith(b, [0x6e, 0x2b, 0x31, 0], 344) || startsWith(b, [0x6e, 0x69, 0x31, 0], 344))
  ) {
    return { kind: 'nifti', description: 'a NIfTI volume (a research format, not DICOM)' }
  }
  const head = b.subarray(0, Math.min(b.length, 512))
  if (
    head.length > 0 &&
    head.every((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127))
  ) {
    return { kind: 'text', description: 'a plain-text file' }
  }
  return null
}
