/**
 * Thermal simulation on synthetic volumes: the zone lands where the device is (through the plan → sim
 * conversion on an oblique CT grid), overlays say where their numbers come from, runs can be cancelled,
 * and bad input gets a plain message.
 */
import { describe, expect, it } from 'vitest'
import { S } from '../../../../src/lib/anatomy'
import type { FieldOverlay } from '../../../../src/lib/fieldOverlay'
import { ijkToWorld } from '../../../../src/lib/space'
import { dot, normalize, sub, type Vec3 } from '../../../../src/lib/vec3'
import { simulateDevice, SimCancelled } from '../../../../src/cases/simulate'
import { previewThermal } from '../../../../src/cases/simulate/thermal/preview'
import { ANTENNA_PATTERNS_2450 } from '../../../../src/sim/bioheat/microwave'
import { antenna, planWith, uniformVolume } from './fixtures'

const field = (r: { overlays: readonly unknown[] }, id: string): FieldOverlay => {
  const o = (r.overlays as FieldOverlay[]).find((x) => x.id === id)
  if (!o) throw new Error(`no overlay ${id}`)
  return o
}

/** Centroid (LPS) of the voxels of the last frame where `isIn` holds. */
function centroid(o: FieldOverlay, isIn: (v: number) => boolean): { c: Vec3; n: number } {
  const data = o.frames[o.frames.length - 1].data
  const [nx, ny] = o.grid.dims
  const s = [0, 0, 0]
  let n = 0
  for (let q = 0; q < data.length; q++) {
    if (!isIn(data[q])) continue
    const p = ijkToWorld(o.grid, [q % nx, Math.floor(q / nx) % ny, Math.floor(q / (nx * ny))])
    for (let a = 0; a < 3; a++) s[a] += p[a]
    n++
  }
  return { c: [s[0] / n, s[1] / n, s[2] / n], n }
}

describe('thermal simulation geometry (synthetic muscle, oblique CT grid)', () => {
  const volume = uniformVolume({ n: 70, oblique: true })
  const tip: Vec3 = [3, -2, 4]
  const dir = normalize([0.3, 1, 0.2])
  const plan = planWith([antenna(tip, dir, { powerW: 60, durationS: 180 })])
  const run = simulateDevice(volume, plan, 'mw-1', { coolDownS: 0, gridMm: 1.5 })

  it('centres the Ω ≥ 1 zone on the antenna axis at its radiating section, within a voxel', async () => {
    const r = await run
    const zone = field(r, 'zone')
    const { c, n } = centroid(zone, (v) => v >= 0)
    expect(n).toBeGreaterThan(100)
    // The dual-slot pattern radiates 10 mm behind the tip (src/sim/bioheat/microwave.ts).
    const feed = ANTENNA_PATTERNS_2450.dualSlot.feedOffsetM * 1000
    const rel = sub(c, tip)
    const along = dot(rel, dir)
    const perp = Math.hypot(
      rel[0] - along * dir[0],
      rel[1] - along * dir[1],
      rel[2] - along * dir[2],
    )
    const voxel = zone.grid.spacingMm[0]
    expect(perp).toBeLessThan(voxel)
    expect(Math.abs(along - feed)).toBeLessThan(voxel)
  })

  it('gives every overlay a source and an uncertainty with figures', async () => {
    const r = await run
    expect(r.overlays.map((o) => o.id)).toEqual(['temperature', 'zone', 'zone-band'])
    for (const o of r.overlays) {
      expect(o.source.length).toBeGreaterThan(40)
      expect(o.source).toMatch(/\d/)
      expect(o.uncertainty).toMatch(/\d+(\.\d+)?\s*(%|mm|°C|W|mL)/)
    }
    const t = field(r, 'temperature')
    expect(t.frames.length).toBeGreaterThan(3)
    expect(t.frames[0].timeS).toBe(0)
    expect(t.frames[t.frames.length - 1].timeS).toBeCloseTo(180, 6)
    // Frames grow hotter: the hottest voxel of the last frame is far above 37 °C, the first is at 37 °C.
    expect(Math.max(...t.frames[0].data)).toBeLessThan(37.01)
    expect(Math.max(...t.frames[t.frames.length - 1].data)).toBeGreaterThan(60)
    expect(r.durationS).toBe(180)
  })

  it('keeps the drag preview on the same axis as the full zone', () => {
    const overlays = previewThermal(volume, plan, plan.devices[0], {})
    expect(overlays).toHaveLength(1)
    const o = overlays![0] as FieldOverlay
    expect(o.contours[0].level).toBe(1)
    const { c, n } = centroid(o, (v) => v <= 1)
    expect(n).toBeGreaterThan(100)
    const rel = sub(c, tip)
    const along = dot(rel, dir)
    const perp = Math.hypot(
      rel[0] - along * dir[0],
      rel[1] - along * dir[1],
      rel[2] - along * dir[2],
    )
    expect(perp).toBeLessThan(o.grid.spacingMm[0])
    expect(along).toBeGreaterThan(0)
  })
})

describe('cancellation and bad input', () => {
  const volume = uniformVolume({ n: 60 })
  const plan = planWith([antenna([0, 0, 0], [0, 1, 0])])

  it('stops with SimCancelled when the context says so', async () => {
    let calls = 0
    const ctx = { progress: () => ++calls < 4 }
    await expect(simulateDevice(volume, plan, 'mw-1', { gridMm: 2 }, ctx)).rejects.toBeInstanceOf(
      SimCancelled,
    )
    expect(calls).toBe(4)
  })

  it('rejects absurd options by name', async () => {
    await expect(simulateDevice(volume, plan, 'mw-1', { powerW: 5000 })).rejects.toThrow(/powerW/)
    await expect(simulateDevice(volume, plan, 'mw-1', { gridMm: 'fine' })).rejects.toThrow(/gridMm/)
  })

  it('explains a device outside the scan or outside the body', async () => {
    const away = planWith([antenna([500, 0, 0], [0, 1, 0])])
    await expect(simulateDevice(volume, away, 'mw-1')).rejects.toThrow(/outside the CT volume/)
    const air = uniformVolume({ n: 60, label: S.outside })
    await expect(simulateDevice(air, plan, 'mw-1')).rejects.toThrow(/outside the body/)
  })
})
