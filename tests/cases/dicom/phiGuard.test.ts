import { describe, expect, it } from 'vitest'
import * as dicomParser from 'dicom-parser'
import {
  discoverSeries,
  ensurePart10,
  isDicomProblem,
  parseDicomHeader,
  scrubPhi,
  SCRUB_DEIDENTIFICATION_METHOD,
  type ParsedInstance,
} from '../../../src/cases/dicom'
import { maskValue } from '../../../src/cases/dicom/findPhi'
import {
  ctElements,
  dcmdumpFiles,
  encodeDataset,
  EXPLICIT_BE,
  EXPLICIT_LE,
  IMPLICIT_LE,
  part10,
  pixelDataBytes,
  readTestdata,
  sameBytes,
  TS,
  type El,
} from './dicomFixtures'
import type { Syntax } from '../../../src/cases/dicom/walkDataset'

const SERIES = '1.2.826.0.1.3680043.10.6.1'
const sop = (k: number): string => `1.2.826.0.1.3680043.10.6.2.${k}`
const t = (tag: number, vr: string, value: string): El => ({ tag, vr, value })

/** PHI placed in the crafted files, by tag, including a nested one and a private block. */
function identifying(): El[] {
  return [
    // A (wrong) group length: scrubPhi must drop group lengths, since removals change them.
    { tag: 0x00080000, vr: 'UL', value: new Uint8Array(4) },
    t(0x00080020, 'DA', '20240131'),
    t(0x00080021, 'DA', '20240131'),
    t(0x0008002a, 'DT', '20240131101500'),
    t(0x00080030, 'TM', '101500'),
    t(0x00080050, 'SH', 'ACC12345'),
    t(0x00080080, 'LO', 'St Elsewhere Hospital'),
    t(0x00080081, 'ST', '1 Hospital Road, Springfield'),
    t(0x00080090, 'PN', 'WHO^JOHN^H^DR'),
    {
      tag: 0x00081032,
      vr: 'SQ',
      undefinedLength: true,
      value: [
        [
          t(0x00080100, 'SH', 'CTLSP'),
          t(0x00080102, 'SH', '99LOCAL'),
          t(0x00080104, 'LO', 'CT lumbar spine'),
          t(0x0040a123, 'PN', 'ROE^RICHARD'),
        ],
      ],
    },
    t(0x00081010, 'SH', 'CTROOM3'),
    t(0x00081030, 'LO', 'CT LSPINE Jane Doe follow-up'),
    t(0x00081050, 'PN', 'HOUSE^GREGORY'),
    t(0x00081070, 'PN', 'TECH^TERRY'),
    {
      tag: 0x00081110,
      vr: 'SQ',
      value: [
        [
          t(0x00081150, 'UI', '1.2.840.10008.3.1.2.3.1'),
          t(0x00081155, 'UI', '1.2.826.0.1.3680043.10.6.99'),
        ],
      ],
    },
    t(0x00090010, 'LO', 'ACME 1.0'),
    t(0x00091001, 'LO', 'hidden patient note'),
    t(0x00100010, 'PN', 'DOE^JANE'),
    t(0x00100020, 'LO', 'MRN-0042'),
    t(0x00100030, 'DA', '19610203'),
    t(0x00100040, 'CS', 'F'),
    t(0x00101000, 'LO', 'OLD-77'),
    t(0x00101010, 'AS', '062Y'),
    t(0x00101040, 'LO', '7 Elm Street'),
    t(0x00181000, 'LO', 'SN-998877'),
    t(0x00181030, 'LO', 'Jane lumbar protocol'),
    t(0x00200010, 'SH', 'ST-5'),
    t(0x00204000, 'LT', 'Patient Jane Doe was anxious'),
    {
      tag: 0x00400275,
      vr: 'SQ',
      value: [[t(0x00400007, 'LO', 'CT spine for Jane'), t(0x00401001, 'SH', 'RP-1')]],
    },
  ]
}

const EXPECTED_TAGS = [
  '(0008,0020)',
  '(0008,0021)',
  '(0008,002A)',
  '(0008,0030)',
  '(0008,0050)',
  '(0008,0080)',
  '(0008,0081)',
  '(0008,0090)',
  '(0040,A123)',
  '(0008,1010)',
  '(0008,1030)',
  '(0008,103E)',
  '(0008,1050)',
  '(0008,1070)',
  '(0008,1110)',
  '(0010,0010)',
  '(0010,0020)',
  '(0010,0030)',
  '(0010,0040)',
  '(0010,1000)',
  '(0010,1010)',
  '(0010,1040)',
  '(0018,1000)',
  '(0018,1030)',
  '(0020,0010)',
  '(0020,4000)',
  '(0040,0275)',
  'private',
].sort()

const encodings = [
  { ts: TS.explicitLE, s: EXPLICIT_LE },
  { ts: TS.implicitLE, s: IMPLICIT_LE },
  { ts: TS.explicitBE, s: EXPLICIT_BE },
] as const

function identifiedSeries(ts: string, s: Syntax): Array<{ name: string; bytes: Uint8Array }> {
  return [3, 0, 2, 1].map((k) => ({
    name: `id-${ts}-${k}.dcm`,
    bytes: part10(
      ctElements({ s, sop: sop(k), series: SERIES, ipp: [0, 0, 2.5 * k], extra: identifying() }),
      ts,
      sop(k),
    ),
  }))
}

describe.each(encodings)('PHI guard on a crafted identified series ($ts)', ({ ts, s }) => {
  const files = identifiedSeries(ts, s)
  const before = files.map((f) => parseDicomHeader(f.bytes, f.name) as ParsedInstance)
  const scrubbed = files.map((f) => {
    const out = scrubPhi(f.bytes)
    if (isDicomProblem(out)) throw new Error(out.message)
    return { name: f.name, bytes: out }
  })
  const after = scrubbed.map((f) => parseDicomHeader(f.bytes, f.name) as ParsedInstance)

  it('findPhi reports exactly the identifying attributes planted, nested and private included, masked', () => {
    for (const p of before) {
      expect(p.kind).toBe('instance')
      expect(p.phi.map((f) => f.tag).sort()).toEqual(EXPECTED_TAGS)
      const nested = p.phi.find((f) => f.tag === '(0040,A123)')!
      expect(nested.path).toBe('(0008,1032) item 1 › ')
      expect(p.phi.find((f) => f.tag === '(0010,0010)')!.preview).toBe('D••••••• (8 characters)')
      expect(p.phi.find((f) => f.tag === '(0010,0030)')!.preview).toBe('•••••••• (8 characters)')
      expect(p.phi.map((f) => f.preview).join(' ')).not.toMatch(/JANE|DOE|MRN|Elm|1961/)
    }
  })

  it('scrubPhi removes all of them and marks the file de-identified', () => {
    for (const p of after) {
      expect(p.kind).toBe('instance')
      expect(p.phi).toEqual([])
      expect(p.patientIdentityRemoved).toBe(true)
    }
    const ds = dicomParser.parseDicom(scrubbed[0].bytes)
    expect(ds.string('x00120063')).toBe(SCRUB_DEIDENTIFICATION_METHOD)
    // Type-2 (Z) attributes stay present with zero length; X attributes and private data are gone.
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
    for (const tag of [
      'x00080080',
      'x00080081',
      'x00400275',
      'x00091001',
      'x00090010',
      'x00101040',
      'x00080000',
      'x0008103e',
    ]) {
      expect(ds.elements[tag], tag).toBeUndefined()
    }
    // The nested PersonName is removed while its (non-identifying) code item is kept.
    const item = ds.elements.x00081032.items![0].dataSet!
    expect(item.string('x00080100')).toBe('CTLSP')
    expect(item.elements.x0040a123).toBeUndefined()
  })

  it('keeps pixel data byte-identical and UIDs, geometry and slice order unchanged', () => {
    files.forEach((f, i) =>
      expect(sameBytes(pixelDataBytes(scrubbed[i].bytes), pixelDataBytes(f.bytes))).toBe(true),
    )
    after.forEach((p, i) => {
      const q = before[i]
      expect([
        p.sopInstanceUid,
        p.seriesInstanceUid,
        p.studyInstanceUid,
        p.transferSyntaxUid,
      ]).toEqual([q.sopInstanceUid, q.seriesInstanceUid, q.studyInstanceUid, q.transferSyntaxUid])
      expect(p.imagePositionPatient).toEqual(q.imagePositionPatient)
    })
    const order = (xs: ParsedInstance[]): string[] =>
      discoverSeries(xs.map((p, i) => ({ name: files[i].name, result: p }))).series[0].slices.map(
        (x) => x.name,
      )
    expect(order(after)).toEqual(order(before))
  })

  it('writes files DCMTK reads without complaint, and is idempotent', () => {
    const r = dcmdumpFiles(scrubbed)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const twice = scrubPhi(scrubbed[0].bytes)
    expect(!isDicomProblem(twice) && sameBytes(twice, scrubbed[0].bytes)).toBe(true)
  })
})

describe('scrubPhi options and inputs', () => {
  it('keepCategories keeps descriptions', () => {
    const f = identifiedSeries(TS.explicitLE, EXPLICIT_LE)[0]
    const out = scrubPhi(f.bytes, { keepCategories: ['description'] })
    const p = parseDicomHeader(out as Uint8Array) as ParsedInstance
    expect(p.phi.map((x) => x.name).sort()).toEqual([
      'Image Comments',
      'Protocol Name',
      'Series Description',
      'Study Description',
    ])
  })

  it('gives a raw (header-less) dataset a Part-10 header, like ensurePart10', () => {
    const raw = encodeDataset(
      ctElements({ s: IMPLICIT_LE, sop: sop(9), series: SERIES, extra: identifying() }),
      IMPLICIT_LE,
    )
    const out = scrubPhi(raw) as Uint8Array
    const p = parseDicomHeader(out) as ParsedInstance
    expect(p.hasPart10Header).toBe(true)
    expect(p.phi).toEqual([])
    expect(sameBytes(pixelDataBytes(out), pixelDataBytes(raw))).toBe(true)
    const wrapped = ensurePart10(raw) as Uint8Array
    expect((parseDicomHeader(wrapped) as ParsedInstance).sopInstanceUid).toBe(sop(9))
    expect(ensurePart10(wrapped)).toBe(wrapped)
  })

  it('scrubs real files in implicit LE, big endian and deflated encodings, pixels untouched', () => {
    for (const f of [
      'CTImage.dcm',
      'CTImage.dcm_BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2.dcm',
      'CTImage.dcm_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm',
    ]) {
      const bytes = readTestdata(`cornerstone_ct_transfer_syntaxes/${f}`)
      expect((parseDicomHeader(bytes) as ParsedInstance).phi.length).toBeGreaterThan(5)
      const out = scrubPhi(bytes) as Uint8Array
      const p = parseDicomHeader(out, f) as ParsedInstance
      expect(p.phi, f).toEqual([])
      expect(sameBytes(pixelDataBytes(out), pixelDataBytes(bytes))).toBe(true)
    }
  })

  it('returns a problem, not an exception, for non-DICOM input', () => {
    const r = scrubPhi(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]))
    expect(isDicomProblem(r) && r.code).toBe('jpegFile')
  })

  it('masks values without revealing them', () => {
    expect(maskValue('MISTER^CT', 'patient')).toBe('M•••••••• (9 characters)')
    expect(maskValue('20010105', 'date')).toBe('•••••••• (8 characters)')
    expect(maskValue('F', 'patient')).toBe('• (1 character)')
    expect(maskValue('A very long institution name', 'institution')).toBe(
      'A••••••••••••… (28 characters)',
    )
  })
})
