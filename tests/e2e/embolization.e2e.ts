/**
 * Embolization flow (issue #11) on the hypervascular T12 case: superselect the left T12 tumour feeder,
 * watch the DSA fill and blush (early and late frames, looked at), embolize, read the devascularization
 * and the control run; then catheterise the segmental artery that gives the artery of Adamkiewicz and see
 * the plan refused with the reason, the hairpin filling on the DSA.
 */
import { mkdirSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, SCREENSHOT_DIR, snap, test, waitReady } from './fixtures'
import { pixelStats } from './pixels'

/** Sets the shared scrubber to `tS` and screenshots the AP DSA canvas; returns its pixel statistics. */
async function dsaShot(page: Page, tS: number, name: string) {
  await page.getByTestId('sim-scrubber').fill(String(tS))
  const ap = page.getByTestId('embo-dsa-ap')
  await expect(ap).toHaveAttribute('aria-label', new RegExp(`${tS.toFixed(1)} s`))
  await page.getByTestId('embo-dsa').scrollIntoViewIfNeeded()
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.getByTestId('embo-dsa').screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` })
  return pixelStats(await ap.screenshot())
}

async function runAndWait(page: Page): Promise<void> {
  await page.getByTestId('embo-embolize').click()
  await expect(page.getByTestId('sim-status')).toHaveAttribute('data-state', 'done', {
    timeout: 120_000,
  })
}

test('embolization: superselect a feeder, DSA fills and blushes, embolize; the Adamkiewicz level is refused', async ({
  page,
}) => {
  test.setTimeout(300_000)
  await page.goto('/?case=t12-rcc-embolization')
  await waitReady(page)
  await page.getByTestId('load-expert').click()
  await expect(page.getByTestId('device-item-embo-1')).toBeVisible({ timeout: 30_000 })
  await page.getByTestId('device-item-embo-1').click()
  const panel = page.getByTestId('sim-panel')
  await expect(panel).toHaveAttribute('data-procedure', 'embolization')
  await panel.scrollIntoViewIfNeeded()

  // Superselect the left T12 tumour feeder and inject 0.5 mL of PVA 300–500 µm.
  await page.getByTestId('embo-move-feeder-LT12').click()
  await page.getByTestId('embo-agent').selectOption('pva300-500')
  await page.getByTestId('embo-volume').fill('0.5')
  await runAndWait(page)
  await expect(page.getByTestId('embo-tip')).toHaveAttribute('data-selectivity', 'superselective')
  await expect(page.getByTestId('embo-tip')).toContainText('tumour feeder')
  await expect(page.getByTestId('sim-verdict')).toHaveAttribute('data-acceptable', 'true')

  // DSA: early the feeder fills; later the tumour blushes (a large grey disc: the mean darkens).
  const blank = await dsaShot(page, 0, 'embo-dsa-0s')
  const early = await dsaShot(page, 0.3, 'embo-dsa-early')
  const late = await dsaShot(page, 2, 'embo-dsa-late')
  // The canvas border is the only non-white before the injection.
  expect(blank.nonBackground, 'nothing before the injection').toBeLessThan(0.06)
  expect(early.mean, 'feeder visible early').toBeLessThan(blank.mean - 0.2)
  expect(late.mean, 'tumour blush darkens the image').toBeLessThan(early.mean - 1)
  expect(late.levels).toBeGreaterThan(12)
  const oblique = pixelStats(await page.getByTestId('embo-dsa-oblique').screenshot())
  expect(oblique.sd).toBeGreaterThan(3)
  const timing = page.getByTestId('embo-dsa-ap-timing')
  console.log(
    `[embolization] browser DSA frame: ${await timing.getAttribute('data-frame-ms')} ms (256×256)`,
  )

  // The views draw the catheter path from the groin (MPR canvases list what they drew).
  await expect(
    page.locator('[data-testid^="sim-overlay-"][data-drawn*="embo-1/catheter"]').first(),
  ).toBeAttached({ timeout: 20_000 })

  // Devascularization of the feeder's share; the control run shows no blush.
  const devasc = page.getByTestId('embo-devasc')
  expect(Number(await devasc.getAttribute('data-pct'))).toBeGreaterThan(50)
  await page.getByTestId('embo-dsa-after').check()
  const control = await dsaShot(page, 2, 'embo-dsa-control')
  expect(control.mean, 'no blush after embolization').toBeGreaterThan(late.mean + 1)
  await expect(page.getByTestId('embo-dsa-stasis')).toBeVisible()
  await page.getByTestId('embo-dsa-after').uncheck()
  await page.getByTestId('sim-metrics').scrollIntoViewIfNeeded()
  await snap(page, 'embo-feeder-result')

  // The seeded phantom of this case draws the artery of Adamkiewicz from the left T9 intercostal
  // artery (tests/cases/simulate/embolization checks the graph carries it): catheterise its origin.
  await page.getByTestId('embo-segmental').selectOption('segmental-LT9')
  await page.getByTestId('embo-move-segmental').click()
  await runAndWait(page)
  await expect(page.getByTestId('sim-verdict')).toHaveAttribute('data-acceptable', 'false')
  await expect(page.getByTestId('sim-verdict')).toContainText('Refused')
  await expect(page.getByTestId('embo-refused')).toContainText('Adamkiewicz')
  await expect(
    page.getByTestId('sim-warnings').locator('li[data-severity="critical"]').first(),
  ).toContainText('Adamkiewicz')
  await expect(
    page.locator('[data-testid^="sim-overlay-"][data-drawn*="embo-1/cord-supply"]').first(),
  ).toBeAttached({ timeout: 20_000 })
  const hairpin = await dsaShot(page, 2, 'embo-dsa-adamkiewicz')
  expect(hairpin.mean, 'the segmental, the hairpin and the ASA fill').toBeLessThan(blank.mean - 0.5)
  await page.getByTestId('sim-verdict').scrollIntoViewIfNeeded()
  await snap(page, 'embo-refused')
})

test('embolization on a scan without centrelines: trace vessels by clicking, then run', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.goto('/?case=synthetic')
  await waitReady(page)
  // Place a catheter by two clicks in the axial view (entry, then tip).
  await page.getByTestId('place-embolizationCatheter').click()
  const axial = page.getByTestId('viewport-axial')
  const box = (await axial.boundingBox())!
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.5)
  await expect(page.getByTestId('placement-hint')).toContainText('now click')
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5)
  await expect(page.getByTestId('placement-hint')).toHaveCount(0)
  await expect(page.getByTestId('sim-panel')).toHaveAttribute('data-procedure', 'embolization')
  const trace = page.getByTestId('embo-trace')
  await expect(trace).toBeVisible()
  // Trace a segmental artery: clicks in the axial view move the crosshair; each is added.
  await page.getByTestId('embo-trace-kind').selectOption('segmental')
  for (const fx of [0.4, 0.45, 0.5]) {
    await page.mouse.click(box.x + box.width * fx, box.y + box.height * 0.45)
    await page.getByTestId('embo-trace-add').click()
  }
  await expect(page.getByTestId('embo-trace-add')).toContainText('(3)')
  await page.getByTestId('embo-trace-finish').click()
  await expect(page.getByTestId('embo-trace-list')).toContainText(
    'segmental artery LT12 (3 points)',
  )
  // Without an aorta there is no tree to flow through yet: the run says what is missing.
  await page.getByTestId('embo-embolize').click()
  await expect(page.getByTestId('sim-status')).toContainText('no vessel centrelines', {
    timeout: 60_000,
  })
  await trace.scrollIntoViewIfNeeded()
  await snap(page, 'embo-trace')
})
