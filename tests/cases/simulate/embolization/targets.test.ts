import { beforeAll, describe, expect, it } from 'vitest'
import {
  branchTarget,
  cachedCaseGraph,
  catheterTargets,
  resolveTip,
} from '../../../../src/cases/simulate/embolization'
import { makeSyntheticVolume } from '../../../../src/cases/synthetic/syntheticVolume'
import type { CtVolume } from '../../../../src/cases/volume'
import { DeviceSchema } from '../../../../src/plan'
import { setupT12 } from './fixture'

let volume: CtVolume
let catheter: ReturnType<typeof setupT12>['catheter']
beforeAll(() => {
  ;({ volume, catheter } = setupT12())
}, 120_000)

describe('catheter targets offered by the panel', () => {
  it('offers both T12 tumour feeders (superselective) and every segmental origin (selective)', () => {
    const targets = catheterTargets(volume)
    const cg = cachedCaseGraph(volume)
    const feeders = targets.filter((t) => t.group === 'feeder').map((t) => t.id)
    expect(feeders.sort()).toEqual(['feeder-LT12', 'feeder-RT12'])
    const segmentals = targets.filter((t) => t.group === 'segmental')
    expect(segmentals.length).toBe(
      volume.vessels!.filter((v) => v.kind === 'intercostalArtery' || v.kind === 'lumbarArtery')
        .length,
    )
    for (const t of targets) {
      const rt = resolveTip(cg, t.tipMm, t.vesselId)
      // Targets sit on the drawn centreline; the graph moves a branch origin onto the aorta (≤ 1.5 mm
      // here, the L4 lumbar arteries), which the tip snapping absorbs.
      expect(rt.offVesselMm, t.id).toBeLessThan(1.5)
      expect(rt.selectivity, t.id).toBe(t.group === 'feeder' ? 'superselective' : 'selective')
      if (t.group === 'feeder') expect(rt.vesselName).toMatch(/tumour feeder/)
      // Each target is a valid device position (one plan edit).
      const moved = {
        ...catheter,
        vesselId: t.vesselId,
        tipAlongVessel: t.tipAlongVessel,
        tipMm: t.tipMm,
      }
      expect(DeviceSchema.safeParse(moved).success, t.id).toBe(true)
    }
  })

  it('advancing into a branch puts the tip in that branch', () => {
    const cg = cachedCaseGraph(volume)
    const g = cg.graph
    for (const [s, seg] of g.segments.entries()) {
      if (seg.territory || s % 7 !== 0) continue
      const t = branchTarget(cg, s)!
      expect(resolveTip(cg, t.tipMm, t.vesselId).tip.segment, seg.name).toBe(s)
    }
  })

  it('offers nothing on a scan without centrelines', () => {
    expect(catheterTargets(makeSyntheticVolume(16, 16, 8))).toEqual([])
  })
})
