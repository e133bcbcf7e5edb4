import { describe, expect, it } from 'vitest'
import { presetOpacity, VR_PRESET } from '../../src/imaging/vrPreset'

describe('volume-rendering transfer function', () => {
  it('hides soft tissue, fat, blood and lytic tumour (≤ 150 HU) and shows bone', () => {
    for (const hu of [-1000, -100, 0, 45, 80, 150]) expect(presetOpacity(VR_PRESET, hu)).toBe(0)
    expect(presetOpacity(VR_PRESET, 250)).toBeCloseTo(0.08, 6)
    expect(presetOpacity(VR_PRESET, 325)).toBeCloseTo((0.08 + 0.35) / 2, 6)
    expect(presetOpacity(VR_PRESET, 1200)).toBeGreaterThan(0.75)
  })
  it('is monotone over the CT range and its lists are well formed', () => {
    let last = -1
    for (let hu = -1024; hu <= 3071; hu += 7) {
      const o = presetOpacity(VR_PRESET, hu)
      expect(o).toBeGreaterThanOrEqual(last)
      last = o
    }
    const op = VR_PRESET.scalarOpacity.split(' ').map(Number)
    expect(op[0]).toBe(op.length - 1)
    const ct = VR_PRESET.colorTransfer.split(' ').map(Number)
    expect(ct[0]).toBe(ct.length - 1)
  })
})
