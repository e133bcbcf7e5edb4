/**
 * Cancellation in the sim client: cancelling one run terminates the shared worker, and the other runs
 * that were on it start again on a new worker instead of hanging.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProcedureResult } from '../../src/cases/simulate'
import type { CtVolume } from '../../src/cases/volume'

/** Each fake worker's pending simulate calls, settled by the test. */
interface FakeWorker {
  terminated: boolean
  calls: { deviceId: string; resolve(r: ProcedureResult): void }[]
}
const workers: FakeWorker[] = []

vi.mock('comlink', () => ({
  wrap: (w: { fake: FakeWorker }) => ({
    hasVolume: () => Promise.resolve(true),
    setVolume: () => Promise.resolve(),
    simulate: (_v: string, _p: string, deviceId: string) =>
      new Promise<ProcedureResult>((resolve) => w.fake.calls.push({ deviceId, resolve })),
  }),
  proxy: <T>(x: T) => x,
  transfer: <T>(x: T) => x,
  expose: () => undefined,
}))

class Worker {
  fake: FakeWorker = { terminated: false, calls: [] }
  constructor() {
    workers.push(this.fake)
  }
  terminate() {
    this.fake.terminated = true
  }
}

const volume = { id: 'v' } as unknown as CtVolume
const result = (deviceId: string) => ({ deviceId }) as unknown as ProcedureResult

beforeEach(() => {
  workers.length = 0
  vi.stubGlobal('Worker', Worker)
  vi.resetModules()
})
afterEach(() => vi.unstubAllGlobals())

describe('sim client cancellation', () => {
  it('restarts the other runs of a terminated worker and settles each once', async () => {
    const { runSimulation } = await import('../../src/workers/simClient')
    const a = runSimulation(volume, '{}', 'a', {}, () => undefined)
    const b = runSimulation(volume, '{}', 'b', {}, () => undefined)
    await vi.waitFor(() => expect(workers[0]?.calls.map((c) => c.deviceId)).toEqual(['a', 'b']))
    a.cancel()
    await expect(a.result).rejects.toMatchObject({ name: 'AbortError' })
    expect(workers[0].terminated).toBe(true)
    // b starts again on a second worker; a late answer from the dead worker is ignored.
    await vi.waitFor(() => expect(workers[1]?.calls.map((c) => c.deviceId)).toEqual(['b']))
    workers[0].calls[1].resolve(result('stale'))
    workers[1].calls[0].resolve(result('b'))
    await expect(b.result).resolves.toMatchObject({ deviceId: 'b' })
  })

  it('cancelling a finished run does not terminate the worker', async () => {
    const { runSimulation } = await import('../../src/workers/simClient')
    const a = runSimulation(volume, '{}', 'a', {}, () => undefined)
    await vi.waitFor(() => expect(workers[0]?.calls).toHaveLength(1))
    workers[0].calls[0].resolve(result('a'))
    await a.result
    a.cancel()
    expect(workers[0].terminated).toBe(false)
  })
})
