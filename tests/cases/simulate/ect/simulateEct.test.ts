/**
 * ECT simulation on the sacral-ala case: coverage verdicts for the expert geometry and for deliberately
 * under-covering plans (1000 V/cm, an electrode pulled out, the array spread too wide), with where the gap is; bad
 * input gives plain-words errors. Full non-linear σ(E) runs (10–40 s each on the 2-core machine).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { generateCatalogVolume } from '../../../../src/cases/catalog'
import { expertPlan } from '../../../../src/cases/expert'
import { generateCase } from '../../../../src/cases/library'
import { simulateDevice, type ProcedureResult } from '../../../../src/cases/simulate'
import type { EctDetail } from '../../../../src/cases/simulate/ect'
import type { CtVolume } from '../../../../src/cases/volume'
import { add, distance, normalize, scale, sub, type Vec3 } from '../../../../src/lib/vec3'
import { PlanSchema, type DeviceOf, type Plan } from '../../../../src/plan'

type Ect = DeviceOf<'ectElectrodeSet'>
const ID = 'sacral-ala-ect'
let volume: CtVolume
let expert: Plan

beforeAll(() => {
  volume = generateCatalogVolume(ID)
  expert = expertPlan(ID, generateCase(ID))
}, 60_000)

/** The plan with the ECT set edited; the result must pass the schema. */
function withSet(plan: Plan, edit: (d: Ect) => Ect): Plan {
  const out = {
    ...plan,
    devices: plan.devices.map((d) => (d.kind === 'ectElectrodeSet' ? edit(d) : d)),
  }
  expect(PlanSchema.safeParse(out).success).toBe(true)
  return out
}

const atRatio =
  (f: number) =>
  (d: Ect): Ect => ({
    ...d,
    sequence: d.sequence.map((p) => ({
      ...p,
      voltageV: Math.min(3000, Math.round(p.voltageV * f)),
    })),
  })

const run = async (plan: Plan): Promise<{ r: ProcedureResult; d: EctDetail }> => {
  const r = await simulateDevice(volume, plan, 'ect-1')
  return { r, d: r.detail as EctDetail }
}

const mid = (e: { entryMm: Vec3; tipMm: Vec3 }): Vec3 => scale(add(e.entryMm, e.tipMm), 0.5)

describe('simulateEct on the sacral-ala case', () => {
  it('the shipped expert plan (1300 V/cm) covers the whole tumour, within the generator limits', async () => {
    const set = expert.devices.find((x) => x.kind === 'ectElectrodeSet') as Ect
    for (const p of set.sequence) {
      const gapMm = distance(mid(set.electrodes[p.anode]), mid(set.electrodes[p.cathode]))
      expect(p.voltageV / (gapMm / 10)).toBeGreaterThanOrEqual(1300)
    }
    const { r, d } = await run(expert)
    expect(r.procedure).toBe('ect')
    expect(d.coveragePct).toBeGreaterThanOrEqual(99)
    expect(d.complete).toBe(true)
    expect(r.acceptable).toBe(true)
    expect(r.verdict).toMatch(/^Complete coverage/)
    expect(d.maxCurrentA).toBeLessThan(d.generatorMaxCurrentA)
    expect(d.pairs).toHaveLength(12)
    for (const p of d.pairs) expect(p.converged).toBe(true)
    const field = r.overlays.find((o) => o.id === 'field')
    expect(field?.type).toBe('field')
    if (field?.type === 'field') {
      expect(field.unit).toBe('V/cm')
      expect(field.contours.map((c) => c.level)).toEqual([400, 800])
      expect(field.contours.every((c) => c.show3d)).toBe(true)
      expect(field.source).toMatch(/FACTS §4.2/)
    }
  }, 240_000)

  it('the expert geometry at 1000 V/cm over 19 mm gaps falls short: U/d overstates the local field', async () => {
    const { r, d } = await run(withSet(expert, atRatio(1000 / 1300)))
    // FACTS §4.2 (Čorović 2007): U/d is not the local field. Thin needles 19 mm apart at 1000 V/cm give
    // ~600 V/cm midway and less at the tumour's far edge.
    expect(d.naiveMeanVPerCm).toBeGreaterThan(990)
    expect(d.naiveMeanVPerCm).toBeLessThan(1100)
    expect(d.edgeP5VPerCm).toBeLessThan(0.6 * d.naiveMeanVPerCm)
    expect(d.coveragePct).toBeGreaterThan(85)
    expect(d.complete).toBe(false)
    expect(r.acceptable).toBe(false)
    expect(r.warnings.some((w) => w.severity === 'critical' && w.atMm)).toBe(true)
    expect(d.gap).not.toBeNull()
    expect(r.verdict).toMatch(/^Incomplete coverage.*largest gap/)
  }, 240_000)

  it('an electrode pulled out by 20 mm leaves a gap on its side', async () => {
    // e7 sits on the tumour's right side, where the margin is thinnest.
    const pulled = 6
    const plan = withSet(expert, (d) => ({
      ...d,
      electrodes: d.electrodes.map((e, n) => {
        if (n !== pulled) return e
        const back = scale(normalize(sub(e.entryMm, e.tipMm)), 20)
        return { ...e, tipMm: add(e.tipMm, back) as [number, number, number] }
      }),
    }))
    const { r, d } = await run(plan)
    expect(d.complete).toBe(false)
    expect(d.coveragePct).toBeLessThan(99)
    expect(r.verdict).toMatch(/^Incomplete coverage/)
    expect(d.gap).not.toBeNull()
    const crit = r.warnings.find((w) => w.severity === 'critical' && w.atMm)
    expect(crit?.message).toMatch(/largest gap/i)
    // The gap lies nearer the pulled electrode's original tip than the opposite rim electrode's.
    const set = plan.devices[0] as Ect
    const opposite = set.electrodes[((pulled - 1 + 3) % 6) + 1]
    const original = (expert.devices[0] as Ect).electrodes[pulled]
    expect(distance(d.gap!.atMm, original.tipMm)).toBeLessThan(
      distance(d.gap!.atMm, opposite.tipMm),
    )
  }, 240_000)

  it('the array spread 1.5× at the same voltages is incomplete, with the gap located', async () => {
    const plan = withSet(expert, (d) => {
      const c = mid(d.electrodes[0])
      const spread = (p: Vec3): [number, number, number] => {
        const q = add(c, scale(sub(p, c), 1.5))
        return [q[0], q[1], q[2]]
      }
      const axis = sub(d.electrodes[0].tipMm, d.electrodes[0].entryMm)
      return {
        ...d,
        electrodes: d.electrodes.map((e) => {
          // Spread across the axis only: move each needle's middle outwards, keep its direction.
          const m = spread(mid(e))
          const half = scale(axis, 0.5)
          return {
            ...e,
            entryMm: sub(m, half) as [number, number, number],
            tipMm: add(m, half) as [number, number, number],
          }
        }),
      }
    })
    const { r, d } = await run(plan)
    expect(d.complete).toBe(false)
    expect(d.coveragePct).toBeLessThan(97)
    expect(d.gap?.volumeMl).toBeGreaterThan(0)
    expect(r.warnings.find((w) => w.severity === 'critical')?.atMm).toBeDefined()
  }, 240_000)

  it('refuses electrodes outside the scan and scans without labels in plain words', async () => {
    const far = withSet(expert, (d) => {
      const shift = (p: Vec3): [number, number, number] => [p[0] + 2000, p[1], p[2]]
      return {
        ...d,
        entryMm: shift(d.entryMm),
        tipMm: shift(d.tipMm),
        electrodes: d.electrodes.map((e) => ({
          ...e,
          entryMm: shift(e.entryMm),
          tipMm: shift(e.tipMm),
        })),
      }
    })
    await expect(simulateDevice(volume, far, 'ect-1')).rejects.toThrow(/outside the scan/)
    const { labels: _labels, ...unlabelled } = volume
    await expect(simulateDevice(unlabelled, expert, 'ect-1')).rejects.toThrow(/no tissue labels/)
  }, 60_000)
})
