/**
 * A DCT-based JPEG decoder (ITU-T T.81 processes 1, 2/4, 6/8 and 10/12: baseline, extended sequential and
 * progressive Huffman) for single-component (greyscale) images of 8- or 12-bit precision: the transfer
 * syntaxes 1.2.840.10008.1.2.4.51/.53/.55 of DICOM. Bit-identical to IJG 6b (DCMTK, GDCM): the same
 * entropy decoding (jpegScan.ts) and the same islow IDCT (jpegIdct.ts). It replaces Cornerstone 5.14's
 * pdf.js-derived `codecs/jpeg.js` for these syntaxes, which has two defects: a 15-unit level-shift error at
 * 12 bits (see jpeg12Bias.ts) and a sign error in progressive AC refinement (jpegScan.ts). Pure.
 */
import { makeIdct, idctBlock } from './jpegIdct'
import {
  buildHuffmanTable,
  decodeScan,
  NATURAL_ORDER,
  type Coefficients,
  type HuffmanTable,
} from './jpegScan'

/** A decoded greyscale image. */
export interface JpegImage {
  readonly rows: number
  readonly columns: number
  readonly precision: number
  /** Samples 0 … 2^precision − 1, row-major. */
  readonly pixels: Uint16Array
}

/** Why a stream is not for this decoder (another codec should take it), as opposed to damaged data. */
export class JpegUnsupported extends Error {}

interface Frame {
  readonly progressive: boolean
  readonly precision: number
  readonly rows: number
  readonly columns: number
  readonly componentId: number
  readonly quantId: number
}

const u16 = (d: Uint8Array, p: number): number => ((d[p] ?? 0) << 8) | (d[p + 1] ?? 0)

/** Frame header of `data` (SOF0/1/2 with one component), or a JpegUnsupported reason. */
export function jpegDctFrame(data: Uint8Array): Frame {
  let p = 2
  if (data[0] !== 0xff || data[1] !== 0xd8) throw new JpegUnsupported('not a JPEG stream (no SOI)')
  while (p + 4 <= data.length) {
    if (data[p] !== 0xff) {
      p++
      continue
    }
    const m = data[p + 1]!
    if (m === 0xff) {
      p++
      continue
    }
    if (m === 0xc0 || m === 0xc1 || m === 0xc2) return readSof(data, p + 4, m === 0xc2)
    if (m >= 0xc3 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
      throw new JpegUnsupported(`JPEG process with marker FF${m.toString(16).toUpperCase()}`)
    }
    if (m === 0xd8 || (m >= 0xd0 && m <= 0xd7) || m === 0x01) p += 2
    else p += 2 + u16(data, p + 2)
  }
  throw new JpegUnsupported('no frame header')
}

function readSof(d: Uint8Array, p: number, progressive: boolean): Frame {
  const precision = d[p]!
  const rows = u16(d, p + 1)
  const columns = u16(d, p + 3)
  const count = d[p + 5]!
  if (count !== 1) throw new JpegUnsupported(`${count} colour components`)
  if (precision !== 8 && precision !== 12) throw new JpegUnsupported(`precision ${precision}`)
  if (rows === 0 || columns === 0) {
    throw new JpegUnsupported('image size given after the scan (DNL)')
  }
  return { progressive, precision, rows, columns, componentId: d[p + 6]!, quantId: d[p + 8]! & 15 }
}

/** Decodes a whole single-component DCT JPEG stream. Throws a readable error on damaged data. */
export function decodeJpegDct(data: Uint8Array): JpegImage {
  const frame = jpegDctFrame(data)
  const bw = Math.ceil(frame.columns / 8)
  const bh = Math.ceil(frame.rows / 8)
  const c: Coefficients = { coef: new Int16Array(bw * bh * 64), blocks: bw * bh }
  const quant: (Uint16Array | undefined)[] = []
  const dcTables: (HuffmanTable | undefined)[] = []
  const acTables: (HuffmanTable | undefined)[] = []
  let latched: Uint16Array | undefined
  let restart = 0
  let scans = 0
  let p = 2
  for (;;) {
    if (p + 1 >= data.length) break
    if (data[p] !== 0xff) throw new Error('the JPEG data is damaged (marker expected)')
    const m = data[p + 1]!
    if (m === 0xff) {
      p++
      continue
    }
    if (m === 0xd9) break
    if ((m >= 0xd0 && m <= 0xd7) || m === 0xd8) {
      p += 2
      continue
    }
    const len = u16(data, p + 2)
    const seg = p + 4
    const end = p + 2 + len
    if (len < 2 || end > data.length) throw new Error('the JPEG data is truncated')
    if (m === 0xdb) readDqt(data, seg, end, quant)
    else if (m === 0xc4) readDht(data, seg, end, dcTables, acTables)
    else if (m === 0xdd) restart = u16(data, seg)
    else if (m === 0xda) {
      const ns = data[seg]!
      if (ns !== 1 || data[seg + 1] !== frame.componentId) {
        throw new JpegUnsupported('a scan with several components')
      }
      const td = data[seg + 2]!
      const q = end - 3
      // IJG latches the component's quantization table at its first scan.
      latched ??= quant[frame.quantId]
      p = decodeScan(
        data,
        end,
        c,
        {
          dc: dcTables[td >> 4],
          ac: acTables[td & 15],
          ss: data[q]!,
          se: data[q + 1]!,
          ah: data[q + 2]! >> 4,
          al: data[q + 2]! & 15,
        },
        frame.progressive,
        restart,
      )
      scans++
      continue
    }
    p = end
  }
  if (scans === 0) throw new Error('the JPEG data holds no image scan')
  if (!latched) throw new Error('the JPEG data lacks its quantization table')
  const idct = makeIdct(frame.precision)
  const pixels = new Uint16Array(frame.rows * frame.columns)
  for (let by = 0; by < bh; by++) {
    const height = Math.min(8, frame.rows - 8 * by)
    for (let bx = 0; bx < bw; bx++) {
      const width = Math.min(8, frame.columns - 8 * bx)
      const out = 8 * by * frame.columns + 8 * bx
      idctBlock(
        idct,
        c.coef,
        (by * bw + bx) * 64,
        latched,
        pixels,
        out,
        frame.columns,
        width,
        height,
      )
    }
  }
  return { rows: frame.rows, columns: frame.columns, precision: frame.precision, pixels }
}

function readDqt(d: Uint8Array, p: number, end: number, quant: (Uint16Array | undefined)[]): void {
  while (p < end) {
    const pq = d[p]! >> 4
    const tq = d[p]! & 15
    p++
    const t = new Uint16Array(64)
    for (let k = 0; k < 64; k++) {
      t[NATURAL_ORDER[k]!] = pq ? u16(d, p + 2 * k) : d[p + k]!
    }
    p += pq ? 128 : 64
    quant[tq] = t
  }
}

function readDht(
  d: Uint8Array,
  p: number,
  end: number,
  dc: (HuffmanTable | undefined)[],
  ac: (HuffmanTable | undefined)[],
): void {
  while (p + 17 <= end) {
    const tc = d[p]! >> 4
    const th = d[p]! & 15
    const counts = d.subarray(p + 1, p + 17)
    let n = 0
    for (const k of counts) n += k
    const values = d.slice(p + 17, p + 17 + n)
    ;(tc === 0 ? dc : ac)[th] = buildHuffmanTable(counts, values)
    p += 17 + n
  }
}
