/**
 * Electric-field benchmarks (src/sim/efield): an ECT hexagonal array (6 needles on a 7.3 mm hexagon plus a
 * centre needle, 730 V per pair as in the ESOPE SOP, FACTS §4.1) in a 12 mm-radius tumour inside muscle,
 * on a 1 mm grid over a 60 mm cube (61³ voxels). Sequence: the 12 neighbouring pairs (6 rim + 6 spokes).
 * Full solves (linear and non-linear σ(E)) and the coarse drag preview (2× and 3×) per frame.
 */
import { ECT_PARAMS, type EctVoxelParams } from '../src/sim/efield/conductivity'
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

/** Moves needle `index` sideways by `offsetMm` (one frame of a drag). */
const dragged = (index: number, offsetMm: number): NeedleGeometry[] =>
  needles.map((nd, i) =>
    i === index
      ? {
          ...nd,
          entryM: [nd.entryM[0] + offsetMm * 1e-3, nd.entryM[1], nd.entryM[2]],
          tipM: [nd.tipM[0] + offsetMm * 1e-3, nd.tipM[1], nd.tipM[2]],
        }
      : nd,
  )

/**
 * A drag benchmark: each run is one frame in which the needle moves by one coarse voxel (the worst case:
 * every frame re-solves the needle's pairs; smaller steps that keep the coarse voxels cost nothing).
 */
function dragBench(name: string, factor: number, needleIndex: number) {
  let session: PreviewSession | null = null
  let frame = 0
  return {
    name,
    setup: () => {
      session = createPreviewSession(grid, ensure().sigma0, factor)
      previewTreatmentField(session, needles, pairs)
    },
    run: () => {
      frame++
      const r = previewTreatmentField(
        session!,
        dragged(needleIndex, factor * [0, 1, 0, -1][frame % 4]),
        pairs,
      )
      return `${r.solvedPairs} pairs re-solved, ${r.iterations} PCG iterations`
    },
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

const full = (nonlinear: boolean) => async () => {
  const { volume: v, plan: p } = ensureCase()
  const r = await simulateDevice(v, p, 'ect-1', { nonlinear })
  const d = r.detail as EctDetail
  const dims = d.roiDims?.join('×') ?? '?'
  return `ROI ${dims}, coverage ${d.coveragePct.toFixed(1)} %, ${d.pairs.reduce((s, q) => s + q.iterations, 0)} solves`
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
    name: 'efield: hexagonal array, 12-pair sequence, linear',
    setup: () => void ensure(),
    run: () => {
      treatmentField(grid, ensure(), electrodes(), pairs, { nonlinear: false })
    },
  },
  {
    name: 'efield: hexagonal array, 12-pair sequence, non-linear',
    // Slow (seconds to a minute): one run is enough to read the figure.
    runs: 1,
    setup: () => void ensure(),
    run: () => {
      const r = treatmentField(grid, ensure(), electrodes(), pairs)
      return `${r.pairs.reduce((s, p) => s + p.iterations, 0)} solves in total`
    },
  },
  {
    name: 'efield: hexagonal array, 12-pair sequence, non-linear, adaptive inner solves',
    // Slow (seconds): one run is enough to read the figure.
    runs: 1,
    setup: () => void ensure(),
    run: () => {
      const r = treatmentField(grid, ensure(), electrodes(), pairs, { adaptiveSolves: true })
      return `${r.pairs.reduce((s, p) => s + p.iterations, 0)} solves in total`
    },
  },
  {
    name: 'efield: hexagonal array, 12-pair sequence, linear, relTol 1e-4',
    setup: () => void ensure(),
    run: () => {
      treatmentField(grid, ensure(), electrodes(), pairs, {
        nonlinear: false,
        solver: { relTol: 1e-4 },
      })
    },
  },
  dragBench('efield preview 2× (31³): drag centre needle, per frame', 2, 0),
  dragBench('efield preview 3× (21³): drag centre needle, per frame', 3, 0),
  dragBench('efield preview 3× (21³): drag rim needle, per frame', 3, 1),
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
    name: 'ect: drag preview frame (whole set moved 3 mm, every pair re-solved)',
    setup: () => {
      const { volume: v, plan: p } = ensureCase()
      previewEct(v, p, p.devices[0], {})
    },
    run: () => {
      const { volume: v, plan: p } = ensureCase()
      frame++
      previewEct(v, p, shifted(p.devices[0] as DeviceOf<'ectElectrodeSet'>, 3 * (frame % 4)), {})
      const s = getEctPreview()
      return `${s?.solvedPairs ?? 0} pairs re-solved, coverage ≈ ${s?.coveragePct.toFixed(0) ?? '?'} %`
    },
  },
]
