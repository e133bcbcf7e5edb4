/**
 * Malformed single files, generated here: each must produce its specific problem code AND a message a user
 * can read (names the file, says what is wrong in words, no parser jargon). With malformedSeries.test.ts
 * this is a corpus of more than 20 bad inputs.
 */
import { describe, expect, it } from 'vitest'
import { deflateSync, zipSync } from 'fflate'
// Direct module imports (not the index) keep dcmjs, which only the exporters need, out of this file.
import { type DicomProblem } from '../../../src/cases/dicom/dicomProblem'
import { parseDicomHeader, type ParsedInstance } from '../../../src/cases/dicom/parseDicomHeader'
import { scrubPhi } from '../../../src/cases/dicom/scrubPhi'
import { concatBytes, encodeFileMeta } from '../../../src/cases/dicom/encodeElement'
import { createRng } from '../../../src/lib/rng'
import {
  ctElements,
  encodeDataset,
  EXPLICIT_BE,
  EXPLICIT_LE,
  expectReadable,
  IMPLICIT_LE,
  part10,
  TS,
} from './dicomFixtures'

function expectProblem(
  r: ParsedInstance | DicomProblem,
  code: DicomProblem['code'],
  name: string,
  words: RegExp,
): DicomProblem {
  expect(r.kind).toBe('problem')
  const p = r as DicomProblem
  expect(p.code).toBe(code)
  expectReadable(p.message, name)
  expect(p.message).toMatch(words)
  return p
}

const sopOf = (i: number): string => `1.2.826.0.1.3680043.10.9.${i}`
const SERIES = '1.2.826.0.1.3680043.10.8.1'
const good = part10(
  ctElements({ s: EXPLICIT_LE, sop: sopOf(1000), series: SERIES, rows: 16, cols: 16 }),
  TS.explicitLE,
  sopOf(1000),
)
/** Offset of the Pixel Data element's header in `good`. */
const pixelStart = good.length - 16 * 16 * 2 - 12
const ct = (
  i: number,
  extra: Partial<Parameters<typeof ctElements>[0]> = {},
  ts: string = TS.explicitLE,
): Uint8Array =>
  part10(
    ctElements({
      s: ts === TS.implicitLE ? IMPLICIT_LE : ts === TS.explicitBE ? EXPLICIT_BE : EXPLICIT_LE,
      sop: sopOf(i),
      series: SERIES,
      ipp: [0, 0, 2 * i],
      ...extra,
    }),
    ts,
    sopOf(i),
  )
describe('malformed single files → specific, readable problems', () => {
  it('empty file', () => {
    expectProblem(
      parseDicomHeader(new Uint8Array(0), 'empty.dcm'),
      'emptyFile',
      'empty.dcm',
      /empty/,
    )
  })
  it('truncated inside the pixel data', () => {
    expectProblem(
      parseDicomHeader(good.subarray(0, good.length - 20), 'cut-pixels.dcm'),
      'truncated',
      'cut-pixels.dcm',
      /incomplete.*copy it again/s,
    )
  })
  it('truncated inside the preamble', () => {
    expectProblem(
      parseDicomHeader(good.subarray(0, 100), 'cut-100.dcm'),
      'truncated',
      'cut-100.dcm',
      /incomplete/,
    )
  })
  it('truncated inside the file meta group', () => {
    expectProblem(
      parseDicomHeader(good.subarray(0, 200), 'cut-meta.dcm'),
      'truncated',
      'cut-meta.dcm',
      /incomplete/,
    )
  })
  it('truncated in the middle of a header element', () => {
    expectProblem(
      // 21 bytes before Pixel Data: inside the Rescale Slope / Intercept elements.
      parseDicomHeader(good.subarray(0, pixelStart - 21), 'cut-header.dcm'),
      'truncated',
      'cut-header.dcm',
      /incomplete/,
    )
  })
  it('random bytes', () => {
    const rng = createRng(3)
    const junk = Uint8Array.from({ length: 4000 }, () => 128 + rng.int(0, 127))
    expectProblem(parseDicomHeader(junk, 'noise.dcm'), 'notDicom', 'noise.dcm', /not a DICOM file/)
  })
  it('a text (CSV) file', () => {
    const text = new TextEncoder().encode('patient,hu\n1,40\n2,700\n')
    expectProblem(
      parseDicomHeader(text, 'values.dcm'),
      'otherFileType',
      'values.dcm',
      /plain-text file/,
    )
  })
  it('a JPEG renamed .dcm', () => {
    const jpeg = concatBytes([
      Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]),
      new Uint8Array(600),
    ])
    expectProblem(
      parseDicomHeader(jpeg, 'IMG_0042.dcm'),
      'jpegFile',
      'IMG_0042.dcm',
      /JPEG picture.*renamed/s,
    )
  })
  it('a PNG', () => {
    const png = concatBytes([
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      new Uint8Array(300),
    ])
    expectProblem(
      parseDicomHeader(png, 'screenshot.dcm'),
      'pngFile',
      'screenshot.dcm',
      /PNG picture/,
    )
  })
  it('a PDF', () => {
    const pdf = concatBytes([
      new TextEncoder().encode('%PDF-1.7\n'),
      Uint8Array.from([0xe2, 0xe3, 0xcf, 0xd3]),
      new Uint8Array(200),
    ])
    expectProblem(
      parseDicomHeader(pdf, 'report.dcm'),
      'otherFileType',
      'report.dcm',
      /PDF document/,
    )
  })
  it('a NIfTI volume', () => {
    const nii = new Uint8Array(352)
    new DataView(nii.buffer).setInt32(0, 348, true)
    nii.set([0x6e, 0x2b, 0x31, 0], 344)
    expectProblem(parseDicomHeader(nii, 'brain.nii'), 'otherFileType', 'brain.nii', /NIfTI/)
  })
  it('a ZIP archive added as a file', () => {
    expectProblem(
      parseDicomHeader(zipSync({ 'a.dcm': good }), 'study.dcm'),
      'zipArchive',
      'study.dcm',
      /ZIP archive/,
    )
  })
  it('missing pixel data', () => {
    expectProblem(
      parseDicomHeader(ct(1, { withPixels: false }), 'header-only.dcm'),
      'missingPixelData',
      'header-only.dcm',
      /no pixel data/,
    )
  })
  it('zero rows', () => {
    expectProblem(
      parseDicomHeader(ct(1, { rows: 0 }), 'rows0.dcm'),
      'absurdDimensions',
      'rows0.dcm',
      /0 rows/,
    )
  })
  it('a 10000 × 10000 matrix', () => {
    const big = part10(
      ctElements({
        s: EXPLICIT_LE,
        sop: sopOf(1),
        series: SERIES,
        rows: 10000,
        cols: 10000,
        withPixels: false,
        extra: [{ tag: 0x7fe00010, vr: 'OW', value: new Uint8Array(8) }],
      }),
      TS.explicitLE,
      sopOf(1),
    )
    expectProblem(
      parseDicomHeader(big, 'huge.dcm'),
      'absurdDimensions',
      'huge.dcm',
      /10000 × 10000.*limit is 8192/s,
    )
  })
  it('an absurd number of frames', () => {
    const f = part10(
      ctElements({
        s: EXPLICIT_LE,
        sop: sopOf(1),
        series: SERIES,
        extra: [{ tag: 0x00280008, vr: 'IS', value: '999999' }],
      }),
      TS.explicitLE,
      sopOf(1),
    )
    expectProblem(
      parseDicomHeader(f, 'frames.dcm'),
      'absurdDimensions',
      'frames.dcm',
      /999999 frames/,
    )
  })
  it('pixel data shorter than the header promises', () => {
    const f = part10(
      ctElements({
        s: EXPLICIT_LE,
        sop: sopOf(1),
        series: SERIES,
        rows: 64,
        cols: 64,
        withPixels: false,
        extra: [{ tag: 0x7fe00010, vr: 'OW', value: new Uint8Array(32) }],
      }),
      TS.explicitLE,
      sopOf(1),
    )
    expectProblem(
      parseDicomHeader(f, 'short.dcm'),
      'absurdDimensions',
      'short.dcm',
      /promises 8\.0 KB.*holds 32 bytes/s,
    )
  })
  it('an unsupported transfer syntax (H.264 video)', () => {
    const p = expectProblem(
      parseDicomHeader(ct(1, {}, '1.2.840.10008.1.2.4.102'), 'video.dcm'),
      'unsupportedTransferSyntax',
      'video.dcm',
      /H\.264/,
    )
    expect(p.message).toMatch(/Supported: .*RLE.*JPEG-LS.*JPEG 2000/s)
  })
  it('an unknown private transfer syntax', () => {
    expectProblem(
      parseDicomHeader(ct(1, {}, '1.3.46.670589.33.1.4.1'), 'private.dcm'),
      'unsupportedTransferSyntax',
      'private.dcm',
      /unknown transfer syntax \(1\.3\.46/,
    )
  })
  it('a structured report', () => {
    const sr = part10(
      [
        { tag: 0x00080016, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.88.33' },
        { tag: 0x00080018, vr: 'UI', value: sopOf(50) },
        { tag: 0x00080060, vr: 'CS', value: 'SR' },
      ],
      TS.explicitLE,
      sopOf(50),
      '1.2.840.10008.5.1.4.1.1.88.33',
    )
    expectProblem(
      parseDicomHeader(sr, 'report-sr.dcm'),
      'nonImageObject',
      'report-sr.dcm',
      /Structured Report.*not an image/s,
    )
  })
  it('an RT structure set', () => {
    const rs = part10(
      [
        { tag: 0x00080016, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.481.3' },
        { tag: 0x00080018, vr: 'UI', value: sopOf(51) },
      ],
      TS.explicitLE,
      sopOf(51),
      '1.2.840.10008.5.1.4.1.1.481.3',
    )
    expectProblem(
      parseDicomHeader(rs, 'contours.dcm'),
      'nonImageObject',
      'contours.dcm',
      /RT Structure Set/,
    )
  })
  it('damaged deflate-compressed data', () => {
    const body = deflateSync(
      encodeDataset(ctElements({ s: EXPLICIT_LE, sop: sopOf(1), series: SERIES }), EXPLICIT_LE),
    )
    const broken = body.slice()
    broken.fill(0xff, 4, 40)
    const meta = encodeFileMeta({
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      sopInstanceUid: sopOf(1),
      transferSyntaxUid: '1.2.840.10008.1.2.1.99',
      implementationClassUid: '1.2',
      implementationVersionName: 'T',
    })
    expect(parseDicomHeader(concatBytes([meta, body]), 'ok-deflated.dcm').kind).toBe('instance')
    expectProblem(
      parseDicomHeader(concatBytes([meta, broken]), 'deflated.dcm'),
      'unreadable',
      'deflated.dcm',
      /cannot be read/,
    )
  })
})

describe('well-formed files in every uncompressed encoding parse identically', () => {
  it('explicit LE, implicit LE, big endian and a raw (header-less) dataset', () => {
    const variants = [
      ct(4, {}, TS.explicitLE),
      ct(4, {}, TS.implicitLE),
      ct(4, {}, TS.explicitBE),
      encodeDataset(
        ctElements({ s: IMPLICIT_LE, sop: sopOf(4), series: SERIES, ipp: [0, 0, 8] }),
        IMPLICIT_LE,
      ),
    ]
    const parsed = variants.map((b) => parseDicomHeader(b) as ParsedInstance)
    for (const p of parsed) {
      expect(p.kind).toBe('instance')
      expect([p.rows, p.columns, p.pixelRepresentation, p.bitsAllocated]).toEqual([4, 4, 1, 16])
      expect(p.imagePositionPatient).toEqual([0, 0, 8])
      expect(p.seriesInstanceUid).toBe(SERIES)
    }
    expect(parsed.map((p) => p.hasPart10Header)).toEqual([true, true, true, false])
    expect(parsed[3].warnings[0]).toMatch(/No DICOM file header/)
  })
})

describe('robustness: cut and corrupted files never throw', () => {
  it('returns an instance or a problem for 300 truncations and byte corruptions', () => {
    const rng = createRng(21)
    const sources = [
      good,
      part10(
        ctElements({
          s: IMPLICIT_LE,
          sop: sopOf(7),
          series: SERIES,
          rows: 8,
          cols: 8,
          extra: [
            {
              tag: 0x00081032,
              vr: 'SQ',
              undefinedLength: true,
              value: [[{ tag: 0x00080100, vr: 'SH', value: 'X1' }]],
            },
          ],
        }),
        TS.implicitLE,
        sopOf(7),
      ),
    ]
    let problems = 0
    for (let t = 0; t < 300; t++) {
      const src = sources[t % 2]
      let bytes: Uint8Array
      if (t % 3 === 0) bytes = src.subarray(0, rng.int(0, src.length - 1))
      else {
        bytes = src.slice()
        for (let k = 0; k < 1 + (t % 4); k++) {
          bytes[rng.int(132, bytes.length - 1)] = rng.int(0, 255)
        }
      }
      const parsed = parseDicomHeader(bytes, 'fuzz.dcm')
      expect(['instance', 'problem']).toContain(parsed.kind)
      if (parsed.kind === 'problem') {
        problems++
        expectReadable(parsed.message, 'fuzz.dcm')
      }
      const scrubbed = scrubPhi(bytes)
      expect(scrubbed instanceof Uint8Array || scrubbed.kind === 'problem').toBe(true)
    }
    // Every truncation before the last byte loses data, so at least the 100 cut files are problems.
    expect(problems).toBeGreaterThanOrEqual(100)
  })
})
