import { describe, expect, it } from 'vitest'
import { makeThumbnail } from '../../../src/cases/dicom/seriesThumbnail'

describe('makeThumbnail', () => {
  it('downsamples to the long side, applies rescale, padding and the window', () => {
    const rows = 200
    const columns = 400
    // Stored value = column index; slope 2, intercept −450 → HU from −450 (black) to 348.
    const frame = Int16Array.from({ length: rows * columns }, (_, n) => n % columns)
    frame[0] = -2000
    const t = makeThumbnail(
      frame,
      rows,
      columns,
      { slope: 2, intercept: -450, padding: -2000 },
      100,
    )
    expect([t.width, t.height]).toEqual([100, 50])
    expect(t.grey[0]).toBe(0) // padding → air → black
    // Sample x = 50 reads column 200: HU = −50, grey = round((−50 + 450) / 1500 · 255) = 68.
    expect(t.grey[50]).toBe(68)
    expect(t.grey[99 + 100 * 49]).toBeGreaterThan(t.grey[1 + 100 * 49])
  })
})
