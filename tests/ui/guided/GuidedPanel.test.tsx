/**
 * The guided panel in jsdom: entering from the top-bar button, Next gated by each step's requirement,
 * the find check against the labels at the crosshair, the stability feedback, back-navigation, focus on
 * the new step, and the debrief's sections.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { guidedCase, startGuided, type GuidedState } from '../../../src/cases/guided'
import { makeSyntheticVolume } from '../../../src/cases/synthetic/syntheticVolume'
import type { ScoreResult } from '../../../src/plan'
import { appStore } from '../../../src/store/appStore'
import { memoryProgressStorage, setProgressStorage } from '../../../src/store/progress'
import { putVolume } from '../../../src/store/volumeRegistry'
import type { CaseScoreSummary } from '../../../src/workers/scoreApi'
import { GuidedPanel } from '../../../src/ui/guided/GuidedPanel'
import { GuidedStartButton } from '../../../src/ui/guided/GuidedStartButton'

const initial = appStore.getState()
// The synthetic volume's labels stand in for the case's (a lytic lesion r 8 mm about 6, 12, 4).
const synthetic = makeSyntheticVolume()
const g = guidedCase('l3-rcc-lytic')!

beforeEach(() => {
  setProgressStorage(memoryProgressStorage())
  appStore.setState(initial, true)
  putVolume(synthetic)
  appStore.setState({ caseId: 'l3-rcc-lytic', volumeId: synthetic.id, status: 'ready' })
})
afterEach(() => cleanup())

const step = () => screen.getByTestId('guided-step').getAttribute('data-step')
const next = () => screen.getByTestId('guided-next')

describe('GuidedPanel', () => {
  it('is absent until the top-bar button starts it, which then leaves it', async () => {
    render(
      <>
        <GuidedStartButton />
        <GuidedPanel />
      </>,
    )
    expect(screen.queryByTestId('guided-panel')).toBeNull()
    fireEvent.click(screen.getByTestId('guided-start'))
    await screen.findByTestId('guided-panel')
    expect(step()).toBe('briefing')
    expect(screen.getByTestId('guided-start').textContent).toMatch(/Leave/)
    expect(screen.getByTestId('guided-start').getAttribute('aria-pressed')).toBe('true')
    fireEvent.click(screen.getByTestId('guided-start'))
    expect(screen.queryByTestId('guided-panel')).toBeNull()
  })

  it('disables the start button on a volume without a guided path', () => {
    appStore.setState({ caseId: 'synthetic' })
    render(<GuidedStartButton />)
    expect(screen.getByTestId<HTMLButtonElement>('guided-start').disabled).toBe(true)
  })

  it('checks the label at the crosshair in the find step and gates Next', async () => {
    await appStore.getState().startGuidedCase()
    render(<GuidedPanel />)
    fireEvent.click(next())
    expect(step()).toBe('find')
    // Focus moves to the new step's heading for keyboard and screen-reader users.
    expect(document.activeElement?.tagName).toBe('H3')
    expect((next() as HTMLButtonElement).disabled).toBe(true)
    expect(screen.getByTestId('guided-blocker').textContent).toMatch(/Find the lesion/)
    // On the bone, not the lesion.
    appStore.getState().setCrosshair([0, 25, 4])
    fireEvent.click(await screen.findByTestId('guided-find-lesion'))
    expect(screen.getByTestId('guided-find-message').textContent).toMatch(/Not quite.*lesion/)
    // On the lesion.
    appStore.getState().setCrosshair([6, 12, 4])
    fireEvent.click(screen.getByTestId('guided-find-lesion'))
    expect(screen.getByTestId('guided-find-message').textContent).toMatch(/Yes: that is the lesion/)
    expect(appStore.getState().guided!.found).toEqual(['lesion'])
    expect((next() as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(screen.getByTestId('guided-back'))
    expect(step()).toBe('briefing')
    expect(screen.getByTestId<HTMLButtonElement>('guided-back').disabled).toBe(true)
  })

  it('shows the case SINS beside the trainee answer, item by item', async () => {
    await appStore.getState().startGuidedCase()
    const s = appStore.getState()
    s.guidedDispatch({ type: 'next' })
    for (const t of g.find) {
      s.guidedDispatch({ type: 'find', attempt: { key: t.key, found: true, clickedName: t.name } })
    }
    s.guidedDispatch({ type: 'next' })
    render(<GuidedPanel />)
    expect(step()).toBe('stability')
    const answer = { ...g.stability.inputs, pain: 'none' } as Record<string, string>
    for (const [item, value] of Object.entries(answer)) {
      fireEvent.change(screen.getByTestId(`guided-stability-${item}`), { target: { value } })
    }
    expect(screen.getByTestId('guided-blocker').textContent).toMatch(/Check your score/)
    fireEvent.click(screen.getByTestId('guided-stability-check'))
    const fb = screen.getByTestId('guided-stability-feedback')
    expect(fb.getAttribute('data-correct')).toBe('false')
    expect(screen.getByTestId('guided-stability-total').textContent).toBe('7')
    expect(fb.textContent).toMatch(/Your total: 4/)
    expect(fb.textContent).toMatch(/mechanical: 3 points/)
    expect(
      within(fb)
        .getAllByRole('listitem')
        .filter((r) => r.getAttribute('data-ok') === 'false'),
    ).toHaveLength(1)
    expect((next() as HTMLButtonElement).disabled).toBe(false)
  })

  it('renders the debrief: every point, the recognised mistake, literature with sources, history', () => {
    const planJson = '{"p":1}'
    const score: ScoreResult = {
      score: 60,
      max: 100,
      items: [
        {
          id: 'coverage',
          title: 'Coverage',
          passed: false,
          gained: 0,
          max: 15,
          reason: 'Target coverage is 0 %.',
        },
        {
          id: 'safe-path',
          title: 'Safe',
          passed: true,
          gained: 20,
          max: 20,
          reason: 'No critical finding.',
        },
      ],
    }
    const summary = { score, zoneModel: 'test', expert: null } as unknown as CaseScoreSummary
    const base = startGuided('l3-rcc-lytic')
    const flow: GuidedState = {
      ...base,
      step: 'debrief',
      reached: 'debrief',
      planJson,
      scored: {
        score: 60,
        max: 100,
        planJson,
        mistakes: ['l3-cement-only'],
        failedItems: ['coverage'],
      },
      history: [
        {
          attempt: 1,
          score: 60,
          max: 100,
          mistakes: ['l3-cement-only'],
          failedItems: ['coverage'],
          stabilityCorrect: false,
          techniquesCorrect: false,
          finishedAt: 't',
          planJson,
        },
      ],
    }
    appStore.setState({
      guided: flow,
      scoreResult: summary,
      scoredPlanJson: planJson,
      scoreStatus: 'ready',
    })
    render(<GuidedPanel />)
    const d = screen.getByTestId('guided-debrief')
    expect(screen.getByTestId('guided-debrief-score').textContent).toMatch(/60 \/ 100/)
    expect(within(d).getByTestId('guided-rubric').querySelectorAll('li')).toHaveLength(2)
    expect(screen.getByTestId('guided-mistakes').textContent).toMatch(/Cement without ablation/)
    const lit = screen.getByTestId('guided-literature').textContent ?? ''
    expect(lit).toMatch(/8\.2 ± 1\.7 → 3\.5/)
    expect(lit).toMatch(/FACTS\.md §1\.6, §8\.16 — Levy et al\., JVIR 2020/)
    expect(screen.getByTestId('guided-history').querySelectorAll('tbody tr')).toHaveLength(1)
    expect(screen.queryByTestId('guided-next')).toBeNull()
    fireEvent.click(screen.getByTestId('guided-try-again'))
    expect(step()).toBe('plan')
    expect(appStore.getState().guided!.attempt).toBe(2)
    expect(screen.getByRole('heading', { level: 2 }).textContent).toMatch(/attempt 2/)
  })
})
