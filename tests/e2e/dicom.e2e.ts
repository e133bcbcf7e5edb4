import type { Page } from '@playwright/test'
import dcmjs from 'dcmjs'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { exportCtSeries } from '../../src/cases/dicom/exportCtSeries'
import { DEFAULT_CASE, generateCatalogVolume } from '../../src/cases/catalog'
import { makeSyntheticVolume } from '../../src/cases/synthetic/syntheticVolume'
import type { VolumeGeometry } from '../../src/lib/space'
import { expectNotBlank, pixelStats } from './pixels'
import { expect, readHu, snap, test, waitMeshes, waitReady } from './fixtures'

const TESTDATA = path.resolve('../shared/testdata/dicom')

function writeSeries(files: { name: string; bytes: Uint8Array }[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'osteoplan-e2e-'))
  const series = path.join(dir, 'series')
  mkdirSync(series)
  for (const f of files) writeFileSync(path.join(series, f.name), f.bytes)
  return series
}

const exported = () =>
  exportCtSeries(makeSyntheticVolume(), {
    caseId: 'synthetic',
    seriesDescription: 'Synthetic export',
  })

/** Adds identifying attributes to a Part-10 file with dcmjs (what a real, non-anonymised export has). */
function identify(bytes: Uint8Array): Uint8Array {
  const buf = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer
  const dict = dcmjs.data.DicomMessage.readFile(buf)
  const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict)
  ds.PatientName = 'DOE^JANE'
  ds.PatientID = 'MRN-123456'
  ds.PatientBirthDate = '19600101'
  ds.InstitutionName = 'General Hospital'
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(ds)
  return new Uint8Array(dict.write())
}

async function setCrosshair(page: Page, p: string): Promise<void> {
  await page.getByTestId('crosshair-input').fill(p)
  await page.getByTestId('crosshair-go').click()
}

test('an exported series opened through open-folder shows the same HU and geometry as the built-in case', async ({
  page,
}) => {
  const dir = writeSeries(exported())
  const points = ['6,12,4', '0,0,0', '0,40,-20', '-30,-20,10', '50,0,30']
  await page.goto('/?case=synthetic')
  await waitReady(page)
  const builtinInfo = await page.getByTestId('volume-info').textContent()
  const builtin: number[] = []
  for (const p of points) {
    await setCrosshair(page, p)
    builtin.push(await readHu(page))
  }
  await page.getByTestId('open-folder').setInputFiles(dir)
  await expect(page.getByTestId('status')).toHaveText(/Synthetic export ready/, { timeout: 60_000 })
  await waitReady(page)
  await expect(page.getByTestId('volume-info')).toHaveText(builtinInfo!)
  for (const [n, p] of points.entries()) {
    await setCrosshair(page, p)
    expect(await readHu(page), `HU at ${p}`).toBe(builtin[n])
  }
  await expectNotBlank(page.getByTestId('viewport-axial'), 'axial of loaded DICOM')
  await snap(page, 'dicom-exported-synthetic')
})

test('the default teaching case exported to DICOM reloads with the same HU and geometry', async ({
  page,
}) => {
  test.setTimeout(180_000)
  const v = generateCatalogVolume(DEFAULT_CASE)
  const dir = writeSeries(
    exportCtSeries(
      { geometry: v.geometry, ct: v.ct },
      { caseId: DEFAULT_CASE, seriesDescription: 'Phantom export' },
    ),
  )
  const named = Object.entries(v.landmarks ?? {}).slice(0, 6)
  const points = [...(v.lesions ?? []).map((l) => l.centreMm), ...named.map(([, p]) => p)].map(
    (p) => p.map((c) => c.toFixed(2)).join(','),
  )
  expect(points.length).toBeGreaterThanOrEqual(4)
  await page.goto(`/?case=${DEFAULT_CASE}`)
  await waitReady(page)
  const info = await page.getByTestId('volume-info').textContent()
  const builtin: number[] = []
  for (const p of points) {
    await setCrosshair(page, p)
    builtin.push(await readHu(page))
  }
  await page.getByTestId('open-folder').setInputFiles(dir)
  await expect(page.getByTestId('status')).toHaveText(/Phantom export ready/, { timeout: 120_000 })
  await waitReady(page)
  await expect(page.getByTestId('volume-info')).toHaveText(info!)
  for (const [n, p] of points.entries()) {
    await setCrosshair(page, p)
    expect(await readHu(page), `HU at ${p}`).toBe(builtin[n])
  }
  await snap(page, 'dicom-exported-phantom')
})

test('an identified series triggers the PHI guard and loads after scrubbing', async ({ page }) => {
  const files = exported().map((f) => ({ name: f.name, bytes: identify(f.bytes) }))
  const dir = writeSeries(files)
  await page.goto('/?case=synthetic')
  await waitReady(page)
  await page.getByTestId('open-folder').setInputFiles(dir)
  const guard = page.getByTestId('phi-guard')
  await expect(guard).toBeVisible({ timeout: 30_000 })
  await expect(guard).toContainText("Patient's Name")
  await expect(guard).not.toContainText('DOE^JANE')
  await snap(page, 'dicom-phi-guard')
  await page.getByTestId('phi-scrub').click()
  await expect(page.getByTestId('status')).toHaveText(/Synthetic export ready/, { timeout: 60_000 })
})

test('bad files give specific messages and the app stays usable', async ({ page }) => {
  const good = exported()[0].bytes
  const dir = writeSeries([
    {
      name: 'photo.dcm',
      bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0]),
    },
    { name: 'truncated.dcm', bytes: good.slice(0, 300) },
    { name: 'notes.txt', bytes: new TextEncoder().encode('not an image at all') },
  ])
  await page.goto('/?case=synthetic')
  await waitReady(page)
  await page.getByTestId('open-folder').setInputFiles(dir)
  const error = page.getByTestId('error')
  await expect(error).toContainText('No CT volume could be made from 3 file(s)')
  await expect(error).toContainText('JPEG')
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'ready')
  await expectNotBlank(page.getByTestId('viewport-axial'), 'axial still shows the previous case')
  await snap(page, 'dicom-bad-files')
})

test('a real tilted, unevenly spaced CT series is resampled and shown', async ({ page }) => {
  const dir = path.join(TESTDATA, 'dcm_qa_ct_ge_tilt')
  expect(
    existsSync(dir),
    `shared test data missing at ${dir}: these real-world DICOM tests cannot run`,
  ).toBe(true)
  await page.goto('/?case=synthetic')
  await waitReady(page)
  await page.getByTestId('open-folder').setInputFiles(dir)
  const dialog = page.getByTestId('import-dialog')
  await expect(dialog).toHaveAttribute('data-phase', 'chooseSeries', { timeout: 30_000 })
  await expect(dialog).toContainText(/tilt/i)
  // The series picker previews the middle slice of each series.
  const thumb = page.getByTestId('series-0').locator('canvas')
  await expect(thumb).toHaveAttribute('data-ready', 'true', { timeout: 30_000 })
  await expectNotBlank(thumb, 'series thumbnail')
  await snap(page, 'dicom-series-chooser')
  await page.getByTestId('load-series-0').click()
  // The de-identified set still carries placeholder identity fields: the guard may ask first.
  const scrub = page.getByTestId('phi-scrub')
  if (await scrub.isVisible().catch(() => false)) await scrub.click()
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'ready', {
    timeout: 90_000,
  })
  await expect(page.getByTestId('volume-info')).toHaveText(/^512×512×\d+ · 0\.49×0\.49×/)
  await waitReady(page)
  for (const id of ['viewport-axial', 'viewport-sagittal', 'viewport-coronal']) {
    await expectNotBlank(page.getByTestId(id), id)
  }
  await snap(page, 'dicom-ge-tilt')
})

/** The diagnostics globals of src/imaging/loadTiming.ts. */
type LoadCheckWindow = Window & {
  __osteoplanLoadCheck?: boolean
  __osteoplanLoadedVolume?: {
    dimensions: number[]
    count: number
    sum: number
    min: number
    max: number
  }
}

/** A voxel's centre in LPS mm (the crosshair input's format). */
function voxelMm(g: VolumeGeometry, i: number, j: number, k: number): string {
  const [a, b, c] = g.direction
  const d = [i * g.spacingMm[0], j * g.spacingMm[1], k * g.spacingMm[2]]
  return [0, 1, 2]
    .map((x) => (g.originMm[x] + d[0] * a[x] + d[1] * b[x] + d[2] * c[x]).toFixed(3))
    .join(',')
}

/** The import timeline's measures and marks in the page (src/cases/dicom/importTiming.ts), ms. */
type Timeline = Record<string, number>

/** Waits for the import started after `since` (page time) to render its first frame; returns its timeline. */
async function importTimeline(page: Page, since: number): Promise<Timeline> {
  await page.waitForFunction(
    (t) =>
      performance
        .getEntriesByName('osteoplan:import:first-frame', 'mark')
        .some((m) => m.startTime > t),
    since,
    { timeout: 180_000 },
  )
  return page.evaluate(() => {
    const out: Record<string, number> = {}
    const start = performance.getEntriesByName('osteoplan:import:start', 'mark')[0].startTime
    for (const e of performance.getEntries()) {
      if (!e.name.startsWith('osteoplan:import:')) continue
      const key = e.name.slice('osteoplan:import:'.length)
      if (e.entryType === 'measure') out[key] = e.duration
      else out[`@${key}`] = e.startTime - start
    }
    return out
  })
}

/**
 * The fair baseline, in the page, under the import's own conditions: the same folder is picked freshly in a
 * file input of the test's own, and from its change event every file is read (`File.arrayBuffer()`, all at
 * once as the import does), parsed with `dicomParser.parseDicom`, and its pixel data taken as a typed view.
 * Returns ms from the change event to the last view.
 */
async function baselineMs(page: Page, dir: string): Promise<number> {
  await page.evaluate(() => {
    if (document.getElementById('bench-baseline-input')) return
    const input = document.createElement('input')
    input.type = 'file'
    input.id = 'bench-baseline-input'
    input.setAttribute('webkitdirectory', '')
    input.style.display = 'none'
    document.body.append(input)
    input.addEventListener('change', () => {
      const w = window as unknown as {
        __benchBaseline: Promise<number>
        dicomParser: {
          parseDicom(b: Uint8Array): {
            elements: Record<string, { dataOffset: number; length: number }>
          }
        }
      }
      const files = Array.from(input.files ?? [])
      input.value = ''
      w.__benchBaseline = (async () => {
        const t0 = performance.now()
        const buffers = await Promise.all(files.map((f) => f.arrayBuffer()))
        let touched = 0
        for (const buf of buffers) {
          const px = w.dicomParser.parseDicom(new Uint8Array(buf)).elements.x7fe00010
          const view =
            px.dataOffset % 2 === 0
              ? new Int16Array(buf, px.dataOffset, px.length / 2)
              : new Uint8Array(buf, px.dataOffset, px.length)
          touched += view[view.length >> 1] & 1
        }
        const ms = performance.now() - t0
        return touched >= 0 ? ms : -1
      })()
    })
  })
  await page.locator('#bench-baseline-input').setInputFiles(dir)
  return page.evaluate(
    () => (window as unknown as { __benchBaseline: Promise<number> }).__benchBaseline,
  )
}

/** Chromium CPU profile of one import (DICOM_BENCH_PROFILE=1): saved, and the top self times printed. */
async function profileImport(page: Page, dir: string, n: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  const since = await page.evaluate(() => performance.now())
  await page.getByTestId('open-folder').setInputFiles(dir)
  await importTimeline(page, since)
  const { profile } = await cdp.send('Profiler.stop')
  const out = process.env.E2E_OUT ?? 'test-results/e2e'
  mkdirSync(out, { recursive: true })
  writeFileSync(path.join(out, `dicom-load-${n}.cpuprofile`), JSON.stringify(profile))
  const self = new Map<string, number>()
  const dt = new Map<number, number>()
  profile.samples?.forEach((id, i) =>
    dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)),
  )
  for (const node of profile.nodes) {
    const f = node.callFrame
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`
    self.set(key, (self.get(key) ?? 0) + (dt.get(node.id) ?? 0) / 1000)
  }
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)
  console.log(
    `CPU profile of one import (${n} slices), self ms:\n  ${top.map(([k, v]) => `${v.toFixed(1)} ${k}`).join('\n  ')}`,
  )
}

test('load benchmark: files → loaded volume next to dicom-parser on the same File objects, in the page', async ({
  page,
}) => {
  // 512×512×N series (DICOM_BENCH_SLICES, default 64 and 200); the figures are printed, never asserted.
  const sizes = (process.env.DICOM_BENCH_SLICES ?? '64,200').split(',').map(Number)
  const runs = Number(process.env.DICOM_BENCH_RUNS ?? 5)
  test.setTimeout(120_000 + sizes.reduce((t, n) => t + n * 2_500 * (runs + 1), 0))
  await page.goto('/?case=synthetic')
  await waitReady(page)
  await page.addScriptTag({
    path: path.resolve('node_modules/dicom-parser/dist/dicomParser.min.js'),
  })
  for (const n of sizes) {
    const v = makeSyntheticVolume(512, 512, n)
    const name = `Load benchmark ${n}`
    const dir = writeSeries(exportCtSeries(v, { caseId: 'synthetic', seriesDescription: name }))
    // 1. Correctness (and warm-up): every voxel arrives in Cornerstone's volume with the right HU.
    await page.evaluate(() => {
      const w = window as LoadCheckWindow
      w.__osteoplanLoadCheck = true
      delete w.__osteoplanLoadedVolume
    })
    const since = await page.evaluate(() => performance.now())
    await page.getByTestId('open-folder').setInputFiles(dir)
    await expect(page.getByTestId('status')).toHaveText(new RegExp(`${name} ready`), {
      timeout: 120_000,
    })
    await importTimeline(page, since)
    await waitMeshes(page)
    const loaded = await page.evaluate(() => (window as LoadCheckWindow).__osteoplanLoadedVolume)
    let sum = 0
    let min = Infinity
    let max = -Infinity
    for (const x of v.ct) {
      sum += x
      if (x < min) min = x
      if (x > max) max = x
    }
    expect(loaded, 'the loaded volume was summarised').toBeDefined()
    expect(loaded!.dimensions).toEqual([512, 512, n])
    expect(loaded!.count, 'every voxel is in the volume').toBe(512 * 512 * n)
    expect(loaded!.sum, 'sum of HU over every voxel').toBe(sum)
    expect([loaded!.min, loaded!.max]).toEqual([min, max])
    await waitReady(page)
    const g = v.geometry
    for (const [i, j, k] of [
      [256, 256, n >> 1],
      [100, 300, 1],
      [400, 150, n - 2],
    ] as const) {
      await setCrosshair(page, voxelMm(g, i, j, k))
      expect(await readHu(page), `HU at voxel ${i},${j},${k}`).toBe(v.ct[i + 512 * (j + 512 * k)])
    }
    await setCrosshair(page, voxelMm(g, 256, 256, n >> 1))
    await waitReady(page)
    await snap(page, `dicom-load-benchmark-${n}`)
    // The synthetic object is small in this 768 mm field of view: about 2 % of the axial view.
    const axial = pixelStats(await page.getByTestId('viewport-axial').screenshot())
    expect(axial.nonBackground, 'the axial view shows the loaded object').toBeGreaterThan(0.01)
    expect(axial.levels, 'grey levels in the axial view').toBeGreaterThan(12)
    await page.evaluate(() => ((window as LoadCheckWindow).__osteoplanLoadCheck = false))
    if (process.env.DICOM_BENCH_PROFILE) await profileImport(page, dir, n)
    // 2. Timed runs: baseline and import alternately; the minimum of each.
    const base: number[] = []
    const ours: Timeline[] = []
    // The previous run's garbage is collected before each timed run, not inside it.
    const cdp = await page.context().newCDPSession(page)
    const collect = () => cdp.send('HeapProfiler.collectGarbage')
    const runOurs = async () => {
      await collect()
      const t = await page.evaluate(() => performance.now())
      await page.getByTestId('open-folder').setInputFiles(dir)
      ours.push(await importTimeline(page, t))
      // The 3D model of the loaded volume is built in a worker: let it finish before the next timed run.
      await waitMeshes(page)
    }
    const runBaseline = async () => {
      await collect()
      base.push(await baselineMs(page, dir))
    }
    // Alternating which goes first, so that neither always follows the other's aftermath.
    for (let r = 0; r < runs; r++) {
      for (const run of r % 2 ? [runOurs, runBaseline] : [runBaseline, runOurs]) await run()
    }
    const a = Math.min(...base)
    const best = ours.reduce((x, y) => ((y.total ?? Infinity) < (x.total ?? Infinity) ? y : x))
    const f = (k: string) => (best[k] ?? NaN).toFixed(1)
    console.log(
      `DICOM load 512×512×${n} (${runs} runs, minimum; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}): ` +
        `baseline read+parseDicom+pixel view ${a.toFixed(1)} ms [${base.map((b) => b.toFixed(0)).join(', ')}]; ` +
        `files → volume ready ${f('total')} ms [${ours.map((o) => (o.total ?? NaN).toFixed(0)).join(', ')}]; ` +
        `ratio ${((best.total ?? NaN) / a).toFixed(2)}× (goal ≤ 1.5×)\n` +
        `  stages: read ${f('read')}, parse ${f('parse')}, discover ${f('discover')}, phi ${f('phi')}, ` +
        `decode ${f('decode')}, assemble ${f('assemble')}, volume-ready ${f('volume-ready')} ms; ` +
        `then (other reactions of the app ${f('cs-start')} ms) Cornerstone's createLocalVolume ${f('cs-volume')} ms, ` +
        `ending at +${f('@cs-volume')} (ratio to that ${((best['@cs-volume'] ?? NaN) / a).toFixed(2)}×), ` +
        `viewports attached at +${f('@attached')}, ` +
        `first rendered frame at +${f('@first-frame')} ms after start`,
    )
  }
})
