import { beforeAll, describe, expect, it } from 'vitest'
import { simulateDevice } from '../../../../src/cases/simulate'
import type { EmbolizationDetail } from '../../../../src/cases/simulate/embolization'
import type { CtVolume } from '../../../../src/cases/volume'
import type { Plan } from '../../../../src/plan'
import {
  type Catheter,
  catheterAt,
  foramenFraction,
  planWith,
  setupT12,
  withAdamkiewiczFrom,
} from './fixture'

let volume: CtVolume
let plan: Plan
let catheter: Catheter
beforeAll(() => {
  ;({ volume, plan, catheter } = setupT12())
}, 120_000)

const AGENTS: Catheter['agent'][] = [
  { kind: 'particles', sizeMinUm: 300, sizeMaxUm: 500 },
  { kind: 'glue', nbcaPercent: 33 },
  { kind: 'gelfoam', form: 'slurry' },
  { kind: 'coils', count: 2, diameterMm: 3 },
]

const criticalOf = (r: { warnings: readonly { severity: string; message: string }[] }) =>
  r.warnings.filter((w) => w.severity === 'critical').map((w) => w.message)

describe('the segmental artery that gives the artery of Adamkiewicz', () => {
  it('every plan from it, proximal to the branch, is refused with the reason (4 agents × 4 tips)', async () => {
    const feeding = volume.vessels!.find((v) => v.feedsAdamkiewicz === true)!
    const fEnd = foramenFraction(volume, feeding)
    for (const agent of AGENTS) {
      for (const k of [0.05, 0.35, 0.65, 0.95]) {
        const c = catheterAt(volume, catheter, feeding.id, k * fEnd, { agent })
        const r = await simulateDevice(volume, planWith(plan, [c]), c.id)
        expect(r.acceptable, `${agent.kind} at ${k}`).toBe(false)
        expect(criticalOf(r).join(' '), `${agent.kind} at ${k}`).toMatch(/Adamkiewicz/)
        expect((r.detail as EmbolizationDetail).refused).toBe(true)
      }
    }
  }, 60_000)

  it('at every level and side it is moved to, the plan from its segmental artery is refused, the contralateral one is not', async () => {
    const segmentals = volume.vessels!.filter(
      (v) =>
        (v.kind === 'intercostalArtery' || v.kind === 'lumbarArtery') &&
        volume.landmarks?.[`${v.level}.segmentalArtery.${v.side}`] !== undefined,
    )
    // T8–L2 on both sides: the levels the published distribution covers (Taterra 2019: T8–L1 89 %).
    expect(segmentals.length).toBeGreaterThanOrEqual(14)
    for (const s of segmentals) {
      const moved = withAdamkiewiczFrom(volume, s.id)
      const tip = 0.3 * foramenFraction(moved, s)
      const c = catheterAt(moved, catheter, s.id, tip)
      const r = await simulateDevice(moved, planWith(plan, [c]), c.id)
      expect(criticalOf(r).join(' '), s.id).toMatch(/Adamkiewicz/)
      const other = moved.vessels!.find(
        (v) => v.level === s.level && v.side !== s.side && v.kind === s.kind,
      )!
      const c2 = catheterAt(moved, catheter, other.id, 0.3 * foramenFraction(moved, other))
      const r2 = await simulateDevice(moved, planWith(plan, [c2]), c2.id)
      expect(
        criticalOf(r2).filter((m) => /spinal cord|Adamkiewicz/.test(m)),
        other.id,
      ).toEqual([])
    }
  }, 120_000)

  it('a tip beyond the branch warns (same level), and overfilling it refluxes into the cord supply', async () => {
    const feeding = volume.vessels!.find((v) => v.feedsAdamkiewicz === true)!
    const beyond = foramenFraction(volume, feeding) + 0.01
    const c = catheterAt(volume, catheter, feeding.id, beyond, { volumeMl: 2 })
    const r = await simulateDevice(volume, planWith(plan, [c]), c.id)
    expect(
      r.warnings.some((w) => w.severity === 'warning' && /radiculomedullary/.test(w.message)),
    ).toBe(true)
    const flood = { ...c, volumeMl: 20 }
    const r2 = await simulateDevice(volume, planWith(plan, [flood]), c.id)
    expect(r2.acceptable).toBe(false)
    expect(criticalOf(r2).join(' ')).toMatch(/spinal cord|Adamkiewicz|aorta/)
  }, 30_000)
})
