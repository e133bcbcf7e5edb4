/**
 * Case authoring end to end: an exported phantom series is opened, the lesion and the thecal sac are
 * marked (sphere, threshold fill), the briefing written, an expert plan placed, the case package
 * exported, opened again from the file, and scored with its own rubric.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { exportCtSeries } from '../../src/cases/dicom'
import { makeSyntheticVolume } from '../../src/cases/synthetic/syntheticVolume'
import { S } from '../../src/lib/anatomy'
import { expect, snap, test, waitReady, waitMeshes } from './fixtures'

function writeSeries(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'osteoplan-author-'))
  const series = path.join(dir, 'series')
  mkdirSync(series)
  const files = exportCtSeries(makeSyntheticVolume(), {
    caseId: 'authoring-source',
    seriesDescription: 'Authoring source',
  })
  for (const f of files) writeFileSync(path.join(series, f.name), f.bytes)
  return series
}

test('a case authored on an exported phantom series round-trips through a package', async ({
  page,
}) => {
  test.setTimeout(240_000)
  await page.goto('/?case=synthetic')
  await waitReady(page)
  await page.getByTestId('open-folder').setInputFiles(writeSeries())
  await expect(page.getByTestId('status')).toHaveText(/Authoring source ready/, { timeout: 90_000 })

  await page.getByTestId('author-start').click()
  const panel = page.getByTestId('author-panel')
  await expect(panel).toBeVisible()
  const at = async (p: string) => {
    await page.getByTestId('crosshair-input').fill(p)
    await page.getByTestId('crosshair-go').click()
  }
  // The synthetic lesion: lytic, r 8 mm about (6, 12, 4); the thecal sac: CSF 10 HU, r 8 mm about (0, 40).
  await at('6, 12, 4')
  await page.getByTestId('author-label').selectOption(String(S.tumourLytic))
  await page.getByTestId('author-tool-sphere').check()
  await page.getByTestId('author-radius').fill('8')
  await page.getByTestId('author-mark').click()
  await expect(
    page.getByTestId('author-marked').locator(`[data-label="${S.tumourLytic}"]`),
  ).toBeVisible()
  await expect(page.getByTestId('sim-overlay-axial')).toHaveAttribute(
    'data-drawn',
    new RegExp(`authoring/mark-${S.tumourLytic}`),
  )
  await at('0, 40, 4')
  await page.getByTestId('author-label').selectOption(String(S.csf))
  await page.getByTestId('author-tool-threshold').check()
  await page.getByTestId('author-radius').fill('60')
  await page.getByTestId('author-hu-lo').fill('0')
  await page.getByTestId('author-hu-hi').fill('20')
  await page.getByTestId('author-mark').click()
  const csf = page.getByTestId('author-marked').locator(`[data-label="${S.csf}"]`)
  await expect(csf).toContainText(/\d+ voxels/)
  // The fill stays in the sac: ≈ π·8²·128 mm³ / 4.5 mm³ ≈ 5700 voxels, not the body.
  const voxels = Number((await csf.textContent())!.match(/(\d+) voxels/)![1])
  expect(voxels).toBeGreaterThan(4000)
  expect(voxels).toBeLessThan(8000)

  await page.getByTestId('author-title').fill('Authored lytic lesion')
  await page
    .getByTestId('author-briefing')
    .fill('A 60-year-old with a painful lytic lesion beside the canal.')
  await page
    .getByTestId('author-question')
    .fill('Ablate the lesion without heating the thecal sac.')
  await page.getByTestId('author-objectives').fill('Cover the lesion\nRespect the sac')

  // The expert plan: a microwave antenna from the left flank into the lesion.
  await page.getByTestId('place-mwAntenna').click()
  const box = (await page.getByTestId('viewport-axial').boundingBox())!
  await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.5)
  await page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.5)
  await expect(page.getByTestId('placement-hint')).toHaveCount(0)
  for (const [handle, p] of [
    ['entry', '60, 12, 4'],
    ['tip', '6, 12, 4'],
  ] as const) {
    const input = page.getByTestId(`point-${handle}`)
    await input.fill(p)
    await input.press('Enter')
  }
  await snap(page, 'authoring-marked')

  const download = page.waitForEvent('download')
  await page.getByTestId('author-export').click()
  const file = await download
  expect(file.suggestedFilename()).toBe('authored-lytic-lesion.osteoplan-case.zip')
  const saved = path.join(
    mkdtempSync(path.join(tmpdir(), 'osteoplan-pkg-')),
    file.suggestedFilename(),
  )
  await file.saveAs(saved)

  // Open the package as a new case.
  await page.getByTestId('open-package').setInputFiles(saved)
  await expect(page.getByTestId('status')).toHaveText(/Authored lytic lesion ready/, {
    timeout: 90_000,
  })
  await expect(page.getByTestId('case-picker')).toHaveValue('package:authored-lytic-lesion')
  await expect(page.getByTestId('case-briefing')).toHaveText(
    'A 60-year-old with a painful lytic lesion beside the canal.',
  )
  await waitMeshes(page)
  await page.getByTestId('load-expert').click()
  await page.getByTestId('score-plan').click()
  const result = page.getByTestId('score-result')
  await expect(result).toBeVisible({ timeout: 60_000 })
  // The package's own rubric: coverage, safe needle paths, and the marked critical structure (CSF).
  expect(await result.getAttribute('data-max')).toBe('20')
  await expect(page.getByTestId('score-item-coverage')).toContainText('Target coverage is')
  await expect(page.getByTestId('score-item-safe-paths')).toHaveAttribute('data-passed', 'true')
  await expect(page.getByTestId('score-item-clear-csf')).toHaveAttribute('data-passed', 'true')
  await expect(page.getByTestId('score-item-clear-csf')).toContainText('thecal sac')
  await snap(page, 'authoring-package-opened')

  // A malformed package is refused with its reasons and the case stays open.
  await page.getByTestId('open-package').setInputFiles({
    name: 'broken.osteoplan-case.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from('not a zip'),
  })
  await expect(page.getByTestId('error')).toContainText('not a readable zip archive')
  await expect(page.getByTestId('case-picker')).toHaveValue('package:authored-lytic-lesion')
})
