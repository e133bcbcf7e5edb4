import { describe, expect, it } from 'vitest'
import * as dicomParser from 'dicom-parser'
import type { VolumeGeometry } from '../../../src/lib/space'
import { ijkToWorld } from '../../../src/lib/space'
import {
  ctSeriesUids,
  discoverSeries,
  exportCtSeries,
  exportSeg,
  parseDicomHeader,
  PHANTOM_STUDY_DESCRIPTION,
  type ParsedInstance,
} from '../../../src/cases/dicom'
import { dcmdumpFiles, pixelDataBytes, sameBytes, syntheticCt } from './dicomFixtures'

// The brief's test volume: 40×32×12, anisotropic spacing, non-zero origin. Values exactly representable
// in binary and in ≤ 16-character DS strings, so the geometry round trip can be checked for equality.
const geometry: VolumeGeometry = {
  dims: [40, 32, 12],
  spacingMm: [0.75, 1.25, 2.5],
  originMm: [-120.5, 33.25, -7.125],
  direction: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
}
const ct = syntheticCt(geometry)
const info = {
  caseId: 'L3 lytic',
  seriesDescription: 'Phantom CT',
  seed: 7,
  bodyPartExamined: 'LSPINE',
}
const files = exportCtSeries({ geometry, ct }, info)
const parsed = files.map((f) => parseDicomHeader(f.bytes, f.name))
const instances = parsed.filter((p): p is ParsedInstance => p.kind === 'instance')

describe('exportCtSeries → parseDicomHeader round trip', () => {
  it('writes one parseable CT file per slice', () => {
    expect(files).toHaveLength(12)
    expect(instances).toHaveLength(12)
    expect(files[0]?.name).toBe('L3_lytic_CT_0001.dcm')
    for (const p of instances) {
      expect(p.sopClassUid).toBe('1.2.840.10008.5.1.4.1.1.2')
      expect(p.transferSyntaxUid).toBe('1.2.840.10008.1.2.1')
      expect(p.modality).toBe('CT')
      expect([
        p.rows,
        p.columns,
        p.bitsAllocated,
        p.bitsStored,
        p.highBit,
        p.pixelRepresentation,
      ]).toEqual([32, 40, 16, 16, 15, 1])
      expect([p.rescaleSlope, p.rescaleIntercept]).toEqual([1, 0])
      expect(p.windows[0]).toEqual({ center: 300, width: 1500 })
      expect(p.studyDescription).toBe(PHANTOM_STUDY_DESCRIPTION)
    }
  })

  it('reproduces geometry exactly on every slice (IPP, IOP, PixelSpacing [row, col], thickness)', () => {
    instances.forEach((p, k) => {
      // Exact equality: every value is a short binary-exact decimal, so DS formatting loses nothing.
      expect(p.imagePositionPatient).toEqual([...ijkToWorld(geometry, [0, 0, k])])
      expect(p.imageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0])
      expect(p.pixelSpacingMm).toEqual([1.25, 0.75])
      expect(p.sliceThicknessMm).toBe(2.5)
      expect(p.spacingBetweenSlicesMm).toBe(2.5)
      expect(p.instanceNumber).toBe(k + 1)
    })
  })

  it('reproduces HU exactly on every voxel of every slice', () => {
    const n = 40 * 32
    files.forEach((f, k) => {
      const ds = dicomParser.parseDicom(f.bytes)
      const e = ds.elements.x7fe00010
      const view = new DataView(f.bytes.buffer, f.bytes.byteOffset + e.dataOffset, e.length)
      expect(e.length).toBe(2 * n)
      let mismatches = 0
      for (let p = 0; p < n; p++) if (view.getInt16(2 * p, true) !== ct[k * n + p]) mismatches++
      expect(mismatches).toBe(0)
    })
  })

  it('discovers the export as one uniform, untilted volume with the input geometry', () => {
    const shuffled = files.map((f, i) => ({ f, key: (i * 7) % 12 })).sort((a, b) => a.key - b.key)
    const r = discoverSeries(
      shuffled.map(({ f }) => ({ name: f.name, result: parseDicomHeader(f.bytes, f.name) })),
    )
    expect(r.excluded).toEqual([])
    expect(r.series).toHaveLength(1)
    const s = r.series[0]
    expect(s.refusal).toBeNull()
    expect(s.warnings).toEqual([])
    expect(s.needsResampling).toBe(false)
    expect(s.slices.map((x) => x.name)).toEqual(files.map((f) => f.name))
    expect(s.geometry).toEqual(geometry)
  })

  it('is deterministic: same inputs give byte-identical files; another seed changes only UIDs', () => {
    const again = exportCtSeries({ geometry, ct }, info)
    again.forEach((f, k) => expect(sameBytes(f.bytes, files[k].bytes)).toBe(true))
    const other = exportCtSeries({ geometry, ct }, { ...info, seed: 8 })
    const a = instances[0]
    const b = parseDicomHeader(other[0].bytes) as ParsedInstance
    expect(b.studyInstanceUid).not.toBe(a.studyInstanceUid)
    expect(b.seriesInstanceUid).not.toBe(a.seriesInstanceUid)
    expect(b.sopInstanceUid).not.toBe(a.sopInstanceUid)
    expect(sameBytes(pixelDataBytes(other[0].bytes), pixelDataBytes(files[0].bytes))).toBe(true)
  })

  it('uses valid 2.25 UIDs derived from case id and seed, shared by all slices', () => {
    const uids = ctSeriesUids(info, 12)
    const uidRe = /^2\.25\.[1-9][0-9]*$/
    for (const u of [
      uids.studyInstanceUid,
      uids.seriesInstanceUid,
      uids.frameOfReferenceUid,
      ...uids.sopInstanceUids,
    ]) {
      expect(u).toMatch(uidRe)
      expect(u.length).toBeLessThanOrEqual(64)
    }
    expect(new Set(uids.sopInstanceUids).size).toBe(12)
    instances.forEach((p, k) => {
      expect(p.studyInstanceUid).toBe(uids.studyInstanceUid)
      expect(p.seriesInstanceUid).toBe(uids.seriesInstanceUid)
      expect(p.frameOfReferenceUid).toBe(uids.frameOfReferenceUid)
      expect(p.sopInstanceUid).toBe(uids.sopInstanceUids[k])
    })
  })

  it('carries no identifying PS3.15 value: only our own descriptions are non-empty', () => {
    for (const p of instances) {
      expect(p.patientIdentityRemoved).toBe(true)
      expect(p.phi.map((f) => `${f.category}:${f.name}`).sort()).toEqual([
        'description:Series Description',
        'description:Study Description',
      ])
    }
    const ds = dicomParser.parseDicom(files[0].bytes)
    // Type-2 identification attributes are present with zero length (PS3.3 Patient/General Study modules).
    for (const tag of [
      'x00100010',
      'x00100020',
      'x00100030',
      'x00100040',
      'x00080020',
      'x00080030',
      'x00080050',
      'x00080090',
      'x00200010',
    ]) {
      expect(ds.elements[tag]?.length, tag).toBe(0)
    }
    expect(ds.string('x00180015')).toBe('LSPINE')
  })

  it('rejects a non-orthonormal direction and a size mismatch', () => {
    const sheared: VolumeGeometry = {
      ...geometry,
      direction: [
        [1, 0, 0],
        [0.1, 1, 0],
        [0, 0, 1],
      ],
    }
    expect(() => exportCtSeries({ geometry: sheared, ct }, info)).toThrow(/unit length|orthogonal/)
    expect(() => exportCtSeries({ geometry, ct: ct.subarray(1) }, info)).toThrow(/ct length/)
  })
})

describe('exported files pass DCMTK dcmdump', () => {
  it('parses every CT slice and the SEG with no error or warning', () => {
    const labels = new Uint8Array(ct.length).map((_, i) => (i % 40 < 10 ? 7 : i % 40 < 12 ? 30 : 0))
    const seg = exportSeg(
      { geometry, labels },
      [
        { labelValue: 7, label: 'Cortical bone', color: '#f2eee0' },
        { labelValue: 30, label: 'Tumour (lytic)', color: '#ff40ff', category: 'tumour' },
      ],
      ctSeriesUids(info, 12),
    )
    const r = dcmdumpFiles([...files, { name: 'seg.dcm', bytes: seg }])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
})
