/**
 * The bioheat benchmark problem of issue #7, shared by bench/bioheat.bench.ts (Node) and the sim worker's
 * benchmark hook (browser): a 10-minute 60 W dual-slot microwave ablation on a 1 mm grid over an 80 mm
 * cube of muscle holding a vertebral-body-like bone cylinder (cortical shell) and a 12 mm vessel. Pure.
 */
import { S } from '../../lib/anatomy'
import { createGrid3, type Grid3 } from '../grid/grid3'
import { fillMicrowaveSource } from './microwave'
import { createBioheatState, stepBioheat, type BioheatState } from './pennes'
import type { PennesTeam } from './pennesThreads'

/** Voxels per side, spacing (m) and duration (s) of the benchmark. */
export const MWA_CUBE_N = 80
export const MWA_CUBE_H_M = 0.001
export const MWA_CUBE_DURATION_S = 600

/** The benchmark's labels and source (built once, not timed). */
export interface MwaCube {
  readonly grid: Grid3
  readonly labels: Uint8Array
  readonly sourceWPerM3: Float32Array
  /** Stable Euler sub-step of the problem, s. */
  readonly dtStableS: number
}

/** Builds the cube: muscle, bone cylinder (r 20 mm, 60 mm long, 2 mm cortex), vessel, antenna. */
export function buildMwaCube(): MwaCube {
  const n = MWA_CUBE_N
  const h = MWA_CUBE_H_M
  const grid = createGrid3(n, n, n, [h, h, h])
  const labels = new Uint8Array(n * n * n).fill(S.muscle)
  const c = n / 2
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const [x, y, z] = [(i - c) * h, (j - c) * h, (k - c) * h]
        const r = Math.hypot(x, y)
        let lab: number = S.muscle
        if (r < 0.02 && Math.abs(z) < 0.03) lab = r > 0.018 ? S.corticalBone : S.trabecularBone
        if (Math.hypot(x - 0.03, y) < 0.006) lab = S.aorta
        labels[i + n * (j + n * k)] = lab
      }
    }
  }
  const s = createBioheatState({ grid, labels, parallel: null })
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
  return { grid, labels, sourceWPerM3: Float32Array.from(s.sourceWPerM3), dtStableS: s.dtStableS }
}

/** Settings of one benchmark run. */
export interface MwaCubeRun {
  readonly integrator: 'euler' | 'rkl2'
  /** Macro step, s (RKL2 super-step; Euler splits it into sub-steps at the bound). */
  readonly macroS: number
  /** Thread team, or null for one thread. */
  readonly parallel: PennesTeam | null
}

/** What a run leaves: the final state, the Ω ≥ 1 voxel count and where the time went. */
export interface MwaCubeResult {
  readonly state: BioheatState
  readonly coagulated: number
  /** Wall time of building the solver state (coefficients, stability bound, shared arrays), ms. */
  readonly createMs: number
  /** Wall time of the time stepping, ms. */
  readonly stepMs: number
}

/** Milliseconds from a monotonic clock where there is one (workers, Node), else the wall clock. */
const now = (): number =>
  (globalThis as { performance?: { now(): number } }).performance?.now() ?? Date.now()

/** Runs the 10-minute ablation on the cube (the part that is timed). */
export function runMwaCube(cube: MwaCube, run: MwaCubeRun): MwaCubeResult {
  const t0 = now()
  const s = createBioheatState({
    grid: cube.grid,
    labels: cube.labels,
    integrator: run.integrator,
    parallel: run.parallel,
  })
  s.sourceWPerM3.set(cube.sourceWPerM3)
  const t1 = now()
  stepBioheat(s, { dtS: run.macroS }, Math.round(MWA_CUBE_DURATION_S / run.macroS))
  const t2 = now()
  let coagulated = 0
  for (const o of s.damage.omega) if (o >= 1) coagulated++
  return { state: s, coagulated, createMs: t1 - t0, stepMs: t2 - t1 }
}

/** Largest |a − b| over all voxels. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]))
  return d
}

/** True when the two arrays hold the same bits (NaN-safe, −0 ≠ +0 is not a concern here). */
export function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
