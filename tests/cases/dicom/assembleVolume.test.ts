/**
 * The Node path of a folder import, end to end: exported phantom files → headers → discovery → native
 * frames → assembled HU volume, which must equal the volume that was exported, voxel for voxel.
 */
import { describe, expect, it } from 'vitest'
import {
  assembleVolume,
  discoverSeries,
  exportCtSeries,
  parseDicomHeader,
} from '../../../src/cases/dicom'
import { readNativeFrame } from '../../../src/cases/dicom/nativeFrame'
import { makeSyntheticVolume } from '../../../src/cases/synthetic/syntheticVolume'

const volume = makeSyntheticVolume(64, 48, 20)
const files = exportCtSeries(volume, { caseId: 'synthetic', seriesDescription: 'round trip' })
// Shuffled: discovery must sort by position, not by file order.
const shuffled = files.map((_f, n) => files[(n * 7) % files.length])
const series = discoverSeries(
  shuffled.map((f) => ({ name: f.name, result: parseDicomHeader(f.bytes, f.name) })),
).series[0]
const frames = series.slices.map((s) => {
  const b = shuffled[s.inputIndex].bytes
  const f = readNativeFrame(
    b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
    s.frame,
  )
  if (!f) throw new Error(`no native frame for ${s.name}`)
  return f.pixels
})

describe('assembleVolume', () => {
  it('rebuilds the exported volume exactly from typed frames (look-up-table path)', () => {
    const v = assembleVolume(series, frames, { mode: 'asIs', downsample: false })
    expect(v.geometry.dims).toEqual(volume.geometry.dims)
    expect(v.ct).toEqual(volume.ct)
  })
  it('gives the same voxels from plain-number frames (per-value path)', () => {
    const typed = assembleVolume(series, frames, { mode: 'asIs', downsample: false })
    const plain = assembleVolume(
      series,
      frames.map((f) => Array.from(f)),
      { mode: 'asIs', downsample: false },
    )
    expect(plain.ct).toEqual(typed.ct)
  })
})
