import { beforeAll, describe, expect, it } from 'vitest'
import { phantomToVolume } from '../../../../src/cases/catalog'
import { expertPlan } from '../../../../src/cases/expert'
import { generateCase } from '../../../../src/cases/library'
import { simulateCement } from '../../../../src/cases/simulate/cement'
import { type CementDetail, isCementDetail } from '../../../../src/cases/simulate/cement/detail'
import {
  type ProcedureResult,
  SimCancelled,
  type SimContext,
  silentContext,
} from '../../../../src/cases/simulate/types'
import type { CtVolume } from '../../../../src/cases/volume'
import type { FieldOverlay } from '../../../../src/lib/fieldOverlay'
import type { Device, Plan } from '../../../../src/plan'

interface Loaded {
  volume: CtVolume
  plan: Plan
  trocar: Device
}

function load(caseId: string): Loaded {
  const phantom = generateCase(caseId)
  const plan = expertPlan(caseId, phantom)
  const volume = phantomToVolume(caseId, plan.title, phantom)
  const trocar = plan.devices.find((d) => d.kind === 'cementTrocar')
  if (!trocar) throw new Error(`${caseId}: no trocar in the expert plan`)
  return { volume, plan, trocar }
}

const detailOf = (r: ProcedureResult): CementDetail => {
  if (!isCementDetail(r.detail)) throw new Error('not a cement detail')
  return r.detail
}
const cementOverlay = (r: ProcedureResult): FieldOverlay => {
  const o = r.overlays.find((x) => x.id === 'cement')
  if (!o || o.type !== 'field') throw new Error('no cement overlay')
  return o
}
const voxelMl = (o: FieldOverlay): number =>
  (o.grid.spacingMm[0] * o.grid.spacingMm[1] * o.grid.spacingMm[2]) / 1000

describe('simulateCement on the lumbar case (expert trocar)', () => {
  let l3: Loaded
  let result: ProcedureResult
  const progress: number[] = []
  beforeAll(async () => {
    l3 = load('l3-rcc-lytic')
    const ctx: SimContext = {
      progress: (f) => {
        progress.push(f)
        return true
      },
    }
    result = await simulateCement(l3.volume, l3.plan, l3.trocar, {}, ctx)
  }, 120_000)

  it('injects the planned volume and fills the lesion', () => {
    const d = detailOf(result)
    const last = d.frames[d.frames.length - 1]
    expect(d.endReason).toBe('done')
    expect(last.volumeMl).toBeCloseTo(4.5, 9)
    // The 22 mm lytic lesion (~4 mL) takes most of 4.5 mL of high-viscosity cement: lytic tumour is
    // displaced far more easily than trabecular bone (src/sim/cement/README.md).
    expect(last.lesionFillPct).toBeGreaterThan(60)
    // Bench models fill ~20 % of the body (FACTS §2.1/§2.4); the whole L3 cancellous space is larger.
    expect(last.bodyFillPct).toBeGreaterThan(5)
    expect(last.bodyFillPct).toBeLessThan(40)
    expect(result.metrics.find((m) => m.label === 'Cement injected')?.value).toBeCloseTo(4.5, 9)
  })

  it('keeps the mass: the overlay holds the injected volume in every frame (float32 rounding)', () => {
    const o = cementOverlay(result)
    const d = detailOf(result)
    expect(o.frames.length).toBe(d.frames.length)
    o.frames.forEach((f, n) => {
      let sum = 0
      for (const x of f.data) sum += x
      const ml = sum * voxelMl(o)
      // Float32 voxel fractions: ~1e-7 relative each, summed over a few thousand voxels.
      expect(Math.abs(ml - d.frames[n].volumeMl)).toBeLessThan(1e-4 + 1e-5 * ml)
    })
  })

  it('has frames every 0.25 mL at 3 mL/min, a duration of V/Q and growing fill', () => {
    const d = detailOf(result)
    expect(d.frames.length).toBe(19)
    d.frames.forEach((f, n) => {
      expect(f.volumeMl).toBeCloseTo(0.25 * n, 9)
      expect(f.timeS).toBeCloseTo((0.25 * n * 60) / 3, 6)
    })
    expect(result.durationS).toBeCloseTo((4.5 * 60) / 3, 6)
    for (let n = 1; n < d.frames.length; n++) {
      expect(d.frames[n].lesionFillPct).toBeGreaterThanOrEqual(d.frames[n - 1].lesionFillPct)
    }
    const fill = result.series.find((s) => s.id === 'cement-fill')
    const pressure = result.series.find((s) => s.id === 'cement-pressure')
    expect(fill?.x.length).toBe(19)
    expect(pressure?.y.some((p) => p > 0)).toBe(true)
  })

  it('places the overlay on the CT grid at the stated offset, around the trocar tip', () => {
    const o = cementOverlay(result)
    const d = detailOf(result)
    const g = l3.volume.geometry
    for (let a = 0; a < 3; a++) {
      expect(o.grid.spacingMm[a]).toBe(g.spacingMm[a])
      expect(o.grid.originMm[a]).toBeCloseTo(g.originMm[a] + d.ctOffsetIjk[a] * g.spacingMm[a], 6)
      const lo = o.grid.originMm[a]
      const hi = lo + (o.grid.dims[a] - 1) * o.grid.spacingMm[a]
      expect(l3.trocar.tipMm[a]).toBeGreaterThan(lo)
      expect(l3.trocar.tipMm[a]).toBeLessThan(hi)
    }
    expect(o.source.length).toBeGreaterThan(40)
    expect(o.uncertainty).toMatch(/\d/)
    expect(o.contours.some((c) => c.show3d)).toBe(true)
    expect(progress.length).toBeGreaterThan(10)
    expect(progress[progress.length - 1]).toBe(1)
  })

  it('stops where the trainee stops: the run ends at that volume and says so', async () => {
    const r = await simulateCement(l3.volume, l3.plan, l3.trocar, { stopAtMl: 2 }, silentContext)
    const d = detailOf(r)
    expect(d.stoppedAtMl).toBe(2)
    expect(d.endReason).toBe('stopped')
    expect(d.frames[d.frames.length - 1].volumeMl).toBeCloseTo(2, 9)
    expect(r.verdict).toContain('2.0 mL injected (stopped)')
  }, 60_000)

  it('is cancellable through its context', async () => {
    let calls = 0
    const ctx: SimContext = { progress: () => ++calls < 5 }
    await expect(simulateCement(l3.volume, l3.plan, l3.trocar, {}, ctx)).rejects.toBeInstanceOf(
      SimCancelled,
    )
  }, 60_000)

  it('refuses absurd input with a plain message', async () => {
    const run = (device: Device, options = {}) =>
      simulateCement(l3.volume, l3.plan, device, options, silentContext)
    await expect(run(l3.trocar, { volumeMl: 80 })).rejects.toThrow(/between 0.1 and 30 mL/)
    await expect(run(l3.trocar, { startAfterMixingS: 1500 })).rejects.toThrow(/has set/)
    await expect(run(l3.trocar, { viscosity: 'jelly' })).rejects.toThrow(/Unknown cement viscosity/)
    const outside: Device = { ...l3.trocar, tipMm: [900, 900, 900] }
    await expect(run(outside)).rejects.toThrow(/outside the scan/)
    // A tip in the paraspinal muscle, a third of the way along the trocar from the skin.
    const t = l3.trocar
    const inMuscle: Device = {
      ...t,
      tipMm: [0, 1, 2].map((a) => t.entryMm[a] + 0.2 * (t.tipMm[a] - t.entryMm[a])) as [
        number,
        number,
        number,
      ],
    }
    await expect(run(inMuscle)).rejects.toThrow(/not in cancellous bone/)
  }, 60_000)
})

describe('simulateCement on the T11 posterior-wall breach', () => {
  it('leaks toward the canal with thin, early cement and a larger volume; the plan is not acceptable', async () => {
    const t11 = load('t11-breast-breach')
    const r = await simulateCement(
      t11.volume,
      t11.plan,
      t11.trocar,
      { viscosity: 'low', startAfterMixingS: 120, volumeMl: 5 },
      silentContext,
    )
    const last = detailOf(r).frames.at(-1)!
    // The epidural tumour extension behind the breach is a canal leak route (FACTS §2.2, Tang 2022).
    expect(last.leakMl.epidural ?? 0).toBeGreaterThan(0.05)
    expect(last.canalDistanceMm).toBe(0)
    expect(r.acceptable).toBe(false)
    const canal = r.warnings.find((w) => w.message.includes('spinal canal'))
    expect(canal?.severity).toBe('critical')
    expect(canal?.atMm).toHaveLength(3)
    const leaks = r.overlays.find((o) => o.id === 'cement-leaks')
    expect(leaks?.type).toBe('field')
  }, 120_000)
})
