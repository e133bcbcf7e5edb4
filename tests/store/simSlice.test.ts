import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProcedureResult } from '../../src/cases/simulate'
import { makeSyntheticVolume } from '../../src/cases/synthetic/syntheticVolume'
import type { FieldOverlay } from '../../src/lib/fieldOverlay'
import { IDENTITY_DIRECTION } from '../../src/lib/space'
import type { Vec3 } from '../../src/lib/vec3'
import { createAppStore } from '../../src/store/appStore'
import { isSimStale, shownOverlays } from '../../src/store/slices/simSlice'
import { putVolume } from '../../src/store/volumeRegistry'

/** The fake worker client: each run waits for the test to settle it. */
const runs: {
  deviceId: string
  options: unknown
  resolve: (r: ProcedureResult) => void
  reject: (e: Error) => void
  progress: (f: number, m: string) => void
  cancelled: boolean
}[] = []
vi.mock('../../src/workers/simClient', () => ({
  runSimulation: (
    _v: unknown,
    _plan: string,
    deviceId: string,
    options: unknown,
    progress: (f: number, m: string) => void,
  ) => {
    let resolve!: (r: ProcedureResult) => void
    let reject!: (e: Error) => void
    const result = new Promise<ProcedureResult>((a, b) => {
      resolve = a
      reject = b
    })
    const entry = { deviceId, options, resolve, reject, progress, cancelled: false }
    runs.push(entry)
    return {
      result,
      cancel() {
        entry.cancelled = true
        reject(Object.assign(new Error('cancelled'), { name: 'AbortError' }))
      },
    }
  },
}))

const synthetic = makeSyntheticVolume()
const overlay = (id: string, visibleByDefault: boolean): FieldOverlay => ({
  type: 'field',
  id,
  label: id,
  unit: '°C',
  grid: {
    dims: [2, 2, 2],
    spacingMm: [1, 1, 1],
    originMm: [0, 0, 0],
    direction: IDENTITY_DIRECTION,
  },
  frames: [{ timeS: 0, data: new Float32Array(8) }],
  colormap: 'heat',
  range: [37, 90],
  opacity: 0.6,
  contours: [],
  source: 'test',
  uncertainty: 'test',
  visibleByDefault,
})
const result = (deviceId: string): ProcedureResult => ({
  procedure: 'cement',
  deviceId,
  verdict: 'ok',
  acceptable: true,
  metrics: [],
  warnings: [],
  series: [],
  overlays: [overlay('a', true), overlay('b', false)],
  durationS: 60,
  modelNote: '',
  elapsedMs: 12,
  detail: null,
})

type Store = ReturnType<typeof createAppStore>
let store: Store

function withTrocar(): string {
  store.getState().startPlacement('cementTrocar')
  store.getState().placePoint([68, 12, 4] as Vec3)
  store.getState().placePoint([6, 12, 4] as Vec3)
  return store.getState().plan.devices[0].id
}

beforeEach(() => {
  runs.length = 0
  putVolume(synthetic)
  store = createAppStore()
  store.setState({ caseId: 'synthetic', volumeId: synthetic.id, status: 'ready' })
})

describe('sim slice', () => {
  it('runs with the panel options, reports progress and keeps the result', async () => {
    const id = withTrocar()
    store.getState().setSimOptions(id, { volumeMl: 4 })
    const done = store.getState().runDeviceSimulation(id)
    expect(store.getState().simRuns[id]?.state).toBe('running')
    expect(runs[0]?.options).toEqual({ volumeMl: 4 })
    runs[0].progress(0.5, 'half')
    expect(store.getState().simRuns[id]).toMatchObject({ progress: 0.5, message: 'half' })
    runs[0].resolve(result(id))
    await done
    expect(store.getState().simRuns[id]?.state).toBe('done')
    expect(store.getState().simResults[id]?.verdict).toBe('ok')
    expect(isSimStale(store.getState(), id)).toBe(false)
  })

  it('shows default-visible overlays, follows toggles, and hides results of removed devices', async () => {
    const id = withTrocar()
    const done = store.getState().runDeviceSimulation(id)
    runs[0].resolve(result(id))
    await done
    expect(shownOverlays(store.getState()).map((o) => o.key)).toEqual([`${id}/a`])
    store.getState().setOverlayVisible(`${id}/b`, true)
    store.getState().setOverlayVisible(`${id}/a`, false)
    expect(shownOverlays(store.getState()).map((o) => o.key)).toEqual([`${id}/b`])
    // The same state gives the same array (views compare by identity).
    expect(shownOverlays(store.getState())).toBe(shownOverlays(store.getState()))
    store.getState().removeDevice(id)
    expect(shownOverlays(store.getState())).toEqual([])
  })

  it('a moved device makes the result stale; a preview replaces its overlays while dragging', async () => {
    const id = withTrocar()
    const done = store.getState().runDeviceSimulation(id)
    runs[0].resolve(result(id))
    await done
    store.getState().moveHandle(id, 'tip', [8, 12, 4] as Vec3)
    expect(isSimStale(store.getState(), id)).toBe(true)
    store.getState().setSimPreview(id, [overlay('p', true)])
    const shown = shownOverlays(store.getState())
    expect(shown.map((o) => [o.key, o.isPreview])).toEqual([[`${id}/p`, true]])
    store.getState().setSimPreview(id, null)
    expect(shownOverlays(store.getState()).map((o) => o.key)).toEqual([`${id}/a`])
  })

  it('cancel stops the run and a newer run supersedes an older one', async () => {
    const id = withTrocar()
    const first = store.getState().runDeviceSimulation(id)
    store.getState().cancelSimulation(id)
    expect(await first).toBeNull()
    expect(runs[0].cancelled).toBe(true)
    expect(store.getState().simRuns[id]?.state).toBe('cancelled')
    const second = store.getState().runDeviceSimulation(id)
    const third = store.getState().runDeviceSimulation(id)
    expect(runs[1].cancelled).toBe(true)
    runs[2].resolve(result(id))
    expect(await second).toBeNull()
    expect((await third)?.deviceId).toBe(id)
    expect(store.getState().simRuns[id]?.state).toBe('done')
  })

  it('a failing run shows the message and keeps the app usable', async () => {
    const id = withTrocar()
    const done = store.getState().runDeviceSimulation(id)
    runs[0].reject(new Error('the grid is too large'))
    expect(await done).toBeNull()
    expect(store.getState().simRuns[id]).toMatchObject({
      state: 'error',
      message: 'the grid is too large',
    })
    expect(store.getState().error).toMatch(/The simulation failed: the grid is too large/)
  })

  it('clamps the scrubber to the new result and clears everything on request', async () => {
    const id = withTrocar()
    store.getState().setSimTime(500)
    const done = store.getState().runDeviceSimulation(id)
    runs[0].resolve(result(id))
    await done
    expect(store.getState().simTimeS).toBe(60)
    store.getState().setSimTime(-3)
    expect(store.getState().simTimeS).toBe(0)
    store.getState().clearSimulation()
    expect(store.getState().simResults).toEqual({})
  })
})
