/**
 * Bioheat benchmarks: a 10-minute microwave ablation on a 1 mm grid over an 80 mm cube, with the
 * optimised solver (src/sim/bioheat/pennes.ts) and with a straightforward reference implementation of the
 * same explicit scheme (naive loops, per-voxel property lookups, Float64, Math.exp dose), plus the preview.
 * Each run prints its time; the reference run also prints the speed-up and the largest temperature
 * difference between the two (float32 vs float64 arithmetic).
 */
import { S } from '../src/lib/anatomy'
import { createGrid3, type Grid3 } from '../src/sim/grid/grid3'
import {
  arrheniusRatePerS,
  cem43RateMinPerS,
  ARRHENIUS_MIN_TEMP_C,
  CEM43_MIN_TEMP_C,
} from '../src/sim/bioheat/damage'
import { fillMicrowaveSource } from '../src/sim/bioheat/microwave'
import { createBioheatState, stepBioheat } from '../src/sim/bioheat/pennes'
import { simulateRfAblation } from '../src/sim/bioheat/rfAblation'
import { previewMask, previewZone } from '../src/sim/bioheat/previewZone'
import {
  BLOOD,
  K_TEMP_COEFF_PER_K,
  K_TEMP_MAX_C,
  K_TEMP_REF_C,
  PERFUSION_SHUTDOWN_OMEGA,
  labelThermalTable,
  liverThermal,
} from '../src/sim/bioheat/tissueProperties'

const NEIGHBOURS = [
  [1, 0, 0],
  [-1, 0, 0],
  [0, 1, 0],
  [0, -1, 0],
  [0, 0, 1],
  [0, 0, -1],
] as const
const N = 80
const H = 0.001
const DURATION_S = 600
const MACRO_S = 10

interface Phantom {
  grid: Grid3
  labels: Uint8Array
  sourceWPerM3: Float32Array
  dtS: number
}

let phantom: Phantom | null = null
let optimisedMs = NaN
let optimisedCpuMs = NaN
let optimisedTemp: Float32Array | null = null
let optimisedCoagulated = 0
/** CPU time of each RKL2 run, for the speed-ups printed by the reference run. */
const rkl2CpuMs: [number, number][] = []

/** Muscle cube with a vertebral-body-like bone cylinder (cortical shell), a large vessel and an antenna. */
function buildPhantom(): Phantom {
  const grid = createGrid3(N, N, N, [H, H, H])
  const labels = new Uint8Array(N * N * N).fill(S.muscle)
  for (let k = 0; k < N; k++) {
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < N; i++) {
        const [x, y, z] = [(i - 40) * H, (j - 40) * H, (k - 40) * H]
        const r = Math.hypot(x, y)
        let lab: number = S.muscle
        if (r < 0.02 && Math.abs(z) < 0.03) lab = r > 0.018 ? S.corticalBone : S.trabecularBone
        if (Math.hypot(x - 0.03, y) < 0.006) lab = S.aorta
        labels[i + N * (j + N * k)] = lab
      }
    }
  }
  const s = createBioheatState({ grid, labels })
  fillMicrowaveSource(
    grid,
    {
      tipM: [0.04, 0.04, 0.025],
      shaftDirection: [0, 0, 1],
      type: 'dualSlot',
      frequency: '2450MHz',
      powerW: 60,
    },
    s.sourceWPerM3,
    labels,
    s.isFixed.map((f) => 1 - f),
  )
  return { grid, labels, sourceWPerM3: Float32Array.from(s.sourceWPerM3), dtS: s.dtStableS }
}

function optimisedRun(
  p: Phantom,
  integrator: 'euler' | 'rkl2' = 'euler',
  macroS = MACRO_S,
): {
  temp: Float32Array
  coagulated: number
} {
  const s = createBioheatState({ grid: p.grid, labels: p.labels, integrator })
  s.sourceWPerM3.set(p.sourceWPerM3)
  stepBioheat(s, { dtS: macroS }, DURATION_S / macroS)
  return { temp: s.tempC, coagulated: s.damage.omega.reduce((n, o) => n + (o >= 1 ? 1 : 0), 0) }
}

/**
 * The same scheme written the obvious way: per voxel, look up its own and its six neighbours' tissue
 * properties, form the harmonic means on the fly, branch on fixed nodes, exponentiate for the doses.
 */
function referenceRun(p: Phantom): Float64Array {
  const mats = labelThermalTable()
  const n = N * N * N
  let t = new Float64Array(n).fill(37)
  let tn = new Float64Array(n).fill(37)
  const omega = new Float64Array(n)
  const cem = new Float64Array(n)
  const beta = K_TEMP_COEFF_PER_K.value
  const idx = (i: number, j: number, k: number): number => i + N * (j + N * k)
  const isFixed = (i: number, j: number, k: number): boolean =>
    i === 0 ||
    j === 0 ||
    k === 0 ||
    i === N - 1 ||
    j === N - 1 ||
    k === N - 1 ||
    mats[p.labels[idx(i, j, k)]].behaviour === 'vessel'
  const kFace = (a: number, b: number, ta: number, tb: number): number => {
    const ka = mats[p.labels[a]].conductivityWPerMK
    const kb =
      mats[p.labels[b]].behaviour === 'vessel' ? 0.52 : mats[p.labels[b]].conductivityWPerMK
    const f = 1 + beta * (Math.min(0.5 * (ta + tb), K_TEMP_MAX_C) - K_TEMP_REF_C)
    return ((2 * ka * kb) / (ka + kb)) * f
  }
  const nSub = Math.max(1, Math.ceil(MACRO_S / p.dtS - 1e-9))
  const dt = MACRO_S / nSub
  for (let step = 0; step < (DURATION_S / MACRO_S) * nSub; step++) {
    for (let k = 0; k < N; k++) {
      for (let j = 0; j < N; j++) {
        for (let i = 0; i < N; i++) {
          const c = idx(i, j, k)
          if (isFixed(i, j, k)) {
            tn[c] = t[c]!
            continue
          }
          const m = mats[p.labels[c]]
          let flux = 0
          for (const [di, dj, dk] of NEIGHBOURS) {
            const o = idx(i + di, j + dj, k + dk)
            flux += (kFace(c, o, t[c], t[o]) / (H * H)) * (t[o] - t[c])
          }
          const perfusing = omega[c] < PERFUSION_SHUTDOWN_OMEGA.value
          const perf = perfusing
            ? m.perfusionPerS * BLOOD.densityKgPerM3 * BLOOD.specificHeatJPerKgK * (37 - t[c])
            : 0
          const next =
            t[c] +
            (dt * (flux + perf + p.sourceWPerM3[c])) / (m.densityKgPerM3 * m.specificHeatJPerKgK)
          tn[c] = next
          const mid = 0.5 * (t[c] + next)
          if (mid >= ARRHENIUS_MIN_TEMP_C) {
            omega[c] = omega[c] + dt * arrheniusRatePerS(Math.min(mid, 200))
          }
          if (mid >= CEM43_MIN_TEMP_C) cem[c] = cem[c] + dt * cem43RateMinPerS(Math.min(mid, 200))
        }
      }
    }
    const swap = t
    t = tn
    tn = swap
  }
  return t
}

/** Prepares the phantom once (not timed). */
export function setup(): void {
  phantom ??= buildPhantom()
}

export const benchmarks: Array<{ name: string; runs?: number; run: () => void | Promise<void> }> = [
  {
    name: 'pennes optimised: 10-min MWA, 80³ voxels at 1 mm',
    // Slow (seconds to a minute): one run is enough to read the figure.
    runs: 1,
    run: () => {
      setup()
      const t0 = performance.now()
      const c0 = process.cpuUsage()
      const r = optimisedRun(phantom!)
      optimisedMs = performance.now() - t0
      optimisedCpuMs = process.cpuUsage(c0).user / 1000
      optimisedTemp = r.temp
      optimisedCoagulated = r.coagulated
      console.log(
        `  optimised (Euler): ${optimisedMs.toFixed(0)} ms wall, ${optimisedCpuMs.toFixed(0)} ms CPU, Ω ≥ 1 in ${r.coagulated} voxels`,
      )
    },
  },
  ...[30, 120].map((macroS) => ({
    name: `pennes optimised, RKL2 super-steps of ${macroS} s: same run`,
    run: (): void => {
      setup()
      const t0 = performance.now()
      const c0 = process.cpuUsage()
      const r = optimisedRun(phantom!, 'rkl2', macroS)
      const ms = performance.now() - t0
      // CPU time of this process: on the shared machine wall time also measures the other jobs.
      const cpuMs = process.cpuUsage(c0).user / 1000
      rkl2CpuMs.push([macroS, cpuMs])
      let diff = 0
      if (optimisedTemp) {
        for (let i = 0; i < r.temp.length; i++) {
          diff = Math.max(diff, Math.abs(r.temp[i] - optimisedTemp[i]))
        }
      }
      console.log(
        `  RKL2 ${macroS} s: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (×${(optimisedMs / ms).toFixed(1)} vs Euler); ` +
          `Ω ≥ 1 in ${r.coagulated} voxels (Euler ${optimisedCoagulated}); max |ΔT| vs Euler ${diff.toFixed(2)} K`,
      )
    },
  })),
  {
    name: 'pennes reference (naive loops, per-voxel lookups): same run',
    // Slow (seconds to a minute): one run is enough to read the figure.
    runs: 1,
    run: () => {
      setup()
      const t0 = performance.now()
      const c0 = process.cpuUsage()
      const ref = referenceRun(phantom!)
      const refMs = performance.now() - t0
      const refCpuMs = process.cpuUsage(c0).user / 1000
      let diff = 0
      if (optimisedTemp) {
        for (let i = 0; i < ref.length; i++) {
          diff = Math.max(diff, Math.abs(ref[i] - optimisedTemp[i]))
        }
      }
      console.log(
        `  reference: ${refMs.toFixed(0)} ms wall, ${refCpuMs.toFixed(0)} ms CPU; Euler speed-up ×${(refCpuMs / optimisedCpuMs).toFixed(1)} (CPU); ` +
          `RKL2 speed-ups (CPU): ${rkl2CpuMs.map(([m, ms]) => `${m} s ×${(refCpuMs / ms).toFixed(1)}`).join(', ')}; max |ΔT| Euler vs reference ${diff.toExponential(2)} K`,
      )
    },
  },
  {
    name: 'RF: cooled 30 mm electrode, 12 min, liver block 60×60×90 mm at 2 mm',
    runs: 1,
    run: () => {
      const h = 0.002
      const nxy = 31
      const nz = 46
      const grid = createGrid3(nxy, nxy, nz, [h, h, h])
      const c0 = process.cpuUsage()
      const r = simulateRfAblation(
        {
          grid,
          labels: new Uint8Array(nxy * nxy * nz).fill(S.liver),
          materials: labelThermalTable({}, new Map([[S.liver, liverThermal(true)]])),
          probes: [
            {
              tipM: [0.03, 0.03, 0.03],
              entryM: [0.03, 0.03, 0.2],
              radiusM: 0.00074,
              kind: 'monopolar',
              activeLengthM: 0.03,
            },
          ],
          generator: { mode: 'temperature', maxPowerW: 200, targetTempC: 90 },
        },
        { durationS: 720 },
      )
      console.log(
        `  RF: ${(process.cpuUsage(c0).user / 1000).toFixed(0)} ms CPU, ${r.electricSolves} potential solves, ` +
          `${r.history.timeS.length} control steps`,
      )
    },
  },
  {
    name: 'previewZone: MWA ellipsoid + mask on 80³',
    run: () => {
      setup()
      const out = new Uint8Array(N * N * N)
      const z = previewZone({
        kind: 'mwa',
        type: 'dualSlot',
        frequency: '2450MHz',
        powerW: 70,
        durationS: 420,
        isPerfused: true,
        tipM: [0.04, 0.04, 0.025],
        shaftDirection: [0, 0, 1],
      })
      previewMask(phantom!.grid, z, -20, out)
    },
  },
  {
    name: 'previewZone: cryo 2 probes, −20 °C mask on 80³',
    run: () => {
      setup()
      const out = new Uint8Array(N * N * N)
      const z = previewZone({
        kind: 'cryo',
        durationS: 600,
        probes: [
          { startM: [0.03, 0.04, 0.02], endM: [0.03, 0.04, 0.06], radiusM: 0.0012 },
          { startM: [0.05, 0.04, 0.02], endM: [0.05, 0.04, 0.06], radiusM: 0.0012 },
        ],
      })
      previewMask(phantom!.grid, z, -20, out)
    },
  },
]
