import { describe, expect, it } from 'vitest'
import {
  IMPORT_MARK_PREFIX,
  IMPORT_STAGES,
  lastImportStage,
  markImport,
} from '../../../src/cases/dicom/importTiming'

const measures = (name: string) =>
  performance.getEntriesByName(`${IMPORT_MARK_PREFIX}${name}`, 'measure')

describe('import timeline marks', () => {
  it('chain a measure from each stage to the next and a total from start to volume-ready', () => {
    for (const s of IMPORT_STAGES.slice(0, IMPORT_STAGES.indexOf('volume-ready') + 1)) markImport(s)
    expect(lastImportStage()).toBe('volume-ready')
    for (const s of ['read', 'parse', 'discover', 'phi', 'decode', 'assemble', 'volume-ready']) {
      expect(measures(s), s).toHaveLength(1)
    }
    const total = measures('total')
    expect(total).toHaveLength(1)
    const parts = ['read', 'parse', 'discover', 'phi', 'decode', 'assemble', 'volume-ready']
      .map((s) => measures(s)[0].duration)
      .reduce((a, b) => a + b, 0)
    expect(total[0].duration).toBeCloseTo(parts, 6)
  })

  it('start a fresh timeline at each start', () => {
    markImport('start')
    expect(measures('read')).toHaveLength(0)
    expect(measures('total')).toHaveLength(0)
    expect(performance.getEntriesByName(`${IMPORT_MARK_PREFIX}start`, 'mark')).toHaveLength(1)
    markImport('read')
    expect(measures('read')).toHaveLength(1)
  })
})
