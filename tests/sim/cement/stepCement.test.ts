import { describe, expect, it } from 'vitest'
import { S } from '../../../src/lib/anatomy'
import { carveBalloonCavity } from '../../../src/sim/cement/balloon'
import {
  type CementState,
  cementFillFraction,
  createCementState,
  totalCementM3,
} from '../../../src/sim/cement/cementState'
import { leakSeverity, leakVolumeByPathway } from '../../../src/sim/cement/leaks'
import { PATHWAY } from '../../../src/sim/cement/pathways'
import { buildPorousMedium, DEFAULT_BONE_PARAMS } from '../../../src/sim/cement/porousMedium'
import { CEMENTS, type CementKind, cementViscosityPaS } from '../../../src/sim/cement/rheology'
import { stepCement } from '../../../src/sim/cement/stepCement'
import { H, makeBlock, makeVertebra, relErr, type VertebraOptions } from './fixtures'

const RATE = 5e-8 // 3 mL/min (FACTS §2.4 cadaver protocol)

function inject(
  opts: VertebraOptions,
  kind: CementKind,
  startS: number,
  volumeM3: number,
): CementState {
  const vb = makeVertebra(opts)
  const medium = buildPorousMedium({
    grid: vb.grid,
    hu: vb.hu,
    labels: vb.labels,
    needle: { entryM: vb.entryM, tipM: vb.tipM },
    seed: 5,
  })
  const st = createCementState({
    medium,
    tipM: vb.tipM,
    cement: CEMENTS[kind],
    injectionStartS: startS,
  })
  while (st.injectedM3 < volumeM3 * (1 - 1e-12) && st.status !== 'blocked') {
    stepCement(st, { rateM3PerS: RATE, targetVolumeM3: volumeM3, resolveFraction: 0.2 }, 2)
  }
  return st
}

const leakedM3 = (st: CementState): number => st.leaks.reduce((s, l) => s + l.volumeM3, 0)

describe('cement rheology', () => {
  it('orders viscosities low < medium < high and rises with time after mixing', () => {
    for (const t of [120, 300]) {
      expect(cementViscosityPaS(CEMENTS.low, t)).toBeLessThan(cementViscosityPaS(CEMENTS.medium, t))
      expect(cementViscosityPaS(CEMENTS.medium, t)).toBeLessThan(
        cementViscosityPaS(CEMENTS.high, t),
      )
    }
    for (const c of Object.values(CEMENTS)) {
      expect(cementViscosityPaS(c, 400)).toBeGreaterThan(cementViscosityPaS(c, 200))
    }
  })
})

describe('stepCement', () => {
  it('conserves mass exactly: Σ voxel cement = injected volume, step by step', () => {
    const vb = makeVertebra({ basivertebralVein: true, posteriorDefect: true })
    const medium = buildPorousMedium({ grid: vb.grid, hu: vb.hu, labels: vb.labels, seed: 2 })
    const st = createCementState({
      medium,
      tipM: vb.tipM,
      cement: CEMENTS.low,
      injectionStartS: 150,
    })
    for (let s = 0; s < 30; s++) {
      stepCement(st, { rateM3PerS: RATE }, 1.3)
      // Round-off only: each increment is split by weights that sum to 1 in double precision.
      expect(relErr(totalCementM3(st), st.injectedM3)).toBeLessThan(1e-12)
      expect(relErr(st.injectedM3, RATE * 1.3 * (s + 1))).toBeLessThan(1e-12)
    }
    const fill = cementFillFraction(st)
    let viaFill = 0
    for (let v = 0; v < fill.length; v++) viaFill += fill[v] * st.poreM3[v]
    // Float32 fill fractions: single-precision round-off per voxel.
    expect(relErr(viaFill, st.injectedM3)).toBeLessThan(1e-6)
    // Leak bookkeeping is part of the same balance.
    const inLeakVoxels = st.cementM3.reduce((s, c, v) => (st.leakSiteOf[v] >= 0 ? s + c : s), 0)
    expect(relErr(leakedM3(st) + 1e-30, inLeakVoxels + 1e-30)).toBeLessThan(1e-9)
  })

  it('pauses (rate 0) without moving cement and records arrival times in order', () => {
    const vb = makeVertebra()
    const medium = buildPorousMedium({ grid: vb.grid, hu: vb.hu, labels: vb.labels })
    const st = createCementState({
      medium,
      tipM: vb.tipM,
      cement: CEMENTS.medium,
      injectionStartS: 180,
    })
    stepCement(st, { rateM3PerS: RATE }, 5)
    const before = totalCementM3(st)
    stepCement(st, { rateM3PerS: 0 }, 10)
    expect(totalCementM3(st)).toBe(before)
    expect(st.timeSinceMixS).toBeCloseTo(195, 9)
    expect(st.arrivalTimeS[st.tipVoxel]).toBe(180)
    let maxArrival = 0
    for (const t of st.arrivalTimeS) maxArrival = Math.max(maxArrival, t)
    expect(maxArrival).toBeLessThanOrEqual(185)
  })

  it('advances the front anisotropically: second-moment ratio SI/AP = K_SI/K_AP (FACTS §8.10)', () => {
    const n = 33
    const b = makeBlock(n)
    const medium = buildPorousMedium({
      ...b,
      params: { entryDisorder: 0, boneEntryPressurePa: 0 },
    })
    const c = (n - 1) / 2
    const st = createCementState({
      medium,
      tipM: [c * H, c * H, c * H],
      cement: CEMENTS.high,
      injectionStartS: 180,
    })
    stepCement(st, { rateM3PerS: RATE, resolveFraction: 0.02 }, 36)
    const m2 = [0, 0, 0]
    let w = 0
    for (let v = 0; v < st.cementM3.length; v++) {
      const q = st.cementM3[v]
      if (q === 0) continue
      const d = [(v % n) - c, (Math.floor(v / n) % n) - c, Math.floor(v / (n * n)) - c]
      for (let a = 0; a < 3; a++) m2[a] += q * d[a] ** 2
      w += q
    }
    // For Darcy flow from a point source the fronts are ellipsoids with semi-axes ∝ √K_axis, so second
    // moments scale with K (velocity at equal gradient ∝ K).
    const ratio = m2[2] / (0.5 * (m2[0] + m2[1]))
    const kRatio = DEFAULT_BONE_PARAMS.permeabilitySiRefM2 / DEFAULT_BONE_PARAMS.permeabilityApRefM2
    expect(w).toBeGreaterThan(0)
    // 8%: a ~1500-voxel cluster on a cubic lattice, plus the partly filled front shell.
    expect(relErr(ratio, kRatio)).toBeLessThan(0.08)
    // The transverse axes are equivalent.
    expect(relErr(m2[0], m2[1])).toBeLessThan(0.05)
  })

  it('leaks less with more viscous or later-injected cement on the same anatomy (FACTS §2.3, §8.10)', () => {
    const anatomy = { posteriorDefect: true, basivertebralVein: true, segmentalVein: true }
    const lowEarly = leakedM3(inject(anatomy, 'low', 120, 3e-6))
    const lowLate = leakedM3(inject(anatomy, 'low', 300, 3e-6))
    const highEarly = leakedM3(inject(anatomy, 'high', 120, 3e-6))
    expect(lowEarly).toBeGreaterThan(0)
    expect(lowLate).toBeLessThan(lowEarly)
    expect(highEarly).toBeLessThan(lowEarly)
  }, 60_000)

  it('produces canal (epidural) leaks through a posterior-wall defect, more with more volume', () => {
    const anatomy = { posteriorDefect: true }
    const small = leakVolumeByPathway(inject(anatomy, 'low', 150, 1e-6).leaks).epidural
    const large = leakVolumeByPathway(inject(anatomy, 'low', 150, 4e-6).leaks).epidural
    const intact = leakVolumeByPathway(inject({}, 'low', 150, 4e-6).leaks).epidural
    expect(large).toBeGreaterThan(small)
    expect(large).toBeGreaterThan(0.02e-6)
    expect(intact).toBe(0)
  }, 60_000)

  it('raises the pulmonary-embolism warning when cement reaches the vena cava, not otherwise', () => {
    const run = (segmentalVein: boolean): CementState => {
      const vb = makeVertebra({ segmentalVein })
      const medium = buildPorousMedium({ grid: vb.grid, hu: vb.hu, labels: vb.labels, seed: 5 })
      // Tip 2 mm from the lateral cortical vein that drains to the vena cava.
      const tipM = [17 * H, 26 * H, 21 * H] as const
      const st = createCementState({ medium, tipM, cement: CEMENTS.low, injectionStartS: 90 })
      stepCement(st, { rateM3PerS: RATE, targetVolumeM3: 3e-6, resolveFraction: 0.2 }, 60)
      return st
    }
    const withVein = run(true)
    expect(withVein.pulmonaryEmbolismWarning).toBe(true)
    expect(withVein.leaks.some((l) => l.pathway === 'ivc' && leakSeverity(l) === 'major')).toBe(
      true,
    )
    expect(run(false).pulmonaryEmbolismWarning).toBe(false)
  }, 60_000)
})

describe('kyphoplasty balloon', () => {
  it('carves a cavity of about the balloon volume that fills before the surrounding bone', () => {
    const vb = makeVertebra()
    const medium = buildPorousMedium({ grid: vb.grid, hu: vb.hu, labels: vb.labels })
    const tip: [number, number, number] = [28, 28, 21]
    const carved = carveBalloonCavity(medium, tip, { volumeM3: 2e-6 })
    // Voxelisation of a ~2 mL ellipsoid on a 1 mm grid: a few percent.
    expect(relErr(carved, 2e-6)).toBeLessThan(0.05)
    const st = createCementState({
      medium,
      tipM: [tip[0] * H, tip[1] * H, tip[2] * H],
      cement: CEMENTS.high,
      injectionStartS: 200,
    })
    stepCement(st, { rateM3PerS: RATE, targetVolumeM3: 1.5e-6 }, 40)
    let inCavity = 0
    for (let v = 0; v < st.cementM3.length; v++) {
      if (medium.entryPressurePa[v] === 0 && medium.pathway[v] === PATHWAY.body) {
        inCavity += st.cementM3[v]
      }
    }
    // Cement stays in the cavity until it is full (cavity has no entry pressure, bone 6 kPa).
    expect(relErr(inCavity, st.injectedM3)).toBeLessThan(1e-9)
    expect(vb.labels[tip[0] + 56 * (tip[1] + 64 * tip[2])]).toBe(S.trabecularBone)
  })
})
