import { describe, expect, it } from 'vitest'
import {
  labelCounts,
  labelExtent,
  markDisc,
  markOverlays,
  markSphere,
  markThreshold,
} from '../../../src/cases/package'
import { makeSyntheticVolume } from '../../../src/cases/synthetic/syntheticVolume'
import { S } from '../../../src/lib/anatomy'
import { sampleField } from '../../../src/lib/fieldOverlay'

const v = makeSyntheticVolume(96, 96, 64) // 1.5 × 1.5 × 2 mm voxels, centred on 0
const voxelMm3 = 1.5 * 1.5 * 2

describe('authoring tools', () => {
  it('a sphere marks its volume (within 5 %) and erasing removes exactly it', () => {
    const labels = new Uint8Array(v.ct.length)
    const n = markSphere(labels, v.geometry, [0, 0, 0], 10, { label: S.tumourLytic })
    expect(Math.abs((n * voxelMm3) / ((4 / 3) * Math.PI * 1000) - 1)).toBeLessThan(0.05)
    expect(markSphere(labels, v.geometry, [0, 0, 0], 10, { label: S.tumourLytic })).toBe(0)
    expect(
      markSphere(labels, v.geometry, [0, 0, 0], 10, { label: S.tumourLytic, erase: true }),
    ).toBe(n)
    expect(labelCounts(labels).size).toBe(0)
  })

  it('erasing leaves other labels alone', () => {
    const labels = new Uint8Array(v.ct.length)
    markSphere(labels, v.geometry, [0, 0, 0], 6, { label: S.csf })
    markSphere(labels, v.geometry, [0, 0, 0], 10, { label: S.tumourLytic, erase: true })
    expect(labelCounts(labels).get(S.csf)).toBeGreaterThan(0)
  })

  it('a disc stays in one axial slice', () => {
    const labels = new Uint8Array(v.ct.length)
    const n = markDisc(labels, v.geometry, [0, 0, 4.4], 6, { label: S.spinalCord })
    expect(Math.abs((n * 1.5 * 1.5) / (Math.PI * 36) - 1)).toBeLessThan(0.1)
    const e = labelExtent(labels, v.geometry, S.spinalCord)!
    expect(e.centreMm[2]).toBeCloseTo(5, 6) // the slice nearest z = 4.4 is z = 5
  })

  it('a threshold fill takes the connected window region around the seed and no more', () => {
    const labels = new Uint8Array(v.ct.length)
    // The synthetic canal: CSF (10 HU) r 8 mm about (0, 40); muscle around it is 40 HU.
    const n = markThreshold(labels, v.ct, v.geometry, [0, 40, 0], [0, 20], 200, { label: S.csf })
    const truth = v.labels!.reduce((a, l) => a + (l === S.csf ? 1 : 0), 0)
    expect(n).toBe(truth)
    // A seed outside the window marks nothing; a radius limit bounds the fill.
    expect(markThreshold(labels, v.ct, v.geometry, [0, 0, 0], [0, 20], 200, { label: S.csf })).toBe(
      0,
    )
    const small = new Uint8Array(v.ct.length)
    const m = markThreshold(small, v.ct, v.geometry, [0, 40, 0], [0, 20], 10, { label: S.csf })
    expect(m).toBeLessThan(n)
    expect(labelExtent(small, v.geometry, S.csf)!.sizeMm).toBeLessThanOrEqual(2 * 10 + 2)
  })

  it('extent and overlays describe the marks', () => {
    const labels = new Uint8Array(v.ct.length)
    markSphere(labels, v.geometry, [6, 12, 4], 8, { label: S.tumourLytic })
    const e = labelExtent(labels, v.geometry, S.tumourLytic)!
    expect(Math.hypot(e.centreMm[0] - 6, e.centreMm[1] - 12, e.centreMm[2] - 4)).toBeLessThan(0.5)
    expect(e.sizeMm).toBeGreaterThan(15)
    expect(e.sizeMm).toBeLessThan(19)
    const [o] = markOverlays(labels, v.geometry)
    expect(o?.id).toBe(`mark-${S.tumourLytic}`)
    expect(sampleField(o.grid, o.frames[0].data, [6, 12, 4])).toBe(1)
    expect(sampleField(o.grid, o.frames[0].data, [6, 12, 30])).toBeNaN()
    expect(labelExtent(labels, v.geometry, S.csf)).toBeNull()
  })
})
