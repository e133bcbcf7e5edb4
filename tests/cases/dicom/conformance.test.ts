/**
 * Header-level conformance against the real, public DICOM files in shared/testdata/dicom, checked value by
 * value against MANIFEST.md (and, where the manifest is silent or wrong, against DCMTK dcmdump of the file,
 * noted inline). Pixel decoding is not tested here: Cornerstone3D does it in the browser.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { discoverSeries, parseDicomHeader, type ParsedInstance } from '../../../src/cases/dicom'
import { readTestdata, TESTDATA_DIR } from './dicomFixtures'

const list = (set: string): string[] => {
  const dir = join(TESTDATA_DIR, set)
  if (!existsSync(dir)) readTestdata(join(set, 'MISSING')) // throws the "test data not found" error
  return readdirSync(dir)
    .filter((f) => !f.startsWith('LICENSE'))
    .sort()
}
const parse = (set: string, f: string): ParsedInstance => {
  const r = parseDicomHeader(readTestdata(join(set, f)), f)
  if (r.kind === 'problem') throw new Error(`${f}: ${r.message}`)
  return r
}
/** |a − b| ≤ tol for each component. */
const near = (a: readonly number[] | undefined, b: readonly number[], tol: number): void => {
  expect(a).toBeDefined()
  b.forEach((v, i) =>
    expect(Math.abs((a?.[i] ?? NaN) - v), `component ${i}`).toBeLessThanOrEqual(tol),
  )
}

it('finds the shared test data (fails loudly when the folder is absent)', () => {
  expect(
    existsSync(join(TESTDATA_DIR, 'MANIFEST.md')),
    `expected ${TESTDATA_DIR}/MANIFEST.md`,
  ).toBe(true)
})

describe('§3 dcm_qa_ct_ge_tilt: gantry tilt and variable spacing', () => {
  const set = 'dcm_qa_ct_ge_tilt'
  const files = list(set)
  // Shuffle deterministically so that sorting cannot come from input order or file names.
  const shuffled = files
    .map((f, i) => ({ f, key: (i * 11) % files.length }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.f)
  const parsed = shuffled.map((f) => parse(set, f))
  const result = discoverSeries(shuffled.map((f, i) => ({ name: f, result: parsed[i] })))
  const series = result.series[0]

  it('is one series of 28 CT slices, Explicit VR LE, SeriesNumber 2', () => {
    expect(files).toHaveLength(28)
    expect(result.series).toHaveLength(1)
    expect(result.excluded).toEqual([])
    expect(series.sliceCount).toBe(28)
    expect(series.seriesNumber).toBe(2)
    for (const p of parsed) {
      expect(p.transferSyntaxUid).toBe('1.2.840.10008.1.2.1')
      expect(p.objectKind).toBe('ctImage')
      expect([
        p.rows,
        p.columns,
        p.bitsAllocated,
        p.bitsStored,
        p.highBit,
        p.pixelRepresentation,
      ]).toEqual([512, 512, 16, 16, 15, 1])
      expect([p.rescaleSlope, p.rescaleIntercept]).toEqual([1, 0])
      expect(p.pixelSpacingMm).toEqual([0.4882812, 0.4882812])
      expect(p.pixelPaddingValue).toBe(-1500)
      expect(p.gantryTiltDeg).toBe(18.5)
    }
  })

  it('sorts by IPP along n = rowDir × colDir: k order = file order, positions as tabulated', () => {
    expect(series.slices.map((s) => s.name)).toEqual(files)
    // MANIFEST positions along n are printed with 3 decimals: ±0.0005 mm plus float slack.
    const table = [
      -33.665, -29.664, -25.662, -21.66, -17.658, -13.656, -9.654, -5.652, -1.65, 2.352, 6.354,
      10.356, 14.358, 18.36, 19.441, 26.439, 33.438, 40.437, 47.435, 54.434, 61.432, 68.431, 75.43,
      82.428, 89.427, 96.426, 103.424, 110.423,
    ]
    near(
      series.slices.map((s) => s.positionMm),
      table,
      0.0006,
    )
    near(series.slices[0].imagePositionPatient, [-125.0, -123.5404569, 5.8360586], 1e-9)
    near(series.slices[27].imagePositionPatient, [-125.0, -123.5404569, 157.7760586], 1e-9)
  })

  it('detects the 18.5° tilt from IOP vs the IPP progression and asks for resampling', () => {
    // ΔIPP is along z only; n = (0, 0.3173047, 0.9483237): angle = acos(0.9483237) = 18.5° (7-digit DS: ±1e-4°).
    expect(Math.abs(series.tilt!.angleDeg - 18.5)).toBeLessThan(1e-4)
    expect(series.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['gantryTilt', 'nonUniformSpacing', 'mixedSliceThickness']),
    )
    expect(series.needsResampling).toBe(true)
    near(series.geometry!.direction[2], [0, 0.3173047, 0.9483237], 1e-6)
    near(series.geometry!.direction[1], [0, 0.9483237, -0.3173047], 0)
  })

  it('reports the spacing irregularity: 13 × 4.0019, 1 × 1.0811, 13 × 6.9986 mm', () => {
    const d = series.spacing!.distinct
    expect(d.map((x) => x.count)).toEqual([1, 13, 13])
    // MANIFEST spacings have 4 decimals: ±0.00005 mm plus float slack.
    near(
      d.map((x) => x.spacingMm),
      [1.0811, 4.0019, 6.9986],
      0.0001,
    )
    expect(series.spacing!.isUniform).toBe(false)
  })

  it('reads SliceThickness 4.0 mm for 01–14 and 7.0 mm for 15–28', () => {
    expect(series.slices.map((s) => s.sliceThicknessMm)).toEqual([
      ...Array<number>(14).fill(4),
      ...Array<number>(14).fill(7),
    ])
  })

  it('is declared de-identified; only placeholder name and pseudonymous ID remain identifying', () => {
    for (const p of parsed) {
      expect(p.patientIdentityRemoved).toBe(true)
      const identifying = p.phi.filter(
        (f) => f.category !== 'description' && f.category !== 'private',
      )
      expect(identifying.map((f) => f.name)).toEqual(["Patient's Name", 'Patient ID'])
      expect(identifying[0].preview).toBe('R•••••• (7 characters)')
    }
  })
})

describe('§5 cornerstone_ct_transfer_syntaxes: one CT slice in 15 transfer syntaxes, plus 3 others', () => {
  const set = 'cornerstone_ct_transfer_syntaxes'
  const files = list(set)
  const variants = files.filter((f) => f.startsWith('CTImage.dcm'))
  const tsOf = (f: string): string =>
    f === 'CTImage.dcm' ? '1.2.840.10008.1.2' : /_(1\.2\.840[\d.]+?)\.dcm$/.exec(f)![1]
  const lossy12 = ['1.2.840.10008.1.2.4.51', '1.2.840.10008.1.2.4.53', '1.2.840.10008.1.2.4.55']

  it('parses all 16 CTImage variants with the tabulated syntax, bits and rescale', () => {
    expect(variants).toHaveLength(16)
    for (const f of variants) {
      const p = parse(set, f)
      const ts = tsOf(f)
      expect(p.transferSyntaxUid, f).toBe(ts)
      const bits = [p.bitsAllocated, p.bitsStored, p.highBit, p.pixelRepresentation]
      const rescale = [p.rescaleSlope, p.rescaleIntercept]
      if (ts === '1.2.840.10008.1.2.4.50') {
        expect(bits).toEqual([8, 8, 7, 0])
        expect(rescale).toEqual([32.1216, -4047])
      } else if (lossy12.includes(ts)) {
        expect(bits).toEqual([16, 12, 11, 0])
        expect(rescale).toEqual([2.0002442, -4047])
      } else {
        expect(bits).toEqual([16, 16, 15, 1])
        expect(rescale).toEqual([1, -1024])
        // MANIFEST: PixelPaddingValue -32768. dcmdump shows the lossy re-encodings (above) carry none.
        expect(p.pixelPaddingValue).toBe(-32768)
      }
      // DS with leading spaces (" -161.399994") must parse.
      near(p.imagePositionPatient, [-161.399994, -148.800003, 4.7], 0)
      expect(p.imageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0])
      expect(p.pixelSpacingMm).toEqual([0.675781, 0.675781])
      expect(p.sliceThicknessMm).toBe(5)
      expect(p.windows[0]).toEqual({ center: 40, width: 400 })
      expect([p.rows, p.columns]).toEqual([512, 512])
      expect(p.warnings.some((w) => w.startsWith('Lossy'))).toBe(
        [
          '1.2.840.10008.1.2.4.50',
          '1.2.840.10008.1.2.4.81',
          '1.2.840.10008.1.2.4.91',
          ...lossy12,
        ].includes(ts),
      )
    }
  })

  it('reports the GE demo identity (MISTER^CT) as PHI, masked', () => {
    const p = parse(set, 'CTImage.dcm')
    expect(p.patientIdentityRemoved).toBe(false)
    const name = p.phi.find((f) => f.tag === '(0010,0010)')!
    expect(name.preview).toBe('M•••••••• (9 characters)')
    expect(p.phi.map((f) => f.tag)).toEqual(
      expect.arrayContaining([
        '(0010,0020)',
        '(0008,0020)',
        '(0008,0050)',
        '(0008,1010)',
        'private',
      ]),
    )
  })

  it('CT1_J2KR, CT2_J2KR and the 2-frame Enhanced CT', () => {
    const ct1 = parse(set, 'CT1_J2KR')
    expect(ct1.pixelPaddingValue).toBe(-2000)
    near(ct1.imagePositionPatient, [-158.135803, -179.035797, -75.699997], 0)
    expect(ct1.pixelSpacingMm).toEqual([0.661468, 0.661468])
    const ct2 = parse(set, 'CT2_J2KR')
    expect([ct2.rescaleSlope, ct2.rescaleIntercept, ct2.pixelPaddingValue]).toEqual([
      1,
      0,
      undefined,
    ])
    expect(ct2.pixelSpacingMm).toEqual([0.468, 0.468])
    near(ct2.imagePositionPatient, [-120, -120, -545], 0)
    const e = parse(set, 'CT0012.fragmented_no_bot_jpeg_baseline.51.dcm')
    expect(e.objectKind).toBe('enhancedCtImage')
    expect([e.numberOfFrames, e.rows, e.columns, e.bitsStored, e.pixelRepresentation]).toEqual([
      2, 512, 512, 12, 0,
    ])
    expect(e.imageOrientationPatient).toEqual([-1, 0, 0, 0, 1, 0])
    expect(e.pixelSpacingMm).toEqual([0.388672, 0.388672])
    expect(e.sliceThicknessMm).toBe(10)
    expect(e.framePositions.map((p) => p[2])).toEqual([-159, -149])
    // MANIFEST says this file has no Pixel Value Transformation; dcmdump shows one in the shared functional
    // groups (RescaleIntercept -1024, slope 1, RescaleType US), which is what the header says and we read.
    expect([e.rescaleSlope, e.rescaleIntercept, e.rescaleType]).toEqual([1, -1024, 'US'])
  })

  it('never stacks the folder into a volume: copies are dropped, same-position images refused', () => {
    const r = discoverSeries(
      files.map((f) => ({ name: f, result: parseDicomHeader(readTestdata(join(set, f)), f) })),
    )
    // The original and its 9 lossless re-encodings share one SOP Instance UID: 9 copies are dropped. The 6
    // lossy re-encodings got new UIDs, so 7 distinct images remain, all at one position.
    expect(r.excluded.filter((x) => x.code === 'duplicateInstance')).toHaveLength(9)
    const helical = r.series.find((s) => s.description === 'HELICAL CHEST')!
    expect(helical.sliceCount).toBe(7)
    expect(helical.refusal?.code).toBe('samePosition')
    const enhanced = r.series.find((s) => s.slices[0]?.name.startsWith('CT0012'))!
    expect(enhanced.refusal).toBeNull()
    expect(enhanced.sliceCount).toBe(2)
    expect(enhanced.geometry?.spacingMm[2]).toBe(10)
    // IOP row direction is −x: n = (−1,0,0) × (0,1,0) = (0,0,−1), so k runs towards −z (z −149 first).
    expect(enhanced.geometry?.direction[2]).toEqual([0, 0, -1])
    expect(enhanced.geometry?.originMm[2]).toBe(-149)
    expect(r.series.filter((s) => s.refusal?.code === 'singleImage')).toHaveLength(2)
  })
})

describe('§6 dcm_qa_ts_mr_transfer_syntaxes: nine images at one position', () => {
  const set = 'dcm_qa_ts_mr_transfer_syntaxes'
  const files = list(set)
  const expected = [
    '1.2.840.10008.1.2.1',
    '1.2.840.10008.1.2',
    '1.2.840.10008.1.2.2',
    '1.2.840.10008.1.2.5',
    '1.2.840.10008.1.2.4.70',
    '1.2.840.10008.1.2.4.70',
    '1.2.840.10008.1.2.4.80',
    '1.2.840.10008.1.2.4.80',
    '1.2.840.10008.1.2.4.90',
  ]

  it('parses all nine encodings with the same header values, exponent-notation IOP included', () => {
    files.forEach((f, i) => {
      const p = parse(set, f)
      expect(p.transferSyntaxUid, f).toBe(expected[i])
      expect(p.seriesNumber).toBe(i + 1)
      expect([
        p.rows,
        p.columns,
        p.bitsAllocated,
        p.bitsStored,
        p.highBit,
        p.pixelRepresentation,
      ]).toEqual([384, 384, 16, 12, 11, 0])
      expect(p.imageOrientationPatient).toEqual([
        1, -1e-16, 0, 1e-16, 0.99415096409965, -0.1079993545339,
      ])
      expect(p.pixelSpacingMm).toEqual([3.25, 3.25])
      expect(p.imageType).toContain('MOSAIC')
      expect(p.seriesInstanceUid).toBe('1.3.12.2.1107.5.2.32.35131.2014031012481958900586557.0.0.0')
    })
  })

  it('is refused as a volume: one series UID, nine images at the same position, MR not CT', () => {
    const r = discoverSeries(
      files.map((f) => ({ name: f, result: parseDicomHeader(readTestdata(join(set, f)), f) })),
    )
    expect(r.series).toHaveLength(1)
    const s = r.series[0]
    expect(s.sliceCount).toBe(9)
    expect(s.refusal?.code).toBe('samePosition')
    expect(s.geometry).toBeNull()
    expect(s.warnings.map((w) => w.code)).toContain('notCt')
  })
})

describe('§7 gdcm_ct_codec_edge_cases', () => {
  const set = 'gdcm_ct_codec_edge_cases'
  const table: Record<
    string,
    { ts: string; rows: number; cols: number; bits: number[]; rescale: number[] }
  > = {
    'ELSCINT1_JP2vsJ2K.dcm': {
      ts: '1.2.840.10008.1.2.4.91',
      rows: 512,
      cols: 512,
      bits: [16, 12, 11, 0],
      rescale: [1, -1000],
    },
    'MAROTECH_CT_JP2Lossy.dcm': {
      ts: '1.2.840.10008.1.2.4.91',
      rows: 716,
      cols: 512,
      bits: [16, 12, 11, 0],
      rescale: [1, -1024],
    },
    'J2K_pixelrep_mismatch.dcm': {
      ts: '1.2.840.10008.1.2.4.90',
      rows: 512,
      cols: 512,
      bits: [16, 13, 12, 1],
      rescale: [1, 0],
    },
    'TOSHIBA_J2K_OpenJPEGv2Regression.dcm': {
      ts: '1.2.840.10008.1.2.4.90',
      rows: 512,
      cols: 512,
      bits: [16, 16, 15, 1],
      rescale: [1, 0],
    },
    'TOSHIBA_J2K_SIZ0_PixRep1.dcm': {
      ts: '1.2.840.10008.1.2.4.90',
      rows: 512,
      cols: 512,
      bits: [16, 16, 15, 1],
      rescale: [1, 0],
    },
    'TOSHIBA_J2K_SIZ1_PixRep0.dcm': {
      ts: '1.2.840.10008.1.2.4.90',
      rows: 512,
      cols: 512,
      bits: [16, 16, 15, 0],
      rescale: [1, 0],
    },
    'CT1_JLSN.dcm': {
      ts: '1.2.840.10008.1.2.4.81',
      rows: 512,
      cols: 512,
      bits: [16, 16, 15, 1],
      rescale: [1, -1024],
    },
  }
  it('reads the tabulated syntax, matrix (716 × 512 non-square), bits and rescale', () => {
    expect(list(set).sort()).toEqual(Object.keys(table).sort())
    for (const [f, t] of Object.entries(table)) {
      const p = parse(set, f)
      expect(p.transferSyntaxUid, f).toBe(t.ts)
      expect([p.rows, p.columns], f).toEqual([t.rows, t.cols])
      expect([p.bitsAllocated, p.bitsStored, p.highBit, p.pixelRepresentation], f).toEqual(t.bits)
      expect([p.rescaleSlope, p.rescaleIntercept], f).toEqual(t.rescale)
    }
  })
  it('parses two-valued windows with leading zeros and the coronal IOP', () => {
    const p = parse(set, 'MAROTECH_CT_JP2Lossy.dcm')
    expect(p.windows).toEqual([
      { center: 20, width: 1500 },
      { center: 20, width: 1500 },
    ])
    expect(p.imageOrientationPatient).toEqual([1, 0, 0, 0, 0, -1])
  })
})
