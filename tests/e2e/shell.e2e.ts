import { expectNotBlank } from './pixels'
import { expect, readHu, snap, test, waitMeshes, waitReady } from './fixtures'

const PANELS = ['viewport-axial', 'viewport-sagittal', 'viewport-coronal', 'viewport-3d'] as const

test('the default case opens and all four panels render (cross-origin isolated)', async ({
  page,
}) => {
  await page.goto('/')
  await waitReady(page)
  await waitMeshes(page)
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true)
  await expect(page.getByTestId('clinical-notice')).toContainText('not for clinical use')
  await expect(page.getByTestId('volume-info')).toHaveText(
    /^\d+×\d+×\d+ · \d+\.\d\d×\d+\.\d\d×\d+\.\d\d mm$/,
  )
  await expect(page.getByTestId('hu-readout')).toContainText('HU')
  for (const id of PANELS) {
    await expect(page.getByTestId(id).locator('canvas').first()).toBeVisible()
    await expectNotBlank(page.getByTestId(id), id)
  }
  await snap(page, 'shell-default')
})

test('the app also works without cross-origin isolation (plain HTTP on a LAN)', async ({
  page,
}) => {
  await page.goto(`http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4173) + 1}/`)
  await waitReady(page)
  await waitMeshes(page)
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false)
  for (const id of PANELS) await expectNotBlank(page.getByTestId(id), `${id} (not isolated)`)
  await snap(page, 'shell-not-isolated')
})

test('?case and crosshair= open a case at a given LPS point', async ({ page }) => {
  // The synthetic volume has a lytic lesion (35 HU) centred at L 6, P 12, S 4 mm inside 250 HU bone.
  await page.goto('/?case=synthetic&crosshair=6,12,4')
  await waitReady(page)
  await expect(page.getByTestId('hu-readout')).toHaveAttribute('data-lps', '6.00,12.00,4.00')
  expect(await readHu(page)).toBe(35)
  await page.goto('/?case=synthetic&crosshair=0,0,0')
  await waitReady(page)
  expect(await readHu(page)).toBe(250)
})

test('a click in the axial view moves the crosshair', async ({ page }) => {
  await page.goto('/?case=synthetic&crosshair=0,0,0')
  await waitReady(page)
  const before = await page.getByTestId('hu-readout').getAttribute('data-lps')
  const box = (await page.getByTestId('viewport-axial').boundingBox())!
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.5)
  await expect(page.getByTestId('hu-readout')).not.toHaveAttribute('data-lps', before!)
  const lps = (await page.getByTestId('hu-readout').getAttribute('data-lps'))!
    .split(',')
    .map(Number)
  // Left of centre on screen is the patient's right (−L); the axial slice (S) does not change.
  expect(lps[0]).toBeLessThan(-5)
  expect(lps[2]).toBeCloseTo(0, 1)
})

test('an unknown case gives a clear message and the app stays usable', async ({ page }) => {
  await page.goto('/?case=no-such-case')
  await expect(page.getByTestId('error')).toContainText('There is no built-in case "no-such-case"')
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'error')
  await page.getByTestId('case-picker').selectOption('synthetic')
  await waitReady(page)
  await expectNotBlank(page.getByTestId('viewport-axial'), 'axial after recovery')
})

test('window presets change the displayed image', async ({ page }) => {
  await page.goto('/?case=synthetic')
  await waitReady(page)
  const bone = await page.getByTestId('viewport-axial').screenshot()
  await page.getByTestId('window-softTissue').click()
  await page.waitForTimeout(500)
  const soft = await page.getByTestId('viewport-axial').screenshot()
  expect(Buffer.compare(bone, soft)).not.toBe(0)
})
