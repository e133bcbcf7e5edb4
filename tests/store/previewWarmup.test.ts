import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CtVolume } from '../../src/cases/volume'
import type { AppState } from '../../src/store/appStore'
import { startPreviewWarmup } from '../../src/store/previewWarmup'
import { putVolume } from '../../src/store/volumeRegistry'

const calls: { deviceId: string; frame: number }[] = []
vi.mock('../../src/cases/simulate/preview', () => ({
  PREVIEW_WARM_FRAMES: 4,
  warmPreviewFrame: (
    _v: unknown,
    _p: unknown,
    device: { id: string },
    _o: unknown,
    frame: number,
  ) => {
    calls.push({ deviceId: device.id, frame })
    return true
  },
}))

/** A minimal store: the warm-up reads only these fields. */
function fakeStore(initial: Partial<AppState>) {
  let state = initial as AppState
  const listeners = new Set<(s: AppState, p: AppState) => void>()
  return {
    getState: () => state,
    subscribe(l: (s: AppState, p: AppState) => void) {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    set(patch: Partial<AppState>) {
      const prev = state
      state = { ...state, ...patch }
      for (const l of listeners) l(state, prev)
    },
  }
}

const ect = { id: 'ect-1', kind: 'ectElectrodeSet' }
const mw = { id: 'mw-1', kind: 'mwAntenna' }
const base = {
  plan: { devices: [ect, mw] },
  selectedDeviceId: null,
  simResults: {},
  simOptions: {},
  volumeId: 'v-warm',
  dragPreview: null,
} as unknown as Partial<AppState>
putVolume({ id: 'v-warm' } as CtVolume)

const settle = () => new Promise((r) => setTimeout(r, 400))

describe('preview warm-up while idle', () => {
  afterEach(() => {
    calls.length = 0
  })

  it('selecting an ECT set warms its preview for the set number of frames, in order', async () => {
    const store = fakeStore(base)
    const stop = startPreviewWarmup(store)
    store.set({ selectedDeviceId: 'ect-1' })
    await settle()
    expect(calls).toEqual([0, 1, 2, 3].map((frame) => ({ deviceId: 'ect-1', frame })))
    stop()
  })

  it('does nothing for devices whose preview needs no warm-up, and stops when a drag starts', async () => {
    const store = fakeStore(base)
    const stop = startPreviewWarmup(store)
    store.set({ selectedDeviceId: 'mw-1' })
    await settle()
    expect(calls).toEqual([])
    store.set({ selectedDeviceId: 'ect-1' })
    store.set({ dragPreview: ect } as unknown as Partial<AppState>)
    await settle()
    expect(calls).toEqual([])
    stop()
  })

  it('a new result restarts the warm-up; stopping cancels it', async () => {
    const store = fakeStore({ ...base, selectedDeviceId: 'ect-1' })
    const stop = startPreviewWarmup(store)
    store.set({ simResults: { 'ect-1': {} } } as unknown as Partial<AppState>)
    await settle()
    expect(calls.map((c) => c.frame)).toEqual([0, 1, 2, 3])
    calls.length = 0
    store.set({ simResults: { 'ect-1': { again: true } } } as unknown as Partial<AppState>)
    stop()
    await settle()
    expect(calls).toEqual([])
  })
})
