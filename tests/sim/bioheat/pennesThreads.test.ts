import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { S } from '../../../src/lib/anatomy'
import { createGrid3 } from '../../../src/sim/grid/grid3'
import {
  createBioheatState,
  stepBioheat,
  type BioheatSetup,
  type BioheatState,
} from '../../../src/sim/bioheat/pennes'
import {
  createPennesTeam,
  teamHelperPlanes,
  teamRelease,
  type PennesTeam,
} from '../../../src/sim/bioheat/pennesThreads'
import { startNodePennesTeam, type NodePennesTeam } from '../../../src/workers/pennesPoolNode'
import { labelThermalTable, liverThermal } from '../../../src/sim/bioheat/tissueProperties'
import {
  pennesStagePair,
  pennesStageSlab,
  type StageJob,
} from '../../../src/sim/bioheat/pennesStage'

/**
 * A problem that exercises every term the sweeps see: perfused liver with a bone block and a vessel, a
 * strong off-centre source (Ω ≥ 1, perfusion shutdown, roll-off above 95 °C), a cooled probe, a convective
 * side and an adiabatic side, on a grid with unequal sides (index mistakes show up).
 */
function setup(parallel: PennesTeam | null, integrator: 'euler' | 'rkl2'): BioheatSetup {
  const [nx, ny, nz] = [30, 27, 41]
  const h = 0.001
  const grid = createGrid3(nx, ny, nz, [h, h, h])
  const labels = new Uint8Array(nx * ny * nz).fill(S.liver)
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const idx = i + nx * (j + ny * k)
        if (i > 20 && j < 10) labels[idx] = S.corticalBone
        if (Math.hypot(i - 8, j - 20) < 2.5) labels[idx] = S.aorta
      }
    }
  }
  return {
    grid,
    labels,
    materials: labelThermalTable({}, new Map([[S.liver, liverThermal(true)]])),
    integrator,
    parallel,
    sourceRollOffC: [95, 105],
    boundary: {
      xMin: { kind: 'convective', hWPerM2K: 20, ambientC: 22 },
      yMax: { kind: 'adiabatic' },
    },
    probes: [
      {
        segment: { startM: [0.02, 0.013, 0.03], endM: [0.02, 0.013, 0.038], radiusM: 0.0006 },
        tempC: 20,
      },
    ],
  }
}

function run(parallel: PennesTeam | null, integrator: 'euler' | 'rkl2'): BioheatState {
  const s = createBioheatState(setup(parallel, integrator))
  const { nx, ny, nz } = s.grid
  for (let k = 1; k < nz - 1; k++) {
    for (let j = 1; j < ny - 1; j++) {
      for (let i = 1; i < nx - 1; i++) {
        const r2 = (i - 14) ** 2 + (j - 12) ** 2 + ((k - 19) / 2) ** 2
        s.sourceWPerM3[i + nx * (j + ny * k)] = 4e7 * Math.exp(-r2 / 8)
      }
    }
  }
  // Heating with macro steps above the bound (RKL2 super-steps or Euler sub-steps), then cooling with
  // single sub-steps (exact row skipping in the Euler path).
  stepBioheat(s, { dtS: 20 }, 6)
  stepBioheat(s, { sourceScale: () => 0 }, 15)
  return s
}

function expectSameBits(a: BioheatState, b: BioheatState): void {
  const pairs: [string, Float32Array, Float32Array][] = [
    ['temperature', a.tempC, b.tempC],
    ['Ω', a.damage.omega, b.damage.omega],
    ['CEM43', a.damage.cem43Min, b.damage.cem43Min],
    ['T max', a.damage.maxTempC, b.damage.maxTempC],
    ['perfusion', a.arrays.perfusion, b.arrays.perfusion],
  ]
  for (const [name, x, y] of pairs) {
    let diff = 0
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff++
    expect(diff, `${name}: voxels that differ`).toBe(0)
  }
  expect(a.energy).toEqual(b.energy)
  expect(a.timeS).toBe(b.timeS)
}

describe('fused RKL2 stage kernel', () => {
  it('two stages in one pass (temporal blocking) equal the two stages run one after the other', () => {
    const make = (): BioheatState => {
      const st = createBioheatState(setup(null, 'rkl2'))
      let seed = 3
      const rnd = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647
      for (let i = 0; i < st.tempC.length; i++) {
        if (st.arrays.invHeatCap[i] !== 0) st.tempC[i] = 37 + 40 * rnd() ** 3
        st.arrays.sourceTotal[i] = st.arrays.invHeatCap[i] !== 0 ? 1e6 * rnd() : 0
      }
      st.damage.omega.fill(0.9) // close to shutdown: the pass must keep A's shutdown before B's read
      return st
    }
    const run = (paired: boolean): { st: BioheatState; bufs: Float32Array[]; rows: number[] } => {
      const st = make()
      const n = st.tempC.length
      const bufs = [0, 1, 2].map(() => Float32Array.from(st.tempC))
      const ly0 = new Float32Array(n)
      const jobA: StageJob = {
        b: { yPrev: bufs[0], yPrev2: bufs[1], y0: st.tempC, ly0, out: bufs[2] },
        c: { mu: 1.4, nu: -0.45, muTilde: 0.03, gammaTilde: -0.02, tauS: 20, isFirst: false },
        doseTauS: 3,
        rowPerfusionW: st.arrays.rowPerfusionW,
        rowSourceW: st.arrays.rowSourceW,
        rowBoundaryW: st.arrays.rowBoundaryW,
      }
      const jobB: StageJob = {
        b: { yPrev: bufs[2], yPrev2: bufs[0], y0: st.tempC, ly0, out: bufs[1] },
        c: { mu: 1.5, nu: -0.5, muTilde: 0.04, gammaTilde: -0.03, tauS: 20, isFirst: false },
        doseTauS: 4,
        rowPerfusionW: new Float64Array(st.arrays.rowPerfusionW.length),
        rowSourceW: new Float64Array(st.arrays.rowSourceW.length),
        rowBoundaryW: new Float64Array(st.arrays.rowBoundaryW.length),
      }
      if (paired) pennesStagePair(st.arrays, st.scalars, st.doseTable, jobA, jobB)
      else {
        for (const j of [jobA, jobB]) {
          pennesStageSlab(
            {
              ...st.arrays,
              rowPerfusionW: j.rowPerfusionW,
              rowSourceW: j.rowSourceW,
              rowBoundaryW: j.rowBoundaryW,
            },
            st.scalars,
            st.doseTable,
            j.b,
            j.c,
            j.doseTauS,
            1,
            st.grid.nz - 1,
          )
        }
      }
      const rows = [jobA, jobB].flatMap((j) => [
        ...j.rowPerfusionW,
        ...j.rowSourceW,
        ...j.rowBoundaryW,
      ])
      return { st, bufs, rows }
    }
    const seq = run(false)
    const pair = run(true)
    expect(pair.st.damage.omega.some((o, i) => o >= 1 && seq.st.damage.omega[i] >= 1)).toBe(true)
    for (let b = 0; b < 3; b++) expect(pair.bufs[b]).toEqual(seq.bufs[b])
    expect(pair.st.damage.omega).toEqual(seq.st.damage.omega)
    expect(pair.st.damage.cem43Min).toEqual(seq.st.damage.cem43Min)
    expect(pair.st.arrays.perfusion).toEqual(seq.st.arrays.perfusion)
    expect(pair.rows).toEqual(seq.rows)
  })
})

describe('Pennes solver on a thread team (shared memory, planes dealt out)', () => {
  let two: NodePennesTeam
  let one: NodePennesTeam
  beforeAll(async () => {
    ;[two, one] = await Promise.all([startNodePennesTeam(2), startNodePennesTeam(1)])
  }, 60_000)
  afterAll(async () => {
    await Promise.all([two?.close(), one?.close()])
  })

  it('RKL2 and Euler runs are bit-identical to one thread, with 2 and 3 threads sharing the planes', () => {
    for (const integrator of ['rkl2', 'euler'] as const) {
      const ref = run(null, integrator)
      expect(ref.team).toBeNull()
      // The source must coagulate tissue and shut perfusion down, or the test proves less than it says.
      expect(ref.damage.omega.some((o) => o >= 1)).toBe(true)
      for (const t of [one, two]) {
        const helped = teamHelperPlanes(t.team)
        const par = run(t.team, integrator)
        // The helpers must have swept planes, or the comparison proves nothing about them.
        expect(teamHelperPlanes(t.team)).toBeGreaterThan(helped)
        expect(par.team).toBe(t.team)
        expect(par.tempC.buffer).toBeInstanceOf(SharedArrayBuffer)
        expect(t.team.isBroken, t.team.failure ?? '').toBe(false)
        expectSameBits(par, ref)
      }
    }
  }, 120_000)

  it('re-binds when two states take turns, and a released team still works', () => {
    const a = createBioheatState(setup(two.team, 'rkl2'))
    const b = createBioheatState(setup(two.team, 'rkl2'))
    const ref = createBioheatState(setup(null, 'rkl2'))
    for (const s of [a, b, ref]) s.sourceWPerM3.fill(2e6)
    for (let m = 0; m < 3; m++) {
      for (const s of [a, b, ref]) stepBioheat(s, { dtS: 15 }, 1)
      teamRelease(two.team)
    }
    expectSameBits(a, ref)
    expectSameBits(b, ref)
  }, 60_000)

  it('a team whose helpers never answer is dropped and the state sweeps alone', () => {
    const silent = createPennesTeam([{ postMessage: () => undefined }], 200)
    const s = createBioheatState(setup(silent, 'rkl2'))
    s.sourceWPerM3.fill(2e6)
    const ref = createBioheatState(setup(null, 'rkl2'))
    ref.sourceWPerM3.fill(2e6)
    stepBioheat(s, { dtS: 15 }, 2)
    stepBioheat(ref, { dtS: 15 }, 2)
    expect(silent.isBroken).toBe(true)
    expect(silent.failure).toMatch(/no answer/)
    expectSameBits(s, ref)
  })
})
