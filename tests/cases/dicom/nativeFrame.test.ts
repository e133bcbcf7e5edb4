/**
 * The native-pixel fast path against the real files in shared/testdata/dicom: stored values must equal the
 * manifest's reference decode bit for bit (raw_md5 over int32 little-endian values), and every file that
 * needs a codec must be left to Cornerstone (null).
 */
import { createHash } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as dicomParser from 'dicom-parser'
import { exportCtSeries } from '../../../src/cases/dicom'
import { readNativeFrame } from '../../../src/cases/dicom/nativeFrame'
import { IDENTITY_DIRECTION } from '../../../src/lib/space'
import { readTestdata, TESTDATA_DIR } from './dicomFixtures'

const buffer = (rel: string): ArrayBuffer => {
  const b = readTestdata(rel)
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
}
const md5Int32 = (frames: ArrayLike<number>[]): string => {
  const h = createHash('md5')
  for (const f of frames) h.update(new Uint8Array(Int32Array.from(f).buffer))
  return h.digest('hex')
}

describe('readNativeFrame', () => {
  it('reads the 28 Explicit VR LE slices of the GE tilt series exactly (manifest raw_md5)', () => {
    const set = 'dcm_qa_ct_ge_tilt'
    const files = readdirSync(join(TESTDATA_DIR, set))
      .filter((f) => f.endsWith('.dcm'))
      .sort()
    expect(files).toHaveLength(28)
    const frames = files.map((f) => {
      const fr = readNativeFrame(buffer(join(set, f)), 0)
      expect(fr, f).not.toBeNull()
      expect([fr!.rows, fr!.columns]).toEqual([512, 512])
      return fr!.pixels
    })
    expect(md5Int32(frames)).toBe('9d781407f6e82368e08e5eef776a813e')
  })

  const ct = 'cornerstone_ct_transfer_syntaxes'
  it.each([
    'CTImage.dcm',
    'CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm',
    'CTImage.dcm_LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2.dcm',
  ])('reads %s exactly (manifest raw_md5)', (f) => {
    const fr = readNativeFrame(buffer(join(ct, f)), 0)
    expect(fr).not.toBeNull()
    expect(md5Int32([fr!.pixels])).toBe('e700ed224516b0375d6b8aad4933ec76')
  })

  it('leaves compressed, big-endian and deflated files to the codecs', () => {
    const others = readdirSync(join(TESTDATA_DIR, ct)).filter(
      (f) => /BigEndian|Deflated|JPEG|RLE/.test(f) && !f.startsWith('LICENSE'),
    )
    expect(others.length).toBeGreaterThanOrEqual(10)
    for (const f of others) expect(readNativeFrame(buffer(join(ct, f)), 0), f).toBeNull()
  })

  it('refuses frames beyond the data and non-DICOM bytes', () => {
    expect(readNativeFrame(buffer(join(ct, 'CTImage.dcm')), 1)).toBeNull()
    expect(readNativeFrame(new TextEncoder().encode('not dicom at all').buffer, 0)).toBeNull()
  })

  it('keeps the low BitsStored bits and sign-extends them (junk in the high bits ignored)', () => {
    const geometry = {
      dims: [4, 2, 1] as const,
      spacingMm: [1, 1, 1] as const,
      originMm: [0, 0, 0] as const,
      direction: IDENTITY_DIRECTION,
    }
    const ct = Int16Array.from([-2048, -1, 0, 1, 2047, -1000, 100, -3])
    const [file] = exportCtSeries(
      { geometry, ct },
      { caseId: 'bits', seriesDescription: 'bits', seed: 1 },
    )
    const bytes = file.bytes.slice()
    const ds = dicomParser.parseDicom(bytes)
    const view = new DataView(bytes.buffer)
    // BitsStored 12, high bit 11; then set junk in bits 12–15 of every stored value.
    view.setUint16(ds.elements.x00280101.dataOffset, 12, true)
    view.setUint16(ds.elements.x00280102.dataOffset, 11, true)
    const px = ds.elements.x7fe00010
    const stored: number[] = []
    for (let n = 0; n < 8; n++) {
      const at = px.dataOffset + 2 * n
      const v = view.getInt16(at, true)
      stored.push(v)
      view.setUint16(at, (v & 0x0fff) | 0xa000, true)
    }
    const fr = readNativeFrame(bytes.buffer, 0)
    expect(fr).not.toBeNull()
    // 12-bit two's complement of the exported stored values.
    const expected = stored.map((v) => (v & 0x0fff & 0x800 ? (v & 0x0fff) - 0x1000 : v & 0x0fff))
    expect([...fr!.pixels]).toEqual(expected)
  })
})
