/**
 * The ECT drag preview: a coarse linear field overlay with the threshold contours, a coverage figure that
 * follows the electrodes, a session cached per volume and device (an unchanged frame re-solves nothing),
 * and frame times printed (not asserted).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { generateCatalogVolume } from '../../../../src/cases/catalog'
import { expertPlan } from '../../../../src/cases/expert'
import { generateCase } from '../../../../src/cases/library'
import { previewEct } from '../../../../src/cases/simulate/ect/preview'
import { getEctPreview } from '../../../../src/cases/simulate/ect/previewStats'
import type { CtVolume } from '../../../../src/cases/volume'
import type { DeviceOf, Plan } from '../../../../src/plan'

type Ect = DeviceOf<'ectElectrodeSet'>
const ID = 'sacral-ala-ect'
let volume: CtVolume
let plan: Plan
let set: Ect

beforeAll(() => {
  volume = generateCatalogVolume(ID)
  plan = expertPlan(ID, generateCase(ID))
  set = plan.devices[0] as Ect
}, 60_000)

/** The set moved sideways by `mm` along LPS x (a drag frame). */
const moved = (d: Ect, mm: number): Ect => {
  const sh = (p: readonly number[]): [number, number, number] => [p[0] + mm, p[1], p[2]]
  return {
    ...d,
    entryMm: sh(d.entryMm),
    tipMm: sh(d.tipMm),
    electrodes: d.electrodes.map((e) => ({ ...e, entryMm: sh(e.entryMm), tipMm: sh(e.tipMm) })),
  }
}

describe('previewEct', () => {
  it('draws the coarse field with the threshold contours and a coverage figure', () => {
    const times: number[] = []
    let t = Date.now()
    const first = previewEct(volume, plan, set, {})
    times.push(Date.now() - t)
    expect(first).not.toBeNull()
    const o = first![0]
    expect(o.type).toBe('field')
    if (o.type !== 'field') return
    expect(o.contours.map((c) => c.level)).toEqual([400, 800])
    expect(o.uncertainty).toMatch(/Preview/)
    const s0 = getEctPreview()!
    expect(s0.deviceId).toBe('ect-1')
    expect(s0.coveragePct).toBeGreaterThan(50)
    // Same device again: every pair comes from the cache.
    t = Date.now()
    previewEct(volume, plan, set, {})
    times.push(Date.now() - t)
    expect(getEctPreview()!.solvedPairs).toBe(0)
    // Dragging the set 20 mm sideways off the tumour lowers the coverage.
    const covs: number[] = []
    for (const mm of [5, 10, 15, 20]) {
      t = Date.now()
      previewEct(volume, plan, moved(set, mm), {})
      times.push(Date.now() - t)
      covs.push(getEctPreview()!.coveragePct)
    }
    expect(covs[3]).toBeLessThan(s0.coveragePct - 10)
    console.log(
      `ECT preview frame times (ms; first builds the session): ${times.join(', ')}; coverage ${s0.coveragePct.toFixed(0)} → ${covs.map((c) => c.toFixed(0)).join(' → ')} %`,
    )
  }, 60_000)

  it('returns null for other devices and for scans without labels', () => {
    const { labels: _labels, ...unlabelled } = volume
    expect(previewEct(unlabelled, plan, set, {})).toBeNull()
  })
})
