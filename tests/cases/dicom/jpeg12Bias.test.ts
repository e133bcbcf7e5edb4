import { describe, expect, it } from 'vitest'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  cornerstoneJpeg12Precision,
  correctJpeg12Bias,
  jpegLevelShiftExcess,
  jpegSofPrecision,
} from '../../../src/cases/dicom/jpeg12Bias'
import { readTestdata, TESTDATA_DIR } from './dicomFixtures'

/** Cornerstone 5.14 codecs/jpeg.js, final stage of its IDCT (quantizeAndInverse), for precision P. */
function cornerstoneStage(q: number, p: number): number {
  const c = 255 / (2 ** p - 1)
  return q <= -2056 / c ? 0 : q >= 2024 / c ? 255 / c : (q + 2056 / c) >> 4
}
/** The same stage done right: level shift 2^(P−1), rounding, clamping to [0, 2^P − 1]. */
function rightStage(q: number, p: number): number {
  const v = (q + 16 * 2 ** (p - 1) + 8) >> 4
  return Math.min(Math.max(v, 0), 2 ** p - 1)
}

describe('12-bit JPEG level-shift correction', () => {
  it('is zero for 8-bit precision (the decoder is right there) and 15.06 units for 12-bit', () => {
    expect(jpegLevelShiftExcess(8)).toBeCloseTo(0, 12)
    expect(jpegLevelShiftExcess(12)).toBeCloseTo(15.06, 2)
  })

  it('restores every unsaturated 12-bit sample exactly or 1 unit high (94 % exact)', () => {
    let exact = 0
    let total = 0
    let sum = 0
    // Every IDCT output that maps inside (0, 4095) in the correct decoder, away from the saturated ends.
    for (let q = -32776 + 16 * 16; q < 32744 - 16 * 16; q++) {
      const fixed = correctJpeg12Bias([cornerstoneStage(q, 12)], 12)[0]
      const err = fixed - rightStage(q, 12)
      expect(err === 0 || err === 1).toBe(true)
      if (err === 0) exact++
      sum += err
      total++
    }
    expect(exact / total).toBeGreaterThan(0.93)
    expect(sum / total).toBeLessThan(0.07)
  })

  it('keeps zero and saturated samples in range', () => {
    const s = correctJpeg12Bias(Uint16Array.from([0, 3, 15, 16, 4094, 4095]), 12)
    expect([...s]).toEqual([0, 0, 0, 1, 4079, 4095])
  })

  it('reads the precision of the first SOF marker and skips other markers', () => {
    const dht = [0xff, 0xc4, 0x00, 0x03, 0x00]
    const sof1 = [0xff, 0xc1, 0x00, 0x0b, 12, 0x02, 0x00]
    expect(jpegSofPrecision(Uint8Array.from([0xff, 0xd8, ...dht, ...sof1]))).toBe(12)
    expect(jpegSofPrecision(Uint8Array.from([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8]))).toBe(8)
    expect(jpegSofPrecision(Uint8Array.from([1, 2, 3]))).toBeNull()
  })

  it('applies to exactly the 12-bit JPEG files of the shared test data', () => {
    const set = 'cornerstone_ct_transfer_syntaxes'
    const hits = readdirSync(join(TESTDATA_DIR, set))
      .filter((f) => !f.startsWith('LICENSE'))
      .filter((f) => {
        const b = readTestdata(join(set, f))
        return (
          cornerstoneJpeg12Precision(
            b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
          ) === 12
        )
      })
    expect(hits.sort()).toEqual([
      'CT0012.fragmented_no_bot_jpeg_baseline.51.dcm',
      'CTImage.dcm_JPEGProcess10_12TransferSyntax_1.2.840.10008.1.2.4.55.dcm',
      'CTImage.dcm_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm',
      'CTImage.dcm_JPEGProcess6_8TransferSyntax_1.2.840.10008.1.2.4.53.dcm',
    ])
  })
})
