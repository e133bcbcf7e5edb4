import type { Page } from '@playwright/test'
import { isBoneLabel } from '../../src/lib/anatomy'
import { worldToIjk } from '../../src/lib/space'
import { DEFAULT_CASE, generateCatalogVolume } from '../../src/cases/catalog'
import { expectNotBlank } from './pixels'
import { expect, snap, test, waitMeshes, waitReady } from './fixtures'

const lps = async (page: Page) =>
  (await page.getByTestId('hu-readout').getAttribute('data-lps'))!.split(',').map(Number) as [
    number,
    number,
    number,
  ]

test('the default case shows a spine in 3D; a click on bone moves the crosshair there; the clip follows the slice', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.goto(`/?case=${DEFAULT_CASE}`)
  await waitReady(page)
  await waitMeshes(page)
  const info = page.getByTestId('mesh-info')
  expect(Number(await info.getAttribute('data-meshes'))).toBeGreaterThanOrEqual(6)
  expect(Number(await info.getAttribute('data-triangles'))).toBeGreaterThan(20_000)
  const view = page.getByTestId('viewport-3d')
  await expectNotBlank(view, '3D spine', 'test-results/screenshots/scene-ap.png')

  // From behind, the centre of the view is on the posterior elements of the lumbar spine.
  await page.getByTestId('camera-PA').click()
  await page.waitForTimeout(500)
  await view.screenshot({ path: 'test-results/screenshots/scene-pa.png' })
  const before = await lps(page)
  const box = (await view.boundingBox())!
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await expect(page.getByTestId('hu-readout')).not.toHaveAttribute(
    'data-lps',
    before.map((c) => c.toFixed(2)).join(','),
  )
  const p = await lps(page)
  // The picked point is on a bone surface: a bone voxel lies within 2 mm of it.
  const v = generateCatalogVolume(DEFAULT_CASE)
  const q = worldToIjk(v.geometry, p)
  const [nx, ny, nz] = v.geometry.dims
  const r = Math.ceil(2 / Math.min(...v.geometry.spacingMm))
  let nearBone = false
  for (let k = Math.round(q[2]) - r; k <= Math.round(q[2]) + r && !nearBone; k++) {
    for (let j = Math.round(q[1]) - r; j <= Math.round(q[1]) + r && !nearBone; j++) {
      for (let i = Math.round(q[0]) - r; i <= Math.round(q[0]) + r && !nearBone; i++) {
        if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) continue
        nearBone = isBoneLabel(v.labels![i + nx * (j + ny * k)])
      }
    }
  }
  expect(nearBone, `no bone within 2 mm of the picked point ${p.join(', ')}`).toBe(true)

  // Clipping at the axial slice: the image changes, and changes again when the slice moves.
  await page.getByTestId('camera-AP').click()
  await page.waitForTimeout(300)
  const unclipped = await view.screenshot()
  await page.getByTestId('toggle-clip').click()
  await page.waitForTimeout(500)
  const clipped = await view.screenshot({ path: 'test-results/screenshots/scene-clip.png' })
  expect(Buffer.compare(unclipped, clipped)).not.toBe(0)
  await page.getByTestId('crosshair-input').fill(`${p[0]},${p[1]},${(p[2] - 40).toFixed(1)}`)
  await page.getByTestId('crosshair-go').click()
  await page.waitForTimeout(500)
  const lower = await view.screenshot({ path: 'test-results/screenshots/scene-clip-lower.png' })
  expect(Buffer.compare(clipped, lower)).not.toBe(0)
  await snap(page, 'scene-default')
})
