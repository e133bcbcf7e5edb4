/**
 * Validation against FACTS.md §8 reference cases. Tolerances follow FACTS (±20–30 %: ex-vivo, animal and
 * phantom data) unless a test states a reason for another.
 */
import { describe, expect, it } from 'vitest'
import { simulateCryoPhantom } from '../../../src/sim/bioheat/cryoPhantom'
import { previewCryoTempC, previewZone } from '../../../src/sim/bioheat/previewZone'
import type { ProbeSegment } from '../../../src/sim/bioheat/probeGeometry'
import { liverBlock, vertebraWallHistory } from './scenarios'

describe('§8.3–8.5 cryo in a 39 °C gel phantom, 15 min, 2.4 mm probes 2 cm apart (Littrup 2009)', () => {
  // 2 mm grid: isotherm extents agree with 1 mm and 1.5 mm runs to 3 % (edges interpolated).
  const run = (nProbes: number, probeRadiusM: number): ReturnType<typeof simulateCryoPhantom> =>
    simulateCryoPhantom({ nProbes, probeRadiusM, durationS: 900, spacingM: 0.002 })
  const one = run(1, 0.0012)
  const two = run(2, 0.0012)
  const thin = run(1, 0.00085)

  it('1 probe: 1.2 cm lethal ice (< −30 °C); the fitted point, held to ±20 %', () => {
    expect(Math.abs(one.lethal30M / 0.012 - 1)).toBeLessThan(0.2)
  })

  it('2 probes: 3.3 cm lethal ice along the probe row (prediction, ±20 %)', () => {
    expect(Math.abs(two.lethal30M / 0.033 - 1)).toBeLessThan(0.2)
    expect(two.lethal30M).toBeGreaterThan(one.lethal30M)
  })

  it('1.7 mm probe: 84 % of the 2.4 mm lethal-ice diameter (prediction, ±0.1 absolute)', () => {
    // The claim is a ratio near 1; ±20 % of it would accept no probe-size effect at all.
    expect(Math.abs(thin.lethal30M / one.lethal30M - 0.84)).toBeLessThan(0.1)
  })

  it('−40 °C isotherm about 1 cm inside the 0 °C ice edge (PMC4850244, ±30 %)', () => {
    expect(Math.abs((one.iceM - one.certain40M) / 2 / 0.01 - 1)).toBeLessThan(0.3)
  })

  it('lethal ice is ≈ 13 % of the ice-ball area for one probe (diameter ratio √0.13, ±30 %)', () => {
    expect(Math.abs(one.lethal30M / one.iceM / Math.sqrt(0.13) - 1)).toBeLessThan(0.3)
  })

  it('previewZone: one probe reproduces its table, two probes merge like the full model (15 %)', () => {
    const probe = (x: number): ProbeSegment => ({
      startM: [x, 0.04, 0.02],
      endM: [x, 0.04, 0.06],
      radiusM: 0.0012,
    })
    const previewOne = previewZone({ kind: 'cryo', durationS: 900, probes: [probe(0.04)] })
    const previewTwo = previewZone({
      kind: 'cryo',
      durationS: 900,
      probes: [probe(0.03), probe(0.05)],
    })
    if (previewOne.kind !== 'cryo' || previewTwo.kind !== 'cryo') throw new Error('kind')
    // Extent of the −30 °C isotherm along the probe row at mid-length, in 0.1 mm steps.
    const extent = (z: typeof previewOne): number => {
      let lo = 0.04
      let hi = 0.04
      while (previewCryoTempC(z, [lo - 1e-4, 0.04, 0.04]) <= -30) lo -= 1e-4
      while (previewCryoTempC(z, [hi + 1e-4, 0.04, 0.04]) <= -30) hi += 1e-4
      return hi - lo
    }
    // Single probe: the table (1.5 mm run) against this 2 mm run, 0.1 mm stepping: 5 %.
    expect(Math.abs(extent(previewOne) / one.lethal30M - 1)).toBeLessThan(0.05)
    // Two probes: superposing deficits of a non-linear (phase-change) problem is an approximation.
    expect(Math.abs(extent(previewTwo) / two.lethal30M - 1)).toBeLessThan(0.15)
  })

  it('isotherms are nested: −40 ⊂ −30 ⊂ −20 ⊂ 0 °C', () => {
    for (const r of [one, two, thin]) {
      expect(r.certain40M).toBeLessThan(r.lethal30M)
      expect(r.lethal30M).toBeLessThan(r.lethal20M)
      expect(r.lethal20M).toBeLessThan(r.iceM)
    }
  })
})

describe('§8.7 perfusion penalty and §8.8 heat sink (liver; RF stand-in vs microwave)', () => {
  // RF stand-in: 17 G cooled electrode, 12 min, at a FIXED absorbed power (8 W, set so the ex-vivo volume
  // is ≈ 24 cm³, Song 2015, 17 G). Without the generator's tip-temperature control it overstates the
  // perfusion penalty (measured 25.4 → 5.2 cm³, 4.9× at the fitted in-vivo perfusion 1.2e-2 s⁻¹); the §8.7
  // ratio itself is checked with the full RF model in rf.test.ts (3.00 vs 3.06). Microwave (60 W × 5 min,
  // desiccating source): 23.9 → 15.0 cm³, 1.6×.
  const rfEx = liverBlock('rf', false, null)
  const rfIn = liverBlock('rf', true, null)
  const mwEx = liverBlock('mw', false, null)
  const mwIn = liverBlock('mw', true, null)

  it('RF stand-in: 24 cm³ ex vivo (±20 %), shrinking at least as much as FACTS’s ≈ 3× (−30 %)', () => {
    expect(Math.abs(rfEx.volumeM3 / 23.9e-6 - 1)).toBeLessThan(0.2)
    expect(rfEx.volumeM3 / rfIn.volumeM3).toBeGreaterThan(0.7 * (23.9 / 7.8))
  })

  it('perfusion shrinks the short axis more than the long axis (Huang 2012)', () => {
    for (const [ex, inv] of [
      [rfEx, rfIn],
      [mwEx, mwIn],
    ] as const) {
      expect(inv.reachPlusM / ex.reachPlusM).toBeLessThan(inv.lengthM / ex.lengthM)
    }
  })

  it('microwave zones lose less to perfusion than RF zones (FACTS §1.4, Primavesi 2017)', () => {
    expect(mwEx.volumeM3 / mwIn.volumeM3).toBeLessThan(rfEx.volumeM3 / rfIn.volumeM3)
  })

  it('a vessel takes more of the RF zone than of the microwave zone (heat sink, §8.8)', () => {
    // A 5 mm vessel (37 °C) with its wall at 60 % of each modality's own unperturbed radius. Measure: the
    // zone lost on the vessel side outside the vessel's cross-section (measured RF 43.8 %, microwave
    // 17.7 %). The rim between zone and vessel is sub-voxel and not grid-converged (README), so it is not
    // asserted: at the fitted perfusion the RF stand-in's zone reaches the vessel wall (rim −0.002 mm).
    const lost = (kind: 'rf' | 'mw', free: typeof rfIn): { lost: number; far: number } => {
      const z = liverBlock(kind, true, 0.6 * free.reachPlusM + 0.0025)
      return { lost: 1 - z.plusSideVolumeM3 / free.plusSideVolumeM3, far: z.reachMinusM }
    }
    const rf = lost('rf', rfIn)
    const mw = lost('mw', mwIn)
    expect(mw.lost).toBeGreaterThan(0)
    expect(rf.lost).toBeGreaterThan(1.3 * mw.lost)
    // The far side does not see the vessel (1.5 mm grid: 2 % of the radius).
    expect(Math.abs(rf.far / rfIn.reachMinusM - 1)).toBeLessThan(0.02)
    expect(Math.abs(mw.far / mwIn.reachMinusM - 1)).toBeLessThan(0.02)
  })
})

describe('§8.9 microwave at an intact posterior vertebral wall (Nijland 2024, ex vivo sheep)', () => {
  // With near-field desiccation (mwDesiccation.ts) and η = 0.245. Measured crossings of 60 °C (1.5 mm):
  // 20 W none in 5 min (55.4 °C at 5 min), 30 W 235 s, 40 W 170 s, 50 W 130 s; without desiccation
  // (same η) 250 / 185 / 150 s.
  const history = new Map([20, 30, 40, 50].map((p) => [p, vertebraWallHistory(p, 300)]))
  const fixedSource = new Map([40, 50].map((p) => [p, vertebraWallHistory(p, 300, 0.01, 1, 0)]))
  const firstAbove60S = (h: Float64Array): number => {
    const n = h.findIndex((t) => t > 60)
    return n < 0 ? Infinity : 5 * (n + 1)
  }

  it('20–30 W keep the posterior wall below 60 °C for about 4 min (−20 %: ≥ 192 s)', () => {
    expect(firstAbove60S(history.get(20)!)).toBeGreaterThanOrEqual(192)
    expect(firstAbove60S(history.get(30)!)).toBeGreaterThanOrEqual(192)
  })

  it('40–50 W push it above 60 °C within 5 min, sooner than 20–30 W', () => {
    // FACTS says "almost at once" (tolerance we would hold: ≤ 60 s). The model takes 170 s (40 W) and
    // 130 s (50 W): NOT reproduced, even with near-field desiccation (README, known limitations).
    // Asserted: the order and the 5-minute bound.
    expect(firstAbove60S(history.get(40)!)).toBeLessThanOrEqual(300)
    expect(firstAbove60S(history.get(50)!)).toBeLessThan(firstAbove60S(history.get(40)!))
    expect(firstAbove60S(history.get(40)!)).toBeLessThan(firstAbove60S(history.get(30)!))
  })

  it('near-field desiccation pushes heat towards the wall: sooner than a fixed source', () => {
    // Same runs with the source frozen at its 37 °C pattern: 185 / 150 s; 54.8 vs 58.3 °C at 2 min, 50 W.
    for (const p of [40, 50]) {
      expect(firstAbove60S(history.get(p)!)).toBeLessThan(firstAbove60S(fixedSource.get(p)!))
    }
    expect(history.get(50)![23] - fixedSource.get(50)![23]).toBeGreaterThan(2)
  })

  it('low-loss bone lets the field reach the wall: sooner than with liver-like absorption', () => {
    // Same 40 W run with the tissue dielectric contrast switched off (every tissue absorbs like liver,
    // the calibration medium), both with the fixed source to isolate the contrast: measured 185 vs 190 s,
    // 51.2 vs 50.5 °C at 2 min. (With desiccation on the two coincide, 170 s each: liver-like tissue
    // absorbs more near the antenna, dries sooner and passes the power on.)
    const liverLike = vertebraWallHistory(40, 300, 0.01, 0, 0)
    expect(firstAbove60S(fixedSource.get(40)!)).toBeLessThan(firstAbove60S(liverLike))
    // The wall is heated more directly, not only by conduction: higher at 2 min by ≥ 0.4 K.
    expect(fixedSource.get(40)![23] - liverLike[23]).toBeGreaterThan(0.4)
  })
})
