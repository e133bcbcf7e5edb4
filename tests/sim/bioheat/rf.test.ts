/**
 * RF ablation validation (FACTS §8.6–8.7, §1.4) and generator behaviour: tip-temperature control,
 * impedance roll-off, bipolar zone elongation. Tolerances follow FACTS §8 (±20–30 %) unless stated.
 */
import { describe, expect, it } from 'vitest'
import { S } from '../../../src/lib/anatomy'
import { simulateRfAblation } from '../../../src/sim/bioheat/rfAblation'
import { createGrid3 } from '../../../src/sim/grid/grid3'
import { LIVER_PERFUSION_PER_S } from '../../../src/sim/bioheat/tissueProperties'
import {
  bipolarInBone,
  liverCoolTip,
  plusSideVolumeM3,
  reachAlongX,
  zoneExtent,
} from './rfScenarios'
import { liverBlock } from './scenarios'

describe('§8.6–8.7 cooled 17 G, 30 mm electrode, 12 min in liver (PMC3438625; Song 2015)', () => {
  // 2 mm grid: the in-vivo zone measured 44.0 × 26.3 mm (46.0 × 31.1 mm at the former 6.4e-3 s⁻¹).
  const vivo = liverCoolTip(true)
  const exVivo = liverCoolTip(false)
  const zVivo = zoneExtent(vivo.grid, vivo.result.omega, vivo.centre, [0, 0, 1])
  const zEx = zoneExtent(exVivo.grid, exVivo.result.omega, exVivo.centre, [0, 0, 1])

  it('in vivo: about 46 × 30 mm (±30 %; model 44 × 26 mm with the default 90 °C control)', () => {
    expect(Math.abs(zVivo.lengthM / 0.046 - 1)).toBeLessThan(0.3)
    expect(Math.abs(zVivo.diameterM / 0.03 - 1)).toBeLessThan(0.3)
  })

  it('ex vivo → in vivo the volume falls ≈ 3× (Song 3.06 ±30 %; model 3.00: a calibration point)', () => {
    // The default in-vivo liver perfusion (1.2e-2 s⁻¹, a [G] value in 2e-3–2e-2) was fitted to this ratio
    // (50.9 / 17.0 cm³), so it checks the fit, not an independent prediction.
    const ratio = zEx.volumeM3 / zVivo.volumeM3
    expect(Math.abs(ratio / 3.06 - 1)).toBeLessThan(0.3)
  })

  it('perfusion shrinks the short axis more than the long axis (Huang 2012)', () => {
    expect(zVivo.diameterM / zEx.diameterM).toBeLessThan(zVivo.lengthM / zEx.lengthM)
  })

  it('the generator holds the hottest tissue next to the tip at 90 °C (±2 °C after 60 s)', () => {
    const h = vivo.result.history
    for (let i = 0; i < h.timeS.length; i++) {
      if (h.timeS[i] >= 60) expect(Math.abs(h.controlTempC[i] - 90)).toBeLessThan(2)
    }
    // Below the 200 W cap: the set point, not the cap, limits the power.
    expect(Math.max(...h.powerW.subarray(30))).toBeLessThan(200)
  })
})

describe('§8.7 with the full RF model: the ratio is set by the in-vivo liver perfusion [G]', () => {
  // Total hepatic blood flow is ≈ 1 mL/min/g ≈ 1.7e-2 s⁻¹ (not in FACTS); the default 1.2e-2 s⁻¹ is fitted
  // to Song's ratio (3.00 at 2 mm). Measured ex/in-vivo volume ratios at 2 mm: 2.06 (6.4e-3), 2.65 (1e-2),
  // 3.00 (1.2e-2), 3.21 (1.3e-2), 3.71 (1.67e-2).
  const w = 0.013
  const vivo = liverCoolTip(true, 0.002, {}, 720, w)
  const exVivo = liverCoolTip(false)
  const zVivo = zoneExtent(vivo.grid, vivo.result.omega, vivo.centre, [0, 0, 1])
  const zEx = zoneExtent(exVivo.grid, exVivo.result.omega, exVivo.centre, [0, 0, 1])

  it('at 1.3e-2 s⁻¹ (inside the documented 2e-3–2e-2 range) Song’s ≈ 3.06 is met (±30 %)', () => {
    expect(w).toBeGreaterThanOrEqual(LIVER_PERFUSION_PER_S.min)
    expect(w).toBeLessThanOrEqual(LIVER_PERFUSION_PER_S.max)
    expect(Math.abs(zEx.volumeM3 / zVivo.volumeM3 / 3.06 - 1)).toBeLessThan(0.3)
    // …and the in-vivo zone still matches the cool-tip calibration size, 46 × 30 mm (±30 %).
    expect(Math.abs(zVivo.lengthM / 0.046 - 1)).toBeLessThan(0.3)
    expect(Math.abs(zVivo.diameterM / 0.03 - 1)).toBeLessThan(0.3)
  })
})

describe('§8.8 heat sink with the full RF model (potential solve + tip control), 1.5 mm grid', () => {
  // A 5 mm vessel (Dirichlet 37 °C, blood σ 0.72 S/m) parallel to each applicator with its wall at 60 %
  // of that modality's own in-vivo reach. Measure: the zone lost on the vessel side, outside the vessel's
  // own cross-section. Measured RF 23.2 % vs microwave 12.6 % at 1.5 mm (README, Validation, also 1 mm).
  // The thin rim between zone and vessel is sub-voxel and not grid-converged (RF 0.80 / 1.26 / 0.37 mm
  // at 2 / 1.5 / 1 mm), so it is only required to exist here.
  const h = 0.0015
  const free = liverCoolTip(true, h)
  const r0 = reachAlongX(free.grid, free.result.omega, free.centre, 1)
  const axis = 0.6 * r0 + 0.0025
  const sink = liverCoolTip(true, h, {}, 720, undefined, axis)
  const rfLoss =
    1 -
    plusSideVolumeM3(sink.grid, sink.result.omega, sink.centre, axis) /
      plusSideVolumeM3(free.grid, free.result.omega, free.centre, axis)
  const mwReach = liverBlock('mw', true, null).reachPlusM
  const mwAxis = 0.6 * mwReach + 0.0025
  const mwFree = liverBlock('mw', true, null, 8, h, mwAxis)
  const mwSink = liverBlock('mw', true, mwAxis, 8, h)
  const mwLoss = 1 - mwSink.plusSideVolumeM3 / mwFree.plusSideVolumeM3

  it('the vessel costs the RF zone more of its vessel side than the microwave zone (Primavesi 2017)', () => {
    expect(rfLoss).toBeGreaterThan(0.05)
    expect(rfLoss).toBeGreaterThan(1.3 * mwLoss)
  })

  it('a perivascular rim is left and the far side does not see the vessel (±2 %)', () => {
    expect(0.6 * r0 - reachAlongX(sink.grid, sink.result.omega, sink.centre, 1)).toBeGreaterThan(0)
    const far = reachAlongX(sink.grid, sink.result.omega, sink.centre, -1)
    expect(Math.abs(far / r0 - 1)).toBeLessThan(0.02)
  })
})

describe('impedance roll-off (desiccation near an uncooled electrode at high power)', () => {
  const h = 0.001
  const grid = createGrid3(41, 41, 51, [h, h, h])
  const r = simulateRfAblation(
    {
      grid,
      labels: new Uint8Array(41 * 41 * 51).fill(S.muscle),
      probes: [
        {
          tipM: [0.02, 0.02, 0.015],
          entryM: [0.02, 0.02, 0.2],
          radiusM: 0.0008,
          kind: 'monopolar',
          activeLengthM: 0.01,
          isCooled: false,
        },
      ],
      generator: { mode: 'power', maxPowerW: 40 },
    },
    { durationS: 120, controlStepS: 1 },
  )
  const hist = r.history

  it('tissue next to the tip desiccates, the impedance rises ≥ 1.5× and the generator pauses', () => {
    expect(r.rollOffEvents).toBeGreaterThan(0)
    const z = [...hist.impedanceOhm]
    expect(Math.max(...z) / Math.min(...z)).toBeGreaterThanOrEqual(1.5)
    expect(Math.min(...hist.powerW)).toBe(0)
  })

  it('the delivered energy falls short of the set power × time (roll-off limits the dose)', () => {
    expect(r.electricalEnergyJ).toBeLessThan(0.8 * 40 * 120)
  })
})

describe('bipolar bone probe (7 / 20 mm active tips, 70 °C, ≤ 20 W) in trabecular bone', () => {
  const short = bipolarInBone(0.007)
  const long = bipolarInBone(0.02)
  const zs = zoneExtent(short.grid, short.result.omega, short.centre, [0, 0, 1])
  const zl = zoneExtent(long.grid, long.result.omega, long.centre, [0, 0, 1])

  it('a longer tip elongates the zone along the shaft (measured L/D 0.71 → 1.0)', () => {
    expect(zl.lengthM - zs.lengthM).toBeGreaterThan(0.6 * (0.02 - 0.007))
    expect(zl.lengthM / zl.diameterM).toBeGreaterThan(1.25 * (zs.lengthM / zs.diameterM))
  })

  it('the zone is centred on the active tip (between the electrodes), not on the needle tip', () => {
    let sum = 0
    let count = 0
    const g = long.grid
    for (let v = 0; v < long.result.omega.length; v++) {
      if (long.result.omega[v] < 1) continue
      sum += Math.floor(v / (g.nx * g.ny)) * g.spacingM[2]
      count++
    }
    expect(Math.abs(sum / count - long.centre[2])).toBeLessThan(0.002)
  })

  it('power stays under the 20 W cap; ≥ 99 % of the energy heats tissue (measured 99.65 %)', () => {
    // The rest is Joule heat in voxels the cooled needle occupies thermally: it goes to the coolant.
    expect(Math.max(...long.result.history.powerW)).toBeLessThanOrEqual(20)
    const share = long.result.depositedEnergyJ / long.result.electricalEnergyJ
    expect(share).toBeGreaterThan(0.99)
    expect(share).toBeLessThanOrEqual(1 + 1e-5)
  })
})

describe('bad input and cancellation', () => {
  const h = 0.002
  const grid = createGrid3(16, 16, 16, [h, h, h])
  const setup = {
    grid,
    labels: new Uint8Array(16 ** 3).fill(S.muscle),
    probes: [
      {
        tipM: [0.015, 0.015, 0.01],
        entryM: [0.015, 0.015, 0.2],
        radiusM: 0.0008,
        kind: 'monopolar',
        activeLengthM: 0.01,
      },
    ],
    generator: { mode: 'temperature', maxPowerW: 50 },
  } as const

  it('rejects absurd durations, powers and set points with plain messages', () => {
    expect(() => simulateRfAblation(setup, { durationS: -1 })).toThrow(/duration/)
    expect(() =>
      simulateRfAblation(
        { ...setup, generator: { mode: 'power', maxPowerW: 5000 } },
        { durationS: 10 },
      ),
    ).toThrow(/power/)
    expect(() =>
      simulateRfAblation(
        { ...setup, generator: { mode: 'temperature', maxPowerW: 50, targetTempC: 300 } },
        { durationS: 10 },
      ),
    ).toThrow(/target temperature/)
    expect(() =>
      simulateRfAblation({ ...setup, labels: new Uint8Array(10) }, { durationS: 10 }),
    ).toThrow(/labels/)
  })

  it('stops when the progress callback throws (cancellation), after reporting progress', () => {
    const seen: number[] = []
    expect(() =>
      simulateRfAblation(setup, { durationS: 60 }, (f) => {
        seen.push(f)
        if (seen.length === 3) throw new Error('cancelled by user')
      }),
    ).toThrow(/cancelled by user/)
    expect(seen).toHaveLength(3)
    expect(seen[2]).toBeCloseTo(3 / 30, 12)
  })
})
