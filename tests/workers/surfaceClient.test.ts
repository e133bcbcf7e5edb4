import * as Comlink from 'comlink'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { extractLabelSurfaces, extractSurface, type SurfaceSource } from '../../src/sim/surface'
import { surfaceApi } from '../../src/workers/surfaceApi'
import { createSurfaceClient } from '../../src/workers/surfaceClient'
import {
  geometryAround,
  huFromDistance,
  offCentre,
  sampleInt16,
  sphereSd,
} from '../sim/surface/fixtures'

const g = geometryAround(8, [1, 1, 1.25])
const ct = sampleInt16(g, huFromDistance(sphereSd(offCentre(g), 8)))
const source: SurfaceSource = { kind: 'scalar', values: ct, geometry: g }

describe('surfaceClient (inline fallback under Node)', () => {
  it('runs inline when Worker is undefined', () => {
    expect(typeof Worker).toBe('undefined')
    expect(createSurfaceClient().mode).toBe('inline')
  })

  it('gives exactly the direct call’s mesh, and reports progress up to 1', async () => {
    const client = createSurfaceClient()
    const options = { smoothing: { iterations: 3 }, maxTriangles: 500 }
    const seen: number[] = []
    const viaClient = await client.extractSurface(source, options, {
      onProgress: (f) => seen.push(f),
    })
    const direct = extractSurface(source, options)
    expect(Array.from(viaClient.positions)).toEqual(Array.from(direct.positions))
    expect(Array.from(viaClient.indices)).toEqual(Array.from(direct.indices))
    expect(Array.from(viaClient.normals)).toEqual(Array.from(direct.normals))
    expect(seen.length).toBeGreaterThan(2)
    for (let n = 1; n < seen.length; n++) expect(seen[n]).toBeGreaterThanOrEqual(seen[n - 1])
    expect(seen.at(-1)).toBe(1)
    client.dispose()
  })

  it('label surfaces match the direct call', async () => {
    const labels = new Uint8Array(ct.length).map((_, n) => (ct[n] >= 200 ? 7 : 0))
    const groups = [{ id: 'b', name: 'Ball', color: '#fff', labelIds: [7] }]
    const [viaClient] = await createSurfaceClient().extractLabelSurfaces(labels, null, g, groups)
    const [direct] = extractLabelSurfaces(labels, null, g, groups)
    expect(Array.from(viaClient.mesh.indices)).toEqual(Array.from(direct.mesh.indices))
  })

  it('rejects with an AbortError when aborted before or during the run', async () => {
    const client = createSurfaceClient()
    const before = new AbortController()
    before.abort()
    await expect(
      client.extractSurface(source, {}, { signal: before.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' })
    // Aborting from inside a progress callback stops the synchronous inline kernel at the next report.
    const during = new AbortController()
    const run = client.extractSurface(
      source,
      {},
      { signal: during.signal, onProgress: () => during.abort() },
    )
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
  })
})

/**
 * A stand-in for `Worker` that serves surfaceApi over a MessageChannel on this thread, so the client's
 * worker path (Comlink wrap, progress proxy, transfers, abort → terminate → recreate) runs under Node.
 */
class ChannelWorker extends EventTarget {
  static created = 0
  static terminated = 0
  static last: ChannelWorker | null = null
  private readonly port: MessagePort
  constructor(_url: URL, _opts: WorkerOptions) {
    super()
    ChannelWorker.created++
    ChannelWorker.last = this
    const { port1, port2 } = new MessageChannel()
    Comlink.expose(surfaceApi, port1)
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
    ChannelWorker.terminated++
    this.port.close()
  }
}

describe('surfaceClient (worker path over a MessageChannel)', () => {
  const g2 = globalThis as { Worker?: unknown }
  beforeAll(() => {
    g2.Worker = ChannelWorker
  })
  afterAll(() => {
    delete g2.Worker
  })

  it('uses one long-lived worker, proxies progress and returns the direct call’s mesh', async () => {
    const client = createSurfaceClient()
    expect(client.mode).toBe('worker')
    const seen: number[] = []
    const a = await client.extractSurface(source, {}, { onProgress: (f) => seen.push(f) })
    const b = await client.extractSurface(source, { maxTriangles: 300 })
    expect(ChannelWorker.created).toBe(1)
    expect(Array.from(a.indices)).toEqual(Array.from(extractSurface(source).indices))
    expect(b.triangleCount).toBeLessThanOrEqual(300)
    // Progress travels on the proxy's own channel and may trail the result by a few event-loop turns.
    for (let turn = 0; turn < 100 && seen.at(-1) !== 1; turn++) {
      await new Promise((r) => setTimeout(r, 0))
    }
    expect(seen.at(-1)).toBe(1)
    client.dispose()
  })

  it('transferInput detaches the caller’s copy; the default copies', async () => {
    const client = createSurfaceClient()
    const copy = ct.slice()
    await client.extractSurface({ kind: 'scalar', values: copy, geometry: g })
    expect(copy.length).toBe(ct.length)
    await client.extractSurface(
      { kind: 'scalar', values: copy, geometry: g },
      {},
      { transferInput: true },
    )
    expect(copy.length).toBe(0)
    client.dispose()
  })

  it('abort terminates the worker, rejects, and the next call gets a fresh worker', async () => {
    const client = createSurfaceClient()
    const created = ChannelWorker.created
    const terminated = ChannelWorker.terminated
    const ctl = new AbortController()
    const run = client.extractSurface(source, {}, { signal: ctl.signal })
    ctl.abort()
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
    expect(ChannelWorker.terminated).toBe(terminated + 1)
    const again = await client.extractSurface(source)
    expect(again.triangleCount).toBeGreaterThan(0)
    expect(ChannelWorker.created).toBe(created + 2)
    client.dispose()
  })

  it('falls back to this thread when the worker fails, and stays there', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const client = createSurfaceClient()
    const run = client.extractSurface(source)
    ChannelWorker.last!.dispatchEvent(new Event('error'))
    const mesh = await run
    expect(warn).toHaveBeenCalledOnce()
    warn.mockRestore()
    expect(client.mode).toBe('inline')
    expect(Array.from(mesh.indices)).toEqual(Array.from(extractSurface(source).indices))
  })
})
