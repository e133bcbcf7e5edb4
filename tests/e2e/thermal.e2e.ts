/**
 * Thermal ablation flow (issue #7) on the lumbar case: the expert plan's microwave antenna runs in the sim
 * worker (its time is printed: a browser benchmark of the 10-minute MWA, not asserted), the zone and the
 * temperature are drawn in the MPR views and in 3D, the scrubber animates them, a thermocouple added at
 * the canal plots its curve; then an RF probe at the same position runs too. Screenshots:
 * test-results/screenshots/thermal-*.png.
 */
import type { Page } from '@playwright/test'
import { PNG } from 'pngjs'
import { expertPlan } from '../../src/cases/expert'
import { generateCase } from '../../src/cases/library'
import { createDevice, encodePlanForUrl, type Plan } from '../../src/plan'
import { expect, SCREENSHOT_DIR, snap, test, waitMeshes, waitReady } from './fixtures'

test.use({ deviceScaleFactor: 2 })

const CASE = 'l3-rcc-lytic'

/** Painted (non-transparent) pixels of an MPR overlay canvas. */
async function paintedPixels(page: Page, view: 'axial' | 'sagittal' | 'coronal'): Promise<number> {
  return page.getByTestId(`sim-overlay-${view}`).evaluate((el) => {
    const c = el as HTMLCanvasElement
    const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data
    if (!d) return 0
    let n = 0
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++
    return n
  })
}

/** A fingerprint of an MPR overlay canvas's pixels (changes when anything drawn changes). */
async function canvasPrint(page: Page, view: 'axial' | 'sagittal' | 'coronal'): Promise<number> {
  return page.getByTestId(`sim-overlay-${view}`).evaluate((el) => {
    const c = el as HTMLCanvasElement
    const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data
    if (!d) return 0
    let h = 0
    for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i] + 7 * d[i + 3]) % 1_000_000_007
    return h
  })
}

/** Pixels that differ (by > 24 in any channel) between two screenshots of the same element. */
function changedPixels(a: Buffer, b: Buffer): number {
  const x = PNG.sync.read(a)
  const y = PNG.sync.read(b)
  if (x.width !== y.width || x.height !== y.height) return Number.POSITIVE_INFINITY
  let n = 0
  for (let i = 0; i < x.data.length; i += 4) {
    if (
      Math.abs(x.data[i] - y.data[i]) > 24 ||
      Math.abs(x.data[i + 1] - y.data[i + 1]) > 24 ||
      Math.abs(x.data[i + 2] - y.data[i + 2]) > 24
    ) {
      n++
    }
  }
  return n
}

async function runAndWait(page: Page): Promise<number> {
  const t0 = Date.now()
  await page.getByTestId('sim-run').click()
  await expect(page.getByTestId('sim-status')).toHaveAttribute('data-state', 'done', {
    timeout: 400_000,
  })
  return Date.now() - t0
}

test('thermal ablation: expert microwave zone in MPR and 3D, scrubber, thermocouple at the canal; RF at the same place', async ({
  page,
}) => {
  test.setTimeout(900_000)
  await page.goto(`/?case=${CASE}`)
  await waitReady(page)
  await page.getByTestId('load-expert').click()
  await expect(page.getByTestId('device-item-mw-1')).toBeVisible({ timeout: 30_000 })
  await page.getByTestId('device-item-mw-1').click()
  const panel = page.getByTestId('sim-panel')
  await expect(panel).toHaveAttribute('data-procedure', 'thermal')
  await expect(page.getByTestId('thermal-panel')).toBeVisible()
  await expect(page.getByTestId('thermal-power')).toHaveValue('30')
  await expect(page.getByTestId('thermal-presets')).toContainText('liver chart')
  await waitMeshes(page)
  // Hide L3 so that the zone inside its body can be seen from behind.
  await page.getByTestId('show-bone-L3').uncheck()
  await page.getByTestId('camera-PA').click()
  await page.waitForTimeout(500)
  // Zoom in on the middle of the 3D view (the lumbar spine).
  const box = await page.getByTestId('viewport-3d').boundingBox()
  if (box) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.55)
    for (let n = 0; n < 6; n++) {
      await page.mouse.wheel(0, -240)
      await page.waitForTimeout(100)
    }
  }
  await page.waitForTimeout(1000)
  const before3d = await page.getByTestId('viewport-3d').screenshot()

  // The expert's 10-minute microwave ablation in the browser's sim worker (printed, not asserted).
  const wallMs = await runAndWait(page)
  const status = await page.getByTestId('sim-status').textContent()
  const summary = await page.getByTestId('thermal-summary').textContent()
  console.log(
    `[thermal] browser worker, 30 W × 10 min MWA + 2 min cooling: ${status} (wall ${wallMs} ms incl. transfer)`,
  )
  console.log(`[thermal] ${summary}`)
  const verdict = page.getByTestId('sim-verdict')
  await expect(verdict).toContainText('Target')
  const metrics = page.getByTestId('sim-metrics')
  await expect(metrics).toContainText('Target coverage')
  await expect(metrics).toContainText('Hottest spinal cord')

  // MPR: the zone, its band and the temperature are drawn on the slices through the lesion.
  const scrubber = page.getByTestId('sim-scrubber')
  const end = Number(await scrubber.getAttribute('max'))
  // The expert's 10 min of heating + 2 min of cooling.
  expect(end).toBe(720)
  // At 0 s nothing is heated yet: only the legend is painted (the baseline).
  await scrubber.fill('0')
  await expect(page.getByTestId('sim-time')).toContainText('0:00')
  for (const id of ['zone', 'zone-band', 'temperature']) {
    await expect(
      page.locator(`[data-testid="sim-overlay-axial"][data-drawn*="mw-1/${id}"]`),
    ).toBeAttached({ timeout: 20_000 })
  }
  await page.waitForTimeout(1000)
  const legendOnly = await paintedPixels(page, 'axial')
  await scrubber.fill(String(end))
  await expect(page.getByTestId('sim-time')).toContainText('12:00 /')
  // The end: temperature, zone and band painted on top of the legend (the canvas is not blank).
  await expect
    .poll(() => paintedPixels(page, 'axial'), { timeout: 20_000 })
    .toBeGreaterThan(legendOnly + 2000)
  const atEnd = await paintedPixels(page, 'axial')
  await snap(page, 'thermal-mw-end')
  for (const v of ['viewport-axial', 'viewport-sagittal', 'viewport-3d']) {
    await page
      .getByTestId(v)
      .screenshot({ path: `${SCREENSHOT_DIR}/thermal-mw-end-${v.slice(9)}.png` })
  }

  // 3D: the Ω = 1 surface changes the 3D view.
  const after3d = await page.getByTestId('viewport-3d').screenshot()
  expect(changedPixels(before3d, after3d), '3D view shows the zone surface').toBeGreaterThan(500)

  // Scrubber: the drawing follows the time. At 0 s only the legend is left; at 1:30 the early zone
  // differs from the end (heating, then cooling after the power stops).
  const endPrint = await canvasPrint(page, 'axial')
  await scrubber.fill('90')
  await expect(page.getByTestId('sim-time')).toContainText('1:30')
  await expect.poll(() => canvasPrint(page, 'axial'), { timeout: 10_000 }).not.toBe(endPrint)
  await page.waitForTimeout(500)
  const early = await paintedPixels(page, 'axial')
  await page
    .getByTestId('viewport-axial')
    .screenshot({ path: `${SCREENSHOT_DIR}/thermal-mw-90s-axial.png` })
  expect(early).toBeGreaterThan(legendOnly + 1000)
  console.log(`[thermal] painted axial pixels: legend ${legendOnly}, 1:30 ${early}, 12:00 ${atEnd}`)

  // The plan's thermocouple at the foramen has its curve; a new one at the canal plots at once.
  await expect(page.getByTestId('sim-chart-tc-tc-1')).toBeVisible()
  await page.getByTestId('thermal-tc-canal').click()
  await expect(page.getByTestId('thermal-tc-tc-2')).toBeVisible()
  await expect(page.getByTestId('sim-chart-tc-frames-tc-2')).toBeVisible()
  await page.getByTestId('thermal-thermocouples').scrollIntoViewIfNeeded()
  await snap(page, 'thermal-mw-thermocouple')
  // Run again: the canal thermocouple is simulated at every step.
  await runAndWait(page)
  await expect(page.getByTestId('sim-chart-tc-tc-2')).toBeVisible()
  await page.getByTestId('sim-chart-tc-tc-2').scrollIntoViewIfNeeded()
  await snap(page, 'thermal-mw-canal-curve')
})

test('thermal ablation: an RF probe at the expert antenna position shows its zone and generator charts', async ({
  page,
}) => {
  test.setTimeout(900_000)
  const phantom = generateCase(CASE)
  const expert = expertPlan(CASE, phantom)
  const mw = expert.devices.find((d) => d.id === 'mw-1')!
  const rf = createDevice('rfProbe', mw.entryMm, mw.tipMm, { id: 'rf-1' })
  const plan: Plan = {
    ...expert,
    title: 'Expert position, bipolar RF',
    devices: [rf, ...expert.devices.filter((d) => d.id !== 'mw-1')],
  }
  await page.goto(`/?case=${CASE}#plan=${encodePlanForUrl(plan)}`)
  await waitReady(page)
  await expect(page.getByTestId('device-item-rf-1')).toBeVisible({ timeout: 30_000 })
  await page.getByTestId('device-item-rf-1').click()
  await expect(page.getByTestId('sim-panel')).toHaveAttribute('data-procedure', 'thermal')
  await expect(page.getByTestId('thermal-presets')).toContainText('Bipolar bone probe')
  const wallMs = await runAndWait(page)
  console.log(
    `[thermal] browser worker, bipolar RF 20 W × 5 min: ${await page.getByTestId('sim-status').textContent()} (wall ${wallMs} ms)`,
  )
  await expect(page.getByTestId('sim-chart-rf-power')).toBeVisible()
  await expect(page.getByTestId('sim-chart-rf-tip')).toBeVisible()
  const scrubber = page.getByTestId('sim-scrubber')
  await scrubber.fill(String(await scrubber.getAttribute('max')))
  await expect(
    page.locator('[data-testid="sim-overlay-axial"][data-drawn*="rf-1/temperature"]'),
  ).toBeAttached({ timeout: 20_000 })
  expect(await paintedPixels(page, 'axial')).toBeGreaterThan(200)
  await waitMeshes(page)
  await page.getByTestId('camera-PA').click()
  await page.waitForTimeout(1000)
  await snap(page, 'thermal-rf-end')
  await page
    .getByTestId('viewport-axial')
    .screenshot({ path: `${SCREENSHOT_DIR}/thermal-rf-end-axial.png` })

  // Dragging the probe's tip shows the RF preview zone (a table of full-model runs) every frame, and the
  // full simulation starts again when the drag ends.
  const overlay = page.getByTestId('device-overlay-axial')
  const handle = overlay.locator('circle[data-handle="tip"][data-device="rf-1"]').last()
  await expect(handle).toBeAttached({ timeout: 20_000 })
  const box = (await overlay.boundingBox())!
  const x = box.x + Number(await handle.getAttribute('cx'))
  const y = box.y + Number(await handle.getAttribute('cy'))
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x + 6, y, { steps: 3 })
  await page.mouse.move(x + 12, y + 4, { steps: 3 })
  await expect(
    page.locator('[data-testid^="sim-overlay-"][data-drawn*="rf-1/preview-zone"]').first(),
  ).toBeAttached({ timeout: 20_000 })
  await snap(page, 'thermal-rf-drag-preview')
  await page.mouse.up()
  await expect(page.getByTestId('sim-status')).toHaveAttribute('data-state', 'running', {
    timeout: 20_000,
  })
  await expect(
    page.locator('[data-testid^="sim-overlay-"][data-drawn*="rf-1/preview-zone"]'),
  ).toHaveCount(0)
})
