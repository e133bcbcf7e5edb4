import { describe, expect, it } from 'vitest'
import { S } from '../../../src/lib/anatomy'
import { cem43OfHistory, cem43RateMinPerS } from '../../../src/sim/bioheat/damage'
import type { LabelVolume } from '../../../src/sim/acoustic/analyseBeamPath'
import { runSonications } from '../../../src/sim/acoustic/runSonications'
import {
  placeSonicationGrid,
  totalEnergyJ,
  type Sonication,
} from '../../../src/sim/acoustic/sonicationPlan'
import { wavelengthM } from '../../../src/sim/acoustic/bowlTransducer'
import { createGrid3, gridIndex } from '../../../src/sim/grid/grid3'
import { makeSmallBowl, relErr } from './fixtures'

/** Muscle over cortical bone (z ≥ 0), n³ voxels of h, centred on the origin. */
function boneBlock(n: number, h: number): LabelVolume {
  const g = createGrid3(n, n, n, [h, h, h])
  const o = -(n - 1) * 0.5 * h
  const labels = new Uint8Array(n * n * n)
  for (let k = 0; k < n; k++) {
    const lab = o + k * h >= 0 ? S.corticalBone : S.muscle
    labels.fill(lab, n * n * k, n * n * (k + 1))
  }
  return { grid: g, originM: [o, o, o], labels }
}

describe('CEM43 arithmetic (FACTS §1.1 worked values, via src/sim/bioheat/damage)', () => {
  const constant = (tempC: number, minutes: number): number =>
    cem43OfHistory(new Float64Array(minutes * 60).fill(tempC), 1)
  it.each([
    [51, 1, 256],
    [45, 60, 240],
    [44, 120, 240],
    [42, 30, 7.5],
  ])('%s °C for %s min = %s CEM43', (tempC, minutes, expected) => {
    // 1e-9: the definition is exact for constant temperatures; only rounding remains.
    expect(relErr(constant(tempC, minutes), expected)).toBeLessThan(1e-9)
  })
})

describe('sonications through the bioheat solver', () => {
  it('energy, cumulative CEM43 against the recorded history, and heating at the bone surface', () => {
    const vol = boneBlock(22, 0.001)
    const t = makeSmallBowl()
    const sonications: Sonication[] = [
      // Foci 4 mm behind the bone surface, as bone sonications defocus on the cortex; low power keeps
      // the 22 mm test block below boiling.
      { focusM: [0, 0, 0.004], powerW: 2, durationS: 10, coolingS: 10 },
      { focusM: [0.002, 0, 0.004], powerW: 1.6, durationS: 8, coolingS: 12 },
    ]
    const history: Float32Array[] = []
    const times: number[] = [0]
    const initial = new Float32Array(vol.labels.length).fill(37)
    history.push(initial)
    const res = runSonications({
      transducer: t,
      volume: vol,
      sonications,
      discretise: { elementSizeM: wavelengthM(t.frequencyHz) },
      macroStepS: 0.5,
      onStep: (s) => {
        history.push(Float32Array.from(s.tempC))
        times.push(s.timeS)
      },
    })
    expect(res.energyJ).toEqual([20, 12.8])
    expect(res.totalEnergyJ).toBe(totalEnergyJ(sonications))
    const cem = res.state.damage.cem43Min
    let iMax = 0
    for (let i = 1; i < cem.length; i++) if (cem[i] > cem[iMax]) iMax = i
    // Reference: Σ Δt × logarithmic mean of the end-point CEM43 rates (exact for T linear in time).
    let ref = 0
    for (let m = 1; m < history.length; m++) {
      const r0 = cem43RateMinPerS(history[m - 1][iMax])
      const r1 = cem43RateMinPerS(history[m][iMax])
      const lm = Math.abs(r1 - r0) > 1e-12 * r0 ? (r1 - r0) / Math.log(r1 / r0) : r0
      ref += (times[m] - times[m - 1]) * lm
    }
    // The dose doubles per °C above 43 °C, so compare in log2: 0.15 ≈ 0.15 °C of equivalent temperature,
    // the sampling difference between the solver's internal sub-steps and the 0.5 s record.
    expect(Math.abs(Math.log2(cem[iMax] / ref))).toBeLessThan(0.15)
    expect(cem[iMax]).toBeGreaterThan(240)
    // The hottest voxel is in bone within 3 mm of its surface (FACTS §8 case 13: energy deposits at
    // the bone surface).
    const tMax = res.state.damage.maxTempC
    let jMax = 0
    for (let i = 1; i < tMax.length; i++) if (tMax[i] > tMax[jMax]) jMax = i
    const k = Math.floor(jMax / (22 * 22))
    const z = vol.originM[2] + k * 0.001
    expect(vol.labels[jMax]).toBe(S.corticalBone)
    expect(z).toBeLessThan(0.003)
  })

  it('places foci on the surface facing the transducer, at least the spacing apart', () => {
    const vol = boneBlock(20, 0.001)
    const mask = vol.labels.map((l) => (l === S.corticalBone ? 1 : 0))
    const list = placeSonicationGrid(vol, mask, [0, 0, 1], 0.004)
    expect(list.length).toBeGreaterThan(4)
    const g = vol.grid
    for (const s of list) {
      const k = Math.round((s.focusM[2] - vol.originM[2]) / 0.001)
      const i = Math.round((s.focusM[0] - vol.originM[0]) / 0.001)
      const j = Math.round((s.focusM[1] - vol.originM[1]) / 0.001)
      expect(mask[gridIndex(g, i, j, k)]).toBe(1)
      expect(mask[gridIndex(g, i, j, k - 1)]).toBe(0)
    }
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const d = Math.hypot(
          list[a].focusM[0] - list[b].focusM[0],
          list[a].focusM[1] - list[b].focusM[1],
          list[a].focusM[2] - list[b].focusM[2],
        )
        expect(d).toBeGreaterThanOrEqual(0.004 - 1e-12)
      }
    }
  })
})
