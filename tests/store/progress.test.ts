/** Progress kept in the browser: pure record logic, the in-memory adapter, and the guided slice on top. */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AttemptRecord } from '../../src/cases/guided'
import { guidedCase } from '../../src/cases/guided'
import { expertPlan } from '../../src/cases/expert'
import { generateCase } from '../../src/cases/library'
import type { Plan } from '../../src/plan'
import { createAppStore } from '../../src/store/appStore'
import {
  addAttempt,
  emptyProgress,
  memoryProgressStorage,
  parseProgress,
  progressFromJson,
  progressStorage,
  progressToJson,
  setProgressStorage,
  summariseProgress,
} from '../../src/store/progress'

const rec = (attempt: number, score: number, max = 100): AttemptRecord => ({
  attempt,
  score,
  max,
  mistakes: [],
  failedItems: [],
  stabilityCorrect: true,
  techniquesCorrect: false,
  finishedAt: `2026-01-0${attempt}T00:00:00Z`,
  planJson: '{}',
})

describe('progress records', () => {
  it('adds attempts per case in attempt order, idempotently', () => {
    let d = emptyProgress()
    d = addAttempt(d, 'l3-rcc-lytic', rec(2, 90))
    d = addAttempt(d, 'l3-rcc-lytic', rec(1, 50))
    d = addAttempt(d, 'l3-rcc-lytic', rec(1, 50))
    d = addAttempt(d, 't11-breast-breach', rec(1, 30))
    expect(d.cases['l3-rcc-lytic'].map((a) => a.attempt)).toEqual([1, 2])
    expect(summariseProgress(d)).toEqual([
      { caseId: 'l3-rcc-lytic', attempts: 2, best: 0.9, latest: 0.9 },
      { caseId: 't11-breast-breach', attempts: 1, best: 0.3, latest: 0.3 },
    ])
  })

  it('exports JSON that reads back, and says it stays in the browser', () => {
    const d = addAttempt(emptyProgress(), 'l3-rcc-lytic', rec(1, 70))
    const text = progressToJson(d, '2026-11-26T00:00:00Z')
    expect(JSON.parse(text)).toMatchObject({ kind: 'osteoplan-progress', version: 1 })
    expect(text).toMatch(/Kept only in this browser/)
    const back = progressFromJson(text)
    expect(back.ok && back.data).toEqual(d)
  })

  it('rejects malformed progress with a reason', () => {
    expect(progressFromJson('nope')).toEqual({ ok: false, error: 'The file is not JSON.' })
    const bad = parseProgress({ version: 1, cases: { x: [{ attempt: 0 }] } })
    expect(bad.ok).toBe(false)
    expect(!bad.ok && bad.error).toMatch(/cases\.x\.0/)
    expect(parseProgress({ version: 9, cases: {} }).ok).toBe(false)
  })

  it('memory storage round-trips a deep copy', async () => {
    const s = memoryProgressStorage()
    const d = addAttempt(emptyProgress(), 'a', rec(1, 10))
    await s.save(d)
    const loaded = await s.load()
    expect(loaded).toEqual(d)
    expect(loaded).not.toBe(d)
  })

  it('falls back to memory where there is no IndexedDB (Node, jsdom)', () => {
    setProgressStorage(null)
    expect(typeof indexedDB).toBe('undefined')
    expect(progressStorage().kind).toBe('memory')
  })
})

describe('guided slice', () => {
  let expert: Plan
  beforeAll(() => {
    expert = expertPlan('l3-rcc-lytic', generateCase('l3-rcc-lytic'))
  }, 60_000)
  let storage: ReturnType<typeof memoryProgressStorage>
  beforeEach(() => {
    storage = memoryProgressStorage(addAttempt(emptyProgress(), 'l3-rcc-lytic', rec(1, 40)))
    setProgressStorage(storage)
  })

  it('refuses a case without a guided path with a clear message', async () => {
    const st = createAppStore()
    st.setState({ caseId: 'synthetic' })
    await st.getState().startGuidedCase()
    expect(st.getState().guided).toBeNull()
    expect(st.getState().error).toMatch(/no guided path/)
  })

  it('starts on the current case with the saved history, and exits', async () => {
    const st = createAppStore()
    await st.getState().startGuidedCase()
    const g = st.getState().guided!
    expect(g.caseId).toBe('l3-rcc-lytic')
    expect(g.step).toBe('briefing')
    expect(g.attempt).toBe(2)
    st.getState().exitGuided()
    expect(st.getState().guided).toBeNull()
  })

  it('scores a plan, names the seeded mistake, saves the finished attempt and exports it', async () => {
    const st = createAppStore()
    await st.getState().startGuidedCase()
    const g = guidedCase('l3-rcc-lytic')!
    const s = st.getState()
    // Walk to the plan step with the case's own answers.
    s.guidedDispatch({ type: 'next' })
    for (const t of g.find) {
      s.guidedDispatch({ type: 'find', attempt: { key: t.key, found: true, clickedName: t.name } })
    }
    s.guidedDispatch({ type: 'next' })
    for (const [item, value] of Object.entries(g.stability.inputs)) {
      s.guidedDispatch({ type: 'setStability', item, value: String(value) })
    }
    s.guidedDispatch({ type: 'submitStability' })
    s.guidedDispatch({ type: 'next' })
    s.guidedDispatch({ type: 'toggleTechnique', technique: 'vertebroplasty' })
    s.guidedDispatch({ type: 'setReason', technique: 'vertebroplasty', reason: 'Mechanical pain' })
    s.guidedDispatch({ type: 'submitTechniques' })
    s.guidedDispatch({ type: 'next' })
    expect(st.getState().guided!.step).toBe('plan')
    // Cement only: the seeded "cement without ablation" mistake.
    const cementOnly: Plan = {
      ...expert,
      devices: expert.devices.filter((d) => d.kind === 'cementTrocar'),
    }
    s.loadPlan(cementOnly, 'test')
    s.guidedDispatch({ type: 'planChanged', devices: 1, planJson: JSON.stringify(1) })
    s.guidedDispatch({ type: 'next' })
    await st.getState().guidedScorePlan()
    const scored = st.getState().guided!.scored!
    expect(scored.mistakes).toContain('l3-cement-only')
    expect(scored.score).toBeLessThan(scored.max)
    st.getState().guidedDispatch({ type: 'next' })
    const flow = st.getState().guided!
    expect(flow.step).toBe('debrief')
    expect(flow.history.map((h) => h.attempt)).toEqual([1, 2])
    // Saved (the slice saves asynchronously).
    await new Promise((r) => setTimeout(r, 0))
    const saved = await storage.load()
    expect(saved.cases['l3-rcc-lytic'].map((a) => a.attempt)).toEqual([1, 2])
    expect(saved.cases['l3-rcc-lytic'][1].mistakes).toContain('l3-cement-only')
    const exported = JSON.parse(st.getState().exportProgress()) as {
      cases: Record<string, unknown[]>
    }
    expect(exported.cases['l3-rcc-lytic']).toHaveLength(2)
    // Try again keeps both attempts and returns to the plan.
    st.getState().guidedDispatch({ type: 'tryAgain', at: 'now' })
    expect(st.getState().guided!.step).toBe('plan')
    expect(st.getState().guided!.attempt).toBe(3)
  }, 120_000)
})
