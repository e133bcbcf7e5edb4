import { DEFAULT_CASE } from '../../src/cases/catalog'
import { expect, snap, test, waitReady } from './fixtures'

test('the expert plan scores full marks with a reason for every point; an empty plan loses them with reasons', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.goto(`/?case=${DEFAULT_CASE}`)
  await waitReady(page)
  await page.getByTestId('load-expert').click()
  await expect(page.getByTestId('device-list')).not.toContainText('No devices', { timeout: 30_000 })
  await page.getByTestId('score-plan').click()
  const result = page.getByTestId('score-result')
  await expect(result).toBeVisible({ timeout: 90_000 })
  const max = Number(await result.getAttribute('data-max'))
  expect(max).toBeGreaterThan(0)
  expect(Number(await result.getAttribute('data-score'))).toBe(max)
  const items = result.locator('[data-testid^="score-item-"]')
  expect(await items.count()).toBeGreaterThanOrEqual(5)
  for (const text of await items.allTextContents()) expect(text.length).toBeGreaterThan(20)
  await expect(page.getByTestId('comparison-table')).toContainText('Expert plan')
  await page.getByTestId('score-panel').scrollIntoViewIfNeeded()
  await snap(page, 'score-expert')

  await page.getByTestId('plan-new').click()
  await page.getByTestId('score-plan').click()
  await expect(result).not.toHaveAttribute('data-score', String(max), { timeout: 90_000 })
  expect(Number(await result.getAttribute('data-score'))).toBeLessThan(max)
  await expect(result.locator('[data-passed="false"]').first()).toBeVisible()
})
