import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decodeJpegDct, JpegUnsupported, jpegDctFrame } from '../../../src/cases/dicom/jpeg/jpegDct'
import { idctBlock, makeIdct } from '../../../src/cases/dicom/jpeg/jpegIdct'
import { buildHuffmanTable, BitReader } from '../../../src/cases/dicom/jpeg/jpegScan'
import { encapsulatedFrame, readJpegFrame } from '../../../src/cases/dicom/jpegFrame'
import { dicomParser } from '../../../src/cases/dicom/parseDicomHeader'
import { readTestdata } from './dicomFixtures'

const SET = 'cornerstone_ct_transfer_syntaxes'
const JPEG12 = {
  '.51': 'CTImage.dcm_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm',
  '.53': 'CTImage.dcm_JPEGProcess6_8TransferSyntax_1.2.840.10008.1.2.4.53.dcm',
  '.55': 'CTImage.dcm_JPEGProcess10_12TransferSyntax_1.2.840.10008.1.2.4.55.dcm',
}
/** MANIFEST.md §5: the raw_md5 of GDCM's (IJG's) decode, the same for the three 12-bit files. */
const MD5_12BIT = '1e82c88e7e1b8aa17ae14bdbd14891d5'

const buffer = (b: Uint8Array): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer

/** MANIFEST.md's raw_md5: stored values as int32 little endian, frames in order. */
function rawMd5(file: string, frames: number): string {
  const buf = buffer(readTestdata(`${SET}/${file}`))
  const h = createHash('md5')
  for (let k = 0; k < frames; k++) {
    const f = readJpegFrame(buf, k)
    if (!f) throw new Error(`${file} frame ${k} was not taken by the JPEG path`)
    h.update(new Uint8Array(Int32Array.from(f.pixels).buffer))
  }
  return h.digest('hex')
}

const streamOf = (file: string): Uint8Array => {
  const b = readTestdata(`${SET}/${file}`)
  return encapsulatedFrame(dicomParser.parseDicom(b), 0)
}

describe('DCT JPEG decoder (IJG-exact)', () => {
  it.each(Object.entries(JPEG12))(
    'decodes %s to exactly the manifest stored values (raw_md5)',
    (_, file) => {
      expect(rawMd5(file, 1)).toBe(MD5_12BIT)
    },
  )

  it('decodes the 2-frame fragmented file without offset table exactly (raw_md5)', () => {
    expect(rawMd5('CT0012.fragmented_no_bot_jpeg_baseline.51.dcm', 2)).toBe(
      '156cc124b808385cbd571792b352041e',
    )
  })

  it('reads the frame header of the progressive file', () => {
    const f = jpegDctFrame(streamOf(JPEG12['.55']))
    expect(f).toMatchObject({ progressive: true, precision: 12, rows: 512, columns: 512 })
    expect(jpegDctFrame(streamOf(JPEG12['.51'])).progressive).toBe(false)
  })

  it('leaves other transfer syntaxes and non-JPEG data to other decoders', () => {
    const lossless = readTestdata(
      `${SET}/CTImage.dcm_JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70.dcm`,
    )
    expect(readJpegFrame(buffer(lossless), 0)).toBeNull()
    expect(readJpegFrame(buffer(readTestdata(`${SET}/CTImage.dcm`)), 0)).toBeNull()
    expect(() => jpegDctFrame(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toThrow(JpegUnsupported)
    // SOF3 (lossless) is not a DCT process.
    expect(() =>
      jpegDctFrame(Uint8Array.from([0xff, 0xd8, 0xff, 0xc3, 0, 11, 16, 0, 8, 0, 8, 1, 1, 0x11, 0])),
    ).toThrow(JpegUnsupported)
  })

  it('gives a readable error for damaged data instead of garbage', () => {
    const s = streamOf(JPEG12['.55'])
    expect(() => decodeJpegDct(s.slice(0, 200))).toThrow(/JPEG data/)
    const noScan = Uint8Array.from([
      0xff, 0xd8, 0xff, 0xc0, 0, 11, 12, 0, 8, 0, 8, 1, 1, 0x11, 0, 0xff, 0xd9,
    ])
    expect(() => decodeJpegDct(noScan)).toThrow(/no image scan/)
  })
})

describe('IJG islow IDCT', () => {
  it('turns a lone DC coefficient into a flat block at centre + DC/8 (12 and 8 bits)', () => {
    for (const precision of [8, 12]) {
      const idct = makeIdct(precision)
      const quant = new Uint16Array(64).fill(1)
      const centre = 2 ** (precision - 1)
      for (const dc of [-8 * centre, -800, -3, 0, 5, 801, 8 * centre - 8]) {
        const coef = new Int16Array(64)
        coef[0] = dc
        const out = new Uint16Array(64)
        idctBlock(idct, coef, 0, quant, out, 0, 8, 8, 8)
        const want = Math.min(Math.max(centre + Math.round(dc / 8 + 1e-9), 0), 2 * centre - 1)
        expect(new Set(out), `precision ${precision}, DC ${dc}`).toEqual(new Set([want]))
      }
    }
  })

  it('matches the exact (floating-point) inverse DCT within one unit', () => {
    const idct = makeIdct(12)
    const quant = Uint16Array.from({ length: 64 }, (_, i) => 1 + (i % 7))
    let seed = 7
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1
    let worst = 0
    for (let trial = 0; trial < 50; trial++) {
      const coef = Int16Array.from({ length: 64 }, (_, i) =>
        Math.round(rand() * (i === 0 ? 4000 : 300 / (1 + i))),
      )
      const out = new Uint16Array(64)
      idctBlock(idct, coef, 0, quant, out, 0, 8, 8, 8)
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          let s = 0
          for (let v = 0; v < 8; v++) {
            for (let u = 0; u < 8; u++) {
              const cu = u === 0 ? Math.SQRT1_2 : 1
              const cv = v === 0 ? Math.SQRT1_2 : 1
              s +=
                cu *
                cv *
                coef[u + 8 * v] *
                quant[u + 8 * v] *
                Math.cos(((2 * x + 1) * u * Math.PI) / 16) *
                Math.cos(((2 * y + 1) * v * Math.PI) / 16)
            }
          }
          const exact = Math.min(Math.max(s / 4 + 2048, 0), 4095)
          worst = Math.max(worst, Math.abs(out[x + 8 * y] - exact))
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(1)
  })
})

describe('Huffman decoding', () => {
  it('decodes canonical codes of several lengths and reads a marker as zero bits', () => {
    // Lengths: one 1-bit code (0 → 'a'=7), two 3-bit codes (100 → 8, 101 → 9).
    const counts = new Uint8Array(16)
    counts[0] = 1
    counts[2] = 2
    const t = buildHuffmanTable(counts, Uint8Array.from([7, 8, 9]))
    // Bits 0 100 101 0 | then a marker: 0100 1010 = 0x4a, 0xff 0xd9.
    const r = new BitReader(Uint8Array.from([0x4a, 0xff, 0xd9]), 0)
    expect([r.decode(t), r.decode(t), r.decode(t), r.decode(t)]).toEqual([7, 8, 9, 7])
    expect(r.receive(8)).toBe(0)
    expect(r.extend(3)).toBe(-7)
  })
})

/**
 * A minimal extended-sequential (SOF1) 12-bit stream written here: 2×2 blocks carrying only DC values,
 * quantization 1, every DC category with a 5-bit code and EOB as the only AC symbol, and a restart interval
 * of one block (DRI) with RST0…RST3 between blocks, so the restart path (predictor reset, byte alignment)
 * is exercised on known data.
 */
function dcOnlyJpeg(dcs: readonly number[], withRestartMarkers = true): Uint8Array {
  const out: number[] = [0xff, 0xd8]
  out.push(0xff, 0xdb, 0, 67, 0x00, ...new Array<number>(64).fill(1))
  out.push(0xff, 0xc1, 0, 11, 12, 0, 16, 0, 16, 1, 1, 0x11, 0)
  const dcCounts = new Array<number>(16).fill(0)
  dcCounts[4] = 16
  out.push(
    0xff,
    0xc4,
    0,
    2 + 17 + 16,
    0x00,
    ...dcCounts,
    ...Array.from({ length: 16 }, (_, i) => i),
  )
  const acCounts = new Array<number>(16).fill(0)
  acCounts[0] = 1
  out.push(0xff, 0xc4, 0, 2 + 17 + 1, 0x10, ...acCounts, 0x00)
  out.push(0xff, 0xdd, 0, 4, 0, 1)
  out.push(0xff, 0xda, 0, 8, 1, 1, 0x00, 0, 63, 0)
  dcs.forEach((dc, b) => {
    let acc = 0
    let n = 0
    const put = (value: number, bits: number): void => {
      for (let i = bits - 1; i >= 0; i--) {
        acc = (acc << 1) | ((value >> i) & 1)
        if (++n === 8) {
          out.push(acc)
          if (acc === 0xff) out.push(0)
          acc = 0
          n = 0
        }
      }
    }
    // The predictor restarts at 0 in every interval, so each block's difference is its DC value.
    const s = dc === 0 ? 0 : Math.floor(Math.log2(Math.abs(dc))) + 1
    put(s, 5)
    put(dc >= 0 ? dc : dc + (1 << s) - 1, s)
    put(0, 1)
    while (n !== 0) put(1, 1)
    if (withRestartMarkers && b < dcs.length - 1) out.push(0xff, 0xd0 + (b % 8))
  })
  out.push(0xff, 0xd9)
  return Uint8Array.from(out)
}

describe('restart intervals', () => {
  it('reset the predictor at each RSTn and decode every block', () => {
    const dcs = [800, -1600, 8, 0]
    const img = decodeJpegDct(dcOnlyJpeg(dcs))
    expect([img.rows, img.columns, img.precision]).toEqual([16, 16, 12])
    dcs.forEach((dc, b) => {
      const x0 = 8 * (b % 2)
      const y0 = 8 * Math.floor(b / 2)
      const values = new Set<number>()
      for (let y = y0; y < y0 + 8; y++) {
        for (let x = x0; x < x0 + 8; x++) values.add(img.pixels[x + 16 * y])
      }
      expect([...values], `block ${b}`).toEqual([2048 + dc / 8])
    })
  })

  it('say so when a restart marker is missing', () => {
    expect(() => decodeJpegDct(dcOnlyJpeg([800, -1600, 8, 0], false))).toThrow(/restart marker/)
  })
})
