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

test('targets and protections can be added at the crosshair, removed, and undone', async ({
  page,
}) => {
  await page.goto('/?case=synthetic&crosshair=6,12,4')
  await waitReady(page)
  const panel = page.getByTestId('targets-panel')
  await page.getByTestId('sphere-radius').fill('12')
  await page.getByTestId('add-sphere-target').click()
  await expect(panel.getByTestId('target-target-1')).toContainText('Sphere 12 mm at 6.0, 12.0, 4.0')
  await page.getByTestId('add-thermocouple').click()
  await expect(panel.getByTestId('protection-tc-1')).toContainText(
    'Thermocouple tc-1 at 6.0, 12.0, 4.0',
  )
  await page.getByTestId('plan-undo').click()
  await expect(panel.getByTestId('protection-tc-1')).toHaveCount(0)
  await expect(panel.getByTestId('target-target-1')).toBeVisible()
  await panel.getByRole('button', { name: 'Remove Sphere 12 mm' }).click()
  await expect(panel.getByTestId('target-target-1')).toHaveCount(0)
})
