/** Shared helpers of the expert-plan tests: one phantom per test file, plan edits and score lookups. */
import { expect } from 'vitest'
import { expertPlan, scoreCasePlan, type CaseScore } from '../../../src/cases/expert'
import { generateCase } from '../../../src/cases/library'
import type { Phantom } from '../../../src/cases/phantom'
import { PlanSchema, type Device, type Plan } from '../../../src/plan'

/** Generates the case's phantom and expert plan once (generation takes a few seconds). */
export function setupCase(caseId: string): { phantom: Phantom; plan: Plan; expert: CaseScore } {
  const phantom = generateCase(caseId)
  const plan = expertPlan(caseId, phantom)
  return { phantom, plan, expert: scoreCasePlan(caseId, plan, phantom) }
}

/** A copy of the plan with device `id` changed by `edit`; the result must still pass the schema. */
export function withDevice(plan: Plan, id: string, edit: (d: Device) => Device): Plan {
  const out: Plan = { ...plan, devices: plan.devices.map((d) => (d.id === id ? edit(d) : d)) }
  expect(PlanSchema.safeParse(out).success).toBe(true)
  return out
}

/** The scored item with that id. */
export function itemOf(
  s: CaseScore,
  id: string,
): { passed: boolean; gained: number; max: number; reason: string } {
  const it = s.score.items.find((i) => i.id === id)
  if (!it) throw new Error(`no rubric item "${id}"`)
  return it
}

/** Asserts the expert plan's basic properties: schema, no critical finding, full marks. */
export function expectExpert(c: { plan: Plan; expert: CaseScore }): void {
  expect(PlanSchema.safeParse(c.plan).success).toBe(true)
  for (const t of c.expert.result.trajectories) expect(t.report.worstSeverity).not.toBe('critical')
  const failed = c.expert.score.items.filter((i) => !i.passed).map((i) => `${i.id}: ${i.reason}`)
  expect(failed).toEqual([])
  expect(c.expert.score.score).toBe(c.expert.score.max)
}

/** Asserts a wrong plan lost the item's points with a reason containing `text`, and kept fewer points overall. */
export function expectLost(
  caseId: string,
  c: { phantom: Phantom; expert: CaseScore },
  wrong: Plan,
  id: string,
  text: RegExp,
): CaseScore {
  const s = scoreCasePlan(caseId, wrong, c.phantom)
  const it = itemOf(s, id)
  expect(it.passed).toBe(false)
  expect(it.gained).toBeLessThan(it.max)
  expect(it.reason).toMatch(text)
  expect(s.score.score).toBeLessThan(c.expert.score.score)
  return s
}
