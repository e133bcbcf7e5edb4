/**
 * Entropy decoding of one DCT scan (ITU-T T.81 Annex F and G) for a single-component image: Huffman tables,
 * the bit reader with byte stuffing and markers, sequential (baseline/extended) blocks and the four
 * progressive procedures (DC first/refine, AC first/refine), ported from IJG 6b's jdhuff.c / jdphuff.c so
 * the coefficients are exactly IJG's. In particular an AC correction bit INCREASES THE MAGNITUDE of a
 * coefficient (adds −2^Al to a negative one, G.1.2.3): the pdf.js-derived decoder in Cornerstone 5.14 adds
 * +2^Al whatever the sign, which is its progressive 12-bit defect. Pure.
 */

/** Zig-zag index → natural index, with 16 guard entries (IJG's jpeg_natural_order) for corrupt runs. */
export const NATURAL_ORDER = Int32Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
  13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52,
  45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
  63, 63, 63, 63, 63,
])

/** A canonical Huffman table in IJG's decoding form (F.2.2.3). */
export interface HuffmanTable {
  /** Largest code of each length 1…16, −1 when there is none (index 17 is a sentinel). */
  readonly maxCode: Int32Array
  /** values index = code + valOffset[length]. */
  readonly valOffset: Int32Array
  readonly values: Uint8Array
}

/** Builds a table from the 16 code counts and the symbol values of a DHT segment. */
export function buildHuffmanTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const maxCode = new Int32Array(18).fill(-1)
  const valOffset = new Int32Array(17)
  let code = 0
  let k = 0
  for (let len = 1; len <= 16; len++) {
    const n = counts[len - 1]!
    if (n > 0) {
      valOffset[len] = k - code
      code += n
      k += n
      maxCode[len] = code - 1
    }
    code <<= 1
    if (code > 1 << (len + 1)) throw new Error('a Huffman table is invalid')
  }
  maxCode[17] = 0x7fffffff
  return { maxCode, valOffset, values }
}

/** Reads entropy-coded bits; a marker (or the end of the data) reads as zero bits, as IJG does. */
export class BitReader {
  pos: number
  private bits = 0
  private count = 0
  private atMarker = false
  /** The data ended inside the entropy-coded segment (a truncated stream). */
  exhausted = false

  constructor(
    private readonly data: Uint8Array,
    start: number,
  ) {
    this.pos = start
  }

  bit(): number {
    if (this.count === 0) {
      let byte = 0
      if (!this.atMarker && this.pos < this.data.length) {
        byte = this.data[this.pos]!
        if (byte === 0xff) {
          if (this.data[this.pos + 1] === 0) this.pos += 2
          else {
            this.atMarker = true
            byte = 0
          }
        } else this.pos++
      } else {
        if (!this.atMarker) this.exhausted = true
        this.atMarker = true
      }
      this.bits = byte
      this.count = 8
    }
    this.count--
    return (this.bits >> this.count) & 1
  }

  receive(length: number): number {
    let v = 0
    for (let i = 0; i < length; i++) v = (v << 1) | this.bit()
    return v
  }

  /** receive + EXTEND (F.2.2.1): the signed value of an s-bit magnitude category. */
  extend(s: number): number {
    if (s === 0) return 0
    const v = this.receive(s)
    return v < 1 << (s - 1) ? v - (1 << s) + 1 : v
  }

  decode(t: HuffmanTable): number {
    let code = this.bit()
    let len = 1
    while (code > t.maxCode[len]!) {
      code = (code << 1) | this.bit()
      if (++len > 16) throw new Error('the JPEG data is damaged (invalid Huffman code)')
    }
    return t.values[code + t.valOffset[len]!] ?? 0
  }

  /** Position of the next marker at or after the current byte (skipping the rest of the entropy data). */
  nextMarker(): number {
    this.count = 0
    let p = this.pos
    const d = this.data
    while (p + 1 < d.length && !(d[p] === 0xff && d[p + 1] !== 0 && d[p + 1] !== 0xff)) p++
    return p
  }

  /** Starts reading again at `pos` (after a restart marker). */
  restart(pos: number): void {
    this.pos = pos
    this.count = 0
    this.bits = 0
    this.atMarker = false
  }
}

/** One scan of the single component. */
export interface ScanSpec {
  readonly dc: HuffmanTable | undefined
  readonly ac: HuffmanTable | undefined
  /** Spectral selection start / end, successive approximation high / low (B.2.3). */
  readonly ss: number
  readonly se: number
  readonly ah: number
  readonly al: number
}

/** The coefficient store: 64 natural-order coefficients per 8×8 block, blocks in raster order. */
export interface Coefficients {
  readonly coef: Int16Array
  readonly blocks: number
}

const need = (t: HuffmanTable | undefined, what: string): HuffmanTable => {
  if (!t) throw new Error(`the JPEG data uses an undefined ${what} Huffman table`)
  return t
}

/**
 * Decodes one scan starting at `start` (just after the SOS header) into `c`; returns the offset of the
 * marker that follows the scan.
 */
export function decodeScan(
  data: Uint8Array,
  start: number,
  c: Coefficients,
  scan: ScanSpec,
  progressive: boolean,
  restartInterval: number,
): number {
  const r = new BitReader(data, start)
  const coef = c.coef
  const { ss, se, ah, al } = scan
  let pred = 0
  let eobrun = 0
  const p1 = 1 << al
  const m1 = -1 << al

  const sequential = (o: number): void => {
    const dc = need(scan.dc, 'DC')
    const ac = need(scan.ac, 'AC')
    pred += r.extend(r.decode(dc))
    coef[o] = pred
    for (let k = 1; k < 64; k++) {
      const rs = r.decode(ac)
      const s = rs & 15
      const run = rs >> 4
      if (s === 0) {
        if (run !== 15) break
        k += 15
        continue
      }
      k += run
      coef[o + NATURAL_ORDER[k]!] = r.extend(s)
    }
  }
  const dcFirst = (o: number): void => {
    pred += r.extend(r.decode(need(scan.dc, 'DC')))
    coef[o] = pred << al
  }
  const dcRefine = (o: number): void => {
    if (r.bit()) coef[o] = coef[o]! | p1
  }
  const acFirst = (o: number): void => {
    if (eobrun > 0) {
      eobrun--
      return
    }
    const ac = need(scan.ac, 'AC')
    for (let k = ss; k <= se; k++) {
      const rs = r.decode(ac)
      const s = rs & 15
      const run = rs >> 4
      if (s !== 0) {
        k += run
        coef[o + NATURAL_ORDER[k]!] = r.extend(s) * p1
      } else if (run === 15) {
        k += 15
      } else {
        eobrun = (1 << run) + (run ? r.receive(run) : 0) - 1
        break
      }
    }
  }
  const refine = (i: number): void => {
    if (r.bit() && (coef[i]! & p1) === 0) coef[i] = coef[i]! + (coef[i]! >= 0 ? p1 : m1)
  }
  const acRefine = (o: number): void => {
    let k = ss
    if (eobrun === 0) {
      const ac = need(scan.ac, 'AC')
      for (; k <= se; k++) {
        const rs = r.decode(ac)
        let s = rs & 15
        let run = rs >> 4
        if (s !== 0) {
          if (s !== 1) throw new Error('the JPEG data is damaged (bad refinement code)')
          s = r.bit() ? p1 : m1
        } else if (run !== 15) {
          eobrun = (1 << run) + (run ? r.receive(run) : 0)
          break
        }
        do {
          const i = o + NATURAL_ORDER[k]!
          if (coef[i] !== 0) refine(i)
          else if (--run < 0) break
          k++
        } while (k <= se)
        if (s !== 0) coef[o + NATURAL_ORDER[k]!] = s
      }
    }
    if (eobrun > 0) {
      for (; k <= se; k++) {
        const i = o + NATURAL_ORDER[k]!
        if (coef[i] !== 0) refine(i)
      }
      eobrun--
    }
  }

  let block: (o: number) => void = sequential
  if (progressive) {
    if (ss === 0) block = ah === 0 ? dcFirst : dcRefine
    else block = ah === 0 ? acFirst : acRefine
  }
  const interval = restartInterval > 0 ? restartInterval : c.blocks
  for (let b = 0; b < c.blocks; b++) {
    if (b > 0 && b % interval === 0) {
      const m = r.nextMarker()
      const marker = data[m + 1] ?? 0
      if (marker < 0xd0 || marker > 0xd7) {
        throw new Error('the JPEG data is damaged (a restart marker is missing)')
      }
      r.restart(m + 2)
      pred = 0
      eobrun = 0
    }
    block(b * 64)
  }
  if (r.exhausted) throw new Error('the JPEG data is truncated (it ends inside an image scan)')
  return r.nextMarker()
}
