/** The guided flow's state machine: every step, every transition, back-navigation and try-again. */
import { describe, expect, it } from 'vitest'
import {
  GUIDED_STEPS,
  advanceBlocker,
  guidedCase,
  guidedReducer,
  startGuided,
  type GuidedAction,
  type GuidedState,
  type ScoredPlan,
} from '../../../src/cases/guided'

const g = guidedCase('l3-rcc-lytic')!
const run = (s: GuidedState, ...actions: GuidedAction[]): GuidedState =>
  actions.reduce((acc, a) => guidedReducer(acc, a, g), s)

const scored = (planJson: string, score = 80): ScoredPlan => ({
  score,
  max: 100,
  planJson,
  mistakes: score < 100 ? ['l3-cement-only'] : [],
  failedItems: score < 100 ? ['coverage'] : [],
})

/** Walks a fresh flow to the given step with correct answers. */
function walkTo(step: (typeof GUIDED_STEPS)[number]): GuidedState {
  let s = startGuided(g.caseId)
  const to = GUIDED_STEPS.indexOf(step)
  const sins = g.stability.inputs as unknown as Record<string, string>
  for (let i = 0; i < to; i++) {
    switch (s.step) {
      case 'find':
        s = run(
          s,
          ...g.find.map(
            (t) =>
              ({
                type: 'find',
                attempt: { key: t.key, found: true, clickedName: t.name },
              }) as const,
          ),
        )
        break
      case 'stability':
        s = run(
          s,
          ...Object.entries(sins).map(
            ([item, value]) => ({ type: 'setStability', item, value }) as const,
          ),
          { type: 'submitStability' },
        )
        break
      case 'techniques':
        s = run(
          s,
          { type: 'toggleTechnique', technique: 'radiofrequencyAblation' },
          {
            type: 'setReason',
            technique: 'radiofrequencyAblation',
            reason: 'Intact posterior wall, painful lytic lesion',
          },
          { type: 'submitTechniques' },
        )
        break
      case 'plan':
        s = run(s, { type: 'planChanged', devices: 2, planJson: '{"p":1}' })
        break
      case 'simulate':
        s = run(s, { type: 'scored', scored: scored('{"p":1}') })
        break
      case 'briefing':
      case 'debrief':
        break
    }
    const next = run(s, { type: 'next' })
    expect(next.step, `advance from ${s.step}: ${advanceBlocker(s, g)}`).toBe(GUIDED_STEPS[i + 1])
    s = next
  }
  return s
}

describe('guided flow', () => {
  it('starts at the briefing of attempt 1, and the briefing needs nothing', () => {
    const s = startGuided('l3-rcc-lytic')
    expect(s.step).toBe('briefing')
    expect(s.attempt).toBe(1)
    expect(advanceBlocker(s, g)).toBeNull()
    expect(run(s, { type: 'next' }).step).toBe('find')
  })

  it('walks every step in order to the debrief', () => {
    expect(walkTo('debrief').step).toBe('debrief')
  })

  it('find: needs every structure; wrong clicks are logged but do not count', () => {
    let s = walkTo('find')
    expect(advanceBlocker(s, g)).toMatch(/Find the lesion, the cauda equina/)
    s = run(s, { type: 'find', attempt: { key: 'lesion', found: false, clickedName: 'Muscle' } })
    expect(s.found).toEqual([])
    expect(s.findLog).toHaveLength(1)
    expect(run(s, { type: 'next' })).toBe(s)
    s = run(s, {
      type: 'find',
      attempt: { key: 'lesion', found: true, clickedName: 'Tumour (lytic)' },
    })
    s = run(s, {
      type: 'find',
      attempt: { key: 'lesion', found: true, clickedName: 'Tumour (lytic)' },
    })
    expect(s.found).toEqual(['lesion'])
    // A structure the case does not ask for is ignored.
    expect(
      run(s, { type: 'find', attempt: { key: 'bladder', found: true, clickedName: 'x' } }),
    ).toBe(s)
    expect(advanceBlocker(s, g)).not.toMatch(/lesion/)
  })

  it('stability: needs every item, then a check; changing an item asks for a new check', () => {
    let s = walkTo('stability')
    expect(advanceBlocker(s, g)).toMatch(/every item/)
    expect(run(s, { type: 'submitStability' })).toBe(s)
    for (const [item, value] of Object.entries(g.stability.inputs)) {
      s = run(s, { type: 'setStability', item, value: String(value) })
    }
    expect(advanceBlocker(s, g)).toMatch(/Check your score/)
    s = run(s, { type: 'submitStability' })
    expect(advanceBlocker(s, g)).toBeNull()
    s = run(s, { type: 'setStability', item: 'pain', value: 'none' })
    expect(s.stabilitySubmitted).toBe(false)
    expect(advanceBlocker(s, g)).toMatch(/Check your score/)
    // An invalid value leaves the answer incomplete.
    s = run(s, { type: 'setStability', item: 'pain', value: 'terrible' })
    expect(advanceBlocker(s, g)).toMatch(/every item/)
  })

  it('techniques: needs one choice with a reason, then a check; toggling removes it', () => {
    let s = walkTo('techniques')
    expect(advanceBlocker(s, g)).toMatch(/at least one/)
    s = run(s, { type: 'toggleTechnique', technique: 'vertebroplasty' })
    expect(advanceBlocker(s, g)).toMatch(/reason/)
    s = run(s, { type: 'setReason', technique: 'vertebroplasty', reason: 'short' })
    expect(advanceBlocker(s, g)).toMatch(/at least 10 characters/)
    s = run(s, {
      type: 'setReason',
      technique: 'vertebroplasty',
      reason: 'Mechanical pain, SINS 7',
    })
    expect(advanceBlocker(s, g)).toMatch(/Check your choices/)
    s = run(s, { type: 'submitTechniques' })
    expect(advanceBlocker(s, g)).toBeNull()
    s = run(s, { type: 'toggleTechnique', technique: 'vertebroplasty' })
    expect(s.techniques).toEqual({})
    expect(advanceBlocker(s, g)).toMatch(/at least one/)
    // A technique the case does not offer, and a reason for an unchosen one, are ignored.
    expect(run(s, { type: 'toggleTechnique', technique: 'surgery' })).toBe(s)
    expect(run(s, { type: 'setReason', technique: 'mrgfus', reason: 'abcdefghijkl' })).toBe(s)
  })

  it('plan: needs a device', () => {
    let s = walkTo('plan')
    s = run(s, { type: 'planChanged', devices: 0, planJson: '{}' })
    expect(advanceBlocker(s, g)).toMatch(/at least one device/)
    s = run(s, { type: 'planChanged', devices: 1, planJson: '{"a":1}' })
    expect(advanceBlocker(s, g)).toBeNull()
  })

  it('simulate: needs a score of the current plan; a changed plan makes it stale', () => {
    let s = walkTo('simulate')
    expect(advanceBlocker(s, g)).toMatch(/Score your plan/)
    s = run(s, { type: 'scored', scored: scored('{"p":1}') })
    expect(advanceBlocker(s, g)).toBeNull()
    s = run(s, { type: 'planChanged', devices: 2, planJson: '{"p":2}' })
    expect(advanceBlocker(s, g)).toMatch(/changed since/)
    expect(run(s, { type: 'next' })).toBe(s)
  })

  it('ignores answers sent to the wrong step', () => {
    const s = walkTo('plan')
    expect(run(s, { type: 'setStability', item: 'pain', value: 'none' })).toBe(s)
    expect(run(s, { type: 'toggleTechnique', technique: 'vertebroplasty' })).toBe(s)
    expect(run(s, { type: 'find', attempt: { key: 'lesion', found: true, clickedName: '' } })).toBe(
      s,
    )
    expect(run(s, { type: 'scored', scored: scored('x') })).toBe(s)
    expect(run(s, { type: 'submitStability' })).toBe(s)
    expect(run(s, { type: 'submitTechniques' })).toBe(s)
  })

  it('goes back one step at a time from the debrief to the briefing, keeping the answers', () => {
    let s = walkTo('debrief')
    const seen: string[] = []
    for (let i = GUIDED_STEPS.length - 1; i > 0; i--) {
      s = run(s, { type: 'back' })
      seen.push(s.step)
    }
    expect(seen).toEqual([...GUIDED_STEPS].reverse().slice(1))
    expect(run(s, { type: 'back' })).toBe(s)
    expect(s.found).toHaveLength(g.find.length)
    expect(s.stabilitySubmitted).toBe(true)
    // Forward again without re-answering.
    for (let i = 0; i < GUIDED_STEPS.length - 1; i++) s = run(s, { type: 'next' })
    expect(s.step).toBe('debrief')
    expect(run(s, { type: 'next' })).toBe(s)
    expect(advanceBlocker(s, g)).toMatch(/last step/)
  })

  it('jumps (goto) only to steps already reached', () => {
    let s = walkTo('techniques')
    expect(run(s, { type: 'goto', step: 'debrief' })).toBe(s)
    s = run(s, { type: 'goto', step: 'briefing' })
    expect(s.step).toBe('briefing')
    expect(s.reached).toBe('techniques')
    s = run(s, { type: 'goto', step: 'techniques' })
    expect(s.step).toBe('techniques')
  })

  it('jumps forward only through steps whose requirements still hold', () => {
    let s = walkTo('plan')
    s = run(s, { type: 'goto', step: 'stability' })
    s = run(s, { type: 'setStability', item: 'pain', value: 'none' })
    // The changed answer is not checked yet: the jump stops short and nothing moves.
    expect(run(s, { type: 'goto', step: 'plan' })).toBe(s)
    s = run(s, { type: 'submitStability' }, { type: 'goto', step: 'plan' })
    expect(s.step).toBe('plan')
  })

  it('finish records the attempt once; try again keeps the history and returns to the plan', () => {
    let s = walkTo('debrief')
    s = run(s, { type: 'finish', at: '2026-01-01T00:00:00Z' })
    s = run(s, { type: 'finish', at: '2026-01-01T00:01:00Z' })
    expect(s.history).toHaveLength(1)
    expect(s.history[0]).toMatchObject({
      attempt: 1,
      score: 80,
      max: 100,
      mistakes: ['l3-cement-only'],
      stabilityCorrect: true,
      // Only RF chosen: vertebroplasty and thermal protection are missed.
      techniquesCorrect: false,
    })
    s = run(s, { type: 'tryAgain', at: '2026-01-01T00:02:00Z' })
    expect(s.step).toBe('plan')
    expect(s.attempt).toBe(2)
    expect(s.scored).toBeNull()
    expect(s.history).toHaveLength(1)
    expect(s.found).toHaveLength(g.find.length)
    // Cannot jump back to the old debrief without a new score.
    expect(run(s, { type: 'goto', step: 'debrief' })).toBe(s)
    s = run(
      s,
      { type: 'planChanged', devices: 2, planJson: '{"p":3}' },
      { type: 'next' },
      { type: 'scored', scored: scored('{"p":3}', 100) },
      { type: 'next' },
      { type: 'tryAgain', at: '2026-01-01T00:03:00Z' },
    )
    expect(s.history.map((h) => [h.attempt, h.score])).toEqual([
      [1, 80],
      [2, 100],
    ])
    expect(s.attempt).toBe(3)
  })

  it('try again is only possible from a scored debrief', () => {
    const s = walkTo('simulate')
    expect(run(s, { type: 'tryAgain', at: 'x' })).toBe(s)
  })

  it('a new flow on the same case continues the attempt count from saved history', () => {
    const done = run(walkTo('debrief'), { type: 'finish', at: 't' })
    const again = startGuided(g.caseId, done.history)
    expect(again.attempt).toBe(2)
    expect(again.step).toBe('briefing')
  })
})
