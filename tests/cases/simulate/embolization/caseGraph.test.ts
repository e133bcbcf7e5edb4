import { beforeAll, describe, expect, it } from 'vitest'
import { makeSyntheticVolume } from '../../../../src/cases/synthetic/syntheticVolume'
import { buildCaseGraph, resolveTip } from '../../../../src/cases/simulate/embolization'
import type { CaseGraph } from '../../../../src/cases/simulate/embolization/caseGraph'
import { projectOnPolyline } from '../../../../src/cases/simulate/embolization/caseGraph'
import type { CtVolume } from '../../../../src/cases/volume'
import { nodeFlowBalance, solveNetworkFlow } from '../../../../src/sim/embolization'
import { setupT12, vesselOf } from './fixture'

let volume: CtVolume
let cg: CaseGraph
beforeAll(() => {
  volume = setupT12().volume
  cg = buildCaseGraph(volume)
}, 120_000)

describe('case arterial graph from the phantom centrelines', () => {
  it('carries the phantom’s artery of Adamkiewicz (same side and level as the drawn branch)', () => {
    const aka = volume.vessels!.find((v) => v.kind === 'adamkiewicz')!
    expect(cg.adamkiewicz).toEqual({ level: aka.level, side: aka.side })
    const feeding = volume.vessels!.find((v) => v.feedsAdamkiewicz === true)!
    expect(`${feeding.side}${feeding.level}`).toBe(`${aka.side}${aka.level}`)
    // The graph's AKA starts at a node of that segmental artery.
    const g = cg.graph
    const first = g.segments.find((s) => s.kind === 'adamkiewicz')!
    const onFeeding = g.segments.some(
      (s, i) =>
        cg.onVessel[i]?.vesselId === feeding.id && (s.to === first.from || s.from === first.from),
    )
    expect(onFeeding).toBe(true)
    expect(first.level).toBe(aka.level)
    expect(first.side).toBe(aka.side)
  })

  it('runs along the drawn centrelines (every drawn segment within 0.01 mm of its vessel)', () => {
    const g = cg.graph
    let checked = 0
    g.segments.forEach((s, i) => {
      const on = cg.onVessel[i]
      if (!on) return
      const v = vesselOf(volume, on.vesselId)
      for (const n of [s.from, s.to]) {
        const p = g.nodes[n].pWorldMm
        // Junctions (a branch origin moved onto the aorta, the Adamkiewicz end joined to the ASA)
        // may sit a few mm off; every other node lies on the drawn centreline.
        const isJunction = (on.t0 === 0 && n === s.from) || (on.t1 === 1 && n === s.to)
        expect(projectOnPolyline(v.points, p).d).toBeLessThan(isJunction ? 8 : 0.01)
      }
      checked++
    })
    expect(checked).toBeGreaterThan(100)
  })

  it('conserves flow at every free node (< 1e-9 of the throughput)', () => {
    const f = solveNetworkFlow(cg.graph)
    const { net, throughput } = nodeFlowBalance(cg.graph, f)
    let worst = 0
    cg.graph.nodes.forEach((n, i) => {
      if (n.fixedPressurePa !== undefined || throughput[i] === 0) return
      worst = Math.max(worst, Math.abs(net[i]) / throughput[i])
    })
    expect(worst).toBeLessThan(1e-9)
  })

  it('splits the tumour between the feeders of the lesion level, flows summing to the perfusion', () => {
    const g = cg.graph
    expect(cg.tumourBeds.length).toBeGreaterThanOrEqual(2)
    const vol = cg.tumourBeds.reduce((a, s) => a + g.segments[s].territory!.tissueVolumeM3, 0)
    const lesion = volume.lesions![0]
    const expected = (4 / 3) * Math.PI * (lesion.sizeMm / 2 / 1000) ** 3
    expect(Math.abs(vol - expected) / expected).toBeLessThan(1e-9)
    for (const s of cg.tumourFeeders) expect(g.segments[s].level).toBe('T12')
  })

  it('snaps the device tip to the nearest vessel and refuses a tip far from every vessel', () => {
    const v = vesselOf(volume, 'intercostalArtery.T12.L')
    const p = v.points[2]
    const rt = resolveTip(cg, [p[0] + 1, p[1], p[2]], v.id)
    expect(rt.selectivity).toBe('selective')
    expect(rt.offVesselMm).toBeLessThan(1.01)
    expect(() => resolveTip(cg, [p[0] + 60, p[1] + 60, p[2]])).toThrow(/mm from the nearest vessel/)
  })

  it('explains that a scan without centrelines cannot be embolized', () => {
    expect(() => buildCaseGraph(makeSyntheticVolume(16, 16, 8))).toThrow(/no vessel centrelines/)
  })
})
