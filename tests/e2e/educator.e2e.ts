/**
 * Educator flows on l3-rcc-lytic: the presentation layout, laser pointer and drawings; a step-through of
 * the expert plan (insertion, then each device's simulation where one exists); two plans compared in the
 * same views (the expert plan as ghosts beside a modified copy, metrics in two columns); the history
 * replay; and a PDF/PNG report and a WebM video that download and open.
 */
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Download, Page } from '@playwright/test'
import { inflateSync } from 'node:zlib'
import { PNG } from 'pngjs'
import { SCREENSHOT_DIR, expect, snap, test, waitMeshes, waitReady } from './fixtures'
import { expectNotBlank, pixelStats } from './pixels'

const CASE = 'l3-rcc-lytic'

/** Opens the case with its expert plan loaded. */
async function openWithExpert(page: Page): Promise<void> {
  await page.goto(`/?case=${CASE}`)
  await waitReady(page)
  await waitMeshes(page)
  await page.getByTestId('load-expert').click()
  await expect(page.getByTestId('device-overlay-axial').locator('line').first()).toBeAttached()
}

/** Saves a download to a temporary folder and returns its bytes. */
async function bytesOf(d: Download): Promise<Buffer> {
  const path = join(mkdtempSync(join(tmpdir(), 'osteoplan-')), d.suggestedFilename())
  await d.saveAs(path)
  return readFileSync(path)
}

/** How far the modified copy moves its first device to the patient's left, mm. */
const SHIFT_MM = 12

/** The expert plan of the case, modified: title changed and the first device moved to the left. */
async function modifiedExpertJson(): Promise<string> {
  const modulePath = '../../src/workers/scoreApi.ts'
  const api = (await import(modulePath)) as { expertPlanJson(caseId: string): string }
  const plan = JSON.parse(api.expertPlanJson(CASE)) as {
    title: string
    devices: { entryMm: number[]; tipMm: number[] }[]
  }
  plan.title = 'Modified copy'
  const d = plan.devices[0]
  d.entryMm = [d.entryMm[0] + SHIFT_MM, d.entryMm[1], d.entryMm[2]]
  d.tipMm = [d.tipMm[0] + SHIFT_MM, d.tipMm[1], d.tipMm[2]]
  return JSON.stringify(plan)
}

/** Pixels of a PNG within `tol` (per channel) of an RGB colour. */
function countColor(png: Buffer, rgb: readonly [number, number, number], tol: number): number {
  const img = PNG.sync.read(png)
  let n = 0
  for (let p = 0; p < img.width * img.height; p++) {
    const d = img.data
    if (
      Math.abs(d[4 * p] - rgb[0]) <= tol &&
      Math.abs(d[4 * p + 1] - rgb[1]) <= tol &&
      Math.abs(d[4 * p + 2] - rgb[2]) <= tol
    ) {
      n++
    }
  }
  return n
}

/** The simulated time shown by the step and the number of painted pixels of the axial overlay canvas. */
async function overlaySample(page: Page): Promise<{ t: number; painted: number }> {
  return page.evaluate(() => {
    const text = document.querySelector('[data-testid="educator-step"]')?.textContent ?? ''
    const t = Number(/t = (\d+) s/.exec(text)?.[1] ?? -1)
    const c = document.querySelector<HTMLCanvasElement>('[data-testid="sim-overlay-axial"]')
    const ctx = c?.getContext('2d')
    if (!c || !ctx || c.width === 0) return { t, painted: 0 }
    const { data } = ctx.getImageData(0, 0, c.width, c.height)
    let painted = 0
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++
    return { t, painted }
  })
}

test.describe('educator mode', () => {
  test.setTimeout(600_000)

  test('presentation layout, laser pointer, drawings, Esc leaves', async ({ page }) => {
    await openWithExpert(page)
    await page.getByTestId('educator-mode').click()
    await expect(page.getByTestId('educator-layer')).toBeVisible()
    await expect(page.locator('.side-panel')).toBeHidden()
    await expect(page.getByTestId('clinical-notice')).toBeVisible()

    // Laser: a red dot follows the pointer over the views, which keep their input.
    await page.getByTestId('educator-tool-laser').click()
    const axial = page.getByTestId('viewport-axial')
    const box = (await axial.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2 + 10)
    const dot = page.getByTestId('laser-dot')
    await expect(dot).toBeVisible()
    const dotBox = (await dot.boundingBox())!
    expect(Math.abs(dotBox.x + dotBox.width / 2 - (box.x + box.width / 2 + 20))).toBeLessThan(3)

    // Draw: a stroke over the views; Clear removes it.
    await page.getByTestId('educator-tool-draw').click()
    await page.mouse.move(box.x + 60, box.y + 60)
    await page.mouse.down()
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 60 + 15 * i, box.y + 60 + 8 * i)
    await page.mouse.up()
    await expect(page.getByTestId('educator-ink')).toHaveAttribute('data-strokes', '1')
    await snap(page, 'educator-presentation')
    await page.getByTestId('educator-clear').click()
    await expect(page.getByTestId('educator-ink')).toHaveAttribute('data-strokes', '0')

    // Keyboard: the controls are reachable with Tab; Esc leaves educator mode.
    await page.getByTestId('educator-tool-none').focus()
    await page.keyboard.press('Tab')
    await expect(page.locator('.educator-bar :focus')).toHaveCount(1)
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('educator-layer')).toHaveCount(0)
    await expect(page.locator('.side-panel')).toBeVisible()
  })

  test('step-through of the expert plan: insertion, then simulation time', async ({ page }) => {
    await openWithExpert(page)
    await page.getByTestId('educator-mode').click()
    // Play, and pause inside the page at the first frame that moves the needle (a round trip from the
    // test could miss the whole insertion on a loaded machine): it is then part-way in.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const play = document.querySelector<HTMLButtonElement>('[data-testid="educator-play"]')!
          play.click()
          const check = () => {
            const s = document.querySelector('[data-testid="educator-step"]')
            if (Number(s?.getAttribute('data-fraction') ?? 0) > 0) {
              play.click()
              resolve()
            } else {
              requestAnimationFrame(check)
            }
          }
          check()
        }),
    )
    const step = page.getByTestId('educator-step')
    await expect(step).toHaveAttribute('data-step', '0')
    await expect(step).toHaveAttribute('data-kind', 'insert')
    await expect(page.getByTestId('educator-play')).toHaveAttribute('aria-pressed', 'false')
    const fraction = Number(await step.getAttribute('data-fraction'))
    expect(fraction).toBeGreaterThan(0)
    expect(fraction).toBeLessThan(1)
    // Mid-insertion: the step layer draws the needle part-way; the usual device layer is hidden.
    await expect(page.getByTestId('ghost-overlay-axial')).toHaveAttribute('data-inserting', '1')
    await expect(page.getByTestId('device-overlay-axial')).toBeHidden()
    await snap(page, 'educator-insertion')
    // Play on through the insertion into the first device's simulation (run first: there is no result
    // yet). Inside the page, pause at the first frame of simulated time (a round trip from the test could
    // miss the step on a loaded machine); the zone is read there, then at the end of the step.
    const reached = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const play = document.querySelector<HTMLButtonElement>('[data-testid="educator-play"]')!
          play.click()
          const check = () => {
            const s = document.querySelector('[data-testid="educator-step"]')
            const index = s?.getAttribute('data-step')
            if (index === '1' && /t = [1-9]/.test(s?.textContent ?? '')) {
              play.click()
              resolve('simulating')
            } else if (index !== '0' && index !== '1') {
              resolve(`missed the step (now at step ${index})`)
            } else {
              requestAnimationFrame(check)
            }
          }
          check()
        }),
    )
    expect(reached).toBe('simulating')
    await expect(step).toHaveAttribute('data-kind', 'simulate')
    await expect(page.getByTestId('educator-play')).toHaveAttribute('aria-pressed', 'false')
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    )
    const early = await overlaySample(page)
    await snap(page, 'educator-simulate-early')
    await page.getByTestId('educator-steps').getByRole('button').nth(1).click()
    await expect(step).toHaveAttribute('data-fraction', '1.000')
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    )
    const late = await overlaySample(page)
    await snap(page, 'educator-simulate-end')
    expect(late.t).toBeGreaterThan(early.t)
    expect(
      late.painted,
      `painted overlay pixels at t=${early.t} s and t=${late.t} s`,
    ).toBeGreaterThan(early.painted)
    // Playing on reaches the next device's insertion.
    await page.getByTestId('educator-play').click()
    await expect(step).toHaveAttribute('data-step', '2', { timeout: 60_000 })
    await page.getByTestId('educator-play').click()
    await expect(page.getByTestId('educator-play')).toHaveAttribute('aria-pressed', 'false')
    await page.getByTestId('educator-stop').click()
    await expect(page.getByTestId('device-overlay-axial')).toBeVisible()
  })

  test('two plans in the same views: expert ghosts beside a modified copy', async ({ page }) => {
    await openWithExpert(page)
    await page.getByTestId('plan-load-input').setInputFiles({
      name: 'modified.osteoplan.json',
      mimeType: 'application/json',
      buffer: Buffer.from(await modifiedExpertJson()),
    })
    await expect(page.getByTestId('plan-notice')).toContainText('Modified copy')
    await page.getByTestId('educator-mode').click()
    await page.getByTestId('educator-tab-compare').click()
    await page.getByTestId('compare-expert').click()
    const ghosts = page.getByTestId('ghost-overlay-axial')
    await expect(ghosts).not.toHaveAttribute('data-count', '0')
    await expect(ghosts.locator('.ghost-devices line').first()).toBeAttached()
    const table = page.getByTestId('compare-metrics')
    await expect(table.locator('tr[data-row="title"] td')).toHaveText(['Modified copy', /expert/i])
    await snap(page, 'educator-compare')
    // The ghosts show in their own colour (violet #c58cff) in the axial view.
    const violet = (png: Buffer) => countColor(png, [0xc5, 0x8c, 0xff], 40)
    const withGhosts = violet(await page.getByTestId('viewport-axial').screenshot())
    expect(withGhosts, 'violet ghost pixels in the axial view').toBeGreaterThan(30)
    await page.getByTestId('compare-toggle').uncheck()
    await expect(ghosts).toHaveAttribute('data-count', '0')
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    )
    expect(violet(await page.getByTestId('viewport-axial').screenshot())).toBeLessThan(
      withGhosts / 4,
    )
    await page.getByTestId('compare-toggle').check()

    // Both plans simulated: their metrics side by side (the modified copy's antenna sits 12 mm off).
    await page.getByTestId('compare-run').click()
    const verdict = table.locator('tr[data-row="thermal#1/verdict"] td')
    await expect(verdict.nth(0)).not.toHaveText('—', { timeout: 400_000 })
    await expect(verdict.nth(1)).not.toHaveText('—', { timeout: 400_000 })
    const coverage = table.locator('tr[data-row^="thermal#1/"]:not([data-row$="verdict"]) td')
    expect(await coverage.count()).toBeGreaterThan(2)
    await snap(page, 'educator-compare-metrics')

    // The history as a replayable timeline.
    await page.getByTestId('educator-tab-history').click()
    const timeline = page.getByTestId('educator-timeline')
    const end = await timeline.locator('ol').getAttribute('data-index')
    await page.getByTestId('timeline-play').click()
    await expect(timeline.locator('ol')).toHaveAttribute('data-index', '0')
    await expect(timeline.locator('ol')).toHaveAttribute('data-index', end!, { timeout: 30_000 })
  })

  test('reports: a WebM video of the step-through; PDF and PNG reports download and open', async ({
    page,
  }) => {
    await openWithExpert(page)
    await page.getByTestId('educator-mode').click()
    await page.getByTestId('educator-tab-report').click()

    await expectNotBlank(page.getByTestId('viewport-axial'), 'axial view')
    const [video] = await Promise.all([
      page.waitForEvent('download', { timeout: 420_000 }),
      page.getByTestId('report-video').click(),
    ])
    expect(video.suggestedFilename()).toMatch(/\.webm$/)
    const webm = await bytesOf(video)
    expect(webm.subarray(0, 4).toString('hex')).toBe('1a45dfa3')
    expect(webm.length).toBeGreaterThan(20_000)
    // The report now has the simulations' metrics, warnings and sources.
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-download-png').click(),
    ])
    expect(png.suggestedFilename()).toMatch(/\.png$/)
    const pngBytes = await bytesOf(png)
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    writeFileSync(`${SCREENSHOT_DIR}/educator-report-file.png`, pngBytes)
    const stats = pixelStats(pngBytes)
    expect(stats.width).toBe(1600)
    expect(stats.nonBackground).toBeGreaterThan(0.1)
    expect(stats.levels).toBeGreaterThan(40)

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-download').click(),
    ])
    const pdfBytes = await bytesOf(pdf)
    const text = pdfBytes.toString('latin1')
    expect(text.startsWith('%PDF-1.4')).toBe(true)
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true)
    expect(text).toContain(`case ${CASE}`)
    expect(text).toMatch(/\/Subtype \/Image/)
    const xref = Number(/startxref\n(\d+)/.exec(text)?.[1])
    expect(text.slice(xref, xref + 4)).toBe('xref')
    // The first image decodes to as many bytes as its size says.
    const im = /\/Width (\d+) \/Height (\d+) [^>]*\/Length (\d+) >>\nstream\n/.exec(text)!
    const start = im.index + im[0].length
    const raw = inflateSync(pdfBytes.subarray(start, start + Number(im[3])))
    expect(raw.length).toBe(Number(im[1]) * Number(im[2]) * 3)
    // The PDF must open in a real reader: poppler's pdftoppm (.ci/run and `npm test` install it).
    expect(existsSync('/usr/bin/pdftoppm'), 'pdftoppm missing: apt-get install poppler-utils').toBe(
      true,
    )
    {
      const dir = mkdtempSync(join(tmpdir(), 'osteoplan-pdf-'))
      const file = join(dir, 'report.pdf')
      await pdf.saveAs(file)
      execFileSync('/usr/bin/pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        file,
        join(dir, 'p'),
      ])
      const page1 = readdirSync(dir).find((f) => f.endsWith('.png'))!
      const rendered = readFileSync(join(dir, page1))
      writeFileSync(`${SCREENSHOT_DIR}/educator-report-pdf-page1.png`, rendered)
      const s = pixelStats(rendered)
      expect(s.nonBackground, 'pdftoppm page 1: non-background share').toBeGreaterThan(0.1)
    }

    await snap(page, 'educator-report')
  })
})
