/**
 * Decodes a frame of a DICOM file encoded as DCT JPEG with Huffman coding, transfer syntaxes
 * 1.2.840.10008.1.2.4.51 (extended 12-bit), .53 (spectral selection) and .55 (full progression), with our
 * own IJG-exact decoder (jpeg/jpegDct.ts) instead of Cornerstone's defective one. Returns STORED values like
 * nativeFrame.ts, or null when this path does not apply (other syntaxes, colour, anything the decoder does
 * not handle) so that the caller falls back to Cornerstone. Damaged JPEG data throws. Pure.
 */
import type { DataSet } from 'dicom-parser'
import { decodeJpegDct, jpegDctFrame, JpegUnsupported } from './jpeg/jpegDct'
import type { NativeFrame } from './nativeFrame'
import { dicomParser } from './parseDicomHeader'

/** The transfer syntaxes this path decodes (the ones Cornerstone sends to its pdf.js-derived decoder). */
export const OWN_JPEG_SYNTAXES: ReadonlySet<string> = new Set([
  '1.2.840.10008.1.2.4.51',
  '1.2.840.10008.1.2.4.53',
  '1.2.840.10008.1.2.4.55',
])

/** dicom-parser's `ByteArray` (a Uint8Array in browsers and Node; its type name does not resolve). */
const asBytes = (b: unknown): Uint8Array => {
  if (!(b instanceof Uint8Array)) throw new Error('the pixel data could not be read')
  return b
}

/** The JPEG stream of frame `frame` (0-based) of an encapsulated Pixel Data element. */
export function encapsulatedFrame(ds: DataSet, frame: number): Uint8Array {
  const el = ds.elements.x7fe00010
  if (!el?.encapsulatedPixelData || !el.fragments) {
    throw new Error('the pixel data is not encapsulated')
  }
  const frames = Number((ds.string('x00280008') ?? '1').trim()) || 1
  if (frames === 1) {
    return asBytes(
      dicomParser.readEncapsulatedPixelDataFromFragments(ds, el, 0, el.fragments.length),
    )
  }
  const bot =
    el.basicOffsetTable && el.basicOffsetTable.length > 0
      ? el.basicOffsetTable
      : dicomParser.createJPEGBasicOffsetTable(ds, el)
  return asBytes(dicomParser.readEncapsulatedImageFrame(ds, el, frame, bot))
}

/** Stored values of `frame`, or null when another decoder must take the file. */
export function readJpegFrame(bytes: ArrayBuffer, frame: number): NativeFrame | null {
  const u8 = new Uint8Array(bytes)
  let ds: DataSet
  try {
    const meta = dicomParser.readPart10Header(u8)
    if (!OWN_JPEG_SYNTAXES.has(meta.string('x00020010') ?? '')) return null
    ds = dicomParser.parseDicom(u8)
  } catch {
    return null
  }
  const rows = ds.uint16('x00280010') ?? 0
  const columns = ds.uint16('x00280011') ?? 0
  const allocated = ds.uint16('x00280100') ?? 0
  if ((ds.uint16('x00280002') ?? 1) !== 1 || (allocated !== 8 && allocated !== 16)) return null
  const stream = encapsulatedFrame(ds, frame)
  try {
    const f = jpegDctFrame(stream)
    if (f.rows !== rows || f.columns !== columns) return null
  } catch (e) {
    if (e instanceof JpegUnsupported) return null
    throw e
  }
  const img = decodeJpegDct(stream)
  const signed = (ds.uint16('x00280103') ?? 0) === 1
  if (allocated === 8) return { rows, columns, pixels: Uint8Array.from(img.pixels) }
  if (!signed) return { rows, columns, pixels: img.pixels }
  // Signed data coded as JPEG samples: the low BitsStored bits in two's complement (PS3.5 §8.2.1).
  const stored = ds.uint16('x00280101') ?? img.precision
  const half = 2 ** (stored - 1)
  const out = new Int16Array(img.pixels.length)
  for (let n = 0; n < out.length; n++) {
    const v = img.pixels[n]! & (2 * half - 1)
    out[n] = v >= half ? v - 2 * half : v
  }
  return { rows, columns, pixels: out }
}
