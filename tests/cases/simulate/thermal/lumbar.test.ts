/**
 * Thermal simulation on the lumbar teaching case (l3-rcc-lytic): the expert plan's microwave antenna
 * covers the lesion and, with its epidural CO₂, keeps the cord and roots below 45 °C (acceptable); without
 * the CO₂ the roots overheat; the same antenna moved against the canal raises the cord warning;
 * thermocouples plot their curve.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { add, scale, sub, type Vec3 } from '../../../../src/lib/vec3'
import { phantomToVolume } from '../../../../src/cases/catalog'
import { expertPlan } from '../../../../src/cases/expert'
import { generateCase } from '../../../../src/cases/library'
import { simulateDevice, type ProcedureResult } from '../../../../src/cases/simulate'
import { isThermalDetail } from '../../../../src/cases/simulate/thermal/detail'
import type { CtVolume } from '../../../../src/cases/volume'
import type { Plan } from '../../../../src/plan'
import { metric } from './metricOf'

const CASE = 'l3-rcc-lytic'
let volume: CtVolume
let plan: Plan
let landmarks: Record<string, Vec3>
let expert: ProcedureResult

beforeAll(async () => {
  const phantom = generateCase(CASE)
  volume = phantomToVolume(CASE, 'test', phantom)
  plan = expertPlan(CASE, phantom)
  landmarks = phantom.landmarks
  expert = await simulateDevice(volume, plan, 'mw-1')
}, 600_000)

describe('lumbar expert microwave plan', () => {
  it('covers the lesion and keeps the cord and roots below 45 °C: acceptable', () => {
    expect(expert.procedure).toBe('thermal')
    // The expert antenna (30 W, 10 min) treats at least 95 % of the lytic lesion (measured 99.0 %).
    expect(metric(expert, /^Target coverage/)).toBeGreaterThan(95)
    expect(metric(expert, /^Hottest spinal cord/)).toBeLessThan(45)
    // Measured 39.6 °C with the 10 mL epidural CO₂ (51.2 °C without it, next test).
    expect(metric(expert, /^Hottest nerve roots/)).toBeLessThan(45)
    expect(expert.warnings.filter((w) => w.severity === 'critical')).toEqual([])
    expect(expert.acceptable).toBe(true)
    // Zone volume: the calibrated, desiccating dual-slot source at 30 W × 10 min makes ~31 mL here.
    const zone = metric(expert, /^Zone volume/)
    expect(zone).toBeGreaterThan(15)
    expect(zone).toBeLessThan(45)
  })

  it('without the epidural CO₂ the roots pass 45 °C (the protection is what makes it safe)', async () => {
    const bare: Plan = {
      ...plan,
      protections: plan.protections.filter((p) => p.kind !== 'co2Dissection'),
    }
    const r = await simulateDevice(volume, bare, 'mw-1')
    expect(metric(r, /^Hottest nerve roots/)).toBeGreaterThan(45)
    expect(r.acceptable).toBe(false)
  }, 600_000)

  it('plots the plan thermocouple at the foramen and reports its peak', () => {
    const tc = expert.series.find((s) => s.id === 'tc-tc-1')
    expect(tc).toBeDefined()
    expect(tc!.x.length).toBe(tc!.y.length)
    expect(tc!.y[0]).toBeCloseTo(37, 1)
    const peak = Math.max(...tc!.y)
    expect(peak).toBeGreaterThan(38)
    expect(isThermalDetail(expert.detail)).toBe(true)
    if (isThermalDetail(expert.detail)) {
      expect(expert.detail.thermocouples[0].inRoi).toBe(true)
      expect(expert.detail.thermocouples[0].extremeC).toBeCloseTo(peak, 6)
    }
  })

  it('names the near-field desiccation model and its range in the overlays and the model note', () => {
    const temperature = expert.overlays.find((o) => o.id === 'temperature')
    expect(temperature).toBeDefined()
    expect(temperature!.source).toMatch(/desiccation.*Ji & Brace 2011/)
    expect(temperature!.uncertainty).toMatch(/desiccation drop ×0\.5–1\.2/)
    expect(expert.modelNote).toMatch(/dries/)
  })

  it('has a dose–volume chart of the target that falls from 100 %', () => {
    const dv = expert.series.find((s) => s.id === 'dv-target')
    expect(dv).toBeDefined()
    const y = dv!.y
    for (let n = 1; n < y.length; n++) expect(y[n]).toBeLessThanOrEqual(y[n - 1] + 1e-9)
    expect(y[0]).toBeGreaterThan(95)
  })

  it('raises the cord warning when the antenna is moved against the canal', async () => {
    const canal = landmarks['L3.canalCentre']
    const body = landmarks['L3.bodyCentre']
    // 40 % of the way from the canal centre to the body centre: the back of the body, at the wall.
    const tip = add(canal, scale(sub(body, canal), 0.4))
    const mw = plan.devices.find((d) => d.id === 'mw-1')!
    const moved: Plan = {
      ...plan,
      // Without the expert's CO₂ (it would insulate the canal here too).
      protections: plan.protections.filter((p) => p.kind !== 'co2Dissection'),
      devices: plan.devices.map((d) =>
        d.id === 'mw-1' ? { ...mw, tipMm: [tip[0], tip[1], tip[2]] } : d,
      ),
    }
    const r = await simulateDevice(volume, moved, 'mw-1', { powerW: 40, durationS: 300 })
    const cord = r.warnings.find(
      (w) => w.severity === 'critical' && /spinal cord .* reach .* °C/.test(w.message),
    )
    expect(cord).toBeDefined()
    expect(cord!.atMm).toBeDefined()
    expect(r.acceptable).toBe(false)
    expect(metric(r, /^Hottest spinal cord/)).toBeGreaterThan(45)
    expect(r.warnings.some((w) => /40 W next to the spinal canal/.test(w.message))).toBe(true)
  }, 600_000)
})
