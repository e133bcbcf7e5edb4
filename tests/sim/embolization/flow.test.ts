import { describe, expect, it } from 'vitest'
import { createRng } from '../../../src/lib/rng'
import { buildSpinalArteryTree } from '../../../src/sim/embolization/buildSpinalArteryTree'
import {
  DEFAULT_FLOW_PARAMS,
  fahraeusLindqvistRelative,
  nodeFlowBalance,
  poiseuilleResistance,
  solveNetworkFlow,
} from '../../../src/sim/embolization/flow'
import { defaultSpinalArteryTreeParams } from '../../../src/sim/embolization/spinalTreeParams'
import { createGraphBuilder } from '../../../src/sim/embolization/vascularGraph'

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b)
const MU = DEFAULT_FLOW_PARAMS.bloodViscosityPaS

describe('Poiseuille network flow', () => {
  it('matches Q = πr⁴ΔP/(8μL) in a single tube', () => {
    const b = createGraphBuilder()
    const a = b.node({ pWorldMm: [0, 0, 0], fixedPressurePa: 12000 })
    const c = b.node({ pWorldMm: [0, 0, -40], fixedPressurePa: 2000 })
    b.segment({ from: a, to: c, kind: 'segmental', radiusM: 1e-3, name: 'tube' })
    const f = solveNetworkFlow(b.build())
    const exact = (Math.PI * 1e-12 * 10000) / (8 * MU * 0.04)
    // Single division chain: round-off only.
    expect(relErr(f.flowM3PerS[0], exact)).toBeLessThan(1e-14)
  })

  it('matches the analytic split of a bifurcation (series + parallel resistances)', () => {
    const b = createGraphBuilder()
    const inlet = b.node({ pWorldMm: [0, 0, 0], fixedPressurePa: 12000 })
    const j = b.node({ pWorldMm: [0, 0, -30] })
    const o1 = b.node({ pWorldMm: [10, 0, -50], fixedPressurePa: 1000 })
    const o2 = b.node({ pWorldMm: [-5, 0, -60], fixedPressurePa: 1000 })
    b.segment({ from: inlet, to: j, kind: 'segmental', radiusM: 1.2e-3, name: 'parent' })
    b.segment({ from: j, to: o1, kind: 'dorsal', radiusM: 0.8e-3, name: 'd1' })
    b.segment({ from: j, to: o2, kind: 'muscular', radiusM: 0.6e-3, name: 'd2' })
    const g = b.build()
    const f = solveNetworkFlow(g)
    const r0 = poiseuilleResistance(MU, 0.03, 1.2e-3)
    const r1 = poiseuilleResistance(MU, Math.hypot(10, 20) * 1e-3, 0.8e-3)
    const r2 = poiseuilleResistance(MU, Math.hypot(5, 30) * 1e-3, 0.6e-3)
    const q = 11000 / (r0 + (r1 * r2) / (r1 + r2))
    const pj = 1000 + q * ((r1 * r2) / (r1 + r2))
    // Round-off only (a handful of flops): 1e-13.
    expect(relErr(f.flowM3PerS[0], q)).toBeLessThan(1e-13)
    expect(relErr(f.flowM3PerS[1], (pj - 1000) / r1)).toBeLessThan(1e-13)
    expect(relErr(f.flowM3PerS[2], (pj - 1000) / r2)).toBeLessThan(1e-13)
    expect(relErr(f.pressurePa[j], pj)).toBeLessThan(1e-14)
  })

  it('conserves flow at every junction of generated trees (< 1e-9 relative)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const tree = buildSpinalArteryTree(defaultSpinalArteryTreeParams(), createRng(seed))
      const g = tree.graph
      const { net, throughput } = nodeFlowBalance(g, solveNetworkFlow(g))
      let worst = 0
      g.nodes.forEach((n, i) => {
        if (n.fixedPressurePa !== undefined || throughput[i] === 0) return
        worst = Math.max(worst, Math.abs(net[i]) / throughput[i])
      })
      // Direct elimination: imbalance is round-off, far below the 1e-9 requirement.
      expect(worst).toBeLessThan(1e-9)
    }
  })

  it('gives physiological magnitudes: tumour bed flow and positive flow into every territory', () => {
    const tree = buildSpinalArteryTree(defaultSpinalArteryTreeParams(), createRng(3))
    const g = tree.graph
    const f = solveNetworkFlow(g)
    g.segments.forEach((s, i) => {
      if (s.kind === 'territory' && s.territory?.kind !== 'cranialAsa') {
        expect(f.flowM3PerS[i]).toBeGreaterThan(0)
      }
    })
    const bedMlPerMin = tree.tumourBeds.reduce((a, s) => a + f.flowM3PerS[s], 0) * 6e7
    // Nominal bed flow 18.4 mL/min at 85 mmHg perfusion; vessel losses lower it by < 20 %.
    expect(bedMlPerMin).toBeGreaterThan(0.8 * 18.4)
    expect(bedMlPerMin).toBeLessThan(18.4 * 1.1)
  })

  it('Fåhræus–Lindqvist: tends to 3.2 in wide tubes, minimum near 7 µm (Pries 1992)', () => {
    expect(relErr(fahraeusLindqvistRelative(5e-3), 3.2)).toBeLessThan(1e-3)
    const at7 = fahraeusLindqvistRelative(7e-6)
    expect(at7).toBeLessThan(fahraeusLindqvistRelative(4e-6))
    expect(at7).toBeLessThan(fahraeusLindqvistRelative(20e-6))
  })
})
