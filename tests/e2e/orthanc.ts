/**
 * A real Orthanc with its DICOMweb plugin for the browser flows (issue #4), started on loopback in a temp
 * directory, plus a tiny CORS proxy in front of it: Orthanc has no CORS option, and the app is served with
 * COEP require-corp, so cross-origin responses need `Access-Control-Allow-Origin` and
 * `Cross-Origin-Resource-Policy`. The proxy forwards GET/OPTIONS under /dicom-web/ only.
 *
 * If Orthanc or its plugin is not installed, `startOrthanc` throws with the install command: these tests
 * must fail loudly, never skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** Where Debian's orthanc-dicomweb package puts the plugin. */
const PLUGIN_CANDIDATES = [
  '/usr/share/orthanc/plugins/libOrthancDicomWeb.so',
  '/usr/lib/orthanc/libOrthancDicomWeb.so',
]

/** A running Orthanc and its proxy. */
export interface OrthancServer {
  /** Orthanc's own REST root, e.g. http://127.0.0.1:41234 (for uploads from the test). */
  readonly restUrl: string
  /** The DICOMweb root the browser uses, through the CORS proxy, e.g. http://127.0.0.1:41235/dicom-web */
  readonly dicomWebUrl: string
  /** A root on the proxy that answers 200 with HTML, like a web site that is not DICOMweb. */
  readonly notDicomWebUrl: string
  /** Stops Orthanc and the proxy and deletes the temp directory. */
  stop(): Promise<void>
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })

function findOrthanc(): { bin: string; plugin: string } {
  const which = spawnSync('sh', ['-c', 'command -v Orthanc'], { encoding: 'utf8' })
  // Debian installs it in /usr/sbin, which a non-root PATH may lack.
  const bin = which.stdout.trim() || (existsSync('/usr/sbin/Orthanc') ? '/usr/sbin/Orthanc' : '')
  const plugin = PLUGIN_CANDIDATES.find((p) => existsSync(p))
  if (!bin || !plugin) {
    throw new Error(
      `Orthanc with its DICOMweb plugin is required for the DICOMweb flows and was not found ` +
        `(Orthanc: ${bin || 'missing'}, plugin: ${plugin ?? 'missing'}). ` +
        `Install it: apt-get install -y orthanc orthanc-dicomweb`,
    )
  }
  return { bin, plugin }
}

async function waitUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited early:\n${log()}`)
    try {
      const r = await fetch(`${url}/system`)
      if (r.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`Orthanc did not answer within 30 s:\n${log()}`)
}

const CORS = {
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
}

function startProxy(target: number, port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/'
    if (url.startsWith('/not-dicomweb/')) {
      // Stands for an ordinary web site typed by mistake: 200, readable, but HTML.
      res
        .writeHead(200, { ...CORS, 'content-type': 'text/html' })
        .end('<!doctype html><p>Hello</p>')
      return
    }
    if (!url.startsWith('/dicom-web/')) {
      res.writeHead(404, CORS).end('not proxied')
      return
    }
    if (req.method === 'OPTIONS') {
      res
        .writeHead(204, {
          ...CORS,
          'access-control-allow-methods': 'GET, OPTIONS',
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
          'access-control-max-age': '600',
        })
        .end()
      return
    }
    if (req.method !== 'GET') {
      res.writeHead(405, CORS).end()
      return
    }
    const headers = { ...req.headers, host: `127.0.0.1:${target}` }
    delete headers.origin
    const up = http.request(
      { host: '127.0.0.1', port: target, path: url, method: 'GET', headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, { ...r.headers, ...CORS })
        r.pipe(res)
      },
    )
    up.on('error', (e) => res.writeHead(502, CORS).end(String(e)))
    up.end()
  })
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)))
}

/** Starts Orthanc (HTTP on loopback only, no DICOM port, no auth) with DICOMweb, and the CORS proxy. */
export async function startOrthanc(): Promise<OrthancServer> {
  const { bin, plugin } = findOrthanc()
  const dir = mkdtempSync(path.join(tmpdir(), 'osteoplan-orthanc-'))
  const [httpPort, proxyPort] = [await freePort(), await freePort()]
  const config = {
    Name: 'OsteoPlanTest',
    StorageDirectory: path.join(dir, 'storage'),
    IndexDirectory: path.join(dir, 'index'),
    HttpPort: httpPort,
    DicomServerEnabled: false,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    HttpCompressionEnabled: false,
    Plugins: [plugin],
    DicomWeb: { Enable: true, Root: '/dicom-web/' },
  }
  const configPath = path.join(dir, 'orthanc.json')
  writeFileSync(configPath, JSON.stringify(config, null, 2))
  let log = ''
  const child = spawn(bin, [configPath], { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  // If the test process dies without afterAll (a killed worker), do not leave Orthanc behind.
  const killOnExit = (): void => void child.kill('SIGKILL')
  process.once('exit', killOnExit)
  child.once('exit', () => process.removeListener('exit', killOnExit))
  const restUrl = `http://127.0.0.1:${httpPort}`
  let proxy: http.Server | null = null
  const stop = async (): Promise<void> => {
    if (proxy) {
      proxy.closeAllConnections()
      await new Promise((r) => proxy!.close(r))
    }
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
      if (child.exitCode === null) child.kill('SIGKILL')
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await waitUp(restUrl, child, () => log)
    proxy = await startProxy(httpPort, proxyPort)
  } catch (e) {
    await stop()
    throw e
  }
  const proxyUrl = `http://127.0.0.1:${proxyPort}`
  return {
    restUrl,
    dicomWebUrl: `${proxyUrl}/dicom-web`,
    notDicomWebUrl: `${proxyUrl}/not-dicomweb`,
    stop,
  }
}

/** Uploads Part-10 files with POST /instances; returns how many Orthanc stored. */
export async function uploadInstances(
  restUrl: string,
  files: readonly { name: string; bytes: Uint8Array }[],
): Promise<number> {
  let stored = 0
  const queue = [...files]
  const worker = async (): Promise<void> => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const r = await fetch(`${restUrl}/instances`, {
        method: 'POST',
        headers: { 'content-type': 'application/dicom' },
        body: new Blob([f.bytes as Uint8Array<ArrayBuffer>]),
      })
      if (!r.ok) throw new Error(`Orthanc refused ${f.name}: ${r.status} ${await r.text()}`)
      stored++
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()])
  return stored
}
