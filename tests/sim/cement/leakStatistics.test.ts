import { describe, expect, it } from 'vitest'
import { leakRates } from './leakPopulation'

/** Cases per run: enough for ±8 % (1 SE) on a 50 % rate; each takes ~0.5–1 s. */
const N = 40

describe('leak statistics over seeded metastatic vertebrae (FACTS §8.11, §2.2)', () => {
  it('leaks at published rates: any ~50–57 %, canal ~16 %, vascular 10–25 %, PE rare', () => {
    const r = leakRates(N)
    // FACTS §8: tolerances ±20–30 % of the published figures, widened by the binomial error of N = 40
    // (1 SE ≈ 8 points at 50 %, 6 at 16 %).
    expect(r.any).toBeGreaterThanOrEqual(0.4)
    expect(r.any).toBeLessThanOrEqual(0.7)
    expect(r.canal).toBeGreaterThanOrEqual(0.08)
    expect(r.canal).toBeLessThanOrEqual(0.27)
    expect(r.vascular).toBeGreaterThanOrEqual(0.07)
    expect(r.vascular).toBeLessThanOrEqual(0.32)
    // Symptomatic PE ~1–2 % (Barragán-Campos 2006): cement reaching the vena cava stays rare.
    expect(r.ivc).toBeLessThanOrEqual(0.05)
    // Canal leaks are strongly raised by a posterior-wall defect (Tang 2022).
    const withDefect = r.outcomes.filter((o) => o.posteriorDefect)
    const intact = r.outcomes.filter((o) => !o.posteriorDefect)
    const rate = (xs: typeof r.outcomes) => xs.filter((o) => o.canal).length / xs.length
    expect(withDefect.length).toBeGreaterThan(5)
    expect(rate(withDefect)).toBeGreaterThan(3 * rate(intact) + 0.1)
  }, 240_000)
})
