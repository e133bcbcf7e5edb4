/**
 * Bioheat benchmarks (issue #7): a 10-minute microwave ablation on a 1 mm grid over an 80 mm cube
 * (src/sim/bioheat/pennesBenchmark.ts), in one run: forward Euler (the accuracy reference), the optimised
 * RKL2 solver at several super-steps on one thread, the chosen setting on a thread team, a straightforward
 * reference implementation of the same explicit scheme (naive loops, per-voxel property lookups, Float64,
 * Math.exp dose), the speed-ups, and the same run inside the app's sim worker in Chromium (needs a build:
 * BIOHEAT_DIST, default dist-bench, built when missing). Each line gives wall and CPU time
 * (`process.cpuUsage`: all threads of the process); on a shared machine compare CPU times, and wall times
 * only on a quiet one. BIOHEAT_REPEAT=3 repeats the chosen runs and reports the minimum.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import os from 'node:os'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/browser'
import { runBioheatInBrowser } from './bioheatBrowser'
import { S } from '../src/lib/anatomy'
import {
  arrheniusRatePerS,
  cem43RateMinPerS,
  ARRHENIUS_MIN_TEMP_C,
  CEM43_MIN_TEMP_C,
} from '../src/sim/bioheat/damage'
import {
  MWA_CUBE_DURATION_S,
  MWA_CUBE_N,
  buildMwaCube,
  maxAbsDiff,
  runMwaCube,
  sameValues,
  type MwaCube,
  type MwaCubeResult,
} from '../src/sim/bioheat/pennesBenchmark'
import { createGrid3 } from '../src/sim/grid/grid3'
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
import { teamHelperPlanes } from '../src/sim/bioheat/pennesThreads'
import { startNodePennesTeam, type NodePennesTeam } from '../src/workers/pennesPoolNode'

const NEIGHBOURS = [
  [1, 0, 0],
  [-1, 0, 0],
  [0, 1, 0],
  [0, -1, 0],
  [0, 0, 1],
  [0, 0, -1],
] as const
const N = MWA_CUBE_N
const H = 0.001
const DURATION_S = MWA_CUBE_DURATION_S
/** Euler macro step of the reference runs (split into sub-steps at the stability bound). */
const MACRO_S = 10
/** The chosen RKL2 super-step, s (README "Speed": accuracy against Euler). */
export const CHOSEN_MACRO_S = 120
/** Super-steps timed on one thread (the accuracy table). */
const MACROS_S = [30, 60, 120] as const
const REPEAT = Math.max(1, Number(process.env.BIOHEAT_REPEAT ?? 1))
const BROWSER_DIST = process.env.BIOHEAT_DIST ?? 'dist-bench'
const BROWSER_PORT = Number(process.env.BIOHEAT_PORT ?? 4391)

let theCube: MwaCube | null = null
const cube = (): MwaCube => (theCube ??= buildMwaCube())
let nodeTeam: NodePennesTeam | null = null

/** Timed figures of one run. */
interface Timed {
  wallMs: number
  cpuMs: number
  result: MwaCubeResult
}
let euler: Timed | null = null
const single = new Map<number, Timed>()
let team: Timed | null = null

/** Runs `f` REPEAT times (or once) and keeps the fastest (wall) run. */
function timed(f: () => MwaCubeResult, repeat = 1): Timed {
  let best: Timed | null = null
  for (let r = 0; r < repeat; r++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    const result = f()
    const t: Timed = {
      wallMs: performance.now() - t0,
      cpuMs: (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1000,
      result,
    }
    if (!best || t.wallMs < best.wallMs) best = t
  }
  return best!
}

const fmt = (t: Timed): string =>
  `${t.wallMs.toFixed(0)} ms wall, ${t.cpuMs.toFixed(0)} ms CPU ` +
  `(state ${t.result.createMs.toFixed(0)} ms + stepping ${t.result.stepMs.toFixed(0)} ms wall)`
const load = (): string =>
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`

/** Zone and temperature differences against the Euler run. */
function accuracy(r: MwaCubeResult): string {
  if (!euler) return 'no Euler run to compare with'
  const e = euler.result
  const dV = (100 * (r.coagulated - e.coagulated)) / e.coagulated
  let dCool = 0
  const te = e.state.tempC
  const tr = r.state.tempC
  for (let i = 0; i < te.length; i++) {
    if (te[i] < 60) dCool = Math.max(dCool, Math.abs(te[i] - tr[i]))
  }
  return (
    `Ω ≥ 1 in ${r.coagulated} voxels (${dV >= 0 ? '+' : ''}${dV.toFixed(2)} % vs Euler), ` +
    `max |ΔT| vs Euler ${maxAbsDiff(te, tr).toFixed(2)} K (${dCool.toFixed(2)} K where T < 60 °C)`
  )
}

/**
 * The same scheme written the obvious way: per voxel, look up its own and its six neighbours' tissue
 * properties, form the harmonic means on the fly, branch on fixed nodes, exponentiate for the doses.
 */
function referenceRun(p: MwaCube): Float64Array {
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
  const nSub = Math.max(1, Math.ceil(MACRO_S / p.dtStableS - 1e-9))
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

/** Newest modification time of the files under `dir`, ms. */
function newestMtimeMs(dir: string): number {
  let t = 0
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) t = Math.max(t, statSync(`${f.parentPath}/${f.name}`).mtimeMs)
  }
  return t
}

/** Builds the browser bundle when it is missing or older than the sources (the browser entry needs it). */
function ensureBuild(): void {
  const index = `${BROWSER_DIST}/index.html`
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtimeMs('src')) return
  console.log(`  building the app into ${BROWSER_DIST} …`)
  execFileSync('npx', ['vite', 'build', '--outDir', BROWSER_DIST], { stdio: 'ignore' })
}

/** Starts `vite preview` of the build (cross-origin isolated) and resolves when it answers. */
async function startPreview(): Promise<ChildProcess> {
  const p = spawn(
    'npx',
    [
      'vite',
      'preview',
      '--port',
      String(BROWSER_PORT),
      '--strictPort',
      '--host',
      '127.0.0.1',
      '--outDir',
      BROWSER_DIST,
    ],
    { stdio: 'ignore', detached: true },
  )
  for (let i = 0; i < 120; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${BROWSER_PORT}/`)
      if (r.ok) return p
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error('vite preview did not start')
}

export const benchmarks: Array<{ name: string; runs?: number; run: () => void | Promise<void> }> = [
  {
    name: 'pennes Euler (accuracy reference): 10-min MWA, 80³ voxels at 1 mm',
    runs: 1,
    run: () => {
      euler = timed(() =>
        runMwaCube(cube(), { integrator: 'euler', macroS: MACRO_S, parallel: null }),
      )
      console.log(
        `  Euler: ${fmt(euler)}, Ω ≥ 1 in ${euler.result.coagulated} voxels, ${euler.result.state.steps} sweeps`,
      )
    },
  },
  ...MACROS_S.map((macroS) => ({
    name: `pennes RKL2 ${macroS} s super-steps, one thread: same run`,
    runs: 1,
    run: (): void => {
      const repeat = macroS === CHOSEN_MACRO_S ? REPEAT : 1
      const t = timed(
        () => runMwaCube(cube(), { integrator: 'rkl2', macroS, parallel: null }),
        repeat,
      )
      single.set(macroS, t)
      console.log(
        `  RKL2 ${macroS} s, 1 thread: ${fmt(t)}, ${t.result.state.steps} sweeps; ${accuracy(t.result)}; ${load()}`,
      )
    },
  })),
  {
    name: `pennes RKL2 ${CHOSEN_MACRO_S} s super-steps, thread team: same run`,
    runs: 1,
    run: async (): Promise<void> => {
      nodeTeam ??= await startNodePennesTeam()
      const par = nodeTeam.team
      const helped0 = teamHelperPlanes(par)
      team = timed(
        () => runMwaCube(cube(), { integrator: 'rkl2', macroS: CHOSEN_MACRO_S, parallel: par }),
        REPEAT,
      )
      const planes = team.result.state.steps * (N - 2) * REPEAT
      const share = (100 * (teamHelperPlanes(par) - helped0)) / planes
      const one = single.get(CHOSEN_MACRO_S)
      const same =
        one !== undefined &&
        sameValues(one.result.state.tempC, team.result.state.tempC) &&
        sameValues(one.result.state.damage.omega, team.result.state.damage.omega)
      console.log(
        `  RKL2 ${CHOSEN_MACRO_S} s, ${par.ports.length + 1} threads (${os.availableParallelism()} cores): ${fmt(team)}` +
          `${one ? ` (×${(one.wallMs / team.wallMs).toFixed(2)} wall vs 1 thread)` : ''}; ` +
          `bit-identical to 1 thread: ${one ? same : 'not compared'}; helpers swept ${share.toFixed(0)} % of the planes; ` +
          `${load()}${par.isBroken ? `; TEAM FAILED: ${par.failure}` : ''}`,
      )
    },
  },
  {
    name: 'pennes reference (naive loops, per-voxel lookups): same run',
    // Slow (about a minute): one run is enough to read the figure.
    runs: 1,
    run: () => {
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      const ref = referenceRun(cube())
      const refMs = performance.now() - t0
      const refCpuMs = (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1000
      const eulerT = euler?.result.state.tempC
      const vs = (t: Timed | null | undefined, what: string): string =>
        t
          ? `${what} ×${(refMs / t.wallMs).toFixed(1)} wall, ×${(refCpuMs / t.cpuMs).toFixed(1)} CPU`
          : `${what} not run`
      console.log(
        `  reference: ${refMs.toFixed(0)} ms wall, ${refCpuMs.toFixed(0)} ms CPU; speed-ups: ` +
          [
            vs(euler, 'Euler'),
            ...MACROS_S.map((m) => vs(single.get(m), `RKL2 ${m} s 1 thread`)),
            vs(team, `RKL2 ${CHOSEN_MACRO_S} s team`),
          ].join('; ') +
          `; max |ΔT| Euler vs reference ${eulerT ? maxAbsDiff(ref, eulerT).toExponential(2) : '—'} K`,
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
      previewMask(cube().grid, z, -20, out)
    },
  },
  {
    name: 'previewZone: cryo 2 probes, −20 °C mask on 80³',
    run: () => {
      const out = new Uint8Array(N * N * N)
      const z = previewZone({
        kind: 'cryo',
        durationS: 600,
        probes: [
          { startM: [0.03, 0.04, 0.02], endM: [0.03, 0.04, 0.06], radiusM: 0.0012 },
          { startM: [0.05, 0.04, 0.02], endM: [0.05, 0.04, 0.06], radiusM: 0.0012 },
        ],
      })
      previewMask(cube().grid, z, -20, out)
    },
  },
  {
    name: 'pennes in the browser: the same run in the app sim worker (Chromium)',
    runs: 1,
    run: async () => {
      ensureBuild()
      // Imported here, last: loading playwright-core makes V8 assume that array buffers can be detached,
      // which slows typed-array loops for the rest of the process (measured ×1.3–1.6 on the kernels).
      const { chromium } = await import('playwright-core')
      const preview = await startPreview()
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
      try {
        const page = await browser.newPage()
        const r = await runBioheatInBrowser(
          page,
          `http://127.0.0.1:${BROWSER_PORT}`,
          BROWSER_DIST,
          CHOSEN_MACRO_S,
          REPEAT,
        )
        const best = Math.min(...r.teamMs)
        const at = r.teamMs.indexOf(best)
        const ms = (xs: readonly number[]): string => xs.map((m) => m.toFixed(0)).join(' / ')
        console.log(
          `  browser sim worker, RKL2 ${CHOSEN_MACRO_S} s: ${r.threads} threads ${ms(r.teamMs)} ms ` +
            `(best ${best.toFixed(0)} ms: state ${r.teamCreateMs[at]?.toFixed(0)} + stepping ${r.teamStepMs[at]?.toFixed(0)} ms; ` +
            `helpers swept ${(100 * r.helperShare).toFixed(0)} % of the planes), 1 thread ${r.singleMs.toFixed(0)} ms ` +
            `(state ${r.singleCreateMs.toFixed(0)} ms); bit-identical ${r.identical}; ` +
            `Ω ≥ 1 in ${r.coagulatedTeam} voxels; isolated ${r.crossOriginIsolated}, ${r.hardwareConcurrency} logical cores` +
            `${r.error ? `; ERROR ${r.error}` : ''}${r.teamFailure ? `; TEAM FAILED ${r.teamFailure}` : ''}; ${load()}`,
        )
      } finally {
        await browser.close()
        if (preview.pid) process.kill(-preview.pid)
      }
    },
  },
]
