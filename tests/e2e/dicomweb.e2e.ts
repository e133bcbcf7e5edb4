/**
 * Loading a CT series from a real Orthanc with its DICOMweb plugin (issue #4), started here on loopback
 * with the exported default phantom case uploaded. Runs on the cross-origin-isolated preview (COEP
 * require-corp), the stricter of the two; the CORS proxy in orthanc.ts makes Orthanc readable from it.
 * If Orthanc is not installed, beforeAll throws and every test here fails with the install command.
 */
import type { Page } from '@playwright/test'
import { DEFAULT_CASE, generateCatalogVolume } from '../../src/cases/catalog'
import { exportCtSeries } from '../../src/cases/dicom/exportCtSeries'
import { expect, readHu, snap, test, waitReady } from './fixtures'
import { startOrthanc, uploadInstances, type OrthancServer } from './orthanc'
import { expectNotBlank } from './pixels'

const DESCRIPTION = 'Phantom via DICOMweb'

let orthanc: OrthancServer | null = null
let sliceCount = 0
let points: string[] = []

test.beforeAll(async () => {
  test.setTimeout(120_000)
  orthanc = await startOrthanc()
  const v = generateCatalogVolume(DEFAULT_CASE)
  const files = exportCtSeries(
    { geometry: v.geometry, ct: v.ct },
    { caseId: DEFAULT_CASE, seriesDescription: DESCRIPTION },
  )
  sliceCount = files.length
  expect(await uploadInstances(orthanc.restUrl, files)).toBe(files.length)
  const named = Object.entries(v.landmarks ?? {}).slice(0, 6)
  points = [...(v.lesions ?? []).map((l) => l.centreMm), ...named.map(([, p]) => p)].map((p) =>
    p.map((c) => c.toFixed(2)).join(','),
  )
})

test.afterAll(async () => {
  await orthanc?.stop()
  orthanc = null
})

async function setCrosshair(page: Page, p: string): Promise<void> {
  await page.getByTestId('crosshair-input').fill(p)
  await page.getByTestId('crosshair-go').click()
}

async function connect(page: Page, url: string): Promise<void> {
  await page.getByTestId('open-dicomweb').click()
  await page.getByTestId('dicomweb-url').fill(url)
  await page.getByTestId('dicomweb-connect').click()
}

test('a series loaded from Orthanc over DICOMweb shows the same HU and geometry as the built-in case', async ({
  page,
}) => {
  test.setTimeout(180_000)
  expect(points.length).toBeGreaterThanOrEqual(4)
  await page.goto(`/?case=${DEFAULT_CASE}`)
  await waitReady(page)
  const info = await page.getByTestId('volume-info').textContent()
  const builtin: number[] = []
  for (const p of points) {
    await setCrosshair(page, p)
    builtin.push(await readHu(page))
  }

  await connect(page, orthanc!.dicomWebUrl)
  const row = page.getByTestId('dicomweb-series-0')
  await expect(row).toContainText(DESCRIPTION)
  await expect(row).toContainText('CT')
  await expect(row).toContainText(`${sliceCount} instances`)
  await snap(page, 'dicomweb-series-list')

  const t0 = Date.now()
  await page.getByTestId('dicomweb-load-0').click()
  // Whichever comes first: the loaded series, or an error (then fail at once with its text).
  const loaded = page.getByTestId('status').filter({ hasText: `${DESCRIPTION} ready` })
  const shownError = page.locator('[data-testid="error"]:not([hidden])')
  await expect(loaded.or(shownError).first()).toBeVisible({ timeout: 150_000 })
  await expect(page.getByTestId('error')).toBeHidden({ timeout: 1 })
  await expect(loaded).toBeVisible()
  const seconds = (Date.now() - t0) / 1000
  test.info().annotations.push({
    type: 'load time',
    description: `${sliceCount} slices from Orthanc to ready: ${seconds.toFixed(1)} s`,
  })
  console.log(`DICOMweb load of ${sliceCount} slices: ${seconds.toFixed(1)} s`)

  await waitReady(page)
  await expect(page.getByTestId('volume-info')).toHaveText(info!)
  for (const [n, p] of points.entries()) {
    await setCrosshair(page, p)
    // Exact: the export is lossless 16-bit and Orthanc returns the stored bytes (transfer-syntax=*).
    expect(await readHu(page), `HU at ${p}`).toBe(builtin[n])
  }
  await expectNotBlank(page.getByTestId('viewport-axial'), 'axial of the DICOMweb series')
  await snap(page, 'dicomweb-loaded-phantom')
})

test('an unreachable server gives a clear message and the app stays usable', async ({ page }) => {
  await page.goto('/?case=synthetic')
  await waitReady(page)
  // Port 9 (discard) on loopback: nothing listens there in the test environment.
  await connect(page, 'http://127.0.0.1:9/dicom-web')
  const error = page.getByTestId('error')
  await expect(error).toContainText('Could not reach the DICOMweb server at http://127.0.0.1:9')
  await expect(error).toContainText('CORS')
  await snap(page, 'dicomweb-unreachable')
  await page.getByTestId('dicomweb-close').click()
  await expect(page.getByTestId('dicomweb-dialog')).toHaveCount(0)
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'ready')
  await setCrosshair(page, '0,0,0')
  expect(Number.isFinite(await readHu(page))).toBe(true)
  await expectNotBlank(page.getByTestId('viewport-axial'), 'axial still shows the previous case')
})

test('a URL that is not a DICOMweb root and a wrong root give specific messages', async ({
  page,
}) => {
  await page.goto('/?case=synthetic')
  await waitReady(page)
  // The proxy answers 404 outside /dicom-web/: a wrong root.
  await connect(page, orthanc!.dicomWebUrl.replace(/\/dicom-web$/, '/wrong-root'))
  await expect(page.getByTestId('error')).toContainText('404 Not Found')
  // A web server that is not DICOMweb: the proxy answers /not-dicomweb/* with an HTML page (200, CORS).
  await page.getByTestId('dicomweb-url').fill(orthanc!.notDicomWebUrl)
  await page.getByTestId('dicomweb-connect').click()
  await expect(page.getByTestId('error')).toContainText('does not look like a DICOMweb')
  await page.getByTestId('dicomweb-url').fill('not a url')
  await page.getByTestId('dicomweb-connect').click()
  await expect(page.getByTestId('error')).toContainText('is not a URL')
  await page.getByTestId('dicomweb-close').click()
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'ready')
})
