/**
 * Issue #4's load benchmark in Node, next to the browser flow in tests/e2e/dicom.e2e.ts (which is the
 * reference: it reads the same File objects in the page). Here a 512×512×N series exported by OsteoPlan is
 * written to a temporary folder; each round reads every file from disk (all at once), then:
 * - baseline: dicom-parser `parseDicom` of every file and its pixel data taken as a typed view;
 * - ours: the import's own steps (src/store/importSteps: parse each header once, discover the series,
 *   view each frame in place) and assembleVolume's raw path into the final Int16 HU volume.
 * Figures are CPU time of this process (`process.cpuUsage`, user + system), the minimum of 3 rounds, so
 * that other work on a shared machine inflates them less than wall time would; run with
 * NODE_OPTIONS=--expose-gc so that garbage is collected between rounds rather than inside them. Also: the IJG-exact JPEG
 * decoder on the shared 12-bit progressive file, when the shared test data is present.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { assembleVolume, exportCtSeries } from '../src/cases/dicom'
import { readJpegFrame } from '../src/cases/dicom/jpegFrame'
import { dicomParser } from '../src/cases/dicom/parseDicomHeader'
import { makeSyntheticVolume } from '../src/cases/synthetic/syntheticVolume'
import { beginSession, endSession } from '../src/store/importSession'
import { discoverFiles, rawSeriesFrames } from '../src/store/importSteps'

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since)
  return (d.user + d.system) / 1000
}

/** The previous round's garbage (hundreds of MB) must not be collected inside the next timed round. */
const gc = (globalThis as { gc?: () => void }).gc
const collect = (): void => gc?.()

const folders = new Map<number, { dir: string; names: string[]; sum: number }>()

function prepare(n: number): void {
  if (folders.has(n)) return
  const v = makeSyntheticVolume(512, 512, n)
  const files = exportCtSeries(v, { caseId: 'synthetic', seriesDescription: `bench ${n}` })
  const dir = mkdtempSync(path.join(tmpdir(), 'osteoplan-bench-'))
  mkdirSync(dir, { recursive: true })
  for (const f of files) writeFileSync(path.join(dir, f.name), f.bytes)
  let sum = 0
  for (const x of v.ct) sum += x
  folders.set(n, { dir, names: files.map((f) => f.name), sum })
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
}

const readAll = async (dir: string, names: string[]): Promise<Uint8Array[]> =>
  (await Promise.all(names.map((f) => readFile(path.join(dir, f))))).map(
    (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
  )

async function baseline(dir: string, names: string[]): Promise<number> {
  const t = process.cpuUsage()
  let touched = 0
  for (const bytes of await readAll(dir, names)) {
    const px = dicomParser.parseDicom(bytes).elements.x7fe00010
    const start = bytes.byteOffset + px.dataOffset
    const view =
      start % 2 === 0
        ? new Int16Array(bytes.buffer, start, px.length / 2)
        : bytes.subarray(px.dataOffset, px.dataOffset + px.length)
    touched += view[view.length >> 1] & 1
  }
  return touched >= 0 ? cpuMs(t) : -1
}

async function ours(dir: string, names: string[], sum: number): Promise<Record<string, number>> {
  const t = process.cpuUsage()
  const bytes = await readAll(dir, names)
  const read = cpuMs(t)
  const session = beginSession(names.map((name, k) => ({ name, bytes: bytes[k] })))
  const { discovery } = await discoverFiles(session, () => undefined)
  const parsed = cpuMs(t)
  const series = discovery.series[0]
  const raw = rawSeriesFrames(session, series)
  if (!raw) throw new Error('the raw path did not apply')
  const vol = assembleVolume(series, raw.frames, { mode: 'asIs', downsample: false }, raw.format)
  const total = cpuMs(t)
  endSession()
  let s = 0
  for (const x of vol.ct) s += x
  if (s !== sum) throw new Error(`wrong volume: sum ${s} instead of ${sum}`)
  return { read, parse: parsed - read, assemble: total - parsed, total }
}

function loadBench(n: number): {
  name: string
  runs: number
  setup: () => void
  run: () => Promise<string>
} {
  return {
    name: `DICOM load 512×512×${n}: files on disk → HU volume vs read + dicom-parser`,
    runs: 1,
    setup: () => prepare(n),
    run: async () => {
      const { dir, names, sum } = folders.get(n)!
      const a: number[] = []
      const b: Record<string, number>[] = []
      for (let r = 0; r < 3; r++) {
        collect()
        a.push(await baseline(dir, names))
        collect()
        b.push(await ours(dir, names, sum))
      }
      const base = Math.min(...a)
      const best = b.reduce((x, y) => (y.total < x.total ? y : x))
      const f = (k: string) => best[k].toFixed(1)
      return (
        `CPU ms (min of 3): baseline ${base.toFixed(1)}, ours ${f('total')} ` +
        `(read ${f('read')}, parse+discover ${f('parse')}, views+assemble ${f('assemble')}), ` +
        `ratio ${(best.total / base).toFixed(2)}×` +
        (gc ? '' : ' (run with NODE_OPTIONS=--expose-gc to collect garbage between rounds)')
      )
    },
  }
}

const PROGRESSIVE = path.resolve(
  '../shared/testdata/dicom/cornerstone_ct_transfer_syntaxes/CTImage.dcm_JPEGProcess10_12TransferSyntax_1.2.840.10008.1.2.4.55.dcm',
)

export const benchmarks = [
  loadBench(64),
  loadBench(200),
  {
    name: 'IJG-exact JPEG decode, 12-bit progressive 512×512 (shared test data)',
    run: () => {
      if (!existsSync(PROGRESSIVE)) return 'shared test data missing: not measured'
      const b = readFileSync(PROGRESSIVE)
      const buf = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)
      const t = process.cpuUsage()
      const f = readJpegFrame(buf, 0)
      return `${cpuMs(t).toFixed(1)} ms CPU, ${f?.pixels.length ?? 0} pixels`
    },
  },
]
