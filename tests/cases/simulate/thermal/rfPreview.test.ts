/**
 * The RF probe's drag preview: an ellipsoid from the RF preview table, on the probe's axis, with a
 * source and an uncertainty that say what it is (the full RF model in uniform bone, not a vendor chart).
 */
import { describe, expect, it } from 'vitest'
import type { FieldOverlay } from '../../../../src/lib/fieldOverlay'
import { ijkToWorld } from '../../../../src/lib/space'
import { dot, normalize, sub, type Vec3 } from '../../../../src/lib/vec3'
import { createDevice, type Device } from '../../../../src/plan'
import { previewThermal } from '../../../../src/cases/simulate/thermal/preview'
import { planWith, uniformVolume } from './fixtures'

describe('RF drag preview', () => {
  const volume = uniformVolume({ n: 60, oblique: true })
  const tip: Vec3 = [2, -3, 1]
  const dir = normalize([0.2, 1, 0.3])
  const entry: Vec3 = [tip[0] + 60 * dir[0], tip[1] + 60 * dir[1], tip[2] + 60 * dir[2]]
  const probe = (params: Partial<Device>): Device =>
    ({ ...createDevice('rfProbe', entry, tip, { id: 'rf-1' }), ...params }) as Device

  it('draws the table zone on the probe axis, labelled with its source and uncertainty', () => {
    const d = probe({})
    const overlays = previewThermal(volume, planWith([d]), d, {})
    expect(overlays).toHaveLength(1)
    const o = overlays![0] as FieldOverlay
    expect(o.contours[0].level).toBe(1)
    expect(o.source).toMatch(/RF preview table/)
    expect(o.uncertainty).toMatch(/FACTS\.md §7/)
    const data = o.frames[0].data
    const [nx, ny] = o.grid.dims
    const s = [0, 0, 0]
    let n = 0
    for (let q = 0; q < data.length; q++) {
      if (data[q] > 1) continue
      const p = ijkToWorld(o.grid, [q % nx, Math.floor(q / nx) % ny, Math.floor(q / (nx * ny))])
      for (let a = 0; a < 3; a++) s[a] += p[a]
      n++
    }
    expect(n).toBeGreaterThan(50)
    const rel = sub([s[0] / n, s[1] / n, s[2] / n], tip)
    const along = dot(rel, dir)
    const perp = Math.hypot(
      ...([0, 1, 2].map((a) => rel[a] - along * dir[a]) as [number, number, number]),
    )
    expect(perp).toBeLessThan(o.grid.spacingMm[0])
    // Bipolar 10 mm: the zone straddles the active part (0–10 mm behind the tip).
    expect(along).toBeGreaterThan(0)
    expect(along).toBeLessThan(10)
    // The label gives the zone's size.
    expect(o.contours[0].label).toMatch(/\d+ × \d+ mm/)
  })

  it('a longer heating gives a larger preview', () => {
    const count = (d: Device): number => {
      const o = previewThermal(volume, planWith([d]), d, {})![0] as FieldOverlay
      return o.frames[0].data.filter((v) => v <= 1).length
    }
    expect(count(probe({ durationS: 600 }))).toBeGreaterThan(count(probe({ durationS: 120 })))
  })
})
