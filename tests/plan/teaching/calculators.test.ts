import { describe, expect, it } from 'vitest'
import {
  mirelsAdvice,
  mirelsScore,
  sinsCategory,
  sinsLocationOf,
  sinsScore,
  type SinsInputs,
} from '../../../src/plan/teaching'

describe('SINS (FACTS.md §6.1)', () => {
  it('scores the FACTS.md §8.17 worked example: T12 lytic, mechanical, <50 % collapse, unilateral → 11', () => {
    const s = sinsScore({
      location: sinsLocationOf('T12'),
      pain: 'mechanical',
      boneLesion: 'lytic',
      alignment: 'normal',
      collapse: 'under50',
      posterolateral: 'unilateral',
    })
    expect(s.points).toEqual({
      location: 3,
      pain: 3,
      boneLesion: 2,
      alignment: 0,
      collapse: 2,
      posterolateral: 1,
    })
    expect(s.total).toBe(11)
    expect(s.category).toBe('potentiallyUnstable')
    expect(s.surgicalConsultation).toBe(true)
  })

  it('spans 0 to 18', () => {
    const none: SinsInputs = {
      location: 'rigid',
      pain: 'none',
      boneLesion: 'blastic',
      alignment: 'normal',
      collapse: 'none',
      posterolateral: 'none',
    }
    expect(sinsScore(none).total).toBe(0)
    const worst: SinsInputs = {
      location: 'junctional',
      pain: 'mechanical',
      boneLesion: 'lytic',
      alignment: 'subluxation',
      collapse: 'over50',
      posterolateral: 'bilateral',
    }
    expect(sinsScore(worst).total).toBe(18)
    expect(sinsScore(worst).category).toBe('unstable')
  })

  it('scores pain 3 / 1 / 0, not the wrong "yes 3 / no 2 / pain-free 1" (FACTS.md §6.1 [D])', () => {
    const base: SinsInputs = {
      location: 'rigid',
      pain: 'none',
      boneLesion: 'blastic',
      alignment: 'normal',
      collapse: 'none',
      posterolateral: 'none',
    }
    expect(sinsScore({ ...base, pain: 'mechanical' }).points.pain).toBe(3)
    expect(sinsScore({ ...base, pain: 'occasional' }).points.pain).toBe(1)
    expect(sinsScore({ ...base, pain: 'none' }).points.pain).toBe(0)
  })

  it.each([
    [0, 'stable'],
    [6, 'stable'],
    [7, 'potentiallyUnstable'],
    [12, 'potentiallyUnstable'],
    [13, 'unstable'],
    [18, 'unstable'],
  ] as const)('categorises %i as %s at the band edges', (t, c) => {
    expect(sinsCategory(t)).toBe(c)
  })

  it('rejects totals outside 0–18 and unknown choices with a clear message', () => {
    expect(() => sinsCategory(19)).toThrow(/0 to 18/)
    expect(() => sinsCategory(-1)).toThrow(/0 to 18/)
    expect(() => sinsCategory(2.5)).toThrow(/whole number/)
    const bad = { location: 'nowhere' } as unknown as SinsInputs
    expect(() => sinsScore({ ...sinsInputsAllNone(), ...bad })).toThrow(/Location: "nowhere"/)
  })

  it.each([
    ['C1', 'junctional'],
    ['C2', 'junctional'],
    ['C5', 'mobile'],
    ['C7', 'junctional'],
    ['T2', 'junctional'],
    ['T3', 'semiRigid'],
    ['T10', 'semiRigid'],
    ['T11', 'junctional'],
    ['L1', 'junctional'],
    ['L3', 'mobile'],
    ['L5', 'junctional'],
    ['S1', 'junctional'],
    ['S2', 'rigid'],
    ['S5', 'rigid'],
  ] as const)('classes %s as %s', (lvl, cls) => {
    expect(sinsLocationOf(lvl)).toBe(cls)
  })

  it('rejects a level it does not know', () => {
    expect(() => sinsLocationOf('T13')).toThrow(/not a spinal level/)
  })
})

function sinsInputsAllNone(): SinsInputs {
  return {
    location: 'rigid',
    pain: 'none',
    boneLesion: 'blastic',
    alignment: 'normal',
    collapse: 'none',
    posterolateral: 'none',
  }
}

describe('Mirels (FACTS.md §6.2)', () => {
  it('scores the FACTS.md §8.17 example: peritrochanteric lytic > 2/3 with functional pain → 12 (fix)', () => {
    const m = mirelsScore({
      site: 'peritrochanteric',
      type: 'lytic',
      size: 'overTwoThirds',
      pain: 'functional',
    })
    expect(m.total).toBe(12)
    expect(m.advice).toBe('fix')
  })

  it('scores the imaging items alone as 9 (fix) when pain is unknown, and a full score ≥ 10 (§8.17)', () => {
    const m = mirelsScore({
      site: 'peritrochanteric',
      type: 'lytic',
      size: 'overTwoThirds',
      pain: null,
    })
    expect(m.imagingPoints).toBe(9)
    expect(m.total).toBeNull()
    expect(m.range).toEqual([10, 12])
    expect(m.advice).toBe('fix')
  })

  it('spans 4 to 12', () => {
    expect(
      mirelsScore({ site: 'upperLimb', type: 'blastic', size: 'underThird', pain: 'mild' }).total,
    ).toBe(4)
  })

  it.each([
    [4, 'observe'],
    [7, 'observe'],
    [8, 'judgement'],
    [9, 'fix'],
    [12, 'fix'],
  ] as const)('advises %i → %s (≤7 observe, 8 judgement, ≥9 fix)', (t, a) => {
    expect(mirelsAdvice(t)).toBe(a)
  })

  it('leaves the advice open when unknown pain spans two bands', () => {
    // Imaging 5 → 6–8: observe to judgement.
    const m = mirelsScore({
      site: 'upperLimb',
      type: 'mixed',
      size: 'thirdToTwoThirds',
      pain: null,
    })
    expect(m.range).toEqual([6, 8])
    expect(m.advice).toBeNull()
    // Imaging 3 → 4–6: observe whatever the pain.
    expect(
      mirelsScore({ site: 'upperLimb', type: 'blastic', size: 'underThird', pain: null }).advice,
    ).toBe('observe')
  })

  it('rejects totals outside 4–12 with a clear message', () => {
    expect(() => mirelsAdvice(3)).toThrow(/4 to 12/)
    expect(() => mirelsAdvice(13)).toThrow(/4 to 12/)
  })
})
