/** The thermal panel's thermocouple helpers: the nearest canal point and a curve read from saved frames. */
import { describe, expect, it } from 'vitest'
import type { ProcedureResult } from '../../../../src/cases/simulate'
import { S } from '../../../../src/lib/anatomy'
import type { FieldOverlay } from '../../../../src/lib/fieldOverlay'
import {
  curveFromFrames,
  nearestCanalPoint,
} from '../../../../src/ui/sim/thermal/thermocouplePoints'
import { uniformVolume } from '../../../cases/simulate/thermal/fixtures'

describe('nearestCanalPoint', () => {
  it('finds the canal voxel nearest the device, and nothing without a canal', () => {
    // 40³ at 1 mm centred on the origin; epidural space in the slab x index 30–32 (x = 10.5…12.5 mm).
    const v = uniformVolume({ n: 40, slab: { label: S.epiduralFat, axis: 0, from: 30, to: 32 } })
    const p = nearestCanalPoint(v, [0, 0, 0])
    expect(p).not.toBeNull()
    expect(p![0]).toBeCloseTo(10.5, 6)
    expect(Math.abs(p![1])).toBeLessThanOrEqual(0.5)
    expect(Math.abs(p![2])).toBeLessThanOrEqual(0.5)
    expect(nearestCanalPoint(uniformVolume({ n: 40 }), [0, 0, 0])).toBeNull()
  })
})

describe('curveFromFrames', () => {
  const grid = {
    dims: [2, 2, 2] as [number, number, number],
    spacingMm: [1, 1, 1] as [number, number, number],
    originMm: [0, 0, 0] as [number, number, number],
    direction: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ] as [[number, number, number], [number, number, number], [number, number, number]],
  }
  const temperature: FieldOverlay = {
    type: 'field',
    id: 'temperature',
    label: 'Temperature',
    unit: '°C',
    grid,
    frames: [
      { timeS: 0, data: new Float32Array(8).fill(37) },
      { timeS: 30, data: Float32Array.from([40, 50, 40, 50, 40, 50, 40, 50]) },
    ],
    colormap: 'heat',
    range: [40, 100],
    opacity: 0.5,
    contours: [],
    source: 's',
    uncertainty: 'u',
    visibleByDefault: true,
  }
  const result = { overlays: [temperature] } as unknown as ProcedureResult

  it('reads the temperature at the point in every frame (trilinear)', () => {
    const c = curveFromFrames(result, { id: 'tc-9', label: 'x', pointMm: [0.5, 0.5, 0.5] })
    expect(c?.id).toBe('tc-frames-tc-9')
    expect(c?.x).toEqual([0, 30])
    expect(c?.y[0]).toBeCloseTo(37, 6)
    expect(c?.y[1]).toBeCloseTo(45, 6)
  })

  it('gives no curve for a point outside the saved region', () => {
    expect(curveFromFrames(result, { id: 'a', label: 'x', pointMm: [9, 9, 9] })).toBeNull()
  })
})
