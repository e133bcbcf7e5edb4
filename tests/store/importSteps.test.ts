/**
 * The store's import steps in Node: every header parsed once, its pixel offsets kept and reused to view the
 * frames in place, and the import timeline's marks and measures written (src/cases/dicom/importTiming.ts).
 */
import { describe, expect, it } from 'vitest'
import { exportCtSeries } from '../../src/cases/dicom'
import { IMPORT_MARK_PREFIX, markImport } from '../../src/cases/dicom/importTiming'
import { makeSyntheticVolume } from '../../src/cases/synthetic/syntheticVolume'
import { beginSession, endSession } from '../../src/store/importSession'
import { discoverFiles, rawSeriesFrames, scrubSeriesFiles } from '../../src/store/importSteps'

const files = () =>
  exportCtSeries(makeSyntheticVolume(24, 20, 6), {
    caseId: 'synthetic',
    seriesDescription: 'steps',
  })

describe('import steps', () => {
  it('parse every header once, then view the frames in the very bytes that were read', async () => {
    const input = files().map((f) => ({ name: f.name, bytes: f.bytes }))
    markImport('start')
    markImport('read')
    const session = beginSession(input)
    const { discovery } = await discoverFiles(session, () => undefined)
    expect(session.headers).toHaveLength(input.length)
    expect(session.headers.every((h) => h?.pixelDataOffset !== undefined)).toBe(true)
    const series = discovery.series[0]
    const raw = rawSeriesFrames(session, series)
    expect(raw?.format).toEqual({ bitsAllocated: 16, bitsStored: 16, signed: true })
    series.slices.forEach((s, k) => {
      expect(raw!.frames[k].buffer).toBe(session.files[s.inputIndex].bytes.buffer)
    })
    for (const stage of ['read', 'parse', 'discover']) {
      const m = performance.getEntriesByName(`${IMPORT_MARK_PREFIX}${stage}`, 'measure')
      expect(m, stage).toHaveLength(1)
      expect(m[0].duration).toBeGreaterThanOrEqual(0)
    }
    endSession()
  })

  it('read the pixel offsets again after scrubbing moved the bytes', async () => {
    const session = beginSession(files().map((f) => ({ name: f.name, bytes: f.bytes })))
    const { discovery } = await discoverFiles(session, () => undefined)
    const series = discovery.series[0]
    const before = rawSeriesFrames(session, series)!.frames.map((f) => Array.from(f))
    scrubSeriesFiles(session, series)
    const after = rawSeriesFrames(session, series)!
    after.frames.forEach((f, k) => {
      expect(f.buffer).toBe(session.files[series.slices[k].inputIndex].bytes.buffer)
      expect(Array.from(f)).toEqual(before[k])
    })
    endSession()
  })

  it('fall back to the decoders when a slice is compressed', async () => {
    const session = beginSession(files().map((f) => ({ name: f.name, bytes: f.bytes })))
    const { discovery } = await discoverFiles(session, () => undefined)
    session.headers[discovery.series[0].slices[2].inputIndex] = null
    expect(rawSeriesFrames(session, discovery.series[0])).toBeNull()
    endSession()
  })
})
