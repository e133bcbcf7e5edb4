/**
 * Test fixtures for src/cases/dicom: a synthetic CT volume builder, a tiny DICOM writer for crafting
 * arbitrary (including malformed) files in any of the three uncompressed encodings, and dcmdump helpers.
 */
import { spawnSync } from 'node:child_process'
import { expect } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { VolumeGeometry } from '../../../src/lib/space'
import {
  concatBytes,
  encodeFileMeta,
  encodeHeader,
  encodeItemHeader,
  UNDEFINED_LENGTH,
} from '../../../src/cases/dicom/encodeElement'
import { readFileLayout } from '../../../src/cases/dicom/readFileLayout'
import type { Syntax } from '../../../src/cases/dicom/walkDataset'
import { utf8Encode } from '../../../src/cases/dicom/utf8'

/** Root of the shared real-world DICOM test data (MANIFEST.md): `<repo>/../shared/testdata/dicom`. */
export const TESTDATA_DIR =
  process.env.OSTEOPLAN_DICOM_TESTDATA ??
  join(fileURLToPath(new URL('.', import.meta.url)), '../../../../shared/testdata/dicom')

export const EXPLICIT_LE: Syntax = { littleEndian: true, explicitVr: true }
export const IMPLICIT_LE: Syntax = { littleEndian: true, explicitVr: false }
export const EXPLICIT_BE: Syntax = { littleEndian: false, explicitVr: true }
export const TS = {
  implicitLE: '1.2.840.10008.1.2',
  explicitLE: '1.2.840.10008.1.2.1',
  explicitBE: '1.2.840.10008.1.2.2',
} as const
export const CT_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.2'

/** A synthetic volume with a distinct, exactly known HU at every voxel, including values below −1024. */
export function syntheticCt(geometry: VolumeGeometry): Int16Array {
  const [nx, ny, nz] = geometry.dims
  const ct = new Int16Array(nx * ny * nz)
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        ct[i + nx * (j + ny * k)] = -3024 + ((i * 131 + j * 37 + k * 1009) % 6000)
      }
    }
  }
  return ct
}

/** One element for the fixture writer: text, raw bytes, or sequence items. */
export interface El {
  readonly tag: number
  readonly vr: string
  readonly value: string | Uint8Array | readonly (readonly El[])[]
  /** Write a sequence (and its items) with undefined length. */
  readonly undefinedLength?: boolean
}

const textBytes = (vr: string, text: string): Uint8Array => {
  const raw = utf8Encode(text)
  const out = new Uint8Array(raw.length + (raw.length & 1))
  out.set(raw)
  if (raw.length & 1) out[raw.length] = vr === 'UI' ? 0 : 0x20
  return out
}

/** Encodes elements (in the given order) in syntax `s`. */
export function encodeDataset(els: readonly El[], s: Syntax): Uint8Array {
  const chunks: Uint8Array[] = []
  for (const e of els) {
    if (typeof e.value === 'string' || e.value instanceof Uint8Array) {
      const v = typeof e.value === 'string' ? textBytes(e.vr, e.value) : e.value
      chunks.push(encodeHeader(e.tag, e.vr, v.length, s), v)
      continue
    }
    const items = e.value.map((item) => {
      const body = encodeDataset(item, s)
      return e.undefinedLength
        ? concatBytes([
            encodeItemHeader(0xfffee000, UNDEFINED_LENGTH, s),
            body,
            encodeItemHeader(0xfffee00d, 0, s),
          ])
        : concatBytes([encodeItemHeader(0xfffee000, body.length, s), body])
    })
    const body = concatBytes(items)
    chunks.push(
      e.undefinedLength
        ? concatBytes([
            encodeHeader(e.tag, 'SQ', UNDEFINED_LENGTH, s),
            body,
            encodeItemHeader(0xfffee0dd, 0, s),
          ])
        : concatBytes([encodeHeader(e.tag, 'SQ', body.length, s), body]),
    )
  }
  return concatBytes(chunks)
}

/** A Part-10 file around `els`. */
export function part10(
  els: readonly El[],
  ts: string,
  sopInstanceUid: string,
  sopClassUid = CT_SOP_CLASS,
): Uint8Array {
  const s = ts === TS.implicitLE ? IMPLICIT_LE : ts === TS.explicitBE ? EXPLICIT_BE : EXPLICIT_LE
  const meta = encodeFileMeta({
    sopClassUid,
    sopInstanceUid,
    transferSyntaxUid: ts,
    implementationClassUid: '1.2.3.4',
    implementationVersionName: 'TEST',
  })
  return concatBytes([meta, encodeDataset(els, s)])
}

/** Binary helpers for element values. */
export const us = (...v: number[]): Uint8Array => {
  const out = new Uint8Array(v.length * 2)
  v.forEach((x, i) => out.set([x & 255, (x >> 8) & 255], 2 * i))
  return out
}
/** 16-bit pixel words in the byte order of `s`. */
export function pixelWords(values: Int16Array, s: Syntax): Uint8Array {
  const out = new Uint8Array(values.length * 2)
  const view = new DataView(out.buffer)
  values.forEach((v, i) => view.setInt16(2 * i, v, s.littleEndian))
  return out
}
/** US values in the byte order of `s`. */
export function usIn(s: Syntax, ...v: number[]): Uint8Array {
  const out = new Uint8Array(v.length * 2)
  const view = new DataView(out.buffer)
  v.forEach((x, i) => view.setUint16(2 * i, x, s.littleEndian))
  return out
}

/** Minimal CT image elements (sorted), for crafting inputs; override or add by tag via `extra`. */
export function ctElements(p: {
  readonly s: Syntax
  readonly sop: string
  readonly series: string
  readonly rows?: number
  readonly cols?: number
  readonly ipp?: readonly number[]
  readonly iop?: readonly number[]
  readonly spacing?: readonly [number, number]
  readonly imageType?: string
  readonly sopClass?: string
  readonly withPixels?: boolean
  readonly extra?: readonly El[]
  readonly frames?: number
}): El[] {
  const rows = p.rows ?? 4
  const cols = p.cols ?? 4
  const frames = p.frames ?? 1
  const els: El[] = [
    { tag: 0x00080008, vr: 'CS', value: p.imageType ?? 'ORIGINAL\\PRIMARY\\AXIAL' },
    { tag: 0x00080016, vr: 'UI', value: p.sopClass ?? CT_SOP_CLASS },
    { tag: 0x00080018, vr: 'UI', value: p.sop },
    { tag: 0x00080060, vr: 'CS', value: 'CT' },
    { tag: 0x0008103e, vr: 'LO', value: 'Test series' },
    { tag: 0x0020000d, vr: 'UI', value: '1.2.826.0.1.3680043.10.1' },
    { tag: 0x0020000e, vr: 'UI', value: p.series },
    { tag: 0x00200011, vr: 'IS', value: '7' },
    { tag: 0x00200032, vr: 'DS', value: (p.ipp ?? [0, 0, 0]).join('\\') },
    { tag: 0x00200037, vr: 'DS', value: (p.iop ?? [1, 0, 0, 0, 1, 0]).join('\\') },
    { tag: 0x00280002, vr: 'US', value: usIn(p.s, 1) },
    { tag: 0x00280004, vr: 'CS', value: 'MONOCHROME2' },
    ...(frames > 1 ? [{ tag: 0x00280008, vr: 'IS', value: String(frames) }] : []),
    { tag: 0x00280010, vr: 'US', value: usIn(p.s, rows) },
    { tag: 0x00280011, vr: 'US', value: usIn(p.s, cols) },
    { tag: 0x00280030, vr: 'DS', value: (p.spacing ?? [0.5, 0.5]).join('\\') },
    { tag: 0x00280100, vr: 'US', value: usIn(p.s, 16) },
    { tag: 0x00280101, vr: 'US', value: usIn(p.s, 16) },
    { tag: 0x00280102, vr: 'US', value: usIn(p.s, 15) },
    { tag: 0x00280103, vr: 'US', value: usIn(p.s, 1) },
    { tag: 0x00281052, vr: 'DS', value: '0' },
    { tag: 0x00281053, vr: 'DS', value: '1' },
    ...(p.withPixels === false
      ? []
      : [
          {
            tag: 0x7fe00010,
            vr: 'OW',
            value: pixelWords(
              new Int16Array(rows * cols * frames).map((_, i) => i - 8),
              p.s,
            ),
          },
        ]),
  ]
  const extra = p.extra ?? []
  const merged = [...els.filter((e) => !extra.some((x) => x.tag === e.tag)), ...extra]
  return merged.sort((a, b) => a.tag - b.tag)
}

/** Bytes of the Pixel Data element (header and value) of a file, for byte-identity checks. */
export function pixelDataBytes(bytes: Uint8Array): Uint8Array {
  const layout = readFileLayout(bytes)
  if ('kind' in layout) throw new Error(layout.message)
  const e = layout.elements.find((x) => x.tag === 0x7fe00010)
  if (!e) throw new Error('no pixel data')
  return layout.body.slice(e.valueStart, e.end)
}

/** Path of dcmdump, or a thrown error telling the developer to install DCMTK (never a silent pass). */
export function requireDcmdump(): string {
  const r = spawnSync('dcmdump', ['--version'], { encoding: 'utf8' })
  if (r.error || r.status !== 0) {
    throw new Error(
      'dcmdump (DCMTK) is not installed, so exported DICOM cannot be validated. Install it: `apt-get install -y dcmtk` (CI does this).',
    )
  }
  return 'dcmdump'
}

/** Writes the files to a temp dir and runs dcmdump on all of them; returns exit status and stderr. */
export function dcmdumpFiles(files: ReadonlyArray<{ name: string; bytes: Uint8Array }>): {
  status: number | null
  stderr: string
} {
  const exe = requireDcmdump()
  const dir = mkdtempSync(join(tmpdir(), 'osteoplan-dicom-'))
  const paths = files.map((f) => {
    const path = join(dir, f.name)
    writeFileSync(path, f.bytes)
    return path
  })
  // +P prints just one tag per file so stdout stays small; problems go to stderr as "E:" / "W:" lines.
  const r = spawnSync(exe, ['+P', '0008,0018', ...paths], { encoding: 'utf8', maxBuffer: 1 << 24 })
  return { status: r.status, stderr: r.stderr }
}

/** Reads a test-data file, failing loudly (with the reason) when the shared folder is absent. */
export function readTestdata(rel: string): Uint8Array {
  if (!existsSync(TESTDATA_DIR)) {
    throw new Error(
      `Real DICOM test data not found at ${TESTDATA_DIR}. These conformance tests need /work/shared/testdata/dicom ` +
        '(see its MANIFEST.md); they fail rather than pass silently without it.',
    )
  }
  return new Uint8Array(readFileSync(join(TESTDATA_DIR, rel)))
}

/** Byte equality without vitest's element-by-element deep diff (slow on large arrays). */
export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length &&
  Buffer.compare(
    Buffer.from(a.buffer, a.byteOffset, a.length),
    Buffer.from(b.buffer, b.byteOffset, b.length),
  ) === 0

/** A message is user-readable: names the file, is a sentence, has no leaked internals. */
export function expectReadable(message: string, name?: string): void {
  if (name) expect(message).toContain(`“${name}”`)
  expect(message).toMatch(/^[“A-Z0-9]/)
  expect(message).toMatch(/[.)]$/)
  expect(message.length).toBeLessThan(600)
  expect(message).not.toMatch(/undefined|NaN|\[object|dicomParser|Error:|at \w+ \(/)
}
