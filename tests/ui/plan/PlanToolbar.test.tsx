import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { encodePlanForUrl, planToJson } from '../../../src/plan'
import { appStore } from '../../../src/store/appStore'
import {
  openPlanFromHash,
  planFileName,
  planFragment,
  shareLink,
} from '../../../src/ui/plan/planFiles'
import { PlanPanel } from '../../../src/ui/plan/PlanPanel'
import { placeDevice, ROUTES, useSyntheticStore } from './planTestStore'

useSyntheticStore()
afterEach(() => vi.restoreAllMocks())

const fileOf = (text: string, name = 'plan.osteoplan.json') =>
  new File([text], name, { type: 'application/json' })

async function load(text: string, name?: string): Promise<void> {
  const input = screen.getByTestId('plan-load-input')
  await act(async () => {
    fireEvent.change(input, { target: { files: [fileOf(text, name)] } })
    await new Promise((r) => setTimeout(r, 0))
  })
}

describe('plan toolbar', () => {
  it('undo and redo buttons follow the history', () => {
    render(<PlanPanel />)
    const undo = screen.getByTestId<HTMLButtonElement>('plan-undo')
    const redo = screen.getByTestId<HTMLButtonElement>('plan-redo')
    expect(undo.disabled).toBe(true)
    act(() => placeDevice('cementTrocar', ROUTES.clear.entry, ROUTES.clear.tip))
    expect(undo.disabled).toBe(false)
    fireEvent.click(undo)
    expect(appStore.getState().plan.devices).toHaveLength(0)
    expect(redo.disabled).toBe(false)
    fireEvent.click(redo)
    expect(appStore.getState().plan.devices).toHaveLength(1)
  })

  it('save downloads the plan JSON; loading it back gives the same JSON', async () => {
    placeDevice('cementTrocar', ROUTES.clear.entry, ROUTES.clear.tip)
    appStore.getState().setPlanTitle('Round trip')
    const blobs: Blob[] = []
    URL.createObjectURL = vi.fn((b: Blob) => {
      blobs.push(b)
      return 'blob:plan'
    })
    URL.revokeObjectURL = vi.fn()
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    render(<PlanPanel />)
    fireEvent.click(screen.getByTestId('plan-save'))
    expect(click).toHaveBeenCalledOnce()
    const saved = await blobs[0].text()
    expect(saved).toBe(planToJson(appStore.getState().plan))
    act(() => appStore.getState().newPlan())
    await load(saved)
    expect(planToJson(appStore.getState().plan)).toBe(saved)
    expect(screen.getByTestId('plan-notice').textContent).toBe('Opened "Round trip".')
  })

  it('a rejected file is explained in the error banner, naming the field', async () => {
    placeDevice('cementTrocar', ROUTES.clear.entry, ROUTES.clear.tip)
    const good = JSON.parse(planToJson(appStore.getState().plan)) as {
      devices: { powerW?: number; volumeMl: number }[]
    }
    good.devices[0].volumeMl = 99
    render(<PlanPanel />)
    const before = planToJson(appStore.getState().plan)
    await load(JSON.stringify(good), 'bad<b>.json')
    expect(appStore.getState().error).toMatch(
      /could not be opened as a plan: devices\[0\]\.volumeMl must be between 0.1 and 30 mL \(got 99\)/,
    )
    // The file name is shown without its angle brackets.
    expect(appStore.getState().error).not.toMatch(/</)
    expect(planToJson(appStore.getState().plan)).toBe(before)
    await load('{ not json')
    expect(appStore.getState().error).toMatch(/not valid JSON/)
  })

  it('a plan made on another case asks before switching', async () => {
    const other = {
      ...appStore.getState().plan,
      title: 'Other',
      scan: { kind: 'builtin', caseId: 'l3-case' },
    }
    render(<PlanPanel />)
    await load(JSON.stringify(other))
    const prompt = screen.getByTestId('plan-prompt')
    expect(prompt.dataset.reason).toBe('otherCase')
    expect(prompt.textContent).toMatch(/made on the built-in case "l3-case"/)
    fireEvent.click(screen.getByTestId('prompt-discard'))
    await waitFor(() => expect(screen.queryByTestId('plan-prompt')).toBeNull())
    expect(appStore.getState().plan.title).not.toBe('Other')
  })

  it('the history list shows every step and jumps on click', () => {
    placeDevice('cementTrocar', ROUTES.clear.entry, ROUTES.clear.tip)
    appStore.getState().moveHandle('trocar-1', 'tip', [8, 12, 4])
    render(<PlanPanel />)
    const items = screen.getAllByTestId('history-item')
    expect(items.map((i) => i.textContent)).toEqual([
      'New plan',
      'Placed Cement trocar (trocar-1)',
      'Moved tip of trocar-1',
    ])
    expect(items[2]?.getAttribute('aria-current')).toBe('step')
    fireEvent.click(items[0])
    expect(appStore.getState().plan.devices).toHaveLength(0)
    expect(screen.getAllByTestId('history-item')[0]?.getAttribute('aria-current')).toBe('step')
  })
})

describe('share links and file names', () => {
  it('a share link carries the case and the plan, and restores the exact plan', () => {
    placeDevice('cementTrocar', ROUTES.clear.entry, ROUTES.clear.tip)
    const plan = appStore.getState().plan
    const json = planToJson(plan)
    const link = shareLink(plan, 'http://host/app/?crosshair=1,2,3#old')
    const url = new URL(link)
    expect(url.searchParams.get('case')).toBe('synthetic')
    expect(url.searchParams.get('crosshair')).toBe('1,2,3')
    expect(url.hash).toBe(`#plan=${encodePlanForUrl(plan)}`)
    appStore.getState().newPlan()
    openPlanFromHash(url.hash)
    expect(planToJson(appStore.getState().plan)).toBe(json)
  })

  it('a damaged link is explained, not thrown', () => {
    openPlanFromHash('#plan=@@@')
    expect(appStore.getState().error).toMatch(
      /The plan in this link could not be opened: .*base64url/,
    )
    expect(planFragment('#crosshair')).toBeNull()
  })

  it('file names come from the title', () => {
    const plan = { ...appStore.getState().plan, title: 'L3 — left transpedicular!' }
    expect(planFileName(plan)).toBe('l3-left-transpedicular.osteoplan.json')
    expect(planFileName({ ...plan, title: '***' })).toBe('plan.osteoplan.json')
  })
})
