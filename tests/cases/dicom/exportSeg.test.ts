import { describe, expect, it } from 'vitest'
import * as dicomParser from 'dicom-parser'
import type { DataSet } from 'dicom-parser'
import { ijkToWorld, type VolumeGeometry } from '../../../src/lib/space'
import { STRUCTURES } from '../../../src/lib/anatomy'
import {
  anatomySegments,
  ctSeriesUids,
  discoverSeries,
  exportCtSeries,
  exportSeg,
  parseDicomHeader,
  planSegFrames,
  type ParsedInstance,
  type SegmentSpec,
} from '../../../src/cases/dicom'
import { srgbHexToDicomLab } from '../../../src/cases/dicom/writePart10'
import { sameBytes, syntheticCt } from './dicomFixtures'

// An oblique, anisotropic grid so that plane geometry errors cannot hide behind axis alignment.
const c = Math.cos(0.3)
const s = Math.sin(0.3)
const geometry: VolumeGeometry = {
  dims: [24, 20, 10],
  spacingMm: [0.75, 1.25, 2.5],
  originMm: [-30.5, 12.25, 100],
  direction: [
    [c, s, 0],
    [-s, c, 0],
    [0, 0, 1],
  ],
}
const [nx, ny, nz] = geometry.dims
const labels = new Uint8Array(nx * ny * nz)
for (let k = 0; k < nz; k++) {
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const inBall = (i - 12) ** 2 + (j - 10) ** 2 + ((k - 5) * 3) ** 2 < 36
      const inBox = i < 6 && k >= 2 && k < 7
      labels[i + nx * (j + ny * k)] = inBall ? 30 : inBox ? 7 : 0
    }
  }
}
const info = { caseId: 'seg-case', seriesDescription: 'Phantom CT' }
const uids = ctSeriesUids(info, nz)
const segments: SegmentSpec[] = [
  { labelValue: 3, label: 'Muscle', color: '#a0403a' },
  { labelValue: 7, label: 'Cortical bone', color: '#f2eee0', description: 'box' },
  { labelValue: 30, label: 'Tumour (lytic)', color: '#ff40ff', category: 'tumour' },
]
const seg = exportSeg({ geometry, labels }, segments, uids)
const ds = dicomParser.parseDicom(seg)
const items = (d: DataSet, tag: string): DataSet[] =>
  (d.elements[tag]?.items ?? []).map((it) => it.dataSet!)
const one = (d: DataSet, tag: string): DataSet => items(d, tag)[0]
const nums = (d: DataSet, tag: string): number[] => (d.string(tag) ?? '').split('\\').map(Number)

describe('exportSeg', () => {
  const plan = planSegFrames({ geometry, labels }, segments)

  it('keeps only the segments present, numbered from 1 in input order', () => {
    expect(plan.segments.map((x) => [x.segmentNumber, x.spec.labelValue])).toEqual([
      [1, 7],
      [2, 30],
    ])
    const seq = items(ds, 'x00620002')
    expect(seq.map((x) => x.uint16('x00620004'))).toEqual([1, 2])
    expect(seq.map((x) => x.string('x00620005'))).toEqual(['Cortical bone', 'Tumour (lytic)'])
    expect(one(seq[0], 'x00620003').string('x00080100')).toBe('123037004')
    expect(one(seq[1], 'x00620003').string('x00080100')).toBe('49755003')
    expect(one(seq[0], 'x0062000f').string('x00080102')).toBe('99OSTEOPLAN')
    expect(ds.string('x00620001')).toBe('BINARY')
    expect(ds.string('x00080060')).toBe('SEG')
  })

  it('has one frame per (segment, slice) with voxels, with exact positions and references', () => {
    const frames = items(ds, 'x52009230')
    expect(ds.intString('x00280008')).toBe(plan.frames.length)
    expect(frames).toHaveLength(plan.frames.length)
    frames.forEach((f, n) => {
      const { segmentNumber, slice } = plan.frames[n]
      expect(one(f, 'x0062000a').uint16('x0062000b')).toBe(segmentNumber)
      const ipp = nums(one(f, 'x00209113'), 'x00200032')
      const want = ijkToWorld(geometry, [0, 0, slice])
      // ≤ 16-character DS strings keep ≥ 12 significant digits here: 1e-9 mm is far below that error.
      ipp.forEach((v, a) => expect(Math.abs(v - want[a])).toBeLessThan(1e-9))
      const src = one(one(f, 'x00089124'), 'x00082112')
      expect(src.string('x00081155')).toBe(uids.sopInstanceUids[slice])
      const fc = one(f, 'x00209111')
      expect([fc.uint32('x00209157', 0), fc.uint32('x00209157', 1)]).toEqual([
        segmentNumber,
        slice + 1,
      ])
    })
    const shared = one(ds, 'x52009229')
    const iop = nums(one(shared, 'x00209116'), 'x00200037')
    // A 16-character DS of a cosine in (−1, 1) keeps ≥ 13 significant digits: error ≤ 5e-14.
    ;[...geometry.direction[0], ...geometry.direction[1]].forEach((v, a) =>
      expect(Math.abs(iop[a] - v)).toBeLessThan(1e-13),
    )
    expect(nums(one(shared, 'x00289110'), 'x00280030')).toEqual([1.25, 0.75])
  })

  it('stores every frame bit-exactly (1 bit per pixel, LSB first, frames contiguous)', () => {
    const px = ds.elements.x7fe00010
    const bytes = seg.subarray(px.dataOffset, px.dataOffset + px.length)
    const n = nx * ny
    let wrong = 0
    plan.frames.forEach((f, fi) => {
      const value = plan.segments[f.segmentNumber - 1].spec.labelValue
      for (let p = 0; p < n; p++) {
        const bit = fi * n + p
        const got = (bytes[bit >> 3] >> (bit & 7)) & 1
        if (got !== (labels[f.slice * n + p] === value ? 1 : 0)) wrong++
      }
    })
    expect(wrong).toBe(0)
    expect(px.length).toBe(Math.ceil((plan.frames.length * n) / 16) * 2)
  })

  it('references the CT series and every CT instance, and shares its study and frame of reference', () => {
    const ref = one(ds, 'x00081115')
    expect(ref.string('x0020000e')).toBe(uids.seriesInstanceUid)
    expect(items(ref, 'x0008114a').map((x) => x.string('x00081155'))).toEqual(uids.sopInstanceUids)
    expect(ds.string('x0020000d')).toBe(uids.studyInstanceUid)
    expect(ds.string('x00200052')).toBe(uids.frameOfReferenceUid)
    expect(ds.string('x0020000e')).not.toBe(uids.seriesInstanceUid)
  })

  it('is byte-reproducible and is set aside (not stacked) when loaded together with its CT', () => {
    expect(sameBytes(exportSeg({ geometry, labels }, segments, uids), seg)).toBe(true)
    const ct = exportCtSeries({ geometry, ct: syntheticCt(geometry) }, info)
    const r = discoverSeries(
      [...ct, { name: 'seg.dcm', bytes: seg }].map((f) => ({
        name: f.name,
        result: parseDicomHeader(f.bytes, f.name),
      })),
    )
    expect(r.series).toHaveLength(1)
    expect(r.series[0].sliceCount).toBe(nz)
    expect(r.excluded.map((e) => e.code)).toEqual(['segmentation'])
  })

  it('describes the whole anatomy taxonomy as segments with valid (≤ 16-character) codes', () => {
    const specs = anatomySegments()
    expect(specs.map((x) => x.labelValue)).toEqual(
      STRUCTURES.filter((x) => x.id > 0).map((x) => x.id),
    )
    for (const spec of specs) expect(spec.typeCode!.value.length).toBeLessThanOrEqual(16)
    expect(specs.find((x) => x.labelValue === 30)?.category).toBe('tumour')
    const all = exportSeg({ geometry, labels }, specs, uids)
    const seq = items(dicomParser.parseDicom(all), 'x00620002')
    expect(seq.map((x) => one(x, 'x0062000f').string('x00080100'))).toEqual([
      'corticalBone',
      'tumourLytic',
    ])
  })

  it('carries no identifying value: only documented dummies and our own descriptions', () => {
    const p = parseDicomHeader(seg) as ParsedInstance
    expect(p.patientIdentityRemoved).toBe(true)
    expect(p.phi.map((f) => f.name).sort()).toEqual([
      'Content Date',
      'Content Time',
      'Device Serial Number',
      'Series Description',
      'Study Description',
    ])
    expect([ds.string('x00080023'), ds.string('x00080033'), ds.string('x00181000')]).toEqual([
      '20000101',
      '000000',
      'NONE',
    ])
    for (const tag of [
      'x00100010',
      'x00100020',
      'x00100030',
      'x00100040',
      'x00080020',
      'x00080030',
    ]) {
      expect(ds.elements[tag]?.length, tag).toBe(0)
    }
  })

  it('refuses a label volume with none of the segments', () => {
    expect(() =>
      exportSeg({ geometry, labels: new Uint8Array(labels.length) }, segments, uids),
    ).toThrow(/none of the segments/)
  })

  it('converts sRGB to DICOM CIELab: black and white map to L* 0 / 100 with a* = b* = 0', () => {
    // a*, b* = 0 encode as 128·65535/255 = 32896; ±1 allows the D65→D50 Bradford adaptation's rounding.
    const [lb, ab, bb] = srgbHexToDicomLab('#000000')
    const [lw, aw, bw] = srgbHexToDicomLab('#ffffff')
    expect(lb).toBe(0)
    expect(lw).toBe(65535)
    for (const v of [ab, bb, aw, bw]) expect(Math.abs(v - 32896)).toBeLessThanOrEqual(1)
    const seq = items(ds, 'x00620002')
    expect(seq[1].uint16('x0062000d', 0)).toBe(srgbHexToDicomLab('#ff40ff')[0])
  })
})
