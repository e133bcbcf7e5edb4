/**
 * Determinism and spec handling on small, coarse volumes (96 × 96 voxels, 3.5 mm) so that several
 * generations stay fast: same seed → byte-identical CT, labels and parts; another seed → different noise.
 */
import { describe, expect, it } from 'vitest'
import { GENERATION_TIMEOUT_MS } from './measure'
import { generatePhantom, resolvePhantomSpec, type PhantomSpec } from '../../../src/cases/phantom'
import { S } from '../../../src/lib/anatomy'
import { erodedRoi, huStats, volumeHash } from './measure'

const small = (extra: Partial<PhantomSpec> = {}): PhantomSpec => ({
  region: 'lumbar',
  image: { inPlaneVoxels: 96, spacingMm: [3.6, 3.6, 3.5] },
  ...extra,
})

describe('determinism', { timeout: GENERATION_TIMEOUT_MS }, () => {
  it('the same seed gives byte-identical volumes; a different seed does not', () => {
    const a = generatePhantom(small(), 42)
    const b = generatePhantom(small(), 42)
    const c = generatePhantom(small(), 43)
    expect(volumeHash(a)).toBe(volumeHash(b))
    expect(volumeHash(a)).not.toBe(volumeHash(c))
    expect(a.partNames).toEqual(b.partNames)
    expect(a.landmarks).toEqual(b.landmarks)
  })

  it('does not mutate the spec and records the resolved spec', () => {
    const spec = small({ ageYears: 40 })
    const copy = JSON.stringify(spec)
    const p = generatePhantom(spec, 1)
    expect(JSON.stringify(spec)).toBe(copy)
    expect(p.spec).toEqual(resolvePhantomSpec(spec))
    expect(p.seed).toBe(1)
  })

  it('L1 trabecular HU follows the age presets (young 190–260, very old 60–110; Jang19, ANATOMY §8)', () => {
    for (const [age, lo, hi] of [
      [25, 190, 260],
      [88, 60, 110],
    ] as const) {
      const p = generatePhantom(
        small({
          ageYears: age,
          image: { inPlaneVoxels: 96, spacingMm: [3.6, 3.6, 3.5], noiseSdHu: 0 },
        }),
        3,
      )
      const s = huStats(p, erodedRoi(p, S.trabecularBone, 'L1'))
      expect(s.n).toBeGreaterThan(20)
      expect(s.mean).toBeGreaterThan(lo)
      expect(s.mean).toBeLessThan(hi)
    }
  })

  it('unenhanced vs arterial phase: the aorta goes from blood (30–60 HU) to contrast (> 250 HU)', () => {
    const un = generatePhantom(small(), 5)
    const art = generatePhantom(small({ contrast: 'arterial' }), 5)
    const a = huStats(un, erodedRoi(un, S.aorta))
    const b = huStats(art, erodedRoi(art, S.aorta))
    expect(a.mean).toBeGreaterThan(30)
    expect(a.mean).toBeLessThan(60)
    expect(b.mean).toBeGreaterThan(250)
  })
})
