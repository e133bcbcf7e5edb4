import { describe, expect, it } from 'vitest'
import { createRng } from '../../../src/lib/rng'
import { buildSpinalArteryTree } from '../../../src/sim/embolization/buildSpinalArteryTree'
import {
  DEFAULT_DELIVERY_PARAMS,
  createEmbolizationState,
  deliverEmbolic,
} from '../../../src/sim/embolization/deliverEmbolic'
import {
  type EmbolicAgent,
  GELATIN_SPONGE,
  NBCA_33,
  PVA_150_500,
  gluePolymerisationTimeS,
  lodgedFraction,
} from '../../../src/sim/embolization/embolicAgents'
import { solveNetworkFlow } from '../../../src/sim/embolization/flow'
import { assessEmbolization, checkCatheterPosition } from '../../../src/sim/embolization/safety'
import { defaultSpinalArteryTreeParams } from '../../../src/sim/embolization/spinalTreeParams'

const um = (x: number): number => x * 1e-6
const ML = 1e-6

describe('occlusion by particle size', () => {
  // [agent, lumen diameter, expected lodged fraction]: uniform size distribution over the range.
  const table: [string, EmbolicAgent & { kind: 'particles' | 'gelatinSponge' }, number, number][] =
    [
      ['PVA in a 100 µm arteriole', PVA_150_500, um(100), 1],
      ['PVA at its smallest size', PVA_150_500, um(150), 1],
      ['PVA in a 325 µm vessel (mid-range)', PVA_150_500, um(325), 0.5],
      ['PVA at its largest size', PVA_150_500, um(500), 0],
      ['PVA in a 1 mm AKA', PVA_150_500, um(1000), 0],
      ['gelatin sponge in a 1 mm AKA', GELATIN_SPONGE, um(1000), 0.5],
      ['gelatin sponge in a 2.5 mm segmental', GELATIN_SPONGE, um(2500), 0],
      ['gelatin sponge in a 300 µm branch', GELATIN_SPONGE, um(300), 1],
    ]
  it.each(table)('%s', (_, agent, d, expected) => {
    // Linear interpolation of two exact decimals: round-off only.
    expect(lodgedFraction(agent, d)).toBeCloseTo(expected, 12)
  })

  it('dilute glue polymerises later than concentrated glue', () => {
    expect(gluePolymerisationTimeS({ kind: 'glue', nbcaFraction: 0.2 })).toBeGreaterThan(
      gluePolymerisationTimeS(NBCA_33),
    )
    expect(gluePolymerisationTimeS(NBCA_33)).toBeGreaterThan(
      gluePolymerisationTimeS({ kind: 'glue', nbcaFraction: 1 }),
    )
  })
})

const seeds = Array.from({ length: 30 }, (_, i) => i + 1)

describe('safety: the segmental artery that gives rise to the Adamkiewicz branch', () => {
  it('every particle or glue plan from that segmental artery raises the critical error', () => {
    let checked = 0
    for (const seed of seeds) {
      const tree = buildSpinalArteryTree(defaultSpinalArteryTreeParams(), createRng(seed))
      const aka = tree.adamkiewicz
      if (!aka) continue
      const g = tree.graph
      const base = solveNetworkFlow(g)
      const seg = tree.segmentalBySide[aka.side + aka.level]
      for (const [agent, vol] of [
        [PVA_150_500, 0.5 * ML],
        [GELATIN_SPONGE, 0.5 * ML],
        [NBCA_33, 0.3 * ML],
        [{ kind: 'glue', nbcaFraction: 0.5 }, 0.1 * ML],
      ] as const) {
        for (const u of [0.1, 0.9]) {
          const tip = { segment: seg, positionFraction: u }
          expect(checkCatheterPosition(g, base, tip).some((f) => f.severity === 'critical')).toBe(
            true,
          )
          const d = deliverEmbolic(g, createEmbolizationState(g), tip, agent, vol)
          const a = assessEmbolization(g, base, d.flowAfter, d.state, [d])
          expect(a.hasCriticalError).toBe(true)
          checked++
        }
      }
    }
    // Enough AKA-bearing trees among 30 seeds (≈ 85 % present) to make the check meaningful.
    expect(checked).toBeGreaterThan(100)
    // 200 progressive deliveries: ~2 s alone, several times that on a shared 2-core machine.
  }, 60_000)

  it('superselective particles in a contralateral tumour feeder raise no critical error', () => {
    const tree = buildSpinalArteryTree(
      defaultSpinalArteryTreeParams({ adamkiewicz: { level: 'T12', side: 'L' } }),
      createRng(5),
    )
    const g = tree.graph
    const base = solveNetworkFlow(g)
    const feeder = tree.graph.segments.findIndex(
      (s) =>
        s.kind === 'tumourFeeder' &&
        s.side === 'R' &&
        s.level === 'T12' &&
        s.name.includes('distal'),
    )
    const tip = { segment: feeder, positionFraction: 0.5 }
    expect(checkCatheterPosition(g, base, tip)).toEqual([])
    const d = deliverEmbolic(g, createEmbolizationState(g), tip, PVA_150_500, 0.1 * ML)
    expect(d.refluxM3).toBe(0)
    const a = assessEmbolization(g, base, d.flowAfter, d.state, [d])
    expect(a.hasCriticalError).toBe(false)
    expect(a.devascularizationPct).toBeGreaterThan(0)
  })
})

describe('reflux and devascularization', () => {
  const tree = buildSpinalArteryTree(
    defaultSpinalArteryTreeParams({ adamkiewicz: null }),
    createRng(9),
  )
  const g = tree.graph
  const base = solveNetworkFlow(g)
  const nFeed = tree.tumourFeeders.length / 2
  const distal = tree.tumourFeeders.slice(nFeed)
  const bedCapacity =
    (g.segments[tree.tumourBeds[0]].territory?.tissueVolumeM3 ?? 0) *
    DEFAULT_DELIVERY_PARAMS.bedCapacityPerTissueVolume

  it('no reflux below the bed capacity; reflux = excess above it', () => {
    const tip = { segment: distal[0], positionFraction: 0.5 }
    const below = deliverEmbolic(g, createEmbolizationState(g), tip, PVA_150_500, 0.9 * bedCapacity)
    expect(below.refluxM3).toBe(0)
    const above = deliverEmbolic(g, createEmbolizationState(g), tip, PVA_150_500, 2 * bedCapacity)
    // Particles 150–500 µm pass the ~1 mm feeder and all lodge in the bed (50 µm precapillaries), so the
    // bed takes exactly its capacity; the rest refluxes (water-filling leaves < 1e-9 relative error).
    expect(Math.abs(above.refluxM3 - bedCapacity) / bedCapacity).toBeLessThan(1e-9)
    expect(above.refluxPath.length).toBeGreaterThan(0)
    expect(above.refluxReachedAorta).toBe(false)
  })

  it('reflux reaches the aorta once the parent segmental territory is full too', () => {
    const tip = { segment: tree.segmentalBySide.LT11, positionFraction: 0.5 }
    const d = deliverEmbolic(g, createEmbolizationState(g), tip, PVA_150_500, 40 * ML)
    expect(d.refluxReachedAorta).toBe(true)
    const a = assessEmbolization(g, base, d.flowAfter, d.state, [d])
    expect(a.findings.some((f) => f.code === 'aorticReflux')).toBe(true)
  })

  it('complete when every feeder is embolized, partial after one, timing advice follows', () => {
    let state = createEmbolizationState(g)
    const ds = []
    for (const s of distal) {
      const d = deliverEmbolic(
        g,
        state,
        { segment: s, positionFraction: 0.5 },
        PVA_150_500,
        bedCapacity,
      )
      state = d.state
      ds.push(d)
    }
    const a = assessEmbolization(g, base, ds[ds.length - 1].flowAfter, state, ds)
    expect(a.grade).toBe('complete')
    expect(a.timingAdvice).toMatch(/24 h/)
    const one = assessEmbolization(g, base, ds[0].flowAfter, ds[0].state, [ds[0]])
    expect(one.grade).toBe('partial')
    // One of n equal feeders carries roughly 1/n of the bed flow.
    expect(one.devascularizationPct).toBeLessThan(100 / distal.length + 15)
  })

  it('a coil occludes the tip segment (proximal occlusion) and stops its flow', () => {
    const d = deliverEmbolic(
      g,
      createEmbolizationState(g),
      { segment: distal[0], positionFraction: 0.5 },
      { kind: 'coil' },
      0,
    )
    expect(d.state.patency[distal[0]]).toBe(0)
    // Round-off level flow through a zero-conductance segment: exactly zero.
    expect(d.flowAfter.flowM3PerS[distal[0]]).toBe(0)
  })
})
