/**
 * The zero-copy import path: frames viewed in place in the file bytes at the offsets found by the header
 * parse, and assembled into HU through one look-up table (or a plain copy when the cells already are HU).
 * Both must equal the decoded path voxel for voxel, whatever the cell format.
 */
import { describe, expect, it } from 'vitest'
import {
  assembleVolume,
  discoverSeries,
  exportCtSeries,
  parseDicomHeader,
  type ParsedInstance,
} from '../../../src/cases/dicom'
import { rawToStored, type RawFrameFormat } from '../../../src/cases/dicom/assembleVolume'
import { readNativeFrame } from '../../../src/cases/dicom/nativeFrame'
import { rawFormatOf, rawFrameView } from '../../../src/cases/dicom/rawFrameView'
import { makeSyntheticVolume } from '../../../src/cases/synthetic/syntheticVolume'
import { readTestdata, sameBytes } from './dicomFixtures'

const volume = makeSyntheticVolume(40, 32, 12)
const files = exportCtSeries(volume, { caseId: 'synthetic', seriesDescription: 'raw path' })
const headers = files.map((f) => parseDicomHeader(f.bytes, f.name) as ParsedInstance)
const series = discoverSeries(files.map((f, n) => ({ name: f.name, result: headers[n] }))).series[0]
const asIs = { mode: 'asIs', downsample: false } as const

describe('raw frame views', () => {
  it('view the pixels inside the file bytes (no copy) and rebuild the exported volume exactly', () => {
    const frames = series.slices.map((s) => {
      const v = rawFrameView(headers[s.inputIndex], files[s.inputIndex].bytes, s.frame)
      if (!v) throw new Error('no view')
      expect(v.buffer).toBe(files[s.inputIndex].bytes.buffer)
      return v
    })
    const format = rawFormatOf(headers[0])
    expect(format).toEqual({ bitsAllocated: 16, bitsStored: 16, signed: true })
    const v = assembleVolume(series, frames, asIs, format!)
    expect(v.geometry.dims).toEqual(volume.geometry.dims)
    expect(v.ct).toEqual(volume.ct)
  })

  it('refuse frames past the end and compressed files', () => {
    expect(rawFrameView(headers[0], files[0].bytes, 1)).toBeNull()
    expect(rawFrameView(headers[0], files[0].bytes.subarray(0, 1000), 0)).toBeNull()
    const jpeg = readTestdata(
      'cornerstone_ct_transfer_syntaxes/CTImage.dcm_JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70.dcm',
    )
    const h = parseDicomHeader(jpeg) as ParsedInstance
    expect(h.pixelDataOffset).toBeUndefined()
    expect(rawFormatOf(h)).toBeNull()
    const native = readTestdata('cornerstone_ct_transfer_syntaxes/CTImage.dcm')
    const hn = parseDicomHeader(native) as ParsedInstance
    expect(rawFrameView(hn, native, 0)?.length).toBe(512 * 512)
  })

  it('copy one frame when the pixels start at an odd byte offset', () => {
    const b = files[0].bytes
    const shifted = new Uint8Array(b.length + 1).subarray(1)
    shifted.set(b)
    const v = rawFrameView(headers[0], shifted, 0)
    const aligned = rawFrameView(headers[0], b, 0)
    expect(v).not.toBeNull()
    expect(Array.from(v!)).toEqual(Array.from(aligned!))
  })
})

describe('raw cells → HU', () => {
  // Cells with junk in the bits above BitsStored, slope/intercept and padding, as real scanners write.
  const cases: [string, RawFrameFormat, number, number, number | undefined][] = [
    [
      'unsigned 12 of 16, intercept −1024, padding',
      { bitsAllocated: 16, bitsStored: 12, signed: false },
      1,
      -1024,
      0,
    ],
    ['signed 12 of 16, slope 2', { bitsAllocated: 16, bitsStored: 12, signed: true }, 2, -7, -2000],
    [
      'signed 16, intercept 0 (a plain copy)',
      { bitsAllocated: 16, bitsStored: 16, signed: true },
      1,
      0,
      undefined,
    ],
    [
      'unsigned 16, fractional slope',
      { bitsAllocated: 16, bitsStored: 16, signed: false },
      0.5,
      -1024,
      undefined,
    ],
    ['unsigned 8', { bitsAllocated: 8, bitsStored: 8, signed: false }, 32.1216, -4047, undefined],
  ]
  it.each(cases)('%s equals the decoded-value path', (_, format, slope, intercept, pad) => {
    const s = {
      ...series,
      rescaleSlope: slope,
      rescaleIntercept: intercept,
      pixelPaddingValue: pad,
    }
    const count = series.rows * series.columns
    let seed = 11
    const next = (): number => (seed = (seed * 48271) % 2147483647)
    const raw = series.slices.map(() => {
      const cells = format.bitsAllocated === 16 ? new Uint16Array(count) : new Uint8Array(count)
      for (let n = 0; n < count; n++) {
        cells[n] = next() % (format.bitsAllocated === 16 ? 65536 : 256)
      }
      // Some cells exactly at the padding value.
      if (pad !== undefined) for (let n = 0; n < count; n += 17) cells[n] = pad & 0xffff
      return cells
    })
    const stored = raw.map((f) => Int32Array.from(f, (c) => rawToStored(c, format)))
    const fromRaw = assembleVolume(s, raw, asIs, format)
    const fromStored = assembleVolume(s, stored, asIs)
    expect(fromRaw.ct).toEqual(fromStored.ct)
    if (pad !== undefined) expect(fromRaw.ct[0]).toBe(-1024)
  })

  it('reads the low BitsStored bits in two’s complement', () => {
    const f: RawFrameFormat = { bitsAllocated: 16, bitsStored: 12, signed: true }
    expect(rawToStored(0xf800, f)).toBe(-2048)
    expect(rawToStored(0x07ff, f)).toBe(2047)
    expect(rawToStored(0xffff, { ...f, signed: false })).toBe(4095)
  })
})

describe('raw path on a real tilted, padded series (MANIFEST.md §3)', () => {
  it('equals the decoded path, resampled and as acquired', () => {
    const names = Array.from({ length: 28 }, (_, i) => `${String(i + 1).padStart(2, '0')}.dcm`)
    const bytes = names.map((n) => readTestdata(`dcm_qa_ct_ge_tilt/${n}`))
    const parsed = bytes.map((b, i) => parseDicomHeader(b, names[i]) as ParsedInstance)
    const s = discoverSeries(parsed.map((p, i) => ({ name: names[i], result: p }))).series[0]
    expect(s.needsResampling).toBe(true)
    const format = rawFormatOf(parsed[0])!
    expect(format).toEqual({ bitsAllocated: 16, bitsStored: 16, signed: true })
    const raw = s.slices.map((sl) => rawFrameView(parsed[sl.inputIndex], bytes[sl.inputIndex], 0)!)
    const decoded = s.slices.map((sl) => {
      const b = bytes[sl.inputIndex]
      return readNativeFrame(
        b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
        0,
      )!.pixels
    })
    for (const mode of ['resample', 'asIs'] as const) {
      const a = assembleVolume(s, raw, { mode, downsample: false }, format)
      const b = assembleVolume(s, decoded, { mode, downsample: false })
      expect(a.geometry).toEqual(b.geometry)
      // Byte comparison: vitest's element-wise deep equality is far too slow on 7 M voxels.
      expect(sameBytes(new Uint8Array(a.ct.buffer), new Uint8Array(b.ct.buffer)), mode).toBe(true)
    }
    // Padding (−1500) reads as air, the skull as in the manifest (k = 14, row 82, col 256: 1446 HU).
    const asIs = assembleVolume(s, raw, { mode: 'asIs', downsample: false }, format)
    expect(asIs.ct[5 + 512 * (5 + 512 * 14)]).toBe(-1024)
    expect(asIs.ct[256 + 512 * (82 + 512 * 14)]).toBe(1446)
  })
})
