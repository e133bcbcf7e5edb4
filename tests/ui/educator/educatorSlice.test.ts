import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProcedureResult } from '../../../src/cases/simulate'
import { makeSyntheticVolume } from '../../../src/cases/synthetic/syntheticVolume'
import type { FieldOverlay } from '../../../src/lib/fieldOverlay'
import { IDENTITY_DIRECTION } from '../../../src/lib/space'
import type { Vec3 } from '../../../src/lib/vec3'
import { createDevice } from '../../../src/plan'
import { createAppStore } from '../../../src/store/appStore'
import {
  INSERT_WALL_S,
  MAX_STROKES,
  SIMULATE_WALL_S,
  TIMELINE_STEP_S,
  insertedDevice,
  insertionFractions,
  planSteps,
} from '../../../src/store/slices/educatorSlice'
import { putVolume } from '../../../src/store/volumeRegistry'

const runs: {
  deviceId: string
  resolve: (r: ProcedureResult) => void
  reject: (e: Error) => void
}[] = []
vi.mock('../../../src/workers/simClient', () => ({
  runSimulation: (_v: unknown, _p: string, deviceId: string) => {
    let resolve!: (r: ProcedureResult) => void
    let reject!: (e: Error) => void
    const result = new Promise<ProcedureResult>((a, b) => {
      resolve = a
      reject = b
    })
    runs.push({ deviceId, resolve, reject })
    return { result, cancel: () => undefined }
  },
}))

const overlay: FieldOverlay = {
  type: 'field',
  id: 'zone',
  label: 'zone',
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
  visibleByDefault: true,
}
const result = (deviceId: string): ProcedureResult => ({
  procedure: 'cement',
  deviceId,
  verdict: 'ok',
  acceptable: true,
  metrics: [],
  warnings: [],
  series: [],
  overlays: [overlay],
  durationS: 90,
  modelNote: '',
  elapsedMs: 1,
  detail: null,
})

const synthetic = makeSyntheticVolume()
type Store = ReturnType<typeof createAppStore>
let store: Store

function place(entry: Vec3, tip: Vec3): string {
  store.getState().startPlacement('cementTrocar')
  store.getState().placePoint(entry)
  store.getState().placePoint(tip)
  return store.getState().plan.devices.at(-1)!.id
}
const flush = () => new Promise((r) => setTimeout(r, 0))
/** Ticks `seconds` of wall-clock time in frames of 50 ms. */
function play(seconds: number): void {
  for (let t = 0; t < seconds - 1e-9; t += 0.05) store.getState().tickEducator(0.05)
}

beforeEach(() => {
  runs.length = 0
  putVolume(synthetic)
  store = createAppStore()
  store.setState({ caseId: 'synthetic', volumeId: synthetic.id, status: 'ready' })
})

describe('inserted devices', () => {
  it('moves every needle tip along its own path and keeps the entries', () => {
    const d = createDevice('cementTrocar', [60, 0, 0], [0, 0, 0], { existingIds: [] })
    const half = insertedDevice(d, 0.5)
    expect(half.entryMm).toEqual([60, 0, 0])
    expect(half.tipMm).toEqual([30, 0, 0])
    expect(insertedDevice(d, 2).tipMm).toEqual([0, 0, 0])
    expect(insertedDevice(d, -1).tipMm).toEqual([60, 0, 0])
    const set = createDevice('ectElectrodeSet', [0, 60, 0], [0, 0, 0], { existingIds: [] })
    if (set.kind !== 'ectElectrodeSet') throw new Error('expected an electrode set')
    const cut = insertedDevice(set, 0.25)
    if (cut.kind !== 'ectElectrodeSet') throw new Error('expected an electrode set')
    cut.electrodes.forEach((e, i) => {
      const o = set.electrodes[i]
      for (let a = 0; a < 3; a++) {
        expect(e.tipMm[a]).toBeCloseTo(o.entryMm[a] + 0.25 * (o.tipMm[a] - o.entryMm[a]), 9)
      }
      expect(e.entryMm).toEqual(o.entryMm)
    })
  })
})

describe('educator slice', () => {
  it('steps through insertion then simulation of each device, running missing simulations', async () => {
    const a = place([68, 12, 4], [6, 12, 4])
    const b = place([0, 68, 4], [0, 30, 4])
    expect(planSteps(store.getState().plan.devices).map((s) => `${s.kind} ${s.deviceId}`)).toEqual([
      `insert ${a}`,
      `simulate ${a}`,
      `insert ${b}`,
      `simulate ${b}`,
    ])
    expect(insertionFractions(store.getState())).toBeNull()
    store.getState().startStepThrough()
    play(INSERT_WALL_S / 2)
    const fractions = insertionFractions(store.getState())!
    expect(fractions[a]).toBeCloseTo(0.5, 1)
    expect(fractions[b]).toBe(0)
    play(INSERT_WALL_S / 2 + 0.1)
    // The simulation step waits for the run it started.
    const st = store.getState().stepThrough!
    expect(st.index).toBe(1)
    expect(st.waiting).not.toBeNull()
    expect(runs.map((r) => r.deviceId)).toEqual([a])
    play(1)
    expect(store.getState().stepThrough!.fraction).toBe(0)
    runs[0].resolve(result(a))
    await flush()
    expect(store.getState().stepThrough!.waiting).toBeNull()
    // Time follows the step: a third of the step is a third of the simulated duration.
    play(SIMULATE_WALL_S / 3)
    expect(store.getState().simTimeS).toBeCloseTo(30, 0)
    play((2 * SIMULATE_WALL_S) / 3 + 0.1)
    expect(store.getState().stepThrough!.index).toBe(2)
    expect(insertionFractions(store.getState())![a]).toBe(1)
    play(INSERT_WALL_S + 0.1)
    // A failed simulation does not stop the step-through: the step says so and plays on.
    runs[1].reject(new Error('not built'))
    await flush()
    expect(store.getState().stepThrough!.note).toMatch(/No simulation result/)
    play(SIMULATE_WALL_S + 0.1)
    const end = store.getState().stepThrough!
    expect([end.index, end.fraction, end.playing]).toEqual([3, 1, false])
  })

  it('hides overlays of devices not yet simulated, and restores visibility when it stops', async () => {
    const a = place([68, 12, 4], [6, 12, 4])
    const done = store.getState().runDeviceSimulation(a)
    runs.shift()!.resolve(result(a))
    await done
    store.getState().setOverlayVisible('other/x', true)
    store.getState().startStepThrough()
    expect(store.getState().overlayVisibility).toEqual({ 'other/x': true, [`${a}/zone`]: false })
    play(INSERT_WALL_S + 0.1)
    expect(store.getState().stepThrough!.index).toBe(1)
    // The result is fresh: the step does not run it again, and shows it.
    expect(runs).toHaveLength(0)
    expect(store.getState().overlayVisibility[`${a}/zone`]).toBeUndefined()
    store.getState().stopStepThrough()
    expect(store.getState().overlayVisibility).toEqual({ 'other/x': true })
    expect(store.getState().stepThrough).toBeNull()
  })

  it('pauses, resumes and jumps to a step', () => {
    place([68, 12, 4], [6, 12, 4])
    store.getState().startStepThrough()
    play(0.5)
    store.getState().pauseStepThrough()
    const f = store.getState().stepThrough!.fraction
    play(1)
    expect(store.getState().stepThrough!.fraction).toBe(f)
    store.getState().startStepThrough()
    play(0.5)
    expect(store.getState().stepThrough!.fraction).toBeGreaterThan(f)
    store.getState().goToStep(0)
    expect(store.getState().stepThrough).toMatchObject({ index: 0, fraction: 1, playing: false })
  })

  it('refuses to step through an empty plan', () => {
    store.getState().startStepThrough()
    expect(store.getState().stepThrough).toBeNull()
    expect(store.getState().error).toMatch(/no devices to step through/)
  })

  it('replays the history step by step up to where the plan was, and stops early on request', () => {
    place([68, 12, 4], [6, 12, 4])
    place([0, 68, 4], [0, 30, 4])
    expect(store.getState().historyIndex).toBe(2)
    store.getState().startTimelineReplay()
    expect(store.getState().historyIndex).toBe(0)
    play(TIMELINE_STEP_S + 0.05)
    expect(store.getState().historyIndex).toBe(1)
    play(TIMELINE_STEP_S + 0.05)
    expect(store.getState().historyIndex).toBe(2)
    play(TIMELINE_STEP_S + 0.05)
    expect(store.getState().timelineReplay?.playing).toBe(false)
    store.getState().startTimelineReplay()
    play(TIMELINE_STEP_S + 0.05)
    store.getState().stopTimelineReplay()
    expect(store.getState().historyIndex).toBe(2)
    expect(store.getState().plan.devices).toHaveLength(2)
  })

  it('keeps strokes of two points or more, up to a limit, and leaving clears the mode', () => {
    store.getState().setEducatorMode(true)
    store.getState().addStroke({ color: '#fff', points: [[0.1, 0.1]] })
    expect(store.getState().annotations).toHaveLength(0)
    for (let i = 0; i < MAX_STROKES + 5; i++) {
      store.getState().addStroke({
        color: '#fff',
        points: [
          [0, i / 1000],
          [1, 1],
        ],
      })
    }
    expect(store.getState().annotations).toHaveLength(MAX_STROKES)
    expect(store.getState().annotations[0].points[0]).toEqual([0, 5 / 1000])
    place([68, 12, 4], [6, 12, 4])
    store.getState().setEducatorTool('laser')
    store.getState().startStepThrough()
    store.getState().setEducatorMode(false)
    const s = store.getState()
    expect([s.educatorMode, s.educatorTool, s.annotations.length, s.stepThrough]).toEqual([
      false,
      'none',
      0,
      null,
    ])
  })
})
