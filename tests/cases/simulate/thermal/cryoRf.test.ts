/**
 * Cryo and RF through the thermal simulation on synthetic volumes: the lethal ice sits on the probe, a
 * nerve next to the ice raises the cold warning, warm saline protects it (quantified), RF gives a zone
 * with generator charts, and the rebuilt RF damage frames end exactly at the solver's final dose.
 */
import { describe, expect, it } from 'vitest'
import { S } from '../../../../src/lib/anatomy'
import type { FieldOverlay } from '../../../../src/lib/fieldOverlay'
import { ijkToWorld } from '../../../../src/lib/space'
import type { Vec3 } from '../../../../src/lib/vec3'
import { simulateDevice, type ProcedureResult } from '../../../../src/cases/simulate'
import { bandValue } from '../../../../src/cases/simulate/thermal/overlays'
import { damageFrames } from '../../../../src/cases/simulate/thermal/rf'
import { ARRHENIUS_SETS } from '../../../../src/sim/bioheat/damage'
import { createDevice, type Device } from '../../../../src/plan'
import { planWith, uniformVolume } from './fixtures'

const SHORT = { protocol: { freeze1Min: 6, thawMin: 0, freeze2Min: 0, thawMode: 'passive' } }

/** A one-probe cryo set along +y (posterior) with its tip at the origin. */
const cryoSet = (): Device => createDevice('cryoprobeSet', [0, 60, 0], [0, 0, 0], { id: 'cryo-1' })

const coldest = (r: ProcedureResult, re: RegExp): number =>
  r.metrics.find((m) => re.test(m.label))?.value ?? NaN

describe('cryoablation in the app', () => {
  it('puts the lethal zone on the probe and draws the ice edge below 0 °C', async () => {
    const v = uniformVolume({ n: 70 })
    const r = await simulateDevice(v, planWith([cryoSet()]), 'cryo-1', SHORT)
    const zone = r.overlays.find((o) => o.id === 'zone') as FieldOverlay
    const temp = r.overlays.find((o) => o.id === 'temperature') as FieldOverlay
    expect(temp.colormap).toBe('cold')
    expect(temp.range[0]).toBeGreaterThan(temp.range[1])
    expect(temp.contours.every((c) => c.below)).toBe(true)
    const data = zone.frames[zone.frames.length - 1].data
    const [nx, ny] = zone.grid.dims
    let n = 0
    const s = [0, 0, 0]
    for (let q = 0; q < data.length; q++) {
      if (data[q] > -20) continue
      const p = ijkToWorld(zone.grid, [q % nx, Math.floor(q / nx) % ny, Math.floor(q / (nx * ny))])
      for (let a = 0; a < 3; a++) s[a] += p[a]
      n++
    }
    expect(n).toBeGreaterThan(50)
    const c: Vec3 = [s[0] / n, s[1] / n, s[2] / n]
    const h = zone.grid.spacingMm[0]
    // Lethal ice is centred on the probe axis (x = z = 0) and along the 40 mm freezing segment (y 0…40),
    // nearer the tip than its middle because the rounded tip end freezes too.
    expect(Math.hypot(c[0], c[2])).toBeLessThan(h)
    expect(c[1]).toBeGreaterThan(10)
    expect(c[1]).toBeLessThan(25)
    expect(r.durationS).toBe(360)
    expect(r.series.some((x) => x.id === 'dv-target')).toBe(false)
  }, 600_000)

  it('warns about a nerve next to the ice, and warm saline keeps it warmer', async () => {
    // A slab of nerve root 7–9 mm from the probe axis (x index 42–44 of 70 at 1 mm: x = 7.5…9.5 mm).
    const v = uniformVolume({ n: 70, slab: { label: S.nerveRoot, axis: 0, from: 42, to: 44 } })
    const bare = await simulateDevice(v, planWith([cryoSet()]), 'cryo-1', SHORT)
    const nerveBare = coldest(bare, /^Coldest nerve roots/)
    expect(nerveBare).toBeLessThan(10)
    expect(
      bare.warnings.some((w) => w.severity === 'critical' && /nerve roots fall to/.test(w.message)),
    ).toBe(true)
    const warm = await simulateDevice(v, planWith([cryoSet()]), 'cryo-1', {
      ...SHORT,
      protections: [
        { kind: 'thermalSaline', id: 'ws-1', pointMm: [6, 15, 0], radiusMm: 3, tempC: 40 },
      ],
    })
    const nerveWarm = coldest(warm, /^Coldest nerve roots/)
    // Saline held at 40 °C between the ice and the nerve warms its coldest voxel by several kelvin.
    expect(nerveWarm - nerveBare).toBeGreaterThan(3)
  }, 900_000)
})

describe('RF in the app', () => {
  it('gives a zone around the active tip with generator charts', async () => {
    const v = uniformVolume({ n: 60 })
    const rf: Device = {
      ...createDevice('rfProbe', [0, 60, 0], [0, 0, 0], { id: 'rf-1' }),
      durationS: 240,
    }
    const r = await simulateDevice(v, planWith([rf]), 'rf-1', { gridMm: 1.5, coolDownS: 30 })
    const vol = r.metrics.find((m) => /^Zone volume/.test(m.label))!.value
    expect(vol).toBeGreaterThan(0.2)
    expect(r.series.map((s) => s.id)).toEqual(expect.arrayContaining(['rf-power', 'rf-tip']))
    const zone = r.overlays.find((o) => o.id === 'zone') as FieldOverlay
    // The zone only grows: the count of Ω ≥ 1 voxels never falls from frame to frame.
    const counts = zone.frames.map((f) => f.data.filter((x) => x >= 0).length)
    for (let n = 1; n < counts.length; n++) {
      expect(counts[n]).toBeGreaterThanOrEqual(counts[n - 1])
    }
    expect(counts[counts.length - 1]).toBeGreaterThan(0)
    expect(r.durationS).toBe(270)
  }, 600_000)
})

describe('rebuilt RF damage frames', () => {
  it('end at the final dose and never decrease', () => {
    const temps = [37, 50, 65, 70, 45].map((t, i) => ({
      timeS: 15 * i,
      tempC: Float32Array.from([37, t, t - 5]),
    }))
    const finalO = Float32Array.from([0, 3.2, 0.7])
    const finalC = Float32Array.from([0, 900, 120])
    const seen: number[] = []
    const frames = damageFrames(
      temps,
      finalO,
      finalC,
      ARRHENIUS_SETS.liver,
      () => true,
      (t) => seen.push(t),
    )
    expect(seen).toEqual([0, 15, 30, 45, 60])
    const last = frames[frames.length - 1]
    expect(Array.from(last.omega)).toEqual(Array.from(finalO))
    expect(last.cem43Min[1]).toBeCloseTo(900, 3)
    for (let i = 1; i < frames.length; i++) {
      for (let q = 0; q < 3; q++) {
        expect(frames[i].omega[q]).toBeGreaterThanOrEqual(frames[i - 1].omega[q])
      }
    }
    expect(frames[0].omega[1]).toBe(0)
  })
})

describe('zone band field', () => {
  it('is continuous with its 0 and 1 levels at the outer and inner edges', () => {
    expect(bandValue(-1, -2)).toBe(-1)
    expect(bandValue(0.5, 0.2)).toBeCloseTo(1.2, 12)
    // Outer edge: the larger model reaches 0.
    expect(bandValue(0, -1)).toBe(0)
    // Inner edge: the smaller model reaches 0 (from inside the band and from inside both zones).
    expect(bandValue(1e-9, -1e-9)).toBeCloseTo(0.5, 6)
    expect(bandValue(1, -1e-9)).toBeCloseTo(1, 6)
    expect(bandValue(1, 0)).toBe(1)
    // Continuous across the outer edge.
    expect(Math.abs(bandValue(1e-6, -1) - bandValue(-1e-6, -1))).toBeLessThan(1e-5)
  })
})
