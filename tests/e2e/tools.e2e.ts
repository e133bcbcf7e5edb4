/**
 * Viewer tools in the real browser: a length measurement in mm, the HU probe, the shortcut list, zoom and
 * reset through the scale bar, and the crosshair click of the default mode.
 */
import type { Page } from '@playwright/test'
import { expect, snap, test, waitReady } from './fixtures'

/** Texts Cornerstone draws in a view's annotation layer. */
async function annotationTexts(page: Page, view: string): Promise<string[]> {
  return page.getByTestId(`viewport-${view}`).locator('svg text').allTextContents()
}

/** Pixels per scale-bar length (data-px / data-mm): proportional to the zoom. */
async function pxPerMm(page: Page, view: string): Promise<number> {
  const bar = page.getByTestId(`scale-bar-${view}`)
  const px = Number(await bar.getAttribute('data-px'))
  const mm = Number(await bar.getAttribute('data-mm'))
  return px / mm
}

async function dragIn(page: Page, view: string, from: [number, number], to: [number, number]) {
  const box = await page.getByTestId(`viewport-${view}`).boundingBox()
  if (!box) throw new Error(`no ${view} view`)
  const at = (f: [number, number]) => [box.x + f[0] * box.width, box.y + f[1] * box.height] as const
  const [x0, y0] = at(from)
  const [x1, y1] = at(to)
  await page.mouse.move(x0, y0)
  await page.mouse.down()
  for (let i = 1; i <= 8; i++) {
    await page.mouse.move(x0 + ((x1 - x0) * i) / 8, y0 + ((y1 - y0) * i) / 8)
  }
  await page.mouse.up()
  return { dx: x1 - x0, dy: y1 - y0 }
}

test('length, probe, shortcuts, zoom and reset work in the MPR views', async ({ page }) => {
  await page.goto('/?case=synthetic')
  await waitReady(page)
  await expect(page.getByTestId('tool-window-level')).toHaveAttribute('aria-pressed', 'true')
  // The scale bar is redrawn after layout settles: wait for two equal readings.
  let pxPerMm0 = 0
  await expect
    .poll(async () => {
      const a = await pxPerMm(page, 'axial')
      await page.waitForTimeout(300)
      const b = await pxPerMm(page, 'axial')
      pxPerMm0 = b
      return a > 0 && a === b
    })
    .toBe(true)

  // Length: a drag in the axial view draws a measurement labelled in mm, matching the drag within 3%
  // (the drag is in CSS pixels; 3% covers handle snapping and rounding of the label).
  await page.getByTestId('tool-length').click()
  await expect(page.getByTestId('tool-length')).toHaveAttribute('aria-pressed', 'true')
  const crosshair = () => page.getByTestId('hu-readout').getAttribute('data-lps')
  const crossBefore = await crosshair()
  const { dx, dy } = await dragIn(page, 'axial', [0.35, 0.4], [0.65, 0.55])
  await expect
    .poll(async () => (await annotationTexts(page, 'axial')).join(' '))
    .toMatch(/\d+(\.\d+)?\s*mm/)
  await page.waitForTimeout(300)
  const label = (await annotationTexts(page, 'axial')).join(' ')
  const mm = Number(/(\d+(?:\.\d+)?)\s*mm/.exec(label)?.[1])
  const expectedMm = Math.hypot(dx, dy) / pxPerMm0
  console.log(
    `length label "${label}", drag ${expectedMm.toFixed(2)} mm (${pxPerMm0.toFixed(3)} px/mm)`,
  )
  expect(Math.abs(mm - expectedMm) / expectedMm).toBeLessThan(0.03)
  // A measurement drag does not move the crosshair.
  expect(await crosshair()).toBe(crossBefore)
  await snap(page, 'tools-length')

  // Probe through its shortcut: a click shows an HU value.
  await page.keyboard.press('p')
  await expect(page.getByTestId('tool-probe')).toHaveAttribute('aria-pressed', 'true')
  const box = await page.getByTestId('viewport-axial').boundingBox()
  if (!box) throw new Error('no axial view')
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.3)
  await expect
    .poll(async () => (await annotationTexts(page, 'axial')).join(' '))
    .toMatch(/-?\d+(\.\d+)?\s*HU/)

  // The shortcut list opens with "?" and closes with Esc.
  await page.keyboard.press('?')
  await expect(page.getByTestId('shortcuts-help')).toBeVisible()
  await expect(page.getByTestId('shortcuts-help')).toContainText('Length')
  await snap(page, 'tools-shortcuts')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('shortcuts-help')).toHaveCount(0)

  // Typing in a field is not a shortcut.
  await page.getByTestId('crosshair-input').fill('')
  await page.getByTestId('crosshair-input').pressSequentially('l')
  await expect(page.getByTestId('tool-probe')).toHaveAttribute('aria-pressed', 'true')
  await page.getByTestId('crosshair-input').fill('')
  await page.getByTestId('crosshair-input').blur()

  // Zoom with "+": the scale bar follows (1.25 per press; 1% for the bar's pixel rounding).
  await page.keyboard.press('+')
  await page.keyboard.press('+')
  await expect.poll(() => pxPerMm(page, 'axial')).toBeGreaterThan(pxPerMm0 * 1.25 * 1.25 * 0.99)
  await snap(page, 'tools-zoomed')

  // Reset view: back to the initial zoom.
  await page.getByTestId('reset-view').click()
  await expect
    .poll(async () => Math.abs((await pxPerMm(page, 'axial')) / pxPerMm0 - 1))
    .toBeLessThan(0.01)

  // Default mode again (W): a click sets the crosshair.
  await page.keyboard.press('w')
  await expect(page.getByTestId('tool-window-level')).toHaveAttribute('aria-pressed', 'true')
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.6)
  await expect.poll(crosshair).not.toBe(crossBefore)
  await snap(page, 'tools-reset')
})
