import { describe, expect, it } from 'vitest'
import {
  comparePlans,
  createDevice,
  evaluationFromResults,
  RubricSchema,
  scorePlan,
  type Criterion,
  type PlanEvaluation,
  type Rubric,
} from '../../../src/plan'
import { typicalPlan } from '../planFixtures'

/** Evaluation builder with defaults (VolView `makeMetadata` style). */
function makeEvaluation(over: Partial<PlanEvaluation> = {}): PlanEvaluation {
  const plan = typicalPlan()
  return {
    metrics: {
      coveragePercent: 97.2,
      minMarginMm: 3.4,
      meanMarginMm: 6.1,
      treatedHealthyMl: 12.5,
      cementVolumeMl: 4.5,
    },
    findings: [
      { severity: 'info', message: 'The needle enters through the skin; the tip is 63 mm deep.' },
      {
        severity: 'warning',
        message: 'The path passes 1.8 mm from the epidural space (closest at 34 mm depth).',
      },
    ],
    distancesMm: { spinalCord: 12.3, nerveRoot: 4.1, aorta: -2 },
    devices: plan.devices,
    protections: plan.protections,
    ...over,
  }
}

const criticalFinding = {
  severity: 'critical' as const,
  message: 'The path crosses the spinal cord for 8 mm at 29 mm depth — critical.',
}

describe('scorePlan: one criterion per row', () => {
  it.each<[string, Criterion, Partial<PlanEvaluation>, number, string]>([
    [
      'coverage met',
      { metric: 'coveragePercent', op: '>=', value: 95 },
      {},
      1,
      'Target coverage is 97.2 %, meeting the required at least 95 %.',
    ],
    [
      'coverage missed',
      { metric: 'coveragePercent', op: '>=', value: 99 },
      {},
      0,
      'Target coverage is 97.2 %; at least 99 % is required.',
    ],
    [
      'coverage partial credit',
      { metric: 'coveragePercent', op: '>=', value: 100, zeroAt: 90 },
      {},
      0.72,
      'Target coverage is 97.2 %; at least 100 % is required. Partial credit: 72 %.',
    ],
    [
      'coverage below zeroAt',
      { metric: 'coveragePercent', op: '>=', value: 100, zeroAt: 98 },
      {},
      0,
      'Target coverage is 97.2 %; at least 100 % is required.',
    ],
    [
      'downward partial credit',
      { metric: 'treatedHealthyMl', op: '<=', value: 10, zeroAt: 20 },
      {},
      0.75,
      'Healthy tissue treated is 12.5 mL; at most 10 mL is required. Partial credit: 75 %.',
    ],
    [
      'metric not computed',
      { metric: 'minMarginMm', op: '>=', value: 2 },
      { metrics: {} },
      0,
      'Not measured: minimum margin was not computed for this plan (at least 2 mm would be required).',
    ],
    [
      'no critical findings: pass',
      { finding: 'critical', count: 0 },
      {},
      1,
      'No critical findings (at most 0 allowed).',
    ],
    [
      'no critical findings: fail quotes the first',
      { finding: 'critical', count: 0 },
      { findings: [criticalFinding] },
      0,
      `1 critical finding; at most 0 allowed. First: ${criticalFinding.message}`,
    ],
    [
      'warnings at most 2',
      { finding: 'warning', count: 2 },
      {},
      1,
      '1 warning finding (at most 2 allowed).',
    ],
    [
      'transpedicular trocar present',
      { device: 'cementTrocar', where: { approach: 'transpedicular' } },
      {},
      1,
      'The plan has 1 × cement trocar with approach transpedicular.',
    ],
    [
      'extrapedicular trocar absent',
      { device: 'cementTrocar', where: { approach: 'extrapedicular' } },
      {},
      0,
      'The plan has no cement trocar with approach extrapedicular.',
    ],
    [
      'two RF probes required',
      { device: 'rfProbe', min: 2 },
      {},
      0,
      'The plan has 1 × RF probe; at least 2 needed.',
    ],
    [
      'no HIFU allowed',
      { device: 'hifuTransducer', max: 0, min: 0 },
      {},
      1,
      'The plan has 0 × focused-ultrasound transducer.',
    ],
    [
      'cord at least 10 mm away',
      { distance: 'spinalCord', op: '>=', value: 10 },
      {},
      1,
      'The treated zone stays 12.3 mm from the spinal cord (at least 10 mm required).',
    ],
    [
      'root too close',
      { distance: 'nerveRoot', op: '>=', value: 5 },
      {},
      0,
      'The treated zone comes within 4.1 mm of the nerve root; at least 5 mm is required.',
    ],
    [
      'zone inside the aorta',
      { distance: 'aorta', op: '>=', value: 0 },
      {},
      0,
      'The treated zone reaches 2 mm into the aorta; at least 0 mm is required.',
    ],
    [
      'distance not computed',
      { distance: 'bowel', op: '>=', value: 10 },
      {},
      0,
      'Not measured: the distance to the bowel was not computed for this plan (at least 10 mm would be required).',
    ],
    ['thermocouple planned', { protection: 'thermocouple' }, {}, 1, '1 × thermocouple planned.'],
    [
      'hydrodissection missing',
      { protection: 'hydrodissection' },
      {},
      0,
      'No hydrodissection is planned (at least 1 needed).',
    ],
    [
      'all: both hold',
      {
        all: [
          { metric: 'coveragePercent', op: '>=', value: 95 },
          { finding: 'critical', count: 0 },
        ],
      },
      {},
      1,
      'Target coverage is 97.2 %, meeting the required at least 95 %. No critical findings (at most 0 allowed).',
    ],
    [
      'all: one fails, only it is quoted',
      {
        all: [{ metric: 'coveragePercent', op: '>=', value: 95 }, { protection: 'co2Dissection' }],
      },
      {},
      0,
      'No CO₂ dissection is planned (at least 1 needed).',
    ],
    [
      'any: protection OR distance',
      { any: [{ protection: 'hydrodissection' }, { distance: 'spinalCord', op: '>=', value: 10 }] },
      {},
      1,
      'The treated zone stays 12.3 mm from the spinal cord (at least 10 mm required).',
    ],
    [
      'any: none holds',
      { any: [{ protection: 'hydrodissection' }, { protection: 'co2Dissection' }] },
      {},
      0,
      'None of the alternatives holds: No hydrodissection is planned (at least 1 needed). No CO₂ dissection is planned (at least 1 needed).',
    ],
    [
      'not: no MW antenna',
      { not: { device: 'mwAntenna' } },
      {},
      1,
      'The plan has no microwave antenna.',
    ],
    [
      'not: fails when present',
      { not: { device: 'rfProbe' } },
      {},
      0,
      'The plan has 1 × RF probe.',
    ],
  ])('%s', (_name, criterion, over, fraction, reason) => {
    const result = scorePlan(
      { items: [{ id: 'x', title: 'x', points: 10, criterion }] },
      makeEvaluation(over),
    )
    const item = result.items[0]
    expect(item.gained).toBeCloseTo(10 * fraction, 9)
    expect(item.passed).toBe(fraction === 1)
    expect(item.reason).toBe(reason)
    // Criteria authored as data pass the rubric schema.
    expect(
      RubricSchema.safeParse({ items: [{ id: 'x', title: 'x', points: 10, criterion }] }).success,
    ).toBe(true)
  })
})

describe('scorePlan: missing measurements', () => {
  const why =
    'this plan has no ablation zone, so there is nothing to keep away from the cauda equina'
  const noZone = makeEvaluation({
    metrics: { cementVolumeMl: 4.5 },
    distancesMm: {},
    protections: [],
    notMeasured: {
      metrics: { 'lethalGapMm.caudaEquina': why },
      distancesMm: { caudaEquina: why },
    },
  })
  const score = (item: Partial<Rubric['items'][number]> & { criterion: Criterion }) =>
    scorePlan({ items: [{ id: 'x', title: 'x', points: 10, ...item }] }, noZone).items[0]

  it("reports the evaluation's reason, not the item's fail text, and earns 0 by default", () => {
    const it = score({
      criterion: { metric: 'lethalGapMm.caudaEquina', op: '>=', value: 0 },
      failReason: 'The lethal zone reaches the cauda equina.',
    })
    expect(it.reason).toBe(`Not measured: ${why}.`)
    expect(it.gained).toBe(0)
    expect(it.passed).toBe(false)
    expect(it.notMeasured).toBe(true)
  })

  it('earns the points only with passIfNotMeasured, still saying why', () => {
    const it = score({
      criterion: { distance: 'caudaEquina', op: '>=', value: 10 },
      passReason: 'The zone stays away from the cauda equina.',
      passIfNotMeasured: true,
    })
    expect(it.passed).toBe(true)
    expect(it.gained).toBe(10)
    expect(it.reason).toBe(`Not measured: ${why}. The item does not apply, so it counts as met.`)
    expect(
      RubricSchema.safeParse({
        items: [
          {
            id: 'x',
            title: 'x',
            points: 1,
            criterion: { protection: 'thermocouple' },
            passIfNotMeasured: true,
          },
        ],
      }).success,
    ).toBe(true)
  })

  it('any: an unmet alternative next to an unmeasured one is not measured; a holding one wins', () => {
    const far: Criterion = { distance: 'caudaEquina', op: '>=', value: 10 }
    const unmet = score({
      criterion: { any: [far, { protection: 'thermocouple' }] },
      failReason: 'The zone comes within 1 cm of the canal and no thermocouple is planned.',
    })
    expect(unmet.reason).toBe(`Not measured: ${why}.`)
    expect(unmet.gained).toBe(0)
    const held = score({ criterion: { any: [far, { device: 'mwAntenna', min: 0 }] } })
    expect(held.passed).toBe(true)
    expect(held.notMeasured).toBeUndefined()
  })

  it('all: a measured failure is reported as such; only unmeasured parts left → not measured', () => {
    const far: Criterion = { distance: 'caudaEquina', op: '>=', value: 10 }
    const failed = score({ criterion: { all: [far, { protection: 'thermocouple' }] } })
    expect(failed.notMeasured).toBeUndefined()
    expect(failed.reason).toBe('No thermocouple is planned (at least 1 needed).')
    const missing = score({
      criterion: { all: [far, { metric: 'lethalGapMm.caudaEquina', op: '>=', value: 0 }] },
    })
    expect(missing.reason).toBe(`Not measured: ${why}.`)
    expect(score({ criterion: { not: far } }).notMeasured).toBe(true)
  })

  it('without a reason from the evaluation, says which measurement is missing', () => {
    expect(score({ criterion: { metric: 'coveragePercent', op: '>=', value: 90 } }).reason).toBe(
      'Not measured: target coverage was not computed for this plan (at least 90 % would be required).',
    )
  })
})

describe('scorePlan: a whole rubric', () => {
  const rubric: Rubric = {
    items: [
      {
        id: 'cover',
        title: 'Target covered',
        points: 40,
        criterion: { metric: 'coveragePercent', op: '>=', value: 100, zeroAt: 90 },
      },
      {
        id: 'safe',
        title: 'No critical finding',
        points: 30,
        criterion: { finding: 'critical', count: 0 },
        failReason: 'A critical structure is on the path.',
      },
      {
        id: 'approach',
        title: 'Transpedicular access',
        points: 10,
        criterion: { device: 'cementTrocar', where: { approach: 'transpedicular' } },
      },
      {
        id: 'cord',
        title: 'Cord spared',
        points: 20,
        criterion: { distance: 'spinalCord', op: '>=', value: 10 },
        passReason: 'The cord is safe.',
      },
    ],
  }

  it('adds the items up and uses custom reasons', () => {
    const s = scorePlan(rubric, makeEvaluation({ findings: [criticalFinding] }))
    expect(s.max).toBe(100)
    // 40 × (97.2 − 90)/10 = 28.8, + 0 + 10 + 20.
    expect(s.score).toBeCloseTo(58.8, 9)
    expect(s.items.map((i) => [i.id, i.gained, i.passed])).toEqual([
      ['cover', 28.8, false],
      ['safe', 0, false],
      ['approach', 10, true],
      ['cord', 20, true],
    ])
    expect(s.items[1].reason).toBe('A critical structure is on the path.')
    expect(s.items[3].reason).toBe('The cord is safe.')
  })

  it('is deterministic and pure: the same evaluation scores the same twice', () => {
    const ev = makeEvaluation()
    expect(scorePlan(rubric, ev)).toEqual(scorePlan(rubric, ev))
  })

  it('rejects malformed rubrics', () => {
    expect(
      RubricSchema.safeParse({
        items: [{ id: 'x', title: 'x', points: 5, criterion: { metric: 'a', op: '≥', value: 1 } }],
      }).success,
    ).toBe(false)
    expect(
      RubricSchema.safeParse({
        items: [
          { id: 'x', title: '<b>x</b>', points: 5, criterion: { finding: 'critical', count: 0 } },
        ],
      }).success,
    ).toBe(false)
    expect(
      RubricSchema.safeParse({
        items: [{ id: 'x', title: 'x', points: 5, criterion: { device: 'laser' } }],
      }).success,
    ).toBe(false)
  })
})

describe('evaluationFromResults', () => {
  it('flattens metrics, distances and findings and derives plan metrics', () => {
    const plan = typicalPlan()
    plan.devices.push(
      createDevice('cementTrocar', [-30, 90, 0], [-5, 15, 0], { existingIds: ['trocar-1'] }),
    )
    const ev = evaluationFromResults(
      plan,
      {
        targetVolumeMl: 10,
        treatedVolumeMl: 20,
        coveragePercent: 98,
        minMarginMm: 1.5,
        meanMarginMm: 4,
        treatedHealthyMl: 10,
        treatedHealthyByStructure: [],
        critical: [{ key: 'spinalCord', distanceMm: 11, isBeyondSearch: false, overlapMl: 0 }],
        points: [],
      },
      [],
    )
    expect(ev.metrics).toEqual({
      coveragePercent: 98,
      minMarginMm: 1.5,
      meanMarginMm: 4,
      treatedHealthyMl: 10,
      treatedVolumeMl: 20,
      targetVolumeMl: 10,
      cementVolumeMl: 9,
      deviceCount: 3,
      maxNeedleLengthMm: null,
    })
    expect(ev.distancesMm).toEqual({ spinalCord: 11 })
  })
})

describe('comparePlans', () => {
  it('puts two plans side by side and marks the better one per row', () => {
    const rubric: Rubric = {
      items: [
        {
          id: 'c',
          title: 'Cover',
          points: 10,
          criterion: { metric: 'coveragePercent', op: '>=', value: 95 },
        },
      ],
    }
    const a = makeEvaluation()
    const b = makeEvaluation({
      metrics: { coveragePercent: 88, minMarginMm: 3.4, treatedHealthyMl: 8, extra: 1 },
      findings: [criticalFinding],
      distancesMm: { spinalCord: 15 },
    })
    const t = comparePlans(
      { name: 'Plan A', evaluation: a, score: scorePlan(rubric, a) },
      { name: 'Plan B', evaluation: b, score: scorePlan(rubric, b) },
    )
    expect(t.columns).toEqual(['Plan A', 'Plan B'])
    const row = (key: string) => t.rows.find((r) => r.key === key)
    expect(row('score')).toMatchObject({ a: 10, b: 0, better: 'a' })
    expect(row('coveragePercent')).toMatchObject({
      label: 'Target coverage',
      unit: '%',
      a: 97.2,
      b: 88,
      better: 'a',
    })
    expect(row('minMarginMm')?.better).toBe('same')
    expect(row('treatedHealthyMl')?.better).toBe('b')
    expect(row('meanMarginMm')).toMatchObject({ a: 6.1, b: null, better: null })
    expect(row('extra')).toMatchObject({ label: 'extra', better: null })
    expect(row('distance:spinalCord')).toMatchObject({
      label: 'Distance to Spinal cord',
      a: 12.3,
      b: 15,
      better: 'b',
    })
    expect(row('distance:aorta')).toMatchObject({ a: -2, b: null })
    expect(row('findings:critical')).toMatchObject({ a: 0, b: 1, better: 'a' })
    expect(row('findings:info')?.better).toBeNull()
    // Known metrics come first, in METRIC_INFO order; the score heads the table.
    expect(t.rows.map((r) => r.key).slice(0, 4)).toEqual([
      'score',
      'coveragePercent',
      'minMarginMm',
      'meanMarginMm',
    ])
  })
})
