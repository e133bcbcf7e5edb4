/**
 * Planning workspace flows: place devices by clicking in the MPR views (and on a 3D slice plane), read the
 * trajectory report, drag handles, undo/redo, and round-trip plans through a share link and a saved file.
 *
 * Routes come from the case: the synthetic volume uses fixed coordinates; a phantom case (e.g. the lumbar
 * case) derives them from its landmarks. Both run by default; choose others with PLANNING_CASES=id1,id2.
 */
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, snap, test, waitMeshes, waitReady } from './fixtures'
import { expectNotBlank, pixelStats } from './pixels'

type Vec3 = readonly [number, number, number]
interface Route {
  readonly entry: Vec3
  readonly tip: Vec3
}
/** A case to plan on: a route that must be clear and one through the canal that must be critical. */
interface PlanningCase {
  readonly caseId: string
  readonly clear: Route
  readonly critical: Route
  /** Where to put the crosshair first, so that the axial view shows the target. */
  readonly crosshair: Vec3
  /** Severities accepted for the bone route ('info' is the panel's "Clear"). */
  readonly clearSeverities: readonly string[]
}

/**
 * The synthetic volume: bone cylinder r 20 mm about (L 0, P 10), canal (CSF) r 8 mm about (L 0, P 40),
 * lytic lesion r 8 mm about (6, 12, 4). Lateral into the lesion is clear; posterior through the canal is not.
 */
const SYNTHETIC: PlanningCase = {
  caseId: 'synthetic',
  clear: { entry: [68, 12, 4], tip: [6, 12, 4] },
  critical: { entry: [0, 68, 4], tip: [0, 12, 4] },
  crosshair: [6, 12, 4],
  clearSeverities: ['info'],
}

/** The phantom generator's view of a case, read through a non-literal import (the library may not exist). */
interface PhantomLike {
  readonly landmarks: Readonly<Record<string, Vec3>>
  readonly lesions: readonly { readonly part: number; readonly centreMm: Vec3 }[]
  readonly partNames: readonly string[]
}

const mid = (a: Vec3, b: Vec3): Vec3 => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2]

/**
 * Routes of a phantom case from its landmarks: the left transpedicular path (skin entry → target in the
 * anterior third of the body) is clear; the posterior midline path (between the two skin entries → between
 * the two targets) crosses the canal and is critical.
 */
async function phantomCase(caseId: string): Promise<PlanningCase> {
  const modulePath = '../../src/cases/library/index.ts'
  const lib = (await import(modulePath)) as { generateCase(id: string): PhantomLike }
  const p = lib.generateCase(caseId)
  const lesion = p.lesions[0]
  const level = lesion ? (p.partNames[lesion.part] ?? 'L3') : 'L3'
  const at = (name: string): Vec3 => {
    const v = p.landmarks[`${level}.${name}`]
    if (!v) throw new Error(`case ${caseId} has no landmark ${level}.${name}`)
    return v
  }
  const skinL = at('skinEntry.L')
  const targetL = at('pedicleTarget.L')
  return {
    caseId,
    clear: { entry: skinL, tip: targetL },
    critical: {
      entry: mid(skinL, at('skinEntry.R')),
      tip: mid(targetL, at('pedicleTarget.R')),
    },
    crosshair: targetL,
    // On l3-rcc-lytic the landmark pedicle axis passes 2.7 mm from the epidural space and 4.3 mm from the
    // nerve root with an 11 G trocar, inside bone with cortex in between: reported as information, so a
    // transpedicular path is "Clear" (a breach of that cortex would be critical).
    clearSeverities: ['info'],
  }
}

const CASE_IDS = (process.env.PLANNING_CASES ?? 'synthetic,l3-rcc-lytic')
  .split(',')
  .filter((s) => s !== '')
const phantomRoutes = new Map<string, Promise<PlanningCase>>()
/** The routes of a case; a phantom is generated once per worker (a few seconds in Node). */
function caseFor(id: string): Promise<PlanningCase> {
  if (id === 'synthetic') return Promise.resolve(SYNTHETIC)
  let routes = phantomRoutes.get(id)
  if (!routes) {
    routes = phantomCase(id)
    phantomRoutes.set(id, routes)
  }
  return routes
}

const text = (p: Vec3): string => p.map((v) => String(Math.round(v * 1000) / 1000)).join(', ')

async function open(page: Page, c: PlanningCase, hash = ''): Promise<void> {
  await page.goto(`/?case=${c.caseId}&crosshair=${c.crosshair.join(',')}${hash}`)
  await waitReady(page)
}

/** Clicks two points in a view (fractions of its size) after choosing a device in the palette. */
async function placeByClicks(
  page: Page,
  kind: string,
  view: string,
  a: readonly [number, number],
  b: readonly [number, number],
): Promise<void> {
  await page.getByTestId(`place-${kind}`).click()
  const box = (await page.getByTestId(view).boundingBox())!
  await page.mouse.click(box.x + box.width * a[0], box.y + box.height * a[1])
  await expect(page.getByTestId('placement-hint')).toContainText('now click')
  await page.mouse.click(box.x + box.width * b[0], box.y + box.height * b[1])
  await expect(page.getByTestId('placement-hint')).toHaveCount(0)
}

/** Types an exact point into the selected device's entry or tip field. */
async function setPoint(page: Page, handle: 'entry' | 'tip', p: Vec3): Promise<void> {
  const input = page.getByTestId(`point-${handle}`)
  await input.fill(text(p))
  await input.press('Enter')
  await expect(input).toHaveValue(text(p))
}

const readPoint = async (page: Page, handle: 'entry' | 'tip'): Promise<number[]> =>
  (await page.getByTestId(`point-${handle}`).inputValue()).split(',').map(Number)

/** Saves the plan through the Save button and returns the downloaded JSON. */
async function savedJson(page: Page): Promise<string> {
  const download = page.waitForEvent('download')
  await page.getByTestId('plan-save').click()
  const d = await download
  expect(d.suggestedFilename()).toMatch(/\.osteoplan\.json$/)
  return readFileSync(await d.path(), 'utf8')
}

/** Page position of a device handle drawn in the axial view's overlay. */
async function handleAt(
  page: Page,
  handle: 'entry' | 'tip',
  deviceId: string,
): Promise<[number, number]> {
  const overlay = page.getByTestId('device-overlay-axial')
  const c = overlay.locator(`circle[data-handle="${handle}"][data-device="${deviceId}"]`).last()
  const box = (await overlay.boundingBox())!
  return [box.x + Number(await c.getAttribute('cx')), box.y + Number(await c.getAttribute('cy'))]
}

/** A left-button drag in small steps (handles follow the pointer through the store's drag preview). */
async function drag(page: Page, from: readonly [number, number], to: readonly [number, number]) {
  await page.mouse.move(from[0], from[1])
  await page.mouse.down()
  await page.mouse.move((from[0] + to[0]) / 2, (from[1] + to[1]) / 2, { steps: 3 })
  await page.mouse.move(to[0], to[1], { steps: 3 })
  await page.mouse.up()
}

/**
 * Waits until a view shows an image (the needle views attach and load the volume asynchronously, and
 * SwiftShader renders slowly under load), then applies the usual not-blank checks.
 */
async function expectRendered(page: Page, testId: string, what: string): Promise<void> {
  const view = page.getByTestId(testId)
  await expect
    .poll(async () => pixelStats(await view.screenshot()).nonBackground, { timeout: 30_000 })
    .toBeGreaterThan(0.03)
  await expectNotBlank(view, what)
}

/** Leaves any text field so that keyboard shortcuts reach the planning panel. */
const blurFields = (page: Page) => page.locator('#plan-title').click()

/** Builds the two-trocar plan used by the round-trip flows. */
async function twoTrocarPlan(page: Page, c: PlanningCase): Promise<void> {
  for (const r of [c.clear, c.critical]) {
    await placeByClicks(page, 'cementTrocar', 'viewport-axial', [0.3, 0.5], [0.45, 0.55])
    await setPoint(page, 'entry', r.entry)
    await setPoint(page, 'tip', r.tip)
  }
}

for (const caseId of CASE_IDS) {
  test.describe(`planning on ${caseId}`, () => {
    // Phantom cases are ~14 MB volumes: generating and rendering them on SwiftShader takes a while.
    test.beforeEach(() => test.slow(caseId !== 'synthetic'))
    test('trocars placed by clicks: a clear path, a critical one, drag, undo/redo', async ({
      page,
    }) => {
      const c = await caseFor(caseId)
      await open(page, c)
      await placeByClicks(page, 'cementTrocar', 'viewport-axial', [0.3, 0.5], [0.45, 0.55])
      // Both clicks land on the axial slice through the crosshair (S within float noise).
      expect(Math.abs((await readPoint(page, 'entry'))[2] - c.crosshair[2])).toBeLessThan(0.01)
      expect(Math.abs((await readPoint(page, 'tip'))[2] - c.crosshair[2])).toBeLessThan(0.01)
      await setPoint(page, 'entry', c.clear.entry)
      await setPoint(page, 'tip', c.clear.tip)
      const summary = page.getByTestId('trajectory-summary')
      const severity = new RegExp(`^(${c.clearSeverities.join('|')})$`)
      await expect(summary).toHaveAttribute('data-severity', severity)
      if (c.clearSeverities.length === 1) await expect(summary).toContainText('Clear')
      await expect(page.getByRole('alert').filter({ hasText: 'Critical' })).toHaveCount(0)
      await expect(page.getByTestId('needle-views')).toBeVisible()
      await expectRendered(page, 'needle-view-in-plane', 'in-plane needle view')
      await expectRendered(page, 'needle-view-probe-eye', "probe's-eye view")
      await snap(page, 'planning-clear')

      await placeByClicks(page, 'cementTrocar', 'viewport-axial', [0.3, 0.5], [0.45, 0.55])
      await setPoint(page, 'entry', c.critical.entry)
      await setPoint(page, 'tip', c.critical.tip)
      const alert = page.getByRole('alert').filter({ hasText: 'Critical' })
      await expect(alert).toHaveAttribute('data-severity', 'critical')
      await expect(page.getByTestId('trajectory-findings')).toContainText(
        /thecal sac|epidural|canal/i,
      )
      await expect(page.getByTestId('device-item-trocar-1')).toContainText(
        c.clearSeverities.length === 1 ? 'clear' : /clear|caution/,
      )
      await expect(page.getByTestId('device-item-trocar-2')).toContainText('critical')
      // The probe's-eye view turned (on the synthetic case from looking along L to looking along P):
      // Cornerstone must re-orient its slab, or the view goes black.
      await page.waitForTimeout(500)
      await expectNotBlank(
        page.getByTestId('needle-view-probe-eye'),
        "probe's-eye view, 2nd needle",
      )
      await snap(page, 'planning-critical')

      // Drag the tip handle of the selected trocar 40 px to the right in the axial view.
      const [cx, cy] = await handleAt(page, 'tip', 'trocar-2')
      const tipBefore = await readPoint(page, 'tip')
      await drag(page, [cx, cy], [cx + 40, cy])
      await expect(page.getByTestId('history-item').last()).toHaveText('Moved tip of trocar-2')
      const tipAfter = await readPoint(page, 'tip')
      // Screen right in the axial view is the patient's left (+L); the slice (S) is unchanged.
      expect(tipAfter[0]).toBeGreaterThan(tipBefore[0] + 5)
      expect(Math.abs(tipAfter[2] - tipBefore[2])).toBeLessThan(0.01)
      await snap(page, 'planning-dragged')

      await blurFields(page)
      const items = page.getByTestId('history-item')
      const steps = await items.count()
      await page.keyboard.press('Control+z')
      await expect(page.getByTestId('point-tip')).toHaveValue(text(c.critical.tip))
      await page.keyboard.press('Control+Shift+z')
      await expect(page.getByTestId('point-tip')).not.toHaveValue(text(c.critical.tip))
      await page.getByTestId('plan-undo').click()
      await page.getByTestId('plan-undo').click()
      await expect(items.nth(steps - 3)).toHaveAttribute('aria-current', 'step')
      await page.keyboard.press('Control+y')
      await expect(items.nth(steps - 2)).toHaveAttribute('aria-current', 'step')
      await page.keyboard.press('Delete')
      await expect(page.getByTestId('device-item-trocar-2')).toHaveCount(0)
      await page.keyboard.press('Control+z')
      await expect(page.getByTestId('device-item-trocar-2')).toBeVisible()

      // Shift-drag of the tip slides it along the needle: the direction is kept.
      const entry0 = await readPoint(page, 'entry')
      const tip0 = await readPoint(page, 'tip')
      // The overlay redraws on the next frame after the undo above; under CI load a drag that starts
      // before that redraw can miss the handle, so read the handle again and retry (at most 3 times).
      const slid = page.getByTestId('history-item').last()
      for (let attempt = 0; attempt < 3; attempt++) {
        await page.evaluate(
          () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
        )
        await page.waitForTimeout(200)
        const tipXY = await handleAt(page, 'tip', 'trocar-2')
        await page.keyboard.down('Shift')
        await drag(page, tipXY, [tipXY[0] + 25, tipXY[1] + 25])
        await page.keyboard.up('Shift')
        if ((await slid.textContent()) === 'Slid tip of trocar-2 along its axis') break
        await page.waitForTimeout(1000)
        if ((await slid.textContent()) === 'Slid tip of trocar-2 along its axis') break
      }
      await expect(slid).toHaveText('Slid tip of trocar-2 along its axis')
      const tip1 = await readPoint(page, 'tip')
      // Unit directions agree to 1e-3 (µm rounding of ~50 mm paths gives ~1e-5).
      const dir = (a: number[], b: number[]) => {
        const d = b.map((v, i) => v - a[i])
        const n = Math.hypot(...d)
        return d.map((v) => v / n)
      }
      const d0 = dir(entry0, tip0)
      const d1 = dir(entry0, tip1)
      d0.forEach((v, i) => expect(Math.abs(v - d1[i])).toBeLessThan(1e-3))

      // Dragging the needle's body moves the whole device: entry and tip shift alike.
      const entryXY = await handleAt(page, 'entry', 'trocar-2')
      const tipNow = await handleAt(page, 'tip', 'trocar-2')
      const midXY: [number, number] = [(entryXY[0] + tipNow[0]) / 2, (entryXY[1] + tipNow[1]) / 2]
      await drag(page, midXY, [midXY[0] - 30, midXY[1]])
      await expect(page.getByTestId('history-item').last()).toHaveText('Moved trocar-2')
      const entry2 = await readPoint(page, 'entry')
      const tip2 = await readPoint(page, 'tip')
      entry2.forEach((v, i) => {
        // Translation: both ends move by the same vector (to the µm rounding of stored points).
        expect(Math.abs(v - entry0[i] - (tip2[i] - tip1[i]))).toBeLessThan(0.01)
      })
      expect(entry2[0]).toBeLessThan(entry0[0] - 5)
    })

    test('a share link and a saved file restore the plan exactly', async ({ page, context }) => {
      const c = await caseFor(caseId)
      await open(page, c)
      await twoTrocarPlan(page, c)
      await page.getByTestId('plan-title').fill('Round trip')
      await page.getByTestId('plan-title').press('Enter')
      const json = await savedJson(page)
      expect(JSON.parse(json)).toMatchObject({ title: 'Round trip', scan: { caseId: c.caseId } })

      await page.getByTestId('plan-share').click()
      const link = await page.getByTestId('share-link').inputValue()
      expect(link).toContain('#plan=')
      const shared = await context.newPage()
      await shared.goto(link)
      await waitReady(shared)
      await expect(shared.getByTestId('device-item-trocar-2')).toBeVisible()
      expect(await savedJson(shared)).toBe(json)
      await snap(shared, 'planning-from-link')
      await shared.close()

      const fresh = await context.newPage()
      await open(fresh, c)
      await fresh.getByTestId('plan-load-input').setInputFiles({
        name: 'round-trip.osteoplan.json',
        mimeType: 'application/json',
        buffer: Buffer.from(json),
      })
      await expect(fresh.getByTestId('plan-notice')).toHaveText('Opened "Round trip".')
      expect(await savedJson(fresh)).toBe(json)

      // A damaged file is refused with its reason in the error banner; the plan is kept.
      await fresh.getByTestId('plan-load-input').setInputFiles({
        name: 'broken.osteoplan.json',
        mimeType: 'application/json',
        buffer: Buffer.from(json.replace('"volumeMl": 4.5', '"volumeMl": 99')),
      })
      await expect(fresh.getByTestId('error')).toContainText(
        'devices[0].volumeMl must be between 0.1 and 30 mL (got 99)',
      )
      expect(await savedJson(fresh)).toBe(json)
      await fresh.close()
    })

    if (caseId !== 'synthetic') {
      test('a device can be placed by clicking on the 3D bone surface', async ({ page }) => {
        const c = await caseFor(caseId)
        await open(page, c)
        await waitMeshes(page)
        // From behind, the middle of the view is the posterior elements of the lumbar spine (bone).
        await page.getByTestId('camera-PA').click()
        await page.getByTestId('place-cementTrocar').click()
        const box = (await page.getByTestId('viewport-3d').boundingBox())!
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
        await expect(page.getByTestId('placement-hint')).toContainText('now click')
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2 - 25)
        await expect(page.getByTestId('device-list')).toBeVisible()
      })
    }

    test('a device can be placed by clicking on the 3D slice planes', async ({ page }) => {
      const c = await caseFor(caseId)
      await open(page, c)
      // The MPR planes are hidden in 3D by default; show them so that they can be clicked.
      await page.getByTestId('toggle-planes').click()
      await page.getByTestId('place-rfProbe').click()
      const box = (await page.getByTestId('viewport-3d').boundingBox())!
      await page.mouse.click(box.x + box.width * 0.42, box.y + box.height * 0.45)
      await expect(page.getByTestId('placement-hint')).toContainText('now click')
      await page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.52)
      await expect(page.getByTestId('device-item-rf-1')).toBeVisible()
      await expect(page.getByTestId('selected-device')).toHaveAttribute('data-device-id', 'rf-1')
      await expectRendered(page, 'needle-view-probe-eye', "probe's-eye view")
      await expectRendered(page, 'viewport-3d', '3D view above the needle views')
      await snap(page, 'planning-3d-placed')
    })
  })
}
