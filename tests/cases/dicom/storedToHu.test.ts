import { describe, expect, it } from 'vitest'
import { PADDING_HU, storedToHu } from '../../../src/cases/dicom/storedToHu'

describe('storedToHu', () => {
  it('applies slope and intercept (PS3.3 C.11.1), rounded to the nearest HU', () => {
    // Exact: integer slope and intercept keep integers.
    expect(storedToHu(1091, 1, -1024, undefined)).toBe(67)
    // The 12-bit lossy CT of MANIFEST.md §5: 2047 × 2.0002442 − 4047 = 47.4999 → 47.
    expect(storedToHu(2047, 2.0002442, -4047, undefined)).toBe(Math.round(2047 * 2.0002442 - 4047))
  })
  it('shows Pixel Padding Value as air whatever the rescale', () => {
    expect(storedToHu(-1500, 1, 0, -1500)).toBe(PADDING_HU)
    expect(storedToHu(-2000, 1, -1024, -2000)).toBe(PADDING_HU)
    // A padding value that does not occur leaves real data alone (CTImage.dcm: padding -32768, data -2000).
    expect(storedToHu(-2000, 1, -1024, -32768)).toBe(-3024)
  })
  it('clamps to the Int16 range of the volume', () => {
    expect(storedToHu(65535, 1, 0, undefined)).toBe(32767)
    expect(storedToHu(-40000, 1, 0, undefined)).toBe(-32768)
  })
})
