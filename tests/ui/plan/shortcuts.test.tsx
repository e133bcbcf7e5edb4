import { act, fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { appStore } from '../../../src/store/appStore'
import { PlanPanel } from '../../../src/ui/plan/PlanPanel'
import { placeDevice, ROUTES, useSyntheticStore } from './planTestStore'

useSyntheticStore()

const key = (k: string, mods: Partial<KeyboardEventInit> = {}, target: Element | Window = window) =>
  fireEvent.keyDown(target, { key: k, ...mods })

describe('planning shortcuts', () => {
  it('Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo', () => {
    render(<PlanPanel />)
    placeDevice('cementTrocar', ROUTES.clear.entry, ROUTES.clear.tip)
    key('z', { ctrlKey: true })
    expect(appStore.getState().plan.devices).toHaveLength(0)
    key('Z', { ctrlKey: true, shiftKey: true })
    expect(appStore.getState().plan.devices).toHaveLength(1)
    key('z', { metaKey: true })
    key('y', { ctrlKey: true })
    expect(appStore.getState().plan.devices).toHaveLength(1)
  })

  it('Delete removes the selected device, but not while typing in a field', () => {
    render(<PlanPanel />)
    placeDevice('cementTrocar', ROUTES.clear.entry, ROUTES.clear.tip)
    key('Delete', {}, screen.getByTestId('plan-title'))
    expect(appStore.getState().plan.devices).toHaveLength(1)
    key('Delete')
    expect(appStore.getState().plan.devices).toHaveLength(0)
  })

  it('Esc cancels a placement, then clears the selection', () => {
    render(<PlanPanel />)
    placeDevice('cementTrocar', ROUTES.clear.entry, ROUTES.clear.tip)
    act(() => appStore.getState().startPlacement('rfProbe'))
    expect(screen.getByTestId('placement-hint').textContent).toMatch(/click the entry point/)
    key('Escape')
    expect(appStore.getState().placement).toBeNull()
    expect(appStore.getState().selectedDeviceId).toBe('trocar-1')
    key('Escape')
    expect(appStore.getState().selectedDeviceId).toBeNull()
  })

  it('the palette starts placement; the order toggle flips which click is the target', () => {
    render(<PlanPanel />)
    fireEvent.click(screen.getByTestId('placement-order'))
    fireEvent.click(screen.getByTestId('place-mwAntenna'))
    expect(appStore.getState().placement?.kind).toBe('mwAntenna')
    expect(screen.getByTestId('placement-hint').textContent).toMatch(/click the target/)
    appStore.getState().placePoint(ROUTES.clear.tip)
    appStore.getState().placePoint(ROUTES.clear.entry)
    const d = appStore.getState().plan.devices[0]
    expect(d?.tipMm).toEqual(ROUTES.clear.tip)
    expect(d?.entryMm).toEqual(ROUTES.clear.entry)
  })
})
