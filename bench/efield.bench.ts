/**
 * Electric-field benchmarks (src/sim/efield), all on a 1 mm grid over a 60 mm cube (61³ voxels) with a
 * 12 mm-radius tumour inside muscle:
 * - the issue's 6-needle array: 2 rows × 3 needles, 10 mm apart, 1000 V per pair (1000 V/cm, ESOPE, FACTS
 *   §4.1), the 7 neighbouring pairs;
 * - the ECT hexagonal template: 6 needles on a 7.3 mm hexagon plus a centre needle, 730 V per pair, the 12
 *   neighbouring pairs (6 rim + 6 spokes).
 * Needles outside the active pair float (superposition, superposition.ts) unless a row says "tissue model".
 * Full fields (linear and non-linear σ(E)) and the coarse drag preview per frame. Each row's note gives the
 * process CPU time of the run and the load average (wall time is meaningless on a shared machine; take the
 * minimum of runs).
 */
import os from 'node:os'
import { ECT_PARAMS, type EctVoxelParams } from '../src/sim/efield/conductivity'
import { solveElectrodeBases, superposedTreatmentField } from '../src/sim/efield/superposition'
import {
  type ElectrodePair,
  pairsWithinDistance,
  solveElectroporation,
  treatmentField,
} from '../src/sim/efield/electroporation'
import { electricFieldMagnitude } from '../src/sim/efield/field'
import {
  type PreviewSession,
  createPreviewSession,
  previewTreatmentField,
} from '../src/sim/efield/preview'
import { type NeedleGeometry, rasteriseNeedle } from '../src/sim/efield/rasteriseNeedle'
import { solvePotential } from '../src/sim/efield/solvePotential'
import { type EfieldTeam, setDefaultEfieldTeam } from '../src/sim/efield/efieldThreads'
import { startNodeEfieldTeam } from '../src/workers/efieldPoolNode'
import { createGrid3 } from '../src/sim/grid/grid3'
import { generateCatalogVolume } from '../src/cases/catalog'
import { expertPlan } from '../src/cases/expert'
import { generateCase } from '../src/cases/library'
import { simulateDevice } from '../src/cases/simulate'
import type { EctDetail } from '../src/cases/simulate/ect'
import { previewEct } from '../src/cases/simulate/ect/preview'
import { getEctPreview } from '../src/cases/simulate/ect/previewStats'
import type { CtVolume } from '../src/cases/volume'
import type { DeviceOf, Plan } from '../src/plan'

const N = 61
const H = 1e-3
const grid = createGrid3(N, N, N, [H, H, H])
const CENTRE = 30e-3
const SPACING_M = 7.3e-3
const VOLTS = 730

function tissueParams(): EctVoxelParams {
  const n = N ** 3
  const p: EctVoxelParams = {
    sigma0: new Float32Array(n),
    sigma1: new Float32Array(n),
    reversibleVPerM: new Float32Array(n),
    irreversibleVPerM: new Float32Array(n),
  }
  for (let k = 0; k < N; k++) {
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < N; i++) {
        const v = i + N * (j + N * k)
        const t = Math.hypot(i - 30, j - 30, k - 30) <= 12 ? ECT_PARAMS.tumour : ECT_PARAMS.muscle
        p.sigma0[v] = t.sigma0SPerM
        p.sigma1[v] = t.sigma1SPerM
        p.reversibleVPerM[v] = t.reversibleVPerM
        p.irreversibleVPerM[v] = t.irreversibleVPerM
      }
    }
  }
  return p
}

const tips: Array<[number, number, number]> = [[CENTRE, CENTRE, 42e-3]]
for (let q = 0; q < 6; q++) {
  const a = (q * Math.PI) / 3
  tips.push([CENTRE + SPACING_M * Math.cos(a), CENTRE + SPACING_M * Math.sin(a), 42e-3])
}
const needles: NeedleGeometry[] = tips.map((t) => ({
  entryM: [t[0], t[1], 0],
  tipM: t,
  activeLengthM: 24e-3,
  radiusM: 0.35e-3,
}))
const pairs: ElectrodePair[] = pairsWithinDistance(tips, SPACING_M * 1.05, VOLTS)

/** The issue's 6-needle array: 2 × 3 needles 10 mm apart, centred on the tumour, 1000 V per pair. */
const tips6: Array<[number, number, number]> = []
for (const y of [-5e-3, 5e-3]) {
  for (const x of [-10e-3, 0, 10e-3]) tips6.push([CENTRE + x, CENTRE + y, 42e-3])
}
const needles6: NeedleGeometry[] = tips6.map((t) => ({
  entryM: [t[0], t[1], 0],
  tipM: t,
  activeLengthM: 24e-3,
  radiusM: 0.35e-3,
}))
const pairs6: ElectrodePair[] = pairsWithinDistance(tips6, 10.5e-3, 1000)
const electrodes6 = () => needles6.map((nd) => rasteriseNeedle(grid, nd, 0))
let bases6: ReturnType<typeof solveElectrodeBases> | null = null

/** The 1-minute load average (other processes on the machine inflate wall and even CPU time). */
const load = (): string => `load ${os.loadavg()[0].toFixed(1)}/${os.cpus().length} cores`

/**
 * Runs `fn` and prefixes its note with the process CPU time (user + system) of this run, the minimum over
 * the runs so far (the figure to quote on a shared machine) and the load average.
 */
const cpu = (fn: () => string | void): (() => string) => {
  let best = Infinity
  return () => {
    const c0 = process.cpuUsage()
    const note = fn()
    const c = process.cpuUsage(c0)
    const ms = (c.user + c.system) / 1000
    best = Math.min(best, ms)
    return `CPU ${ms.toFixed(0)} ms (min ${best.toFixed(0)}), ${load()}${note ? `; ${note}` : ''}`
  }
}

let params: EctVoxelParams | null = null
const ensure = (): EctVoxelParams => (params ??= tissueParams())
const electrodes = () => needles.map((nd) => rasteriseNeedle(grid, nd, 0))
const firstPair = () => {
  const e = electrodes()
  return [
    { ...e[0], potentialV: VOLTS },
    { ...e[1], potentialV: 0 },
  ]
}

/**
 * A drag benchmark: each run is one frame in which one needle (or the whole set) moves by one coarse voxel
 * (the worst case: every frame re-solves the bases; smaller steps that keep the coarse voxels cost nothing).
 */
function dragBench(
  name: string,
  factor: number,
  needleIndex: number | 'all',
  set: readonly NeedleGeometry[] = needles,
  seq: readonly ElectrodePair[] = pairs,
) {
  let session: PreviewSession | null = null
  let frame = 0
  const moved = (mm: number): NeedleGeometry[] =>
    set.map((nd, i) =>
      needleIndex === 'all' || i === needleIndex
        ? {
            ...nd,
            entryM: [nd.entryM[0] + mm * 1e-3, nd.entryM[1], nd.entryM[2]],
            tipM: [nd.tipM[0] + mm * 1e-3, nd.tipM[1], nd.tipM[2]],
          }
        : nd,
    )
  return {
    name,
    runs: 20,
    setup: () => {
      session = createPreviewSession(grid, ensure().sigma0, factor)
      previewTreatmentField(session, set, seq)
    },
    run: cpu(() => {
      frame++
      const r = previewTreatmentField(session!, moved(factor * [0, 1, 0, -1][frame % 4]), seq)
      return `${r.solvedBases} bases re-solved (${r.iterations} PCG iterations), ${r.solvedPairs} pairs combined`
    }),
  }
}

// The ECT procedure on the sacral-ala case (src/cases/simulate/ect): full simulation and a drag frame.
const ID = 'sacral-ala-ect'
let volume: CtVolume | null = null
let plan: Plan | null = null
const ensureCase = (): { volume: CtVolume; plan: Plan } => {
  volume ??= generateCatalogVolume(ID)
  plan ??= expertPlan(ID, generateCase(ID))
  return { volume, plan }
}

const shifted = (d: DeviceOf<'ectElectrodeSet'>, mm: number): DeviceOf<'ectElectrodeSet'> => {
  const sh = (p: readonly number[]): [number, number, number] => [p[0] + mm, p[1], p[2]]
  return {
    ...d,
    entryMm: sh(d.entryMm),
    tipMm: sh(d.tipMm),
    electrodes: d.electrodes.map((e) => ({ ...e, entryMm: sh(e.entryMm), tipMm: sh(e.tipMm) })),
  }
}

const full = (nonlinear: boolean) => {
  let best = Infinity
  return async (): Promise<string> => {
    const { volume: v, plan: p } = ensureCase()
    const c0 = process.cpuUsage()
    const r = await simulateDevice(v, p, 'ect-1', { nonlinear })
    const c = process.cpuUsage(c0)
    best = Math.min(best, (c.user + c.system) / 1000)
    const d = r.detail as EctDetail
    const dims = d.roiDims?.join('×') ?? '?'
    return `CPU min ${best.toFixed(0)} ms, ${load()}; ROI ${dims}, coverage ${d.coveragePct.toFixed(1)} %, ${d.pairs.reduce((s, q) => s + q.iterations, 0)} σ(E) solves`
  }
}

/** One helper thread (two threads in all), started by the first two-thread row's setup. */
let team: EfieldTeam | null = null
const ensureTeam = async (): Promise<EfieldTeam> => {
  team ??= (await startNodeEfieldTeam(1)).team
  return team
}

/**
 * A two-thread row: `fn` runs with the helper team as the default team (so the ECT procedure and
 * treatmentField use it as in the sim worker). The note adds the run's wall time, the process CPU time
 * (all threads) and where the coordinator's time went in the last basis solve.
 */
const twoThreads = (fn: () => string | Promise<string>): (() => Promise<string>) => {
  let bestWall = Infinity
  let bestCpu = Infinity
  return async () => {
    const t = await ensureTeam()
    setDefaultEfieldTeam(t)
    const c0 = process.cpuUsage()
    const w0 = performance.now()
    try {
      const note = await fn()
      const wall = performance.now() - w0
      const c = process.cpuUsage(c0)
      const ms = (c.user + c.system) / 1000
      bestWall = Math.min(bestWall, wall)
      bestCpu = Math.min(bestCpu, ms)
      const lt = t.lastTimings
      const split = lt
        ? `; coordinator: share ${lt.shareMs.toFixed(0)}, own range ${lt.ownMs.toFixed(0)}, wait ${lt.waitMs.toFixed(0)}, merge ${lt.mergeMs.toFixed(0)} ms`
        : ''
      const broken = t.isBroken ? ` TEAM BROKEN: ${t.failure}` : ''
      return `wall ${wall.toFixed(0)} ms (min ${bestWall.toFixed(0)}), CPU all threads ${ms.toFixed(0)} ms (min ${bestCpu.toFixed(0)}), ${load()}; ${note}${split}${broken}`
    } finally {
      setDefaultEfieldTeam(null)
    }
  }
}

let frame = 0
export const benchmarks = [
  {
    name: 'efield: one pair, linear (61³, MG-PCG to 1e-6, + |E|)',
    setup: () => void ensure(),
    run: () => {
      const problem = { grid, sigma: ensure().sigma0, electrodes: firstPair() }
      const sol = solvePotential(problem)
      electricFieldMagnitude(problem, sol.phi)
      return `${sol.iterations} PCG iterations, residual ${sol.residual.toExponential(1)}`
    },
  },
  {
    name: 'efield: one pair, non-linear σ(E) (ω 0.5, 1 % tolerance)',
    // Slow (seconds to a minute): one run is enough to read the figure.
    runs: 1,
    setup: () => void ensure(),
    run: () => {
      const r = solveElectroporation(grid, ensure(), firstPair())
      const i0 = r.baselineCurrentsA[0].toFixed(1)
      const i1 = r.currentsA[0].toFixed(1)
      return `${r.iterations} solves, ${r.linearIterations} PCG iterations, current ${i0} → ${i1} A`
    },
  },
  {
    name: 'efield: 6-needle 2×3 array (10 mm), 7 pairs, full field, linear (superposition)',
    setup: () => void ensure(),
    run: cpu(() => {
      const r = treatmentField(grid, ensure(), electrodes6(), pairs6, { nonlinear: false })
      return `${r.bases?.iterations ?? 0} PCG iterations over 5 bases, max |E| in tumour centre ${(r.eMaxVPerM[30 + 61 * (30 + 61 * 30)] / 100).toFixed(0)} V/cm`
    }),
  },
  {
    name: 'efield: 6-needle 2×3 array: bases only (assembly, hierarchy, 5-basis block solve, fields)',
    setup: () => void ensure(),
    run: cpu(() => {
      const b = solveElectrodeBases(grid, ensure().sigma0, electrodes6())
      return `${b.iterations} PCG iterations`
    }),
  },
  {
    name: 'efield: 6-needle 2×3 array, 7 pairs, full field, linear, TWO THREADS (bases 3 + 2)',
    setup: async () => {
      ensure()
      await ensureTeam()
    },
    run: twoThreads(() => {
      const r = treatmentField(grid, ensure(), electrodes6(), pairs6, { nonlinear: false })
      return `${r.bases?.iterations ?? 0} PCG iterations over 5 bases`
    }),
  },
  {
    name: 'efield: 6-needle 2×3 array: bases only, TWO THREADS',
    setup: async () => {
      ensure()
      await ensureTeam()
    },
    run: twoThreads(() => {
      const b = solveElectrodeBases(grid, ensure().sigma0, electrodes6())
      return `${b.iterations} PCG iterations`
    }),
  },
  {
    name: 'efield: 6-needle 2×3 array: combining 7 pairs (max over pairs)',
    setup: () => {
      bases6 = solveElectrodeBases(grid, ensure().sigma0, electrodes6())
    },
    run: cpu(() => {
      superposedTreatmentField(bases6!, pairs6)
    }),
  },
  {
    name: 'efield: 6-needle 2×3 array, 7 pairs, full field, non-linear σ(E) (adaptive solves)',
    runs: 1,
    setup: () => void ensure(),
    run: cpu(() => {
      const r = treatmentField(grid, ensure(), electrodes6(), pairs6, { adaptiveSolves: true })
      return `${r.pairs.reduce((s, p) => s + p.iterations, 0)} solves in total`
    }),
  },
  {
    name: 'efield: hexagonal 7-needle array, 12 pairs, linear (superposition)',
    setup: () => void ensure(),
    run: cpu(() => {
      const r = treatmentField(grid, ensure(), electrodes(), pairs, { nonlinear: false })
      return `${r.bases?.iterations ?? 0} PCG iterations over 6 bases`
    }),
  },
  {
    name: 'efield: hexagonal 7-needle array, 12 pairs, linear, TWO THREADS (bases 3 + 3)',
    setup: async () => {
      ensure()
      await ensureTeam()
    },
    run: twoThreads(() => {
      const r = treatmentField(grid, ensure(), electrodes(), pairs, { nonlinear: false })
      return `${r.bases?.iterations ?? 0} PCG iterations over 6 bases`
    }),
  },
  {
    name: 'efield: hexagonal 7-needle array, 12 pairs, linear, tissue model (12 solves, 1e-4)',
    runs: 2,
    setup: () => void ensure(),
    run: cpu(() => {
      treatmentField(grid, ensure(), electrodes(), pairs, {
        nonlinear: false,
        inactive: 'tissue',
        solver: { relTol: 1e-4 },
      })
    }),
  },
  {
    name: 'efield: hexagonal 7-needle array, 12 pairs, non-linear (adaptive solves)',
    // Slow (tens of seconds): one run is enough to read the figure.
    runs: 1,
    setup: () => void ensure(),
    run: cpu(() => {
      const r = treatmentField(grid, ensure(), electrodes(), pairs, { adaptiveSolves: true })
      return `${r.pairs.reduce((s, p) => s + p.iterations, 0)} solves in total`
    }),
  },
  dragBench(
    'efield preview 3× (21³), 6-needle array: one needle dragged, per frame',
    3,
    1,
    needles6,
    pairs6,
  ),
  dragBench(
    'efield preview 3× (21³), 6-needle array: whole set moved, per frame',
    3,
    'all',
    needles6,
    pairs6,
  ),
  dragBench(
    'efield preview 2× (31³), 6-needle array: one needle dragged, per frame',
    2,
    1,
    needles6,
    pairs6,
  ),
  dragBench('efield preview 3× (21³), hexagon: centre needle dragged, per frame', 3, 0),
  dragBench('efield preview 3× (21³), hexagon: whole set moved, per frame', 3, 'all'),
  {
    name: 'ect: sacral expert set, full simulation, non-linear σ(E)',
    runs: 1,
    setup: () => void ensureCase(),
    run: full(true),
  },
  {
    name: 'ect: sacral expert set, full simulation, linear',
    runs: 2,
    setup: () => void ensureCase(),
    run: full(false),
  },
  {
    name: 'ect: sacral expert set, full simulation, linear, TWO THREADS',
    runs: 3,
    setup: async () => {
      ensureCase()
      await ensureTeam()
    },
    run: twoThreads(async () => {
      const { volume: v, plan: p } = ensureCase()
      const r = await simulateDevice(v, p, 'ect-1', { nonlinear: false })
      return `coverage ${(r.detail as EctDetail).coveragePct.toFixed(1)} %`
    }),
  },
  {
    name: 'ect: drag preview frame (whole set moved 3 mm, every basis re-solved)',
    setup: () => {
      const { volume: v, plan: p } = ensureCase()
      previewEct(v, p, p.devices[0], {})
    },
    run: cpu(() => {
      const { volume: v, plan: p } = ensureCase()
      frame++
      previewEct(v, p, shifted(p.devices[0] as DeviceOf<'ectElectrodeSet'>, 3 * (frame % 4)), {})
      const s = getEctPreview()
      return `${s?.solvedPairs ?? 0} pairs combined, coverage ≈ ${s?.coveragePct.toFixed(0) ?? '?'} %`
    }),
  },
]
