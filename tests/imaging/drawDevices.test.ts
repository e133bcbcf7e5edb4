/** Picking in the MPR device layer: a set's axis handles, each needle's own ends, and the body. */
import { describe, expect, it } from 'vitest'
import { hitTest, needleHandles, type OverlayView } from '../../src/imaging/drawDevices'
import type { Vec3 } from '../../src/lib/vec3'
import { createDevice, type DeviceOf } from '../../src/plan'

/** A view looking down z at 4 px per mm (canvas = 4·(x, y)). */
const view: OverlayView = {
  width: 800,
  height: 800,
  toCanvas: (p: Vec3) => [4 * p[0], 4 * p[1]] as const,
  planePointMm: [0, 0, 0],
  normal: [0, 0, 1],
}
const px = (p: Vec3): [number, number] => [4 * p[0], 4 * p[1]]

/** An ECT set lying in the view plane, needles along +x. */
const set: DeviceOf<'ectElectrodeSet'> = createDevice(
  'ectElectrodeSet',
  [10, 100, 0],
  [80, 100, 0],
  {
    id: 'ect-1',
  },
)

describe('needle handles of a set', () => {
  it('lists every needle end except those on the set axis ends', () => {
    const hs = needleHandles(set)
    const onAxis = set.electrodes.filter(
      (e) => e.tipMm.join() === set.tipMm.join() || e.entryMm.join() === set.entryMm.join(),
    ).length
    expect(set.electrodes.length).toBeGreaterThan(2)
    expect(hs.length).toBe(2 * set.electrodes.length - 2 * onAxis)
    for (const h of hs) expect(h.needleId).toBe(set.electrodes[h.needle].id)
  })

  it('a pointer on one needle tip grabs that needle; on the axis tip the whole set end', () => {
    const n = set.electrodes.findIndex((e) => e.tipMm.join() !== set.tipMm.join())
    const e = set.electrodes[n]
    expect(hitTest(view, [set], px(e.tipMm))).toEqual({
      deviceId: 'ect-1',
      handle: 'tip',
      needle: n,
    })
    expect(hitTest(view, [set], px(e.entryMm))).toEqual({
      deviceId: 'ect-1',
      handle: 'entry',
      needle: n,
    })
    expect(hitTest(view, [set], px(set.tipMm))).toEqual({ deviceId: 'ect-1', handle: 'tip' })
    // Midway along the axis: the body, which moves the whole set.
    const mid: Vec3 = [45, 100, 0]
    expect(hitTest(view, [set], px(mid))).toEqual({ deviceId: 'ect-1', handle: 'whole' })
    expect(hitTest(view, [set], [0, 0])).toBeNull()
  })

  it('single needles have no needle handles', () => {
    const trocar = createDevice('cementTrocar', [0, 0, 0], [50, 0, 0], { id: 't' })
    expect(needleHandles(trocar)).toEqual([])
    expect(hitTest(view, [trocar], [200, 0])).toEqual({ deviceId: 't', handle: 'tip' })
  })
})
