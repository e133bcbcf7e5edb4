/**
 * The electrode bases on several threads (src/sim/efield/efieldThreads.ts): bit-identical to one thread
 * with real Node helper threads (1 and 2 helpers), the ranges split as documented, and the fallbacks: a
 * helper that never answers (timeout, no hang), a port that throws, a helper that reports a failure. The
 * default team is used only on grids of at least EFIELD_PARALLEL_MIN_CELLS cells and never with a warm
 * start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ECT_PARAMS } from '../../../src/sim/efield/conductivity'
import {
  EFIELD_PARALLEL_MIN_CELLS,
  createEfieldTeam,
  handleEfieldThreadMessage,
  setDefaultEfieldTeam,
  splitBases,
  type EfieldSolveMessage,
  type EfieldTeam,
} from '../../../src/sim/efield/efieldThreads'
import { rasteriseNeedle } from '../../../src/sim/efield/rasteriseNeedle'
import { solveElectrodeBases, type ElectrodeBases } from '../../../src/sim/efield/superposition'
import { type Grid3, createGrid3 } from '../../../src/sim/grid/grid3'
import { startNodeEfieldTeam, type NodeEfieldTeam } from '../../../src/workers/efieldPoolNode'
import { forEachVoxel, gridCentreM } from './fixtures'

/** A tumour sphere in muscle with a cortical-bone slab (σ jumps), on a grid with unequal sides. */
function problem(nx: number, ny: number, nz: number) {
  const grid: Grid3 = createGrid3(nx, ny, nz, [1e-3, 1e-3, 1e-3])
  const c = gridCentreM(grid)
  const sigma = new Float32Array(nx * ny * nz)
  forEachVoxel(grid, c, (v, x, y, z) => {
    sigma[v] =
      z < -9e-3
        ? ECT_PARAMS.corticalBone.sigma0SPerM
        : Math.hypot(x, y, z) <= 9e-3
          ? ECT_PARAMS.tumour.sigma0SPerM
          : ECT_PARAMS.muscle.sigma0SPerM
  })
  // The 2 × 3 array (10 mm × 8 mm here), 5 bases.
  const electrodes: ReturnType<typeof rasteriseNeedle>[] = []
  for (const y of [-4e-3, 4e-3]) {
    for (const x of [-8e-3, 0, 8e-3]) {
      const tip: [number, number, number] = [c[0] + x, c[1] + y, c[2] + 8e-3]
      electrodes.push(
        rasteriseNeedle(
          grid,
          { entryM: [tip[0], tip[1], 0], tipM: tip, activeLengthM: 18e-3, radiusM: 0.35e-3 },
          0,
        ),
      )
    }
  }
  return { grid, sigma, electrodes }
}

function expectSameBits(a: ElectrodeBases, b: ElectrodeBases): void {
  const arrays: [string, ArrayLike<number>, ArrayLike<number>][] = [
    ['field', a.field, b.field],
    ['conductance', a.conductanceS, b.conductanceS],
    ...a.phi.map((p, k): [string, ArrayLike<number>, ArrayLike<number>] => [`φ${k}`, p, b.phi[k]]),
  ]
  for (const [name, x, y] of arrays) {
    expect(y.length, name).toBe(x.length)
    let diff = 0
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) diff++
    expect(diff, `${name}: entries that differ`).toBe(0)
  }
  expect(b.iterations).toBe(a.iterations)
  expect(b.maxResidual).toBe(a.maxResidual)
  expect(b.reciprocityError).toBe(a.reciprocityError)
}

const P = problem(37, 33, 35)
let one: ElectrodeBases
let node1: NodeEfieldTeam
let node2: NodeEfieldTeam

beforeAll(async () => {
  one = solveElectrodeBases(P.grid, P.sigma, P.electrodes, { team: null })
  node1 = await startNodeEfieldTeam(1, { warmUp: false })
  node2 = await startNodeEfieldTeam(2, { warmUp: false })
}, 60_000)

afterAll(async () => {
  setDefaultEfieldTeam(null)
  await node1?.close()
  await node2?.close()
})

describe('splitBases', () => {
  it('deals B bases into contiguous ranges, the larger first, never an empty one', () => {
    expect(splitBases(5, 2)).toEqual([
      [0, 3],
      [3, 5],
    ])
    expect(splitBases(5, 3)).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ])
    expect(splitBases(6, 2)).toEqual([
      [0, 3],
      [3, 6],
    ])
    expect(splitBases(2, 4)).toEqual([
      [0, 1],
      [1, 2],
    ])
    expect(splitBases(1, 2)).toEqual([[0, 1]])
  })
})

describe('bases on helper threads (Node worker_threads)', () => {
  it('one helper: the same bits as one thread, on repeated runs and sizes; the helper solved its range', () => {
    const before = node1.team.helperJobs
    const two = solveElectrodeBases(P.grid, P.sigma, P.electrodes, { team: node1.team })
    expect(node1.team.isBroken).toBe(false)
    expect(node1.team.helperJobs).toBe(before + 1)
    expectSameBits(one, two)
    // Another size (new shared arrays), then this one again (the shared arrays of the last size are
    // rewritten in place): still the same bits.
    const other = problem(31, 35, 33)
    expectSameBits(
      solveElectrodeBases(other.grid, other.sigma, other.electrodes, { team: null }),
      solveElectrodeBases(other.grid, other.sigma, other.electrodes, { team: node1.team }),
    )
    expectSameBits(one, solveElectrodeBases(P.grid, P.sigma, P.electrodes, { team: node1.team }))
    expectSameBits(one, solveElectrodeBases(P.grid, P.sigma, P.electrodes, { team: node1.team }))
    expect(node1.team.helperJobs).toBe(before + 4)
    expect(node1.team.isBroken).toBe(false)
  })

  it('two helpers (ranges 2/2/1): the same bits, and again on a second run', () => {
    const before = node2.team.helperJobs
    for (let r = 0; r < 2; r++) {
      const three = solveElectrodeBases(P.grid, P.sigma, P.electrodes, { team: node2.team })
      expectSameBits(one, three)
    }
    expect(node2.team.isBroken).toBe(false)
    expect(node2.team.helperJobs).toBe(before + 4)
  })

  it('the default team is used from EFIELD_PARALLEL_MIN_CELLS cells on, never with a warm start', () => {
    setDefaultEfieldTeam(node1.team)
    try {
      expect(37 * 33 * 35).toBeGreaterThanOrEqual(EFIELD_PARALLEL_MIN_CELLS)
      let jobs = node1.team.helperJobs
      expectSameBits(one, solveElectrodeBases(P.grid, P.sigma, P.electrodes))
      expect(node1.team.helperJobs).toBe(jobs + 1)
      jobs = node1.team.helperJobs
      const warm = solveElectrodeBases(P.grid, P.sigma, P.electrodes, { initial: one.phi })
      expect(node1.team.helperJobs).toBe(jobs)
      expect(warm.maxResidual).toBeLessThan(1e-4)
      const small = problem(29, 27, 31)
      expect(29 * 27 * 31).toBeLessThan(EFIELD_PARALLEL_MIN_CELLS)
      solveElectrodeBases(small.grid, small.sigma, small.electrodes)
      expect(node1.team.helperJobs).toBe(jobs)
    } finally {
      setDefaultEfieldTeam(null)
    }
  })
})

describe('fallbacks to this thread', () => {
  /** A team whose "helper" is a port with the given behaviour. */
  const fakeTeam = (post: (m: EfieldSolveMessage) => void, timeoutMs = 5_000): EfieldTeam =>
    createEfieldTeam([{ postMessage: (m: unknown) => post(m as EfieldSolveMessage) }], timeoutMs)

  it('an in-thread helper (the message handler called directly) gives the same bits', () => {
    const team = fakeTeam((m) => handleEfieldThreadMessage(m))
    expectSameBits(one, solveElectrodeBases(P.grid, P.sigma, P.electrodes, { team }))
    expect(team.isBroken).toBe(false)
    expect(team.helperJobs).toBe(1)
  })

  it('a helper that never answers: timeout, same bits, the team is broken and not used again', () => {
    let posted = 0
    const team = fakeTeam(() => posted++, 200)
    const t0 = Date.now()
    expectSameBits(one, solveElectrodeBases(P.grid, P.sigma, P.electrodes, { team }))
    expect(Date.now() - t0).toBeLessThan(30_000)
    expect(team.isBroken).toBe(true)
    expect(team.failure).toMatch(/no answer from a helper thread/)
    expect(posted).toBe(1)
    expectSameBits(one, solveElectrodeBases(P.grid, P.sigma, P.electrodes, { team }))
    expect(posted).toBe(1)
  })

  it('a port that throws and a helper that reports a failure: same bits, team broken', () => {
    const throwing = fakeTeam(() => {
      throw new Error('port closed')
    })
    expectSameBits(one, solveElectrodeBases(P.grid, P.sigma, P.electrodes, { team: throwing }))
    expect(throwing.isBroken).toBe(true)
    expect(throwing.failure).toBe('port closed')
    const failing = fakeTeam((m) => {
      m.stats[0] = -1
      Atomics.add(m.sync, 0, 1)
    })
    expectSameBits(one, solveElectrodeBases(P.grid, P.sigma, P.electrodes, { team: failing }))
    expect(failing.isBroken).toBe(true)
    expect(failing.failure).toMatch(/failed/)
  })
})
