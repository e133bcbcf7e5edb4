import { describe, expect, it } from 'vitest'
import { IDENTITY_DIRECTION, type VolumeGeometry } from '../../src/lib/space'
import { extractSlice } from '../../src/lib/volumeSlice'
import { windowToByte } from '../../src/lib/windowPresets'

const g: VolumeGeometry = {
  dims: [4, 3, 2],
  spacingMm: [1, 1, 1],
  originMm: [0, 0, 0],
  direction: IDENTITY_DIRECTION,
}
// Voxel value encodes its own index so every sample can be checked: hu = i + 10 j + 100 k.
const ct = Int16Array.from(
  { length: 24 },
  (_, n) => (n % 4) + 10 * (Math.floor(n / 4) % 3) + 100 * Math.floor(n / 12),
)

describe('extractSlice', () => {
  it.each([0, 1, 2] as const)(
    'axis %i samples the right voxels in the documented order',
    (axis) => {
      const img = extractSlice(g, ct, axis, 1, 0, 255)
      const expected: number[] = []
      if (axis === 2) {
        for (let j = 0; j < 3; j++) for (let i = 0; i < 4; i++) expected.push(i + 10 * j + 100)
      }
      if (axis === 1) {
        for (let k = 0; k < 2; k++) for (let i = 0; i < 4; i++) expected.push(i + 10 + 100 * k)
      }
      if (axis === 0) {
        for (let k = 0; k < 2; k++) for (let j = 0; j < 3; j++) expected.push(1 + 10 * j + 100 * k)
      }
      expect(Array.from(img.bytes)).toEqual(expected.map((v) => windowToByte(v, 0, 255)))
    },
  )
  it('clamps the slice index into the volume', () => {
    expect(extractSlice(g, ct, 2, 99, 0, 255).bytes).toEqual(
      extractSlice(g, ct, 2, 1, 0, 255).bytes,
    )
  })
})
