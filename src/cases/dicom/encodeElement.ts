/** Encodes element headers and short values in any of the three uncompressed encodings (PS3.5 §7.1). */
import { LONG_VRS, type Syntax } from './walkDataset'
import { utf8Encode } from './utf8'

/** Length value meaning "undefined length" (PS3.5 §7.1.1). */
export const UNDEFINED_LENGTH = 0xffffffff

function put16(out: Uint8Array, p: number, v: number, le: boolean): void {
  out[p] = le ? v & 255 : (v >> 8) & 255
  out[p + 1] = le ? (v >> 8) & 255 : v & 255
}
function put32(out: Uint8Array, p: number, v: number, le: boolean): void {
  for (let i = 0; i < 4; i++) out[p + (le ? i : 3 - i)] = (v >>> (8 * i)) & 255
}

/** Header bytes of an element: tag, VR (explicit syntaxes) and length. */
export function encodeHeader(
  tag: number,
  vr: string | null,
  length: number,
  s: Syntax,
): Uint8Array {
  const explicit = s.explicitVr && vr !== null
  const long = explicit && LONG_VRS.has(vr)
  const out = new Uint8Array(explicit && !long ? 8 : explicit ? 12 : 8)
  put16(out, 0, tag >>> 16, s.littleEndian)
  put16(out, 2, tag & 0xffff, s.littleEndian)
  if (!explicit) {
    put32(out, 4, length, s.littleEndian)
  } else {
    out[4] = vr.charCodeAt(0)
    out[5] = vr.charCodeAt(1)
    if (long) put32(out, 8, length, s.littleEndian)
    else put16(out, 6, length, s.littleEndian)
  }
  return out
}

/** An item or delimiter header: (FFFE,xxxx) and a 32-bit length, never with a VR. */
export function encodeItemHeader(tag: number, length: number, s: Syntax): Uint8Array {
  return encodeHeader(tag, null, length, { littleEndian: s.littleEndian, explicitVr: false })
}

/**
 * A complete text element (CS, LO, SH, UI, …) padded to even length: with a space for text VRs, with a NUL
 * for UI (PS3.5 §6.2).
 */
export function encodeTextElement(tag: number, vr: string, text: string, s: Syntax): Uint8Array {
  const raw = utf8Encode(text)
  const value = new Uint8Array(raw.length + (raw.length & 1))
  value.set(raw)
  if (raw.length & 1) value[raw.length] = vr === 'UI' ? 0 : 0x20
  const head = encodeHeader(tag, vr, value.length, s)
  const out = new Uint8Array(head.length + value.length)
  out.set(head)
  out.set(value, head.length)
  return out
}

/** Concatenates byte chunks. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let n = 0
  for (const c of chunks) n += c.length
  const out = new Uint8Array(n)
  let p = 0
  for (const c of chunks) {
    out.set(c, p)
    p += c.length
  }
  return out
}

/**
 * A Part-10 preamble (128 zero bytes), `DICM` and the file meta information group (PS3.10 §7.1) in Explicit
 * VR Little Endian, with a correct (0002,0000) group length.
 */
export function encodeFileMeta(m: {
  readonly sopClassUid: string
  readonly sopInstanceUid: string
  readonly transferSyntaxUid: string
  readonly implementationClassUid: string
  readonly implementationVersionName: string
}): Uint8Array {
  const le: Syntax = { littleEndian: true, explicitVr: true }
  const version = concatBytes([encodeHeader(0x00020001, 'OB', 2, le), Uint8Array.from([0, 1])])
  const body = concatBytes([
    version,
    encodeTextElement(0x00020002, 'UI', m.sopClassUid, le),
    encodeTextElement(0x00020003, 'UI', m.sopInstanceUid, le),
    encodeTextElement(0x00020010, 'UI', m.transferSyntaxUid, le),
    encodeTextElement(0x00020012, 'UI', m.implementationClassUid, le),
    encodeTextElement(0x00020013, 'SH', m.implementationVersionName, le),
  ])
  const groupLength = concatBytes([encodeHeader(0x00020000, 'UL', 4, le), new Uint8Array(4)])
  put32(groupLength, 8, body.length, true)
  const preamble = new Uint8Array(132)
  preamble.set([0x44, 0x49, 0x43, 0x4d], 128)
  return concatBytes([preamble, groupLength, body])
}
