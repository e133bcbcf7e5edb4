/**
 * A trainee completes the L3 guided case end to end: briefing → find the lesion and the critical
 * structures (checked against the labels at the crosshair) → SINS → techniques → plan → score → debrief,
 * with back-navigation, try-again and the progress export.
 */
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { guidedCase } from '../../src/cases/guided'
import { generateCase } from '../../src/cases/library'
import type { Phantom } from '../../src/cases/phantom'
import { S } from '../../src/lib/anatomy'
import { ijkToWorld } from '../../src/lib/space'
import type { Vec3 } from '../../src/lib/vec3'
import { expect, snap, test, waitReady } from './fixtures'

const CASE = 'l3-rcc-lytic'
const g = guidedCase(CASE)!

/** The voxel of `label` nearest to `from` (LPS mm), from the phantom the app generates too (same seed). */
function nearestVoxel(p: Phantom, label: number, from: Vec3): Vec3 {
  const [ni, nj] = p.geometry.dims
  let best = Infinity
  let at: Vec3 = from
  for (let idx = 0; idx < p.labels.length; idx++) {
    if (p.labels[idx] !== label) continue
    const i = idx % ni
    const j = Math.floor(idx / ni) % nj
    const k = Math.floor(idx / (ni * nj))
    const w = ijkToWorld(p.geometry, [i, j, k])
    const d = Math.hypot(w[0] - from[0], w[1] - from[1], w[2] - from[2])
    if (d < best) {
      best = d
      at = [w[0], w[1], w[2]]
    }
  }
  return at
}

async function goTo(page: Page, p: Vec3): Promise<void> {
  await page.getByTestId('crosshair-input').fill(p.map((c) => c.toFixed(2)).join(', '))
  await page.getByTestId('crosshair-go').click()
}

const step = (page: Page) => page.getByTestId('guided-step')

test('a trainee completes the L3 guided case and sees the debrief', async ({ page }) => {
  test.setTimeout(300_000)
  const phantom = generateCase(CASE)
  const lesion = phantom.lesions[0].centreMm
  await page.goto(`/?case=${CASE}`)
  await waitReady(page)

  // Briefing.
  await page.getByTestId('guided-start').click()
  const panel = page.getByTestId('guided-panel')
  await expect(panel).toBeVisible()
  await expect(step(page)).toHaveAttribute('data-step', 'briefing')
  await expect(step(page)).toContainText('Question')
  await snap(page, 'guided-briefing')
  await page.getByTestId('guided-next').click()

  // Find: a click in the axial view outside the body is not the lesion.
  await expect(step(page)).toHaveAttribute('data-step', 'find')
  await expect(page.getByTestId('guided-next')).toBeDisabled()
  const axial = (await page.getByTestId('viewport-axial').boundingBox())!
  await page.mouse.click(axial.x + axial.width * 0.08, axial.y + axial.height * 0.08)
  await page.getByTestId('guided-find-lesion').click()
  await expect(page.getByTestId('guided-find-message')).toContainText('Not quite')
  // Then each structure, with the crosshair on it.
  for (const t of g.find) {
    const label = t.key === 'lesion' ? S.tumourLytic : S[t.key]
    await goTo(page, t.key === 'lesion' ? lesion : nearestVoxel(phantom, label, lesion))
    await page.getByTestId(`guided-find-${t.key}`).click()
    await expect(page.getByTestId('guided-find-message')).toContainText(
      `Yes: that is the ${t.name}`,
    )
  }
  await snap(page, 'guided-find')
  await page.getByTestId('guided-next').click()

  // SINS: one item wrong on purpose (pain), then corrected.
  await expect(step(page)).toHaveAttribute('data-step', 'stability')
  for (const [item, value] of Object.entries(g.stability.inputs)) {
    await page
      .getByTestId(`guided-stability-${item}`)
      .selectOption(item === 'pain' ? 'occasional' : String(value))
  }
  await page.getByTestId('guided-stability-check').click()
  const fb = page.getByTestId('guided-stability-feedback')
  await expect(fb).toHaveAttribute('data-correct', 'false')
  await expect(page.getByTestId('guided-stability-total')).toHaveText('7')
  await page.getByTestId('guided-stability-pain').selectOption('mechanical')
  await page.getByTestId('guided-stability-check').click()
  await expect(fb).toHaveAttribute('data-correct', 'true')
  await snap(page, 'guided-sins')

  // Back-navigation keeps the answers.
  await page.getByTestId('guided-back').click()
  await expect(step(page)).toHaveAttribute('data-step', 'find')
  await expect(page.getByTestId('guided-next')).toBeEnabled()
  await page.getByTestId('guided-next').click()
  await expect(page.getByTestId('guided-stability-feedback')).toHaveAttribute(
    'data-correct',
    'true',
  )
  await page.getByTestId('guided-next').click()

  // Techniques with reasons (by keyboard for one of them).
  await expect(step(page)).toHaveAttribute('data-step', 'techniques')
  const reasons: Record<string, string> = {
    radiofrequencyAblation: 'Painful lytic lesion with an intact posterior wall',
    vertebroplasty: 'SINS 7 and mechanical pain: consolidate after ablation',
    thermalProtection: 'The root and canal are within 1 cm of the zone',
  }
  for (const [t, why] of Object.entries(reasons)) {
    await page.getByTestId(`guided-technique-${t}`).focus()
    await page.keyboard.press('Space')
    await page.getByTestId(`guided-reason-${t}`).fill(why)
  }
  await page.getByTestId('guided-techniques-check').click()
  await expect(page.getByTestId('guided-techniques-feedback')).toHaveAttribute(
    'data-correct',
    'true',
  )
  await page.getByTestId('guided-next').click()

  // Plan: the expert plan without its antenna (cement without ablation, a seeded mistake).
  await expect(step(page)).toHaveAttribute('data-step', 'plan')
  await page.getByTestId('guided-open-expert').click()
  await expect(page.getByTestId('device-item-mw-1')).toBeVisible({ timeout: 60_000 })
  await page.getByTestId('device-delete-mw-1').click()
  await expect(page.getByTestId('guided-plan-devices')).toContainText('1 device')
  await page.getByTestId('guided-next').click()

  // Simulate and score.
  await expect(step(page)).toHaveAttribute('data-step', 'simulate')
  // The simulation panel runs the cement injection of the trocar (the physics behind the plan).
  await page.getByTestId('device-item-trocar-1').click()
  await page.getByTestId('sim-run').click()
  await expect(page.getByTestId('sim-status')).toHaveAttribute('data-state', 'done', {
    timeout: 150_000,
  })
  await page.getByTestId('sim-panel').scrollIntoViewIfNeeded()
  await snap(page, 'guided-simulate')
  await page.getByTestId('guided-panel').evaluate((el) => el.scrollIntoView())
  await page.getByTestId('guided-score').click()
  await expect(page.getByTestId('guided-score-status')).toContainText('Scored', {
    timeout: 120_000,
  })
  await page.getByTestId('guided-next').click()

  // Debrief.
  const debrief = page.getByTestId('guided-debrief')
  await expect(debrief).toBeVisible()
  const score = page.getByTestId('guided-debrief-score')
  expect(Number(await score.getAttribute('data-score'))).toBeLessThan(
    Number(await score.getAttribute('data-max')),
  )
  await expect(page.getByTestId('guided-mistakes')).toContainText('Cement without ablation')
  const items = page.getByTestId('guided-rubric').locator('li')
  expect(await items.count()).toBeGreaterThanOrEqual(8)
  for (const text of await items.allTextContents()) expect(text.length).toBeGreaterThan(15)
  await expect(debrief.getByTestId('comparison-table')).toContainText('Expert plan')
  await expect(page.getByTestId('guided-literature')).toContainText('FACTS.md §1.6')
  await expect(page.getByTestId('guided-history').locator('tbody tr')).toHaveCount(1)
  await page.getByTestId('guided-show-expert').click()
  await expect(page.getByTestId('ghost-overlay-axial')).not.toHaveAttribute('data-count', '0', {
    timeout: 30_000,
  })
  await page.getByTestId('guided-panel').evaluate((el) => el.scrollIntoView())
  await snap(page, 'guided-debrief')
  await page.getByTestId('guided-mistakes').scrollIntoViewIfNeeded()
  await snap(page, 'guided-debrief-mistakes')
  await page.getByTestId('guided-literature').scrollIntoViewIfNeeded()
  await snap(page, 'guided-debrief-literature')

  // Progress: exported as JSON, with the attempt and its mistake.
  await page.getByTestId('guided-progress').locator('summary').click()
  const download = page.waitForEvent('download')
  await page.getByTestId('progress-export').click()
  const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as {
    cases: Record<string, { attempt: number; mistakes: string[] }[]>
  }
  expect(exported.cases[CASE]?.[0]?.mistakes).toContain('l3-cement-only')

  // Try again: back to the plan, the first attempt kept.
  await page.getByTestId('guided-try-again').click()
  await expect(step(page)).toHaveAttribute('data-step', 'plan')
  await expect(panel.locator('h2')).toContainText('attempt 2')
  await page.getByTestId('guided-goto-briefing').click()
  await expect(step(page)).toHaveAttribute('data-step', 'briefing')
  await expect(page.getByTestId('guided-goto-debrief')).toBeDisabled()

  // Progress survives a reload (IndexedDB).
  await page.reload()
  await waitReady(page)
  await page.getByTestId('guided-start').click()
  await expect(page.getByTestId('guided-panel').locator('h2')).toContainText('attempt 2')
})
