import type { Page } from '@playwright/test'
import dcmjs from 'dcmjs'
import dicomParser from 'dicom-parser'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { exportCtSeries } from '../../src/cases/dicom/exportCtSeries'
import { DEFAULT_CASE, generateCatalogVolume } from '../../src/cases/catalog'
import { makeSyntheticVolume } from '../../src/cases/synthetic/syntheticVolume'
import { expectNotBlank } from './pixels'
import { expect, readHu, snap, test, waitReady } from './fixtures'

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

test('load time of a 512×512×N series next to the raw dicom-parser time in Node (printed figure)', async ({
  page,
}) => {
  test.setTimeout(180_000)
  // 64 slices of 512×512: a realistic CT slab (32 MB of pixels) that keeps this flow short on 2 cores.
  const files = exportCtSeries(makeSyntheticVolume(512, 512, 64), {
    caseId: 'synthetic',
    seriesDescription: 'Load benchmark',
  })
  const dir = writeSeries(files)
  const t0 = performance.now()
  for (const f of files) dicomParser.parseDicom(f.bytes)
  const parseMs = performance.now() - t0
  await page.goto('/?case=synthetic')
  await waitReady(page)
  const t1 = Date.now()
  await page.getByTestId('open-folder').setInputFiles(dir)
  await expect(page.getByTestId('status')).toHaveText(/Load benchmark ready/, { timeout: 120_000 })
  const loadMs = Date.now() - t1
  console.log(
    `DICOM load 512×512×${files.length}: files → loaded volume ${loadMs} ms in the browser; ` +
      `dicom-parser parseDicom of the same files in Node ${parseMs.toFixed(0)} ms; ratio ${(loadMs / parseMs).toFixed(1)}×`,
  )
  await expect(page.getByTestId('volume-info')).toContainText('512')
})
