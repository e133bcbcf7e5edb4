import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProcedureResult } from '../../src/cases/simulate'
import { makeSyntheticVolume } from '../../src/cases/synthetic/syntheticVolume'
import type { Vec3 } from '../../src/lib/vec3'
import { planToJson, type Plan } from '../../src/plan'
import { createAppStore } from '../../src/store/appStore'
import { ghostDevices, hasComparePlan } from '../../src/store/slices/compareSlice'
import { shownOverlays } from '../../src/store/slices/simSlice'
import { putVolume } from '../../src/store/volumeRegistry'

/** The fake worker client: each run waits for the test to settle it. */
const runs: { deviceId: string; planJson: string; resolve: (r: ProcedureResult) => void }[] = []
vi.mock('../../src/workers/simClient', () => ({
  runSimulation: (_v: unknown, planJson: string, deviceId: string) => {
    let resolve!: (r: ProcedureResult) => void
    const result = new Promise<ProcedureResult>((a) => (resolve = a))
    runs.push({ deviceId, planJson, resolve })
    return { result, cancel: () => undefined }
  },
}))
let expertJson = ''
vi.mock('../../src/workers/caseClient', () => ({
  fetchExpertPlanJson: () => Promise.resolve(expertJson),
  generateCase: () => Promise.reject(new Error('not in this test')),
  scorePlanOnCase: () => Promise.reject(new Error('not in this test')),
}))

const synthetic = makeSyntheticVolume()
const result = (deviceId: string, value: number): ProcedureResult => ({
  procedure: 'cement',
  deviceId,
  verdict: 'ok',
  acceptable: true,
  metrics: [{ label: 'Fill', value, unit: '%' }],
  warnings: [],
  series: [],
  overlays: [],
  durationS: 60,
  modelNote: '',
  elapsedMs: 1,
  detail: null,
})

type Store = ReturnType<typeof createAppStore>
let store: Store

function place(entry: Vec3, tip: Vec3): string {
  store.getState().startPlacement('cementTrocar')
  store.getState().placePoint(entry)
  store.getState().placePoint(tip)
  return store.getState().plan.devices.at(-1)!.id
}

/** Settles the pending runs one at a time (the slice runs them one after another). */
async function settleAll(value: number): Promise<string[]> {
  const done: string[] = []
  for (let n = 0; n < 20; n++) {
    await new Promise((r) => setTimeout(r, 0))
    const next = runs.shift()
    if (!next) continue
    done.push(next.deviceId)
    next.resolve(result(next.deviceId, value))
  }
  return done
}

beforeEach(() => {
  runs.length = 0
  putVolume(synthetic)
  store = createAppStore()
  store.setState({ caseId: 'synthetic', volumeId: synthetic.id, status: 'ready' })
})

describe('compare slice', () => {
  it('shows a copy of the plan as ghosts, hides and clears them', () => {
    const id = place([68, 12, 4], [6, 12, 4])
    expect(hasComparePlan(store.getState())).toBe(false)
    expect(ghostDevices(store.getState())).toEqual([])
    store.getState().compareWithCurrentCopy()
    const s = store.getState()
    expect(s.compareLabel).toBe('Copy of "Untitled plan"')
    expect(ghostDevices(s).map((d) => d.id)).toEqual([id])
    // The copy is a snapshot: editing the plan leaves the ghost where it was.
    store.getState().moveHandle(id, 'tip', [8, 12, 4])
    expect(ghostDevices(store.getState())[0].tipMm).toEqual([6, 12, 4])
    store.getState().setCompareVisible(false)
    expect(ghostDevices(store.getState())).toEqual([])
    expect(hasComparePlan(store.getState())).toBe(true)
    store.getState().clearComparePlan()
    expect(store.getState().comparePlan).toBeNull()
  })

  it('refuses a plan made for another scan, with the reason', () => {
    const other: Plan = {
      ...store.getState().plan,
      scan: { kind: 'builtin', caseId: 'l3-rcc-lytic' },
    }
    store.getState().setComparePlan(other, 'Other case')
    expect(store.getState().comparePlan).toBeNull()
    expect(store.getState().error).toContain(
      '"Other case" was made for the built-in case "l3-rcc-lytic"',
    )
  })

  it('shows the expert plan from the case, and reports a broken one', async () => {
    place([68, 12, 4], [6, 12, 4])
    const expert = { ...store.getState().plan, title: 'Expert' }
    expertJson = planToJson(expert)
    store.getState().newPlan()
    expect(await store.getState().compareWithExpert()).toBe(true)
    expect(store.getState().compareLabel).toBe('Expert plan')
    expect(store.getState().comparePlan?.title).toBe('Expert')
    expertJson = '{"version": 2}'
    expect(await store.getState().compareWithExpert()).toBe(false)
    expect(store.getState().error).toContain('The expert plan could not be shown')
  })

  it('a history step becomes the ghost; swapping is undoable', () => {
    const a = place([68, 12, 4], [6, 12, 4])
    place([0, 68, 4], [0, 30, 4])
    store.getState().compareWithHistory(1)
    expect(store.getState().compareLabel).toMatch(/^Step 2: Placed/)
    expect(ghostDevices(store.getState()).map((d) => d.id)).toEqual([a])
    store.getState().swapWithComparePlan()
    expect(store.getState().plan.devices.map((d) => d.id)).toEqual([a])
    expect(ghostDevices(store.getState())).toHaveLength(2)
    store.getState().undo()
    expect(store.getState().plan.devices).toHaveLength(2)
  })

  it('is dropped when another scan is shown', () => {
    place([68, 12, 4], [6, 12, 4])
    store.getState().compareWithCurrentCopy()
    store.setState({ currentScan: { kind: 'builtin', caseId: 'l3-rcc-lytic' } })
    expect(store.getState().comparePlan).toBeNull()
  })

  it('simulates both plans one run at a time and keeps the results apart', async () => {
    const mine = place([68, 12, 4], [6, 12, 4])
    store.getState().compareWithCurrentCopy('Before')
    store.getState().moveHandle(mine, 'tip', [8, 12, 4])
    const all = store.getState().runCompareSimulations()
    // Only one run at a time: the second starts after the first is settled.
    expect(runs).toHaveLength(1)
    const order = await settleAll(50)
    await all
    expect(order).toEqual([mine, mine])
    expect(store.getState().simResults[mine]?.metrics[0]?.value).toBe(50)
    expect(store.getState().compareResults[mine]?.metrics[0]?.value).toBe(50)
    expect(store.getState().compareRuns[mine]?.state).toBe('done')
    // A fresh result of the edited plan is not run again.
    const again = store.getState().runCompareSimulations()
    expect(await settleAll(60)).toEqual([mine])
    await again
    expect(store.getState().simResults[mine]?.metrics[0]?.value).toBe(50)
    expect(store.getState().compareResults[mine]?.metrics[0]?.value).toBe(60)
  })

  it('drops results of a compare plan that was replaced meanwhile', async () => {
    const id = place([68, 12, 4], [6, 12, 4])
    const first = store.getState().runDeviceSimulation(id)
    runs.shift()?.resolve(result(id, 1))
    await first
    store.getState().compareWithCurrentCopy('First')
    const run = store.getState().runCompareSimulations()
    await new Promise((r) => setTimeout(r, 0))
    store.getState().compareWithCurrentCopy('Second')
    runs.shift()?.resolve(result(id, 99))
    await run
    expect(store.getState().compareLabel).toBe('Second')
    expect(store.getState().compareResults).toEqual({})
  })
})

describe('compare plan zones in the views', () => {
  it("draws the compare plan's zone surfaces grey and dashed, named after the plan; none when hidden", () => {
    const id = place([68, 12, 4], [6, 12, 4])
    store.getState().compareWithCurrentCopy()
    const zone: ProcedureResult['overlays'][number] = {
      type: 'field',
      id: 'zone',
      label: 'Ablation zone',
      unit: '',
      grid: synthetic.geometry,
      frames: [{ timeS: 0, data: new Float32Array(1) }],
      colormap: 'heat',
      range: [0, 1],
      opacity: 0.5,
      contours: [
        { level: 1, color: '#ff3b30', label: 'Ω = 1', show3d: true },
        { level: 0.5, color: '#ffcc00', label: 'band edge' },
      ],
      source: 'test',
      uncertainty: 'test',
      visibleByDefault: true,
    }
    const map = { ...zone, id: 'temperature', contours: [] }
    store.setState({
      compareResults: { [id]: { ...result(id, 1), overlays: [zone, map] } },
    })
    const shown = shownOverlays(store.getState()).filter((o) => o.isCompare)
    expect(shown.map((o) => o.key)).toEqual([`compare:${id}/zone`])
    const o = shown[0].overlay
    if (o.type !== 'field') throw new Error('field expected')
    expect(o.colormap).toBeNull()
    expect(o.contours[0].dashed).toBe(true)
    // Only the zone surface: band edges and limit lines would crowd the legend.
    expect(o.contours.map((c) => c.label)).toEqual(['Copy of "Untitled plan": Ω = 1'])
    expect(o.contours[0].label).toMatch(/^Copy of "Untitled plan": Ω = 1/)
    store.getState().setCompareVisible(false)
    expect(shownOverlays(store.getState()).some((o) => o.isCompare)).toBe(false)
  })
})
