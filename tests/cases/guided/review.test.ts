/** Feedback of the guided steps: stability answers, technique choices, mistake signatures, find checks. */
import { describe, expect, it } from 'vitest'
import {
  checkFind,
  guidedCase,
  reviewStability,
  reviewTechniques,
  showsMistake,
  type SeededMistake,
} from '../../../src/cases/guided'
import { makeSyntheticVolume } from '../../../src/cases/synthetic/syntheticVolume'
import { PLAN_VERSION, type Plan, type ScoreResult } from '../../../src/plan'

const score = (passed: string[], failed: string[]): ScoreResult => ({
  score: 0,
  max: 0,
  items: [
    ...passed.map((id) => ({ id, title: id, passed: true, gained: 1, max: 1, reason: '' })),
    ...failed.map((id) => ({ id, title: id, passed: false, gained: 0, max: 1, reason: '' })),
  ],
})

const plan = (kinds: string[]): Plan =>
  ({
    version: PLAN_VERSION,
    title: 't',
    notes: '',
    scan: { kind: 'builtin', caseId: 'x' },
    targets: [],
    protections: [],
    devices: kinds.map((kind, i) => ({ kind, id: `d${i}` })),
  }) as unknown as Plan

describe('reviewStability', () => {
  it('reports a Mirels answer with unknown items as incomplete, per item', () => {
    const g = guidedCase('acetabulum-lung-cryo')!
    const fb = reviewStability(g.stability, { site: 'lowerLimb', type: 'blastic' })
    expect(fb.system).toBe('mirels')
    expect(fb.traineeTotal).toBeNull()
    expect(fb.caseTotal).toBe(11)
    expect(fb.caseCategory).toMatch(/prophylactic fixation/)
    expect(fb.items.map((i) => i.ok)).toEqual([true, false, false, false])
    expect(fb.categoryCorrect).toBe(false)
    expect(fb.applicability).toMatch(/by analogy/)
  })

  it('counts a different total in the same band as the right category', () => {
    const g = guidedCase('l3-rcc-lytic')!
    // Occasional pain instead of mechanical: 5 → stable, a different category from 7.
    const wrong = { ...g.stability.inputs, pain: 'occasional' } as Record<string, string>
    expect(reviewStability(g.stability, wrong).categoryCorrect).toBe(false)
    // Unilateral posterolateral involvement: 8, still potentially unstable.
    const near = { ...g.stability.inputs, posterolateral: 'unilateral' } as Record<string, string>
    const fb = reviewStability(g.stability, near)
    expect(fb.traineeTotal).toBe(8)
    expect(fb.categoryCorrect).toBe(true)
    expect(fb.allCorrect).toBe(false)
  })
})

describe('reviewTechniques', () => {
  const g = guidedCase('l3-rcc-lytic')!
  it('lists missed recommended and chosen avoid techniques', () => {
    const fb = reviewTechniques(g.techniques, { vertebroplasty: 'x', mrgfus: 'y' })
    expect(fb.missed.map((o) => o.technique).sort()).toEqual([
      'radiofrequencyAblation',
      'thermalProtection',
    ])
    expect(fb.wrong.map((o) => o.technique)).toEqual(['mrgfus'])
    expect(fb.fitting.map((o) => o.technique)).toEqual(['vertebroplasty'])
    expect(fb.allCorrect).toBe(false)
  })
  it('accepts the recommended set plus an acceptable extra', () => {
    const fb = reviewTechniques(g.techniques, {
      radiofrequencyAblation: 'a',
      vertebroplasty: 'b',
      thermalProtection: 'c',
      microwaveAblation: 'd',
    })
    expect(fb.allCorrect).toBe(true)
  })
})

describe('showsMistake', () => {
  const m: SeededMistake = {
    id: 'm',
    title: 't',
    build: (p) => p,
    signature: {
      failedItems: ['coverage'],
      passedItems: ['applicator-tip'],
      hasDevices: ['cryoprobeSet'],
      lacksDevices: ['mwAntenna'],
    },
    explanation: '',
    ref: { section: '§1', source: 's' },
  }
  it('needs every failed item, every passed item and the device rules', () => {
    expect(showsMistake(m, score(['applicator-tip'], ['coverage']), plan(['cryoprobeSet']))).toBe(
      true,
    )
    expect(showsMistake(m, score(['applicator-tip', 'coverage'], []), plan(['cryoprobeSet']))).toBe(
      false,
    )
    expect(showsMistake(m, score([], ['coverage', 'applicator-tip']), plan(['cryoprobeSet']))).toBe(
      false,
    )
    expect(showsMistake(m, score(['applicator-tip'], ['coverage']), plan(['cementTrocar']))).toBe(
      false,
    )
    expect(
      showsMistake(m, score(['applicator-tip'], ['coverage']), plan(['cryoprobeSet', 'mwAntenna'])),
    ).toBe(false)
  })
})

describe('checkFind', () => {
  const v = makeSyntheticVolume()
  const lesion = guidedCase('l3-rcc-lytic')!.find[0]
  it('finds within the tolerance and says what was clicked otherwise', () => {
    expect(checkFind(v, lesion, [6, 12, 4]).found).toBe(true)
    // On the edge of the r 8 mm lesion: the nearest labelled voxel centre is 1.8 mm away (tolerance 2 mm).
    const edge = checkFind(v, lesion, [14, 12, 4])
    expect(edge.found).toBe(true)
    expect(edge.distanceMm).toBeCloseTo(1.77, 1)
    const far = checkFind(v, lesion, [6, 12, 20])
    expect(far.found).toBe(false)
    expect(far.clickedName).toBe('Trabecular bone (marrow)')
    const outside = checkFind(v, lesion, [500, 0, 0])
    expect(outside.found).toBe(false)
    expect(outside.clickedName).toBe('outside the scan')
  })
  it('refuses a volume without labels with a clear message', () => {
    expect(() => checkFind({ geometry: v.geometry }, lesion, [0, 0, 0])).toThrow(
      /no structure labels/,
    )
  })
})
