import { describe, expect, it } from 'vitest'
import { createRng } from '../../../src/lib/rng'
import { buildSpinalArteryTree } from '../../../src/sim/embolization/buildSpinalArteryTree'
import { computeContrastTransport, segmentOpacities } from '../../../src/sim/embolization/contrast'
import { solveNetworkFlow } from '../../../src/sim/embolization/flow'
import { renderDsaFrame } from '../../../src/sim/embolization/projectDsa'
import { defaultSpinalArteryTreeParams } from '../../../src/sim/embolization/spinalTreeParams'
import { createGraphBuilder, segmentVolumeM3 } from '../../../src/sim/embolization/vascularGraph'

const injection = (segment: number) => ({
  tip: { segment, positionFraction: 0.3 },
  rateM3PerS: 2e-6,
  durationS: 2,
})

describe('contrast transport', () => {
  it('plug flow: arrival = upstream transit, dilution by flow fraction at a bifurcation', () => {
    const b = createGraphBuilder()
    const i = b.node({ pWorldMm: [0, 0, 0], fixedPressurePa: 12000 })
    const j = b.node({ pWorldMm: [0, 0, -30] })
    const o1 = b.node({ pWorldMm: [0, 0, -60], fixedPressurePa: 1000 })
    const o2 = b.node({ pWorldMm: [20, 0, -30], fixedPressurePa: 1000 })
    b.segment({ from: i, to: j, kind: 'segmental', radiusM: 1e-3, name: 'p' })
    b.segment({ from: j, to: o1, kind: 'dorsal', radiusM: 0.8e-3, name: 'a' })
    b.segment({ from: j, to: o2, kind: 'muscular', radiusM: 0.5e-3, name: 'b' })
    const g = b.build()
    const f = solveNetworkFlow(g)
    const tr = computeContrastTransport(g, f, {
      tip: { segment: 0, positionFraction: 0.25 },
      rateM3PerS: 1e-6,
      durationS: 1,
    })
    const q0 = f.flowM3PerS[0]
    const t0 = (0.75 * segmentVolumeM3(g, 0)) / q0
    // Closed-form quantities: round-off only.
    expect(tr.arrivalS[1]).toBeCloseTo(t0, 12)
    expect(tr.arrivalS[2]).toBeCloseTo(t0, 12)
    expect(tr.concentration[1]).toBeCloseTo(1e-6 / (1e-6 + q0), 12)
    // Contrast flux is conserved at the junction: Σ c·Q out = c·Q in.
    const fluxIn = tr.concentration[0] * q0
    const fluxOut = tr.concentration[1] * f.flowM3PerS[1] + tr.concentration[2] * f.flowM3PerS[2]
    expect(Math.abs(fluxOut - fluxIn) / fluxIn).toBeLessThan(1e-12)
    // Fully opacified while the bolus covers the segment, clear after it has passed.
    const mid = tr.arrivalS[1] + tr.transitS[1]
    // Opacities are float32 (render buffers): relative 1e-6.
    const op = segmentOpacities(g, tr, mid)[1]
    expect(Math.abs(op - tr.concentration[1]) / tr.concentration[1]).toBeLessThan(1e-6)
    expect(segmentOpacities(g, tr, mid + 1.01)[1]).toBe(0)
  })

  it('the ASA fills from the Adamkiewicz-bearing segmental artery and from no other', () => {
    for (const seed of [2, 7, 11, 19]) {
      const tree = buildSpinalArteryTree(
        defaultSpinalArteryTreeParams({ adamkiewicz: 'auto' }),
        createRng(seed),
      )
      const aka = tree.adamkiewicz
      if (!aka) continue
      const g = tree.graph
      const f = solveNetworkFlow(g)
      const asa = g.segments.flatMap((s, i) => (s.kind === 'anteriorSpinal' ? [i] : []))
      const feeders = [aka, tree.secondFeeder]
        .filter((o) => o !== null)
        .map((o) => o.side + o.level)
      for (const [key, seg] of Object.entries(tree.segmentalBySide)) {
        const tr = computeContrastTransport(g, f, injection(seg))
        const fills = asa.some((s) => tr.concentration[s] > 0)
        expect(fills).toBe(feeders.includes(key))
      }
    }
  })

  it('the tumour blushes and washes out (compartment with τ = blood volume / flow)', () => {
    const tree = buildSpinalArteryTree(defaultSpinalArteryTreeParams(), createRng(4))
    const g = tree.graph
    const f = solveNetworkFlow(g)
    const feeder = tree.tumourFeeders[0]
    const tr = computeContrastTransport(g, f, injection(feeder))
    const bed = tree.tumourBeds[0]
    const at = (t: number): number => segmentOpacities(g, tr, t)[bed]
    const t0 = tr.arrivalS[bed]
    const tau = tr.transitS[bed]
    const peak = at(t0 + 2)
    expect(peak).toBeGreaterThan(at(t0 + 1))
    // Washout is exponential with time constant τ after the bolus ends; float32 opacities: 1e-6.
    expect(Math.abs(at(t0 + 2 + tau) / peak - Math.exp(-1))).toBeLessThan(1e-6)
  })
})

describe('DSA projection', () => {
  it('draws opacified vessels only, with projected thickness ≈ opacity × diameter', () => {
    const b = createGraphBuilder()
    const a = b.node({ pWorldMm: [-20, 0, 0] })
    const c = b.node({ pWorldMm: [20, 0, 0] })
    b.segment({ from: a, to: c, kind: 'segmental', radiusM: 2e-3, name: 'h' })
    const g = b.build()
    const view = {
      angleDeg: 0,
      centreMm: [0, 0, 0] as const,
      pixelSizeMm: 0.25,
      width: 256,
      height: 256,
    }
    const img = renderDsaFrame(g, new Float32Array([0.5]), view)
    const centre = img[128 * 256 + 128]
    // Pixel centre 0.125 mm off the axis: chord 2√(2² − 0.125²) ≈ 3.992 mm; float32 accumulation 1e-5.
    expect(Math.abs(centre - 0.5 * 2 * Math.sqrt(4 - 0.125 ** 2))).toBeLessThan(1e-5)
    expect(img[20 * 256 + 128]).toBe(0)
    expect(renderDsaFrame(g, new Float32Array([0]), view).every((v) => v === 0)).toBe(true)
    // A 90° LAO turns this left–right vessel end-on: it projects to a small spot.
    const lat = renderDsaFrame(g, new Float32Array([0.5]), { ...view, angleDeg: 90 })
    expect(lat.filter((v) => v > 0).length).toBeLessThan(img.filter((v) => v > 0).length / 4)
  })
})
