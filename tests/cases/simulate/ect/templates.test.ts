/** ECT electrode templates with adjustable spacing: geometry, pairs, voltages and schema validity. */
import { describe, expect, it } from 'vitest'
import { applyEctTemplate, ectSpacingMm } from '../../../../src/cases/simulate/ect/templates'
import { distance } from '../../../../src/lib/vec3'
import { createDevice, DeviceSchema } from '../../../../src/plan'

const base = createDevice('ectElectrodeSet', [0, 80, 0], [0, 10, 0], { id: 'ect-1' })

describe('applyEctTemplate', () => {
  it('lays a hexagon (centre + 6) at the spacing, 12 pairs at spacing × ratio, parallel to the axis', () => {
    const d = applyEctTemplate(base, 'hexagonal', 12, 1300)
    expect(DeviceSchema.safeParse(d).success).toBe(true)
    expect(d.electrodes).toHaveLength(7)
    const c = d.electrodes[0]
    for (const e of d.electrodes.slice(1)) {
      expect(distance(e.tipMm, c.tipMm)).toBeCloseTo(12, 2)
      expect(distance(e.entryMm, c.entryMm)).toBeCloseTo(12, 2)
    }
    expect(d.sequence).toHaveLength(12)
    // Rim neighbours of a regular hexagon are as far apart as the spokes: 1.2 cm × 1300 V/cm = 1560 V.
    for (const p of d.sequence) expect(p.voltageV).toBe(1560)
    expect(ectSpacingMm(d)).toBeCloseTo(12, 2)
  })

  it('lays two rows of 4 the spacing apart, pairs across the rows, voltages capped at 3000 V', () => {
    const d = applyEctTemplate(base, 'linear', 8, 1000)
    expect(DeviceSchema.safeParse(d).success).toBe(true)
    expect(d.electrodes).toHaveLength(8)
    expect(d.sequence.map((p) => [p.anode, p.cathode])).toEqual([
      [0, 4],
      [1, 5],
      [2, 6],
      [3, 7],
    ])
    for (const p of d.sequence) expect(p.voltageV).toBe(800)
    expect(ectSpacingMm(d)).toBeCloseTo(8, 2)
    const wide = applyEctTemplate(base, 'linear', 30, 1500)
    for (const p of wide.sequence) expect(p.voltageV).toBe(3000)
  })
})
