import * as Comlink from 'comlink'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  computeFluoroBase,
  createDrrApi,
  type DrrVolume,
  type FluoroRequest,
} from '../../src/workers/drrApi'
import { createDrrClient, isDrrAbort } from '../../src/workers/drrClient'

/** A 32³ water cube with a dense 8³ block off-centre (1 mm voxels). */
function makeVolume(id = 'v1'): DrrVolume {
  const n = 32
  const ct = new Int16Array(n * n * n)
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const inBlock = i >= 18 && i < 26 && j >= 10 && j < 18 && k >= 12 && k < 20
        ct[i + n * (j + n * k)] = inBlock ? 1000 : 0
      }
    }
  }
  return { id, ct, dims: [n, n, n], spacingM: [1e-3, 1e-3, 1e-3] }
}

const req = (angleDeg: number): FluoroRequest => ({
  angleDeg,
  sizePx: 64,
  fovM: 0.04,
  entryM: [0.016, 0.0, 0.016],
  tipM: [0.016, 0.016, 0.016],
  trocarRadiusM: 1.5e-3,
})

describe('drrClient (inline: no Worker under Node)', () => {
  const volume = makeVolume()

  it('returns the direct computation, and the views differ by angle', async () => {
    const client = createDrrClient()
    expect(client.mode).toBe('inline')
    const ap = await client.project(volume, req(0), 'ap')
    const direct = computeFluoroBase(volume, req(0))
    expect(Array.from(ap.projector.base)).toEqual(Array.from(direct.projector.base))
    expect(ap.window).toEqual(direct.window)
    const lat = await client.project(volume, req(90), 'lateral')
    expect(Array.from(lat.projector.base)).not.toEqual(Array.from(ap.projector.base))
    // The dense block and the trocar make the image non-uniform; the window spans it.
    expect(ap.window[1]).toBeGreaterThan(ap.window[0])
  })

  it('supersedes a waiting request of the same slot; other slots are kept', async () => {
    const client = createDrrClient({ forceInline: true })
    const first = client.project(volume, req(0), 'lateral')
    const other = client.project(volume, req(45), 'ap')
    const second = client.project(volume, req(30), 'lateral')
    const e = await first.then(
      () => null,
      (x: unknown) => x,
    )
    expect(isDrrAbort(e)).toBe(true)
    expect((await second).projector.view.angleDeg).toBe(30)
    expect((await other).projector.view.angleDeg).toBe(45)
  })

  it('rejects absurd views with a clear message', async () => {
    const client = createDrrClient({ forceInline: true })
    await expect(client.project(volume, { ...req(0), sizePx: 1e6 }, 's')).rejects.toThrow(
      /image size/,
    )
    await expect(client.project(volume, { ...req(Number.NaN) }, 's')).rejects.toThrow(
      /view is invalid/,
    )
  })
})

/** A stand-in for `Worker` serving drrApi over a MessageChannel, so the worker path runs under Node. */
class ChannelWorker extends EventTarget {
  static created = 0
  static setVolumeCalls = 0
  private readonly port: MessagePort
  constructor(_url: URL, _opts: WorkerOptions) {
    super()
    ChannelWorker.created++
    const { port1, port2 } = new MessageChannel()
    const api = createDrrApi()
    const counted = {
      ...api,
      setVolume: (v: DrrVolume) => {
        ChannelWorker.setVolumeCalls++
        api.setVolume(v)
      },
    }
    Comlink.expose(counted, port1)
    this.port = port2
    this.port.start()
  }
  postMessage(msg: unknown, transfer: Transferable[] = []): void {
    this.port.postMessage(msg, transfer)
  }
  override addEventListener(type: string, l: EventListenerOrEventListenerObject | null): void {
    if (type === 'message') this.port.addEventListener('message', l as EventListener)
    else super.addEventListener(type, l)
  }
  override removeEventListener(type: string, l: EventListenerOrEventListenerObject | null): void {
    if (type === 'message') this.port.removeEventListener('message', l as EventListener)
    else super.removeEventListener(type, l)
  }
  terminate(): void {
    this.port.close()
  }
}

describe('drrClient (worker path over a MessageChannel)', () => {
  const g = globalThis as { Worker?: unknown }
  beforeAll(() => {
    g.Worker = ChannelWorker
  })
  afterAll(() => {
    delete g.Worker
  })

  it('sends the CT once per volume, returns the direct computation, and the caller keeps its CT', async () => {
    const client = createDrrClient()
    expect(client.mode).toBe('worker')
    const volume = makeVolume('w1')
    const a = await client.project(volume, req(0), 'ap')
    const b = await client.project(volume, req(90), 'lateral')
    expect(ChannelWorker.created).toBe(1)
    expect(ChannelWorker.setVolumeCalls).toBe(1)
    expect(volume.ct.length).toBe(32 ** 3)
    expect(Array.from(a.projector.base)).toEqual(
      Array.from(computeFluoroBase(volume, req(0)).projector.base),
    )
    expect(b.projector.view.angleDeg).toBe(90)
    await client.project(makeVolume('w2'), req(0), 'ap')
    expect(ChannelWorker.setVolumeCalls).toBe(2)
    client.dispose()
  })
})
