/**
 * Zero-copy access to uncompressed little-endian frames, using the offsets found when the header was
 * parsed (parseDicomHeader's `pixelDataOffset`), so that an import parses each file once and reads pixels
 * straight from the file bytes into the volume (assembleVolume's raw path). Anything this cannot take
 * (compressed, big endian, deflated, colour, frames past the end) gives null and goes
 * through the decoders (an odd byte offset costs one copy of that frame). Assumes a little-endian host, as every browser is. Pure.
 */
import type { RawFrameFormat } from './assembleVolume'
import type { ParsedInstance } from './parseDicomHeader'

const NATIVE_LE = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1'])

/** The raw cell format of an instance whose frames can be viewed in place, or null. */
export function rawFormatOf(p: ParsedInstance): RawFrameFormat | null {
  if (!NATIVE_LE.has(p.transferSyntaxUid) || p.pixelDataOffset === undefined) return null
  if (p.samplesPerPixel !== 1) return null
  const a = p.bitsAllocated
  if (a !== 8 && a !== 16) return null
  if (p.bitsStored < 1 || p.bitsStored > a) return null
  return { bitsAllocated: a, bitsStored: p.bitsStored, signed: p.pixelRepresentation === 1 }
}

/** A view of frame `frame`'s raw cells inside `bytes` (the same bytes that were parsed), or null. */
export function rawFrameView(
  p: ParsedInstance,
  bytes: Uint8Array,
  frame: number,
): Uint16Array | Uint8Array | null {
  const format = rawFormatOf(p)
  if (!format || p.pixelDataOffset === undefined) return null
  const count = p.rows * p.columns
  const cellBytes = format.bitsAllocated / 8
  const frameBytes = count * cellBytes
  const offset = p.pixelDataOffset + frame * frameBytes
  if (!Number.isInteger(frame) || frame < 0 || frame >= p.numberOfFrames) return null
  if (offset + frameBytes > bytes.length || (frame + 1) * frameBytes > p.pixelDataBytes) return null
  const start = bytes.byteOffset + offset
  if (cellBytes === 1) return new Uint8Array(bytes.buffer, start, count)
  // An odd offset (odd-length elements before the pixels, not conformant but seen) cannot be viewed as
  // 16-bit cells: copy that frame only.
  if (start % 2 !== 0) return new Uint16Array(bytes.slice(offset, offset + frameBytes).buffer)
  return new Uint16Array(bytes.buffer, start, count)
}

/** Whether two formats read cells the same way. */
export const sameRawFormat = (a: RawFrameFormat, b: RawFrameFormat): boolean =>
  a.bitsAllocated === b.bitsAllocated && a.bitsStored === b.bitsStored && a.signed === b.signed
