/**
 * A minimal DICOM dataset tokenizer (PS3.5 §7) that records where every element, sequence and item starts
 * and ends, so a file can be rewritten byte-exactly except for the elements one chooses to drop or empty
 * (scrubPhi). dicom-parser is used for reading values elsewhere; this walker exists because rewriting needs
 * exact element boundaries, including delimiters, in all three uncompressed encodings.
 */

/** How the dataset is encoded. */
export interface Syntax {
  readonly littleEndian: boolean
  readonly explicitVr: boolean
}

/** Implicit VR Little Endian, also the encoding inside UN elements of undefined length (PS3.5 §6.2.2). */
export const IMPLICIT_LE: Syntax = { littleEndian: true, explicitVr: false }

/** One element with its byte extent. */
export interface RawElement {
  /** (group << 16 | element), unsigned. */
  readonly tag: number
  /** The VR written in the file (explicit syntaxes), else `null`. */
  readonly vr: string | null
  /** Offset of the tag. */
  readonly start: number
  /** Offset of the value. */
  readonly valueStart: number
  /** Value length in bytes; for undefined length, the bytes up to the sequence delimiter. */
  readonly valueLength: number
  readonly undefinedLength: boolean
  /** Offset just past the element, including a sequence delimiter. */
  readonly end: number
  /** Sequence items, or encapsulated fragments (items whose `elements` is null); null for plain values. */
  readonly items: readonly RawItem[] | null
  /** Encoding of the items' contents (differs from the outer one inside UN sequences). */
  readonly itemSyntax: Syntax
}

/** One sequence item (or encapsulated fragment). */
export interface RawItem {
  readonly start: number
  readonly valueStart: number
  readonly undefinedLength: boolean
  readonly end: number
  /** Nested elements; `null` for a pixel-data fragment (opaque bytes). */
  readonly elements: readonly RawElement[] | null
}

/** Thrown when the bytes do not form a dataset (overrun, bad item tag). */
export class WalkError extends Error {
  constructor(
    message: string,
    /** True when the data simply ends too early. */
    readonly truncated: boolean,
  ) {
    super(message)
  }
}

const UNDEFINED = 0xffffffff
const ITEM = 0xfffee000
const ITEM_DELIM = 0xfffee00d
const SEQ_DELIM = 0xfffee0dd
const PIXEL_DATA = 0x7fe00010
/** Explicit VRs with a reserved 2 bytes and a 32-bit length (PS3.5 Table 7.1-1). */
export const LONG_VRS: ReadonlySet<string> = new Set([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'SV',
  'UC',
  'UN',
  'UR',
  'UT',
  'UV',
])

class Reader {
  constructor(
    readonly b: Uint8Array,
    readonly le: boolean,
  ) {}
  need(pos: number, n: number, limit: number): void {
    if (pos + n > limit) {
      throw new WalkError(
        `data ends at byte ${limit}, inside an element starting near ${pos}`,
        limit >= this.b.length,
      )
    }
  }
  u16(p: number): number {
    const a = this.b[p] ?? 0
    const c = this.b[p + 1] ?? 0
    return this.le ? a | (c << 8) : (a << 8) | c
  }
  u32(p: number): number {
    return this.le
      ? ((this.b[p] ?? 0) |
          ((this.b[p + 1] ?? 0) << 8) |
          ((this.b[p + 2] ?? 0) << 16) |
          ((this.b[p + 3] ?? 0) << 24)) >>>
          0
      : (((this.b[p] ?? 0) << 24) |
          ((this.b[p + 1] ?? 0) << 16) |
          ((this.b[p + 2] ?? 0) << 8) |
          (this.b[p + 3] ?? 0)) >>>
          0
  }
  tag(p: number): number {
    return ((this.u16(p) << 16) | this.u16(p + 2)) >>> 0
  }
}

const isUpper = (c: number | undefined): boolean => c !== undefined && c >= 65 && c <= 90

function readItems(
  r: Reader,
  pos: number,
  limit: number,
  undefinedLength: boolean,
  s: Syntax,
  opaque: boolean,
): { items: RawItem[]; end: number } {
  const items: RawItem[] = []
  let p = pos
  for (;;) {
    if (!undefinedLength && p >= limit) return { items, end: p }
    r.need(p, 8, limit)
    const tag = r.tag(p)
    const len = r.u32(p + 4)
    if (tag === SEQ_DELIM) {
      if (!undefinedLength) throw new WalkError(`unexpected sequence delimiter at byte ${p}`, false)
      return { items, end: p + 8 }
    }
    if (tag !== ITEM) throw new WalkError(`expected an item tag at byte ${p}`, false)
    const valueStart = p + 8
    if (len === UNDEFINED) {
      if (opaque) throw new WalkError(`fragment of undefined length at byte ${p}`, false)
      const { elements, end } = walkUntil(r, valueStart, limit, s, true)
      items.push({ start: p, valueStart, undefinedLength: true, end, elements })
      p = end
    } else {
      r.need(valueStart, len, limit)
      const elements = opaque ? null : walkUntil(r, valueStart, valueStart + len, s, false).elements
      items.push({ start: p, valueStart, undefinedLength: false, end: valueStart + len, elements })
      p = valueStart + len
    }
  }
}

function walkUntil(
  r: Reader,
  pos: number,
  limit: number,
  s: Syntax,
  untilItemDelimiter: boolean,
): { elements: RawElement[]; end: number } {
  const elements: RawElement[] = []
  let p = pos
  while (p < limit) {
    r.need(p, 8, limit)
    const tag = r.tag(p)
    if (tag === ITEM_DELIM) {
      if (!untilItemDelimiter) throw new WalkError(`unexpected item delimiter at byte ${p}`, false)
      return { elements, end: p + 8 }
    }
    let vr: string | null = null
    let len: number
    let valueStart: number
    const v0 = r.b[p + 4]
    const v1 = r.b[p + 5]
    if (s.explicitVr && isUpper(v0) && isUpper(v1)) {
      vr = String.fromCharCode(v0 ?? 0, v1 ?? 0)
      if (LONG_VRS.has(vr)) {
        r.need(p, 12, limit)
        len = r.u32(p + 8)
        valueStart = p + 12
      } else {
        len = r.u16(p + 6)
        valueStart = p + 8
      }
    } else {
      len = r.u32(p + 4)
      valueStart = p + 8
    }
    const undefinedLength = len === UNDEFINED
    let items: RawItem[] | null = null
    let itemSyntax = s
    let end: number
    const isUnSequence = vr === 'UN' && undefinedLength
    if (isUnSequence) itemSyntax = IMPLICIT_LE
    const implicitSq =
      vr === null &&
      !undefinedLength &&
      len >= 8 &&
      valueStart + 4 <= limit &&
      r.tag(valueStart) === ITEM
    if (vr === 'SQ' || undefinedLength || implicitSq) {
      const opaque =
        undefinedLength && vr !== 'SQ' && !isUnSequence && (tag === PIXEL_DATA || vr !== null)
      const sub = new Reader(r.b, itemSyntax.littleEndian)
      if (undefinedLength) {
        const res = readItems(sub, valueStart, limit, true, itemSyntax, opaque)
        items = res.items
        end = res.end
      } else {
        r.need(valueStart, len, limit)
        items = readItems(sub, valueStart, valueStart + len, false, itemSyntax, false).items
        end = valueStart + len
      }
    } else {
      r.need(valueStart, len, limit)
      end = valueStart + len
    }
    elements.push({
      tag,
      vr,
      start: p,
      valueStart,
      valueLength: undefinedLength ? end - 8 - valueStart : len,
      undefinedLength,
      end,
      items,
      itemSyntax,
    })
    p = end
  }
  if (untilItemDelimiter) {
    throw new WalkError('data ends inside a sequence item', limit >= r.b.length)
  }
  return { elements, end: p }
}

/** Tokenizes the dataset in `bytes[start, end)`. Throws `WalkError` on malformed or truncated data. */
export function walkDataset(
  bytes: Uint8Array,
  start: number,
  end: number,
  syntax: Syntax,
): RawElement[] {
  return walkUntil(new Reader(bytes, syntax.littleEndian), start, end, syntax, false).elements
}

/** Reads a DICOM text value (trailing spaces and NULs removed) as Latin-1. */
export function rawText(bytes: Uint8Array, e: RawElement): string {
  let s = ''
  for (let i = e.valueStart; i < e.valueStart + e.valueLength; i++) {
    s += String.fromCharCode(bytes[i] ?? 0)
  }
  return s.replace(/[\s\0]+$/, '')
}
