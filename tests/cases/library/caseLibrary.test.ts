/**
 * The case library: metadata consistency for every case, and each case's lesion checked on a quick coarse
 * generation (96 × 96 voxels at 3.6 mm: same anatomy and lesion placement, cheaper voxels). The memoised
 * full-resolution generation is checked once on the default case.
 */
import { describe, expect, it } from 'vitest'
import { GENERATION_TIMEOUT_MS } from '../phantom/measure'
import { S, STRUCTURES } from '../../../src/lib/anatomy'
import {
  CASE_CACHE_SIZE,
  DEFAULT_CASE_ID,
  clearCaseCache,
  generateCase,
  getCase,
  listCases,
} from '../../../src/cases/library'
import { generatePhantom, type Phantom } from '../../../src/cases/phantom'

const coarse = (id: string): Phantom => {
  const c = getCase(id)!
  return generatePhantom(
    {
      ...c.phantom.spec,
      image: { ...c.phantom.spec.image, inPlaneVoxels: 96, spacingMm: [3.6, 3.6, 3] },
    },
    c.phantom.seed,
  )
}

const TUMOUR = [S.tumourLytic, S.tumourBlastic, S.tumourSoftTissue]

describe('case list', () => {
  const cases = listCases()
  it('has at least six cases with unique ids, the default first', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6)
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length)
    expect(cases[0].id).toBe(DEFAULT_CASE_ID)
    expect(DEFAULT_CASE_ID).toBe('l3-rcc-lytic')
  })

  it('each case is complete and consistent with its phantom spec', () => {
    const keys = new Set(STRUCTURES.map((s) => s.key))
    for (const c of cases) {
      expect(c.phantom.spec.region).toBe(c.region)
      expect(c.phantom.spec.sex).toBe(c.patient.sex)
      expect(c.phantom.spec.ageYears).toBe(c.patient.ageYears)
      expect(c.learningObjectives.length).toBeGreaterThan(1)
      expect(c.techniques.length).toBeGreaterThan(0)
      expect(c.briefing.length).toBeGreaterThan(100)
      expect(c.patient.painVas).toBeGreaterThanOrEqual(0)
      expect(c.patient.painVas).toBeLessThanOrEqual(10)
      expect(c.phantom.spec.lesions?.length).toBeGreaterThan(0)
      for (const k of c.criticalStructures) expect(keys.has(k)).toBe(true)
      expect(['palliative', 'curative']).toContain(c.intent)
    }
  })

  it('covers the six required scenarios', () => {
    const by = (id: string) => getCase(id)!
    expect(by('l3-rcc-lytic').techniques).toEqual(
      expect.arrayContaining(['radiofrequencyAblation', 'vertebroplasty']),
    )
    expect(by('t11-breast-breach').phantom.spec.lesions![0].posteriorWallBreach).toBe(true)
    expect(by('t11-breast-breach').techniques).toEqual(
      expect.arrayContaining(['cryoablation', 'thermalProtection']),
    )
    expect(by('acetabulum-lung-cryo').techniques).toEqual(
      expect.arrayContaining(['cryoablation', 'acetabuloplasty']),
    )
    expect(by('iliac-wing-mrgfus').techniques).toContain('mrgfus')
    expect(by('t12-rcc-embolization').techniques).toContain('embolization')
    expect(by('t12-rcc-embolization').phantom.spec.contrast).toBe('arterial')
    expect(by('sacral-ala-ect').techniques).toContain('electrochemotherapy')
  })

  it('unknown ids: getCase gives undefined, generateCase throws a readable error', () => {
    expect(getCase('nope')).toBeUndefined()
    expect(() => generateCase('nope')).toThrow(/no built-in case "nope".*l3-rcc-lytic/)
  })
})

describe(
  'each case places its lesion in the named bone (coarse generation)',
  { timeout: GENERATION_TIMEOUT_MS },
  () => {
    for (const c of listCases()) {
      it(c.id, () => {
        const p = coarse(c.id)
        const les = p.lesions[0]
        const host = p.partNames[les.part]
        const spec = c.phantom.spec.lesions![0]
        const expectedHost =
          spec.bone === 'sacrum'
            ? 'S'
            : spec.bone === 'ilium'
              ? `ilium-${spec.side === 'left' ? 'L' : 'R'}`
              : spec.bone
        expect(host).toBe(expectedHost)
        let n = 0
        for (let i = 0; i < p.labels.length; i++) {
          if (TUMOUR.includes(p.labels[i]) && p.parts[i] === les.part) n++
        }
        expect(n).toBeGreaterThan(0)
        expect(les.description.length).toBeGreaterThan(20)
      })
    }

    it('the embolization case has a left artery of Adamkiewicz between T9 and L1, fed by a marked segmental', () => {
      const p = coarse('t12-rcc-embolization')
      const aka = p.vessels.find((v) => v.kind === 'adamkiewicz')
      expect(aka).toBeDefined()
      expect(aka!.side).toBe('L')
      expect(['T9', 'T10', 'T11', 'T12', 'L1']).toContain(aka!.level)
      const parent = p.vessels.find((v) => v.id === aka!.parent)
      expect(parent?.feedsAdamkiewicz).toBe(true)
      expect(p.vessels.filter((v) => v.feedsAdamkiewicz).length).toBe(1)
      // The hairpin lies just in front of the cord, near the midline.
      const hp = p.landmarks['adamkiewicz.hairpin']
      expect(Math.abs(hp[0])).toBeLessThan(2)
    })
  },
)

describe('generateCase memoisation', { timeout: GENERATION_TIMEOUT_MS }, () => {
  it('returns the same phantom object for the same id and keeps at most CASE_CACHE_SIZE', () => {
    clearCaseCache()
    const a = generateCase(DEFAULT_CASE_ID)
    expect(generateCase(DEFAULT_CASE_ID)).toBe(a)
    expect(a.geometry.dims[0]).toBe(256)
    expect(CASE_CACHE_SIZE).toBeGreaterThanOrEqual(1)
  })
})
