import { act, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { simulateCement } from '../../../../src/cases/simulate/cement'
import { isCementDetail } from '../../../../src/cases/simulate/cement/detail'
import { silentContext } from '../../../../src/cases/simulate/types'
import { appStore } from '../../../../src/store/appStore'
import { getVolume } from '../../../../src/store/volumeRegistry'
import { CementPanel } from '../../../../src/ui/sim/cement/CementPanel'
import { frameIndexFor, timeForVolume } from '../../../../src/ui/sim/cement/cementTime'
import { placeDevice, ROUTES, useSyntheticStore } from '../../plan/planTestStore'

useSyntheticStore()
afterEach(() => vi.restoreAllMocks())

describe('cement scrubber time ↔ volume', () => {
  const frames = [0, 0.25, 0.5, 0.75].map((v) => ({
    timeS: v * 20,
    volumeMl: v,
    lesionFillPct: 0,
    bodyFillPct: 0,
    leakMl: {},
    leakTotalMl: 0,
    tipPressureKPa: 0,
    canalDistanceMm: null,
  }))
  it('finds the frame shown at a time and the time of a volume', () => {
    expect(frameIndexFor(frames, 0)).toBe(0)
    expect(frameIndexFor(frames, 9.9)).toBe(1)
    expect(frameIndexFor(frames, 10)).toBe(2)
    expect(frameIndexFor(frames, 99)).toBe(3)
    expect(timeForVolume(frames, 0.5)).toBe(10)
    expect(timeForVolume(frames, 0.6)).toBe(15)
    expect(timeForVolume(frames, 5)).toBe(15)
  })
})

describe('CementPanel', () => {
  async function setUp() {
    act(() => placeDevice('cementTrocar', ROUTES.clear.entry, ROUTES.clear.tip))
    const s = appStore.getState()
    const device = s.plan.devices[0]
    const volume = getVolume(s.volumeId)!
    const result = await simulateCement(volume, s.plan, device, { volumeMl: 2 }, silentContext)
    act(() => appStore.setState({ simResults: { [device.id]: result }, simTimeS: 0 }))
    return { device, result }
  }

  it('shows the state at the scrubber time and steps the injection by 0.5 mL', async () => {
    const { device, result } = await setUp()
    render(<CementPanel device={device} result={result} stale={false} />)
    const table = screen.getByTestId('cement-frame-metrics')
    expect(table.getAttribute('data-ml')).toBe('0.00')
    fireEvent.click(screen.getByTestId('cement-step'))
    expect(table.getAttribute('data-ml')).toBe('0.50')
    if (!isCementDetail(result.detail)) throw new Error('no detail')
    expect(appStore.getState().simTimeS).toBeCloseTo(timeForVolume(result.detail.frames, 0.5), 9)
    fireEvent.click(screen.getByTestId('cement-step'))
    expect(table.getAttribute('data-ml')).toBe('1.00')
    // Inject plays the scrubber; pause stops it.
    fireEvent.click(screen.getByTestId('cement-inject'))
    expect(appStore.getState().simPlaying).toBe(true)
    fireEvent.click(screen.getByTestId('cement-pause'))
    expect(appStore.getState().simPlaying).toBe(false)
    // Both fluoroscopy views are there; their images arrive from the projection worker (pixels are
    // checked in the browser flow).
    expect(screen.getByTestId('cement-fluoro-lateral-view')).toBeTruthy()
    expect(screen.getByTestId('cement-fluoro-ap-view')).toBeTruthy()
  }, 60_000)

  it('stop sets the final volume in the options and runs again', async () => {
    const { device, result } = await setUp()
    const run = vi.spyOn(appStore.getState(), 'runDeviceSimulation').mockResolvedValue(null)
    render(<CementPanel device={device} result={result} stale={false} />)
    fireEvent.click(screen.getByTestId('cement-step'))
    fireEvent.click(screen.getByTestId('cement-stop'))
    expect(appStore.getState().simOptions[device.id]).toMatchObject({ stopAtMl: 0.5 })
    expect(run).toHaveBeenCalledWith(device.id)
  }, 60_000)

  it('keeps the panel options for the next run and forgets an earlier stop', async () => {
    const { device, result } = await setUp()
    act(() => appStore.getState().setSimOptions(device.id, { stopAtMl: 1 }))
    render(<CementPanel device={device} result={result} stale={false} />)
    fireEvent.change(screen.getByTestId('cement-volume-input'), { target: { value: '6' } })
    fireEvent.change(screen.getByTestId('cement-viscosity'), { target: { value: 'low' } })
    expect(appStore.getState().simOptions[device.id]).toEqual({ volumeMl: 6, viscosity: 'low' })
  }, 60_000)
})
