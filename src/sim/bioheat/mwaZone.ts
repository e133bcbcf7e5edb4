/**
 * Microwave ablation zone in a uniform liver block with the full Pennes model, and the zone measurement
 * used by the calibration (FACTS §8.6) and by `previewZone`'s table. The block is a quarter domain: the
 * antenna runs along +z on the line where two mirror planes meet, so one quarter of the voxels carries
 * the whole axisymmetric problem. Pure; SI.
 */
import { S } from '../../lib/anatomy'
import { createGrid3, type Grid3 } from '../grid/grid3'
import { OMEGA_COAGULATED } from './damage'
import type { AntennaPattern, AntennaType, MwFrequency } from './microwave'
import { createMicrowaveSource, type MicrowaveSource } from './mwDesiccation'
import { createBioheatState, stepBioheat, type BioheatState } from './pennes'
import { labelThermalTable, liverThermal } from './tissueProperties'

/** Inputs of a block run. */
export interface MwaBlockRun {
  readonly powerW: number
  readonly durationS: number
  readonly type: AntennaType
  readonly frequency: MwFrequency
  /** In vivo (perfused) or ex vivo liver. */
  readonly isPerfused: boolean
  /** Grid spacing, m (default 1 mm). */
  readonly spacingM?: number
  /** Absorbed fraction override (calibration). */
  readonly efficiency?: number
  /** Pattern override (calibration). */
  readonly pattern?: AntennaPattern
  /** Time integrator (default the solver's). */
  readonly integrator?: 'euler' | 'rkl2'
  /** Macro step, s (default 5). */
  readonly macroS?: number
  /** Near-field desiccation scale (default `MW_DESICCATION_SCALE.value`; 0: fixed source). */
  readonly desiccationScale?: number
  /** In-vivo liver perfusion override, s⁻¹ (default `LIVER_PERFUSION_PER_S.value`). */
  readonly perfusionPerS?: number
}

/** Size of an Ω ≥ 1 zone around an antenna axis. */
export interface ZoneSize {
  /** Long axis (along the antenna), m. */
  readonly lengthM: number
  /** Largest short-axis diameter, m. */
  readonly diameterM: number
  /** How far the zone reaches beyond the antenna tip, m. */
  readonly distalM: number
  /** Zone volume (voxel count × voxel volume, whole zone, not the quarter), m³. */
  readonly volumeM3: number
}

const RADIUS_M = 0.04
const BELOW_TIP_M = 0.035
const ABOVE_TIP_M = 0.065

/** Builds the quarter-domain liver block and its antenna source. */
export function createMwaBlock(run: MwaBlockRun): {
  state: BioheatState
  grid: Grid3
  source: MicrowaveSource
} {
  const h = run.spacingM ?? 0.001
  const nxy = Math.round(RADIUS_M / h) + 2
  const nz = Math.round((BELOW_TIP_M + ABOVE_TIP_M) / h) + 2
  const grid = createGrid3(nxy, nxy, nz, [h, h, h])
  const labels = new Uint8Array(nxy * nxy * nz).fill(S.liver)
  const state = createBioheatState({
    grid,
    labels,
    materials: labelThermalTable(
      {},
      new Map([
        [
          S.liver,
          {
            ...liverThermal(run.isPerfused),
            ...(run.isPerfused && run.perfusionPerS !== undefined
              ? { perfusionPerS: run.perfusionPerS }
              : {}),
          },
        ],
      ]),
    ),
    boundary: { xMin: { kind: 'adiabatic' }, yMin: { kind: 'adiabatic' } },
    ...(run.integrator ? { integrator: run.integrator } : {}),
  })
  const isFree = state.isFixed.map((f) => 1 - f)
  // Mirror planes sit on the faces at x = h/2 and y = h/2 (between the outer and first inner layer).
  const source = createMicrowaveSource(
    grid,
    {
      tipM: [h / 2, h / 2, BELOW_TIP_M + h],
      shaftDirection: [0, 0, 1],
      type: run.type,
      frequency: run.frequency,
      powerW: run.powerW,
      ...(run.efficiency !== undefined ? { efficiency: run.efficiency } : {}),
      ...(run.pattern !== undefined ? { pattern: run.pattern } : {}),
    },
    state.sourceWPerM3,
    {
      absorbing: isFree,
      domainFraction: 0.25,
      ...(run.desiccationScale !== undefined ? { desiccationScale: run.desiccationScale } : {}),
    },
  )
  return { state, grid, source }
}

/** Runs a block to `durationS` (macro steps of `macroS`, default 5 s) and measures its Ω ≥ 1 zone. */
export function simulateMwaZone(run: MwaBlockRun): ZoneSize {
  const { state, grid, source } = createMwaBlock(run)
  const nMacro = Math.max(1, Math.round(run.durationS / (run.macroS ?? 5)))
  const updateSource = (t: number, q: Float32Array): boolean =>
    source.update(t, state.damage.maxTempC, q)
  stepBioheat(state, { dtS: run.durationS / nMacro, updateSource }, nMacro)
  return measureAxialZone(state.damage.omega, grid, OMEGA_COAGULATED)
}

/**
 * Measures a zone around the z axis of a quarter domain (axis at x = y = h/2). The edge is located
 * between voxel centres by log-linear interpolation of Ω (which varies exponentially across the edge):
 * length on the voxel column next to the axis, diameter as twice the largest radial reach along x.
 */
export function measureAxialZone(field: Float32Array, g: Grid3, threshold: number): ZoneSize {
  const { nx, ny, nz } = g
  const [hx, , hz] = g.spacingM
  const at = (i: number, j: number, k: number): number => field[i + nx * (j + ny * k)]
  const lnT = Math.log(threshold)
  const cross = (a: number, b: number): number => {
    // Fraction from a (inside) to b (outside) where the field equals the threshold.
    const la = Math.log(Math.max(a, 1e-30))
    const lb = Math.log(Math.max(b, 1e-30))
    return la === lb ? 0.5 : Math.min(1, Math.max(0, (la - lnT) / (la - lb)))
  }
  let kLo = -1
  let kHi = -1
  for (let k = 1; k < nz - 1; k++) {
    if (at(1, 1, k) >= threshold) {
      if (kLo < 0) kLo = k
      kHi = k
    }
  }
  let count = 0
  for (let i = 0; i < field.length; i++) if (field[i] >= threshold) count++
  const volumeM3 = 4 * count * hx * g.spacingM[1] * hz
  if (kLo < 0) return { lengthM: 0, diameterM: 0, distalM: 0, volumeM3 }
  const zLo = kLo - cross(at(1, 1, kLo), at(1, 1, kLo - 1))
  const zHi = kHi + cross(at(1, 1, kHi), at(1, 1, kHi + 1))
  let reach = 0
  for (let k = kLo; k <= kHi; k++) {
    let last = 0
    for (let i = 1; i < nx - 1; i++) if (at(i, 1, k) >= threshold) last = i
    if (last === 0) continue
    const x = (last + cross(at(last, 1, k), at(last + 1, 1, k)) - 0.5) * hx
    reach = Math.max(reach, x)
  }
  const tipK = Math.round(BELOW_TIP_M / hz) + 1
  return { lengthM: (zHi - zLo) * hz, diameterM: 2 * reach, distalM: (tipK - zLo) * hz, volumeM3 }
}
