/**
 * Every built-in case's guided path against its phantom: the structures to find exist in the labels, the
 * stability answer matches the phantom spec and FACTS.md §6, and every seeded mistake, run through the
 * case's scoring, loses points and is named by the debrief (while the expert plan shows none).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { expertPlan, scoreCasePlan, type CaseScore } from '../../../src/cases/expert'
import {
  GUIDED_CASES,
  checkFind,
  countTargetVoxels,
  guidedCase,
  matchMistakes,
  reviewStability,
} from '../../../src/cases/guided'
import { generateCase, getCase, listCases } from '../../../src/cases/library'
import type { Phantom } from '../../../src/cases/phantom'
import { PlanSchema, type Plan } from '../../../src/plan'
import { mirelsScore, sinsLocationOf, sinsScore } from '../../../src/plan/teaching'

/** Expected totals, worked by hand from FACTS.md §6.1/§6.2 and each vignette (see the case files). */
const EXPECTED_TOTAL: Record<string, number> = {
  'l3-rcc-lytic': 7,
  't11-breast-breach': 6,
  'acetabulum-lung-cryo': 11,
  'iliac-wing-mrgfus': 10,
  't12-rcc-embolization': 8,
  'sacral-ala-ect': 5,
}

describe('guided case list', () => {
  it('has a guided path for every built-in teaching case', () => {
    expect(GUIDED_CASES.map((g) => g.caseId).sort()).toEqual(
      listCases()
        .map((c) => c.id)
        .sort(),
    )
  })

  it.each(GUIDED_CASES.map((g) => [g.caseId, g] as const))(
    '%s: ≥ 3 mistakes, recommended techniques, sourced facts',
    (id, g) => {
      expect(g.mistakes.length).toBeGreaterThanOrEqual(3)
      expect(new Set(g.mistakes.map((m) => m.id)).size).toBe(g.mistakes.length)
      expect(g.techniques.some((t) => t.verdict === 'recommended')).toBe(true)
      expect(g.find[0]?.key).toBe('lesion')
      const refs = [
        g.stability.ref,
        ...g.techniques.map((t) => t.ref),
        ...g.literature.map((l) => l.ref),
        ...g.mistakes.map((m) => m.ref),
      ]
      for (const r of refs) expect(r.section).toMatch(/^§\d/)
      expect(g.literature.length).toBeGreaterThan(0)
      // Every technique offered is one the case library knows for this case, or a plausible distractor.
      const known = getCase(id)?.techniques ?? []
      for (const t of known) expect(g.techniques.map((o) => o.technique)).toContain(t)
    },
  )

  it('returns undefined for a case without a guided path', () => {
    expect(guidedCase('synthetic')).toBeUndefined()
  })
})

describe.each(GUIDED_CASES.map((g) => [g.caseId] as const))('%s guided path', (id) => {
  const g = guidedCase(id)!
  let phantom: Phantom
  let expert: Plan
  let expertScore: CaseScore
  beforeAll(() => {
    phantom = generateCase(id)
    expert = expertPlan(id, phantom)
    expertScore = scoreCasePlan(id, expert, phantom)
  }, 120_000)

  it('asks only for structures that exist in the volume, and finds the lesion at its centre', () => {
    for (const t of g.find) expect(countTargetVoxels(phantom, t.key), t.key).toBeGreaterThan(0)
    const lesion = g.find[0]
    expect(checkFind(phantom, lesion, phantom.lesions[0].centreMm).found).toBe(true)
    // 15 cm in front of the lesion is not the lesion.
    const c = phantom.lesions[0].centreMm
    const off = checkFind(phantom, lesion, [c[0], c[1] - 150, c[2]])
    expect(off.found).toBe(false)
    expect(off.message).toMatch(/Not quite/)
  })

  it(`has the stability total ${EXPECTED_TOTAL[id]} and the inputs the phantom shows`, () => {
    const st = g.stability
    const spec = (getCase(id)?.phantom.spec.lesions ?? [])[0]
    const kind = spec.kind
    if (st.system === 'sins') {
      expect(sinsScore(st.inputs).total).toBe(EXPECTED_TOTAL[id])
      expect(st.inputs.location).toBe(sinsLocationOf(spec.bone === 'sacrum' ? 'S1' : spec.bone))
      expect(st.inputs.boneLesion).toBe(kind)
      expect(st.inputs.posterolateral).toBe(spec.pedicleInvolvement ? 'unilateral' : 'none')
      const collapse = spec.collapsePercent ?? 0
      expect(['over50', 'under50'].includes(st.inputs.collapse)).toBe(collapse > 0)
      expect(st.inputs.alignment).toBe('normal')
    } else {
      expect(mirelsScore(st.inputs).total).toBe(EXPECTED_TOTAL[id])
      expect(st.inputs.type).toBe(kind)
      expect(st.applicability).toMatch(/long bones/)
    }
    // The case's own answer reviewed against itself is all correct.
    const draft = st.inputs as unknown as Record<string, string>
    const fb = reviewStability(st, draft)
    expect(fb.allCorrect).toBe(true)
    expect(fb.caseTotal).toBe(EXPECTED_TOTAL[id])
    for (const it of fb.items) expect(it.reason.length).toBeGreaterThan(10)
  })

  it('the expert plan scores full marks and shows none of the seeded mistakes', () => {
    expect(expertScore.score.score).toBe(expertScore.score.max)
    expect(matchMistakes(g, expertScore.score, expert)).toEqual([])
  })

  it.each(g.mistakes.map((m) => [m.id, m] as const))(
    'mistake %s loses points and the debrief names it',
    (_mid, m) => {
      const wrong = m.build(expert, phantom)
      const parsed = PlanSchema.safeParse(wrong)
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
      const s = scoreCasePlan(id, wrong, phantom)
      expect(s.score.score).toBeLessThan(expertScore.score.score)
      const failed = s.score.items.filter((i) => !i.passed).map((i) => i.id)
      for (const item of m.signature.failedItems) expect(failed, item).toContain(item)
      // Recognised as exactly this mistake, not confused with another one of the case.
      expect(matchMistakes(g, s.score, wrong).map((x) => x.id)).toEqual([m.id])
      expect(m.explanation.length).toBeGreaterThan(40)
    },
    60_000,
  )
})
