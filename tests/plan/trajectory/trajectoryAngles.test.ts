import { describe, expect, it } from 'vitest'
import type { Vec3 } from '../../../src/lib/vec3'
import { trajectoryAngles } from '../../../src/plan'

const DEG = 180 / Math.PI

describe('trajectoryAngles (LPS: +x left, +y posterior, +z superior)', () => {
  // Hand-computed: d = (3, −4, 12)/13 → cc = asin(12/13), ml = asin(3/13), axial atan(3/4), sagittal atan(12/4).
  it.each<[string, Vec3, Vec3, [number, number, number, number]]>([
    ['straight posterior→anterior', [0, 50, 0], [0, 0, 0], [0, 0, 0, 0]],
    [
      '3-4-12 triangle',
      [0, 0, 0],
      [3, -4, 12],
      [
        Math.asin(12 / 13) * DEG,
        Math.asin(3 / 13) * DEG,
        Math.atan2(3, 4) * DEG,
        Math.atan2(12, 4) * DEG,
      ],
    ],
    ['45° towards the patient right in the axial plane', [10, 10, 0], [0, 0, 0], [0, -45, -45, 0]],
    ['30° caudal in the sagittal plane', [0, 0, 0], [0, -Math.sqrt(3), -1], [-30, 0, 0, -30]],
    [
      'anterior approach reads like posterior',
      [0, -50, 0],
      [5, 0, 0],
      [0, Math.asin(5 / Math.hypot(5, 50)) * DEG, Math.atan2(5, 50) * DEG, 0],
    ],
    ['pure craniocaudal path', [0, 0, 0], [0, 0, 10], [90, 0, 0, 90]],
  ])('%s', (_name, entry, tip, [cc, ml, ax, sag]) => {
    const a = trajectoryAngles(entry, tip)
    // 1e-9°: double-precision trigonometry on exact inputs.
    expect(a.craniocaudalDeg).toBeCloseTo(cc, 9)
    expect(a.mediolateralDeg).toBeCloseTo(ml, 9)
    expect(a.axialInPlaneDeg).toBeCloseTo(ax, 9)
    expect(a.sagittalInPlaneDeg).toBeCloseTo(sag, 9)
  })

  it('a transpedicular path converging 7.1° from the right reads +7.1° mediolateral', () => {
    const a = trajectoryAngles([-16, 64, 0], [-8, 0, 0])
    expect(a.mediolateralDeg).toBeCloseTo(Math.atan2(8, 64) * DEG, 9)
    expect(a.mediolateralDeg).toBeCloseTo(7.125, 3)
  })
})
