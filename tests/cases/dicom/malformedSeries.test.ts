/**
 * Malformed series and archives, generated here: each must produce its specific refusal, warning or problem
 * code AND a readable message (see malformedFiles.test.ts for single files).
 */
import { describe, expect, it } from 'vitest'
import { zipSync } from 'fflate'
// Direct module imports (not the index) keep dcmjs, which only the exporters need, out of this file.
import { discoverSeries, type DiscoveryInput } from '../../../src/cases/dicom/discoverSeries'
import { isDicomProblem } from '../../../src/cases/dicom/dicomProblem'
import { parseDicomHeader } from '../../../src/cases/dicom/parseDicomHeader'
import { unzipDicom } from '../../../src/cases/dicom/unzipDicom'
import {
  ctElements,
  EXPLICIT_BE,
  EXPLICIT_LE,
  expectReadable,
  IMPLICIT_LE,
  part10,
  TS,
} from './dicomFixtures'

const sopOf = (i: number): string => `1.2.826.0.1.3680043.10.9.${i}`
const SERIES = '1.2.826.0.1.3680043.10.8.1'
const good = part10(
  ctElements({ s: EXPLICIT_LE, sop: sopOf(1000), series: SERIES, rows: 16, cols: 16 }),
  TS.explicitLE,
  sopOf(1000),
)
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
const input = (name: string, bytes: Uint8Array): DiscoveryInput => ({
  name,
  result: parseDicomHeader(bytes, name),
})
const stack = (
  n: number,
  z: (k: number) => number,
  extra: (k: number) => Partial<Parameters<typeof ctElements>[0]> = () => ({}),
): DiscoveryInput[] =>
  Array.from({ length: n }, (_, k) =>
    input(
      `s${k}.dcm`,
      part10(
        ctElements({
          s: EXPLICIT_LE,
          sop: sopOf(k),
          series: SERIES,
          ipp: [0, 0, z(k)],
          ...extra(k),
        }),
        TS.explicitLE,
        sopOf(k),
      ),
    ),
  )

describe('malformed series → specific, readable refusals and warnings', () => {
  it('inconsistent rows/columns within a series: split, and the odd image refused', () => {
    const inputs = stack(
      6,
      (k) => 2 * k,
      (k) => (k === 3 ? { rows: 6, cols: 6 } : {}),
    )
    const r = discoverSeries(inputs)
    expect(r.series).toHaveLength(2)
    const main = r.series.find((s) => s.rows === 4)!
    const odd = r.series.find((s) => s.rows === 6)!
    expect(main.sliceCount).toBe(5)
    expect(main.warnings.map((w) => w.code)).toContain('inconsistentDimensions')
    const w = main.warnings.find((x) => x.code === 'inconsistentDimensions')!
    expectReadable(w.message)
    expect(w.message).toMatch(/4 × 4: 5 images; 6 × 6: 1 image/)
    expect(odd.refusal?.code).toBe('singleImage')
  })
  it('duplicate positions', () => {
    const inputs = [
      ...stack(5, (k) => 2 * k),
      input(
        'copy-at-4mm.dcm',
        part10(
          ctElements({ s: EXPLICIT_LE, sop: sopOf(99), series: SERIES, ipp: [0, 0, 4] }),
          TS.explicitLE,
          sopOf(99),
        ),
      ),
    ]
    const s = discoverSeries(inputs).series[0]
    expect(s.refusal?.code).toBe('duplicatePositions')
    expectReadable(s.refusal!.message)
    expect(s.refusal!.message).toMatch(/2 at 4\.00 mm/)
    expect(s.geometry).toBeNull()
  })
  it('a single image', () => {
    const s = discoverSeries(stack(1, () => 0)).series[0]
    expect(s.refusal?.code).toBe('singleImage')
    expectReadable(s.refusal!.message)
    expect(s.refusal!.message).toMatch(/single image/)
  })
  it('nine images at one position', () => {
    const s = discoverSeries(stack(9, () => 12.5)).series[0]
    expect(s.refusal?.code).toBe('samePosition')
    expectReadable(s.refusal!.message)
    expect(s.refusal!.message).toMatch(/All 9 images .* same position/)
  })
  it('localizer only', () => {
    const r = discoverSeries(
      stack(
        2,
        (k) => k,
        () => ({ imageType: 'ORIGINAL\\PRIMARY\\LOCALIZER' }),
      ),
    )
    expect(r.series).toHaveLength(0)
    expect(r.excluded.map((e) => e.code)).toEqual(['localizer', 'localizer'])
    r.excluded.forEach((e) => expectReadable(e.message, e.name))
  })
  it('SR only', () => {
    const sr = part10(
      [
        { tag: 0x00080016, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.88.22' },
        { tag: 0x00080018, vr: 'UI', value: sopOf(70) },
      ],
      TS.explicitLE,
      sopOf(70),
      '1.2.840.10008.5.1.4.1.1.88.22',
    )
    const r = discoverSeries([input('sr.dcm', sr)])
    expect(r.series).toHaveLength(0)
    expect(r.excluded[0].code).toBe('nonImageObject')
    expectReadable(r.excluded[0].message, 'sr.dcm')
  })
  it('a secondary capture and the same file twice', () => {
    const sc = part10(
      ctElements({
        s: EXPLICIT_LE,
        sop: sopOf(80),
        series: SERIES,
        sopClass: '1.2.840.10008.5.1.4.1.1.7',
      }),
      TS.explicitLE,
      sopOf(80),
      '1.2.840.10008.5.1.4.1.1.7',
    )
    const slices = stack(3, (k) => 2 * k)
    const r = discoverSeries([
      ...slices,
      input('screen.dcm', sc),
      { name: 'again.dcm', result: slices[1].result },
    ])
    expect(r.series[0].sliceCount).toBe(3)
    expect(r.excluded.map((e) => e.code).sort()).toEqual(['duplicateInstance', 'secondaryCapture'])
    r.excluded.forEach((e) => expectReadable(e.message, e.name))
  })
  it('a missing slice', () => {
    const z = [0, 2.5, 5, 10, 12.5, 15]
    const s = discoverSeries(stack(6, (k) => z[k])).series[0]
    expect(s.refusal).toBeNull()
    const w = s.warnings.find((x) => x.code === 'missingSlices')!
    expectReadable(w.message)
    expect(w.message).toMatch(
      /1 slice seems to be missing.*5\.00 mm gap after slice 3.*2\.50 mm is expected/s,
    )
    expect(s.spacing?.missing).toEqual([{ afterSlice: 2, gapMm: 5, missingSlices: 1 }])
    expect(s.needsResampling).toBe(true)
    expect(s.geometry?.dims).toEqual([4, 4, 7])
  })
  it('non-uniform spacing', () => {
    const z = [0, 2, 4, 7, 9, 11]
    const s = discoverSeries(stack(6, (k) => z[k])).series[0]
    const w = s.warnings.find((x) => x.code === 'nonUniformSpacing')!
    expectReadable(w.message)
    expect(w.message).toMatch(/2\.00 mm × 4, 3\.00 mm × 1/)
    expect(s.needsResampling).toBe(true)
  })
  it('gantry tilt measured from IPP, not from the tilt tag', () => {
    // IPP advances along z but drifts in y: tan(angle) = 0.5 mm / 2 mm.
    const s = discoverSeries(
      stack(
        6,
        (k) => 2 * k,
        (k) => ({ ipp: [0, 0.5 * k, 2 * k] }),
      ),
    ).series[0]
    const w = s.warnings.find((x) => x.code === 'gantryTilt')!
    expectReadable(w.message)
    expect(w.message).toMatch(/14\.0°/)
    // Least squares on exact inputs: only rounding error remains (1e-9 rad is far below it).
    expect(Math.abs(s.tilt!.angleDeg - (Math.atan(0.25) * 180) / Math.PI)).toBeLessThan(1e-9)
  })
})

describe('ZIP input', () => {
  const dicoms = Object.fromEntries([0, 1, 2].map((k) => [`study/CT/${k}.dcm`, ct(k)]))
  it('skips folders, macOS clutter, DICOMDIR and nested zips with notes', () => {
    const zip = zipSync({
      ...dicoms,
      'study/': new Uint8Array(0),
      '__MACOSX/study/._0.dcm': new Uint8Array(10),
      'study/.DS_Store': new Uint8Array(10),
      'study/DICOMDIR': new Uint8Array(10),
      'study/old.zip': zipSync({ 'x.dcm': good }),
      'study/Thumbs.db': new Uint8Array(4),
    })
    const r = unzipDicom(zip, 'study.zip')
    expect(isDicomProblem(r)).toBe(false)
    if (isDicomProblem(r)) return
    expect(r.files.map((f) => f.name).sort()).toEqual(Object.keys(dicoms).sort())
    expect(r.notes).toHaveLength(6)
    r.notes.forEach((n) => expectReadable(n))
    expect(r.notes.join(' ')).toMatch(/macOS resource.*DICOMDIR index.*ZIP inside the ZIP/s)
    expect(discoverSeries(r.files.map((f) => input(f.name, f.bytes))).series[0].sliceCount).toBe(3)
  })
  it('refuses a zip-bomb-like archive from its declared size, before inflating', () => {
    const zip = zipSync({ 'a.dcm': new Uint8Array(1000), 'b.dcm': new Uint8Array(1000) })
    const view = new DataView(zip.buffer)
    // Declare ~3.75 GB for every entry in the local headers (offset 22) and the central directory (offset 24).
    for (let p = 0; p + 4 <= zip.length; p++) {
      const sig = view.getUint32(p, true)
      if (sig === 0x04034b50) view.setUint32(p + 22, 0xf0000000, true)
      if (sig === 0x02014b50) view.setUint32(p + 24, 0xf0000000, true)
    }
    const r = unzipDicom(zip, 'bomb.zip')
    expect(isDicomProblem(r) && r.code).toBe('zipTooLarge')
    if (isDicomProblem(r)) {
      expectReadable(r.message, 'bomb.zip')
      expect(r.message).toMatch(/7\.50 GB, more than the 2\.00 GB/)
    }
  })
  it('a damaged archive and an archive of junk only', () => {
    const zip = zipSync(dicoms)
    const damaged = unzipDicom(zip.subarray(0, zip.length - 30), 'cut.zip')
    expect(isDicomProblem(damaged) && damaged.code).toBe('zipCorrupt')
    if (isDicomProblem(damaged)) expectReadable(damaged.message, 'cut.zip')
    const junk = unzipDicom(
      zipSync({ '__MACOSX/._a': new Uint8Array(3), '.DS_Store': new Uint8Array(3) }),
      'junk.zip',
    )
    expect(isDicomProblem(junk) && junk.code).toBe('zipEmpty')
    if (isDicomProblem(junk)) expectReadable(junk.message, 'junk.zip')
  })
})
