import { expectNotBlank } from './pixels'
import { expect, snap, test, waitReady } from './fixtures'

test('the 3D panel switches to a bone volume rendering and back to the surface view', async ({
  page,
}) => {
  // Ray casting on SwiftShader takes about a second a frame and blocks every WebGL canvas (stack.md P10).
  test.setTimeout(180_000)
  await page.goto('/?case=synthetic')
  await waitReady(page)
  const panel = page.getByTestId('viewport-3d')
  await expect(panel.locator('canvas')).toHaveCount(1)

  const t0 = Date.now()
  await page.getByTestId('toggle-vr').click()
  await expect(page.getByTestId('toggle-vr')).toHaveAttribute('aria-pressed', 'true')
  const vr = page.getByTestId('volume-rendering')
  await expect(vr).toHaveAttribute('data-state', 'rendered', { timeout: 60_000 })
  const firstFrameMs = Date.now() - t0
  // Not blank: the first frames may still be the cleared canvas, so poll for up to 60 s (slow VR).
  await expect(async () => {
    await expectNotBlank(vr.locator('canvas'), 'volume rendering')
  }).toPass({ timeout: 60_000 })
  const stats = await expectNotBlank(
    vr.locator('canvas'),
    'volume rendering',
    'test-results/screenshots/volume-rendering.png',
  )
  console.log(
    `VR first frame after ${firstFrameMs} ms, not blank after ${Date.now() - t0} ms,` +
      ` frames=${await vr.getAttribute('data-frames')}, mean=${stats.mean.toFixed(1)}` +
      ` sd=${stats.sd.toFixed(1)} nonBackground=${stats.nonBackground.toFixed(3)}`,
  )
  await snap(page, 'volume-rendering-page')

  // Left drag rotates the volume: the picture changes.
  const before = await vr.locator('canvas').screenshot()
  const box = (await vr.boundingBox())!
  const t1 = Date.now()
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2, { steps: 4 })
  await page.mouse.up()
  await expect(async () => {
    const after = await vr.locator('canvas').screenshot()
    expect(Buffer.compare(before, after)).not.toBe(0)
  }).toPass({ timeout: 60_000 })
  console.log(`VR rotation shown after ${Date.now() - t1} ms`)
  await vr
    .locator('canvas')
    .screenshot({ path: 'test-results/screenshots/volume-rendering-rotated.png' })

  // Back to the surface view: the VR element is gone and the R3F canvas is back and drawn.
  await page.getByTestId('toggle-vr').click()
  await expect(page.getByTestId('toggle-vr')).toHaveAttribute('aria-pressed', 'false')
  await expect(vr).toHaveCount(0)
  await expect(panel.locator('canvas')).toHaveCount(1)
  await expect(async () => {
    await expectNotBlank(panel, 'surface view after VR')
  }).toPass({ timeout: 60_000 })
  await snap(page, 'volume-rendering-back-to-surface')
})
