/**
 * Reads an uncompressed (native) little-endian frame straight from Part-10 bytes, without a codec: the
 * fast path for the most common CT files (Implicit and Explicit VR Little Endian). Returns STORED values,
 * the low BitsStored bits (two's complement when PixelRepresentation is 1, PS3.5 §8.1.1), exactly what
 * the codec path returns for these syntaxes. Anything else (compressed, big endian, deflated, colour,
 * 32-bit, truncated) returns null and goes through Cornerstone's decoders. Pure.
 */
import { dicomParser } from './parseDicomHeader'

/** A frame of stored values. */
export interface NativeFrame {
  readonly rows: number
  readonly columns: number
  readonly pixels: Int16Array | Uint16Array | Uint8Array | Int8Array
}

const NATIVE_LE = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1'])

/** The stored values of frame `frame` (0-based), or null when this path does not apply. */
export function readNativeFrame(bytes: ArrayBuffer, frame: number): NativeFrame | null {
  const u8 = new Uint8Array(bytes)
  let ds
  try {
    const meta = dicomParser.readPart10Header(u8)
    if (!NATIVE_LE.has(meta.string('x00020010') ?? '')) return null
    ds = dicomParser.parseDicom(u8, { untilTag: 'x7fe00010' })
  } catch {
    return null
  }
  const pixel = ds.elements.x7fe00010
  const rows = ds.uint16('x00280010') ?? 0
  const columns = ds.uint16('x00280011') ?? 0
  const samples = ds.uint16('x00280002') ?? 1
  const allocated = ds.uint16('x00280100') ?? 0
  const stored = ds.uint16('x00280101') ?? allocated
  const signed = (ds.uint16('x00280103') ?? 0) === 1
  if (!pixel || pixel.encapsulatedPixelData || samples !== 1 || rows <= 0 || columns <= 0) {
    return null
  }
  if (allocated !== 8 && allocated !== 16) return null
  if (stored < 1 || stored > allocated) return null
  const count = rows * columns
  const frameBytes = count * (allocated / 8)
  const offset = pixel.dataOffset + frame * frameBytes
  if (frame < 0 || pixel.length < (frame + 1) * frameBytes || offset + frameBytes > u8.length) {
    return null
  }
  // Copy (the offset may be odd, and the caller may keep the frame after the file is dropped).
  const raw = u8.slice(offset, offset + frameBytes)
  let pixels: NativeFrame['pixels']
  if (allocated === 8) pixels = signed ? new Int8Array(raw.buffer) : raw
  else pixels = signed ? new Int16Array(raw.buffer) : new Uint16Array(raw.buffer)
  if (stored < allocated) {
    // Keep the low `stored` bits; sign-extend them when signed (high bits may hold overlays or junk).
    const mask = (1 << stored) - 1
    const sign = 1 << (stored - 1)
    for (let n = 0; n < count; n++) {
      const v = pixels[n]! & mask
      pixels[n] = signed && v & sign ? v - (mask + 1) : v
    }
  }
  return { rows, columns, pixels }
}
