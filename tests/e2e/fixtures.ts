/** Test fixtures: every flow fails on an uncaught page error and can save screenshots to look at. */
import { test as base, expect, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'

export const SCREENSHOT_DIR = 'test-results/screenshots'

export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      await use(errors)
      expect(errors, 'uncaught page errors').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }

/** Waits until the app reports `data-state=ready`, then one more animation frame (stack.md P5). */
export async function waitReady(page: Page): Promise<void> {
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'ready', {
    timeout: 60_000,
  })
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  )
  await page.waitForTimeout(300)
}

/** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` })
}

/** Reads the HU shown by `hu-readout`. */
export async function readHu(page: Page): Promise<number> {
  const v = await page.getByTestId('hu-readout').getAttribute('data-hu')
  return Number(v)
}

/** Waits until the 3D model has been built (`mesh-info` data-state=ready). */
export async function waitMeshes(page: Page): Promise<void> {
  await expect(page.getByTestId('mesh-info')).toHaveAttribute('data-state', 'ready', {
    timeout: 120_000,
  })
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  )
}
