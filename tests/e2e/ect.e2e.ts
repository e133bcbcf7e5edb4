/**
 * Electrochemotherapy flow (issue #10) on the sacral-ala case: load the expert electrode set, run the field
 * simulation, read the coverage and see the field in the MPR; drag ONE electrode's tip handle in the axial
 * view (only that electrode moves), watch the live (coarse) coverage during the drag and the full result
 * after it. Preview frame times measured in the browser are printed, not asserted. Screenshots: ect-result, ect-drag-preview,
 * ect-after-drag. A second flow runs issue #10's full-field benchmark (61³, 2 × 3 array) in the built sim
 * worker with its E-field helper threads and on its thread alone: bit-identical fields asserted, times
 * printed (not asserted).
 */
import type { Page } from '@playwright/test'
import { simWorkerPath } from '../../bench/bioheatBrowser'
import type { EfieldBenchResult } from '../../src/workers/efieldBenchHook'
import { expect, snap, test, waitReady } from './fixtures'

const PORT = Number(process.env.E2E_PORT ?? 4173)
const DIST = process.env.E2E_DIST ?? 'dist'

/**
 * Opens `origin` without the app (its start-up and software-GL rendering would compete for the cores),
 * starts the built sim worker and runs its E-field benchmark hook (src/workers/efieldBenchHook.ts).
 */
async function efieldBenchInBrowser(page: Page, origin: string, runs: number) {
  await page.route(/\/assets\/index-.*\.js$/, (route) => route.abort())
  await page.goto(`${origin}/`)
  return page.evaluate(
    ([url, n]) =>
      new Promise<EfieldBenchResult>((resolve, reject) => {
        const w = new Worker(url, { type: 'module' })
        const timer = setTimeout(() => reject(new Error('no answer in 120 s')), 120_000)
        w.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
          if (e.data?.type !== 'osteoplan-bench-efield-result') return
          clearTimeout(timer)
          w.terminate()
          resolve(e.data as EfieldBenchResult)
        })
        w.postMessage({ type: 'osteoplan-bench-efield', runs: n })
      }),
    [simWorkerPath(DIST), runs] as const,
  )
}

/** Page position of one needle's handle of a set, drawn in the axial view's overlay. */
async function needleHandleAt(page: Page, deviceId: string, needle: number, end: 'entry' | 'tip') {
  const overlay = page.getByTestId('device-overlay-axial')
  const c = overlay
    .locator(
      `circle[data-needle-handle="${end}"][data-needle="${needle}"][data-device="${deviceId}"]`,
    )
    .last()
  const box = (await overlay.boundingBox())!
  return [box.x + Number(await c.getAttribute('cx')), box.y + Number(await c.getAttribute('cy'))]
}

/** The page positions of every needle handle of a device (to see which moved). */
async function allNeedleHandles(page: Page, deviceId: string): Promise<string[]> {
  const overlay = page.getByTestId('device-overlay-axial')
  const circles = overlay.locator(`circle[data-needle-handle][data-device="${deviceId}"]`)
  return circles.evaluateAll((cs) =>
    cs.map(
      (c) =>
        `${c.getAttribute('data-needle')}/${c.getAttribute('data-needle-handle')}@${Number(c.getAttribute('cx')).toFixed(0)},${Number(c.getAttribute('cy')).toFixed(0)}`,
    ),
  )
}

const coverageOf = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('ect-coverage').getAttribute('data-coverage'))

test('electrochemotherapy: run the expert array, drag one electrode and watch the coverage change', async ({
  page,
}) => {
  test.setTimeout(420_000)
  await page.goto('/?case=sacral-ala-ect')
  await waitReady(page)
  await page.getByTestId('load-expert').click()
  await expect(page.getByTestId('device-item-ect-1')).toBeVisible({ timeout: 30_000 })
  await page.getByTestId('device-item-ect-1').click()
  const panel = page.getByTestId('sim-panel')
  await expect(panel).toHaveAttribute('data-procedure', 'ect')
  await expect(page.getByTestId('ect-setup')).toBeVisible()
  await expect(page.getByTestId('ect-sequence').locator('li')).toHaveCount(12)

  await page.getByTestId('sim-run').click()
  await expect(page.getByTestId('sim-status')).toHaveAttribute('data-state', 'done', {
    timeout: 180_000,
  })
  const before = await coverageOf(page)
  expect(before).toBeGreaterThan(80)
  await expect(page.getByTestId('ect-pairs').locator('tbody tr')).toHaveCount(12)
  await expect(page.getByTestId('ect-contrast')).toContainText('V/cm')
  await expect(page.getByTestId('sim-metrics')).toContainText('coverage')
  // The field and its threshold contours are drawn in the MPR.
  await expect(
    page.locator('[data-testid^="sim-overlay-"][data-drawn*="ect-1/field"]').first(),
  ).toBeAttached({ timeout: 20_000 })
  await snap(page, 'ect-result')

  // Drag one rim electrode's tip (e7, index 6) sideways in the axial view; hold it to watch the preview.
  const NEEDLE = 6
  const handlesBefore = await allNeedleHandles(page, 'ect-1')
  expect(handlesBefore.length).toBeGreaterThanOrEqual(12)
  const [x, y] = await needleHandleAt(page, 'ect-1', NEEDLE, 'tip')
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x + 8, y, { steps: 2 })
  const live = page.getByTestId('ect-live-coverage')
  await expect(live).toBeVisible({ timeout: 20_000 })
  const frameMs: string[] = []
  const liveCov: number[] = []
  for (const dx of [12, 16, 20, 24, 28, 32]) {
    const frames = Number(await live.getAttribute('data-frames'))
    await page.mouse.move(x + dx, y, { steps: 2 })
    await expect
      .poll(async () => Number(await live.getAttribute('data-frames')), { timeout: 10_000 })
      .toBeGreaterThan(frames)
    frameMs.push((await live.getAttribute('data-frame-ms')) ?? '?')
    liveCov.push(Number(await live.getAttribute('data-coverage')))
  }
  await expect(
    page.locator('[data-testid^="sim-overlay-"][data-drawn*="ect-1/field"]').first(),
  ).toBeAttached()
  await snap(page, 'ect-drag-preview')
  await page.mouse.up()
  // Only that electrode's tip moved: the history names it, the other needles' handles stayed.
  await expect(page.getByTestId('history-item').last()).toContainText(/tip of e7 of ect-1/)
  const handlesAfter = await allNeedleHandles(page, 'ect-1')
  const moved = handlesAfter.filter((h) => !handlesBefore.includes(h))
  expect(moved.length).toBeGreaterThan(0)
  expect(moved.every((h) => h.startsWith(`${NEEDLE}/tip@`))).toBe(true)
  const sorted = frameMs.map(Number).sort((a, b) => a - b)
  console.log(
    `[ect] browser preview frames: ${frameMs.join(', ')} ms (median ${sorted[sorted.length >> 1]}); live coverage ${liveCov.map((c) => c.toFixed(0)).join(' → ')} %`,
  )

  // After the drag the full simulation runs again and the coverage changes.
  await expect
    .poll(async () => coverageOf(page), { timeout: 240_000, intervals: [1000] })
    .not.toBeCloseTo(before, 1)
  await expect(page.getByTestId('sim-status')).toHaveAttribute('data-state', 'done')
  const after = await coverageOf(page)
  console.log(`[ect] coverage before the drag ${before.toFixed(1)} %, after ${after.toFixed(1)} %`)
  await page.getByTestId('ect-coverage').scrollIntoViewIfNeeded()
  await snap(page, 'ect-after-drag')
})

test('the 61³ array full field in the sim worker: helper threads give the same bits as one thread', async ({
  page,
}) => {
  test.setTimeout(180_000)
  const r = await efieldBenchInBrowser(page, `http://127.0.0.1:${PORT}`, 5)
  const fmt = (ms: readonly number[]) => ms.map((m) => m.toFixed(0)).join(' / ')
  const min = (ms: readonly number[]) => Math.min(...ms).toFixed(0)
  console.log(
    `[ect] browser sim worker, 61³ 2×3 array full linear field: ${r.threads} threads ${fmt(r.teamMs)} ms ` +
      `(min ${min(r.teamMs)}), one thread ${fmt(r.singleMs)} ms (min ${min(r.singleMs)}); ` +
      `${r.hardwareConcurrency} logical cores; coordinator (share/own/wait/merge ms): ` +
      r.timings
        .map((t) =>
          t ? [t.shareMs, t.ownMs, t.waitMs, t.mergeMs].map((v) => v.toFixed(0)).join('/') : '-',
        )
        .join(', '),
  )
  expect(r.error).toBeNull()
  expect(r.crossOriginIsolated).toBe(true)
  expect(r.teamFailure).toBeNull()
  if (r.hardwareConcurrency >= 2) expect(r.threads).toBeGreaterThanOrEqual(2)
  expect(r.identical).toBe(true)
})

test('without cross-origin isolation the sim worker solves the field on one thread', async ({
  page,
}) => {
  test.setTimeout(180_000)
  const r = await efieldBenchInBrowser(page, `http://127.0.0.1:${PORT + 1}`, 1)
  console.log(
    `[ect] browser sim worker without isolation: ${r.threads} thread, ${r.singleMs[0]?.toFixed(0)} ms`,
  )
  expect(r.error).toBeNull()
  expect(r.crossOriginIsolated).toBe(false)
  expect(r.threads).toBe(1)
  expect(r.identical).toBe(true)
})
