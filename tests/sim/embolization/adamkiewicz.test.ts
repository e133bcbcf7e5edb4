import { describe, expect, it } from 'vitest'
import { createRng } from '../../../src/lib/rng'
import { ADAMKIEWICZ_DISTRIBUTION } from '../../../src/sim/embolization/adamkiewicz'
import { buildSpinalArteryTree } from '../../../src/sim/embolization/buildSpinalArteryTree'
import { defaultSpinalArteryTreeParams } from '../../../src/sim/embolization/spinalTreeParams'

const N = 2000
const params = defaultSpinalArteryTreeParams({ tumour: null })

describe('artery of Adamkiewicz distribution over seeded trees', () => {
  const trees = Array.from({ length: N }, (_, s) =>
    buildSpinalArteryTree(params, createRng(1000 + s)),
  )
  const present = trees.filter((t) => t.adamkiewiczDrawn !== null)

  it('is present in 84.6 % (Taterra 2019) within 4 binomial SDs', () => {
    const p = ADAMKIEWICZ_DISTRIBUTION.presentProbability
    const sd = Math.sqrt((p * (1 - p)) / N)
    // 4 SD: a false failure has probability ~6e-5 for a fixed seed set.
    expect(Math.abs(present.length / N - p)).toBeLessThan(4 * sd)
  })

  it('is left-sided in 76.6 % of those present within 4 binomial SDs', () => {
    const p = ADAMKIEWICZ_DISTRIBUTION.leftProbability
    const n = present.length
    const left = present.filter((t) => t.adamkiewiczDrawn?.side === 'L').length
    expect(Math.abs(left / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n))
  })

  it('arises T8–L1 in 89 % and its level histogram passes chi-square (df 6, p > 0.001)', () => {
    const w = ADAMKIEWICZ_DISTRIBUTION.levelWeights
    const names = Object.keys(w)
    const total = names.reduce((a, k) => a + (w[k] ?? 0), 0)
    const counts = names.map((k) => present.filter((t) => t.adamkiewiczDrawn?.level === k).length)
    const n = present.length
    const chi2 = names.reduce((a, k, i) => {
      const e = (n * (w[k] ?? 0)) / total
      return a + (counts[i] - e) ** 2 / e
    }, 0)
    // Critical value of χ² with 6 degrees of freedom at p = 0.001.
    expect(chi2).toBeLessThan(22.46)
    const inRange = present.filter((t) => t.adamkiewiczDrawn?.level !== 'L2').length / n
    expect(Math.abs(inRange - 0.89)).toBeLessThan(4 * Math.sqrt((0.89 * 0.11) / n))
  })

  it('puts the modelled hairpin on the drawn side and level, joined to the ASA', () => {
    for (const t of trees.slice(0, 200)) {
      if (!t.adamkiewicz) {
        expect(t.adamkiewiczSegments.length).toBe(t.secondFeeder ? 3 : 0)
        continue
      }
      const s = t.graph.segments[t.adamkiewiczSegments[0]]
      expect(s.kind).toBe('adamkiewicz')
      expect(s.level).toBe(t.adamkiewicz.level)
      expect(s.side).toBe(t.adamkiewicz.side)
      const last = t.graph.segments[t.adamkiewiczSegments[2]]
      const asaAtJoin = t.graph.segments.some(
        (x) => x.kind === 'anteriorSpinal' && x.to === last.to,
      )
      expect(asaAtJoin).toBe(true)
      // The hairpin: apex above the junction on the ASA.
      expect(t.graph.nodes[last.from].pWorldMm[2]).toBeGreaterThan(
        t.graph.nodes[last.to].pWorldMm[2],
      )
    }
  })

  it('is deterministic for a seed and honours a pinned origin', () => {
    const a = buildSpinalArteryTree(params, createRng(42))
    const b = buildSpinalArteryTree(params, createRng(42))
    expect(a.adamkiewiczDrawn).toEqual(b.adamkiewiczDrawn)
    expect(a.graph.segments.length).toBe(b.graph.segments.length)
    const pinned = buildSpinalArteryTree(
      { ...params, adamkiewicz: { level: 'T9', side: 'R' } },
      createRng(1),
    )
    expect(pinned.adamkiewicz).toEqual({ level: 'T9', side: 'R' })
  })
})
