import { beforeAll, describe, expect, it } from 'vitest'
import { pelvicLeakRates, pelvicSetup, type PelvicSetup } from './pelvicLeakPopulation'

/** Cases per run: 1 SE ≈ 9 points on a 45 % rate; each takes ~1–2 s (the phantom ~5–10 s once). */
const N = 30
/** Published rate: asymptomatic leaks in 45.5 % of pelvic cementoplasties (FACTS §2.1, Skeletal Radiol 2019). */
const PUBLISHED = 0.455

let setup: PelvicSetup
beforeAll(() => {
  setup = pelvicSetup()
}, 120_000)

describe('leak statistics over seeded supra-acetabular cementoplasties (FACTS §2.1)', () => {
  it('the phantom has the pelvic leak routes next to the lytic lesion', () => {
    // A destroyed subchondral roof (lytic tumour touching the articular cartilage) and a drainage vein.
    expect(setup.roofVoxels.length).toBeGreaterThan(20)
    expect(setup.veinVoxels.length).toBeGreaterThan(5)
    expect(setup.phantom.lesions[0].description).toMatch(/subchondral roof defect/)
  })

  it('leaks at the published pelvic rate, through the routes each case has', async () => {
    const r = await pelvicLeakRates(setup, N)
    console.log(
      `[cement] pelvic leaks over ${N} seeded cases: any ${(r.any * 100).toFixed(0)} % (published ${PUBLISHED * 100} %), joint ${(r.joint * 100).toFixed(0)} %, venous ${(r.venous * 100).toFixed(0)} %, other ${(r.other * 100).toFixed(0)} %`,
    )
    // Tolerance: ±20 points around 45.5 % (the FACTS §8 ±20–30 % band, widened by 1 SE ≈ 9 points of the
    // binomial error at N = 30).
    expect(r.any).toBeGreaterThanOrEqual(PUBLISHED - 0.2)
    expect(r.any).toBeLessThanOrEqual(PUBLISHED + 0.2)
    // Each leak goes through a route the case has: joint leaks need the destroyed roof, venous leaks the
    // vein; with neither, the intact cortex and cartilage hold the cement.
    for (const o of r.outcomes) {
      if (o.joint) expect(o.roofDefect).toBe(true)
      if (o.venous) expect(o.vein).toBe(true)
    }
    const closed = r.outcomes.filter((o) => !o.roofDefect && !o.vein)
    expect(closed.length).toBeGreaterThan(3)
    expect(closed.filter((o) => o.any).length).toBe(0)
    // Both routes carry leaks in the population.
    expect(r.joint).toBeGreaterThan(0.1)
    expect(r.venous).toBeGreaterThan(0)
  }, 300_000)
})
