/**
 * The gel-phantom cryo experiment of Littrup 2009 (FACTS §1.4, §8.3–8.5) on the full cryo solver: probes
 * in a row along x in a 39 °C water-like gel, frozen for a set time, isotherms read along the line
 * through the probe axes in the mid-plane. Used by the validation tests, the calibration of
 * `CRYO_SURFACE_TEMP_C` and `previewZone`'s cryo table. Half-domains: mirror planes through the probe
 * axes (y) and through the middle of the freezing segments (z). Pure; SI.
 */
import { S } from '../../lib/anatomy'
import { createGrid3 } from '../grid/grid3'
import { CRYO_SURFACE_TEMP_C, createCryoState, stepCryo } from './cryo'
import {
  WATER_THERMAL,
  frozenThermal,
  labelThermalTable,
  type UncertainValue,
} from './tissueProperties'

/** Inputs of a phantom run. */
export interface CryoPhantomRun {
  readonly nProbes: number
  /** Probe outer radius, m (2.4 mm probe: 1.2e-3). */
  readonly probeRadiusM: number
  /** Centre-to-centre spacing of neighbouring probes, m. */
  readonly probeSpacingM?: number
  readonly durationS: number
  readonly surfaceC?: number
  /** Grid spacing, m (default 1.5 mm). */
  readonly spacingM?: number
  readonly phantomC?: number
}

/** Extents along the probe row (x) in the mid-plane of the isotherms of the lowest temperature reached. */
export interface CryoPhantomResult {
  /** Full extent of T_min ≤ 0 °C (visible ice), m. */
  readonly iceM: number
  /** Full extent of T_min ≤ −20 °C, m. */
  readonly lethal20M: number
  /** Full extent of T_min ≤ −30 °C (Littrup's "lethal ice"), m. */
  readonly lethal30M: number
  /** Full extent of T_min ≤ −40 °C, m. */
  readonly certain40M: number
  /** T_min (°C) outward from the last probe's axis along +x at 0, 1, 2 … mm (`PROFILE_STEP_M`). */
  readonly profileC: Float64Array
}

/** Sample step of `CryoPhantomResult.profileC`, m. */
export const PROFILE_STEP_M = 0.001
/** Number of samples of `CryoPhantomResult.profileC` (0 … 40 mm). */
export const PROFILE_SAMPLES = 41

/**
 * Length of the freezing segment of the phantom probes, m [G: not in FACTS; typical argon probes freeze
 * over 3–4 cm].
 */
export const PHANTOM_FREEZE_LENGTH_M: UncertainValue = {
  value: 0.04,
  min: 0.03,
  max: 0.05,
  tag: 'G',
  source: 'not in FACTS',
}

const MARGIN_M = 0.035

/** Runs the phantom and reads the isotherm extents. */
export function simulateCryoPhantom(run: CryoPhantomRun): CryoPhantomResult {
  const h = run.spacingM ?? 0.0015
  const spacing = run.probeSpacingM ?? 0.02
  const rowHalf = 0.5 * (run.nProbes - 1) * spacing
  const nx = 2 * Math.round((rowHalf + MARGIN_M) / h) + 3
  const ny = Math.round(MARGIN_M / h) + 2
  const halfLen = 0.5 * PHANTOM_FREEZE_LENGTH_M.value
  const nz = Math.round((halfLen + MARGIN_M) / h) + 2
  const grid = createGrid3(nx, ny, nz, [h, h, h])
  const labels = new Uint8Array(nx * ny * nz).fill(S.softTissue)
  // Gel freezes close to 0 °C: a 1 K mushy range instead of tissue's −8…−1 °C.
  const frozen = { ...frozenThermal(WATER_THERMAL), solidusC: -1, liquidusC: 0 }
  const xc = ((nx - 1) / 2) * h
  const probes = Array.from({ length: run.nProbes }, (_, p) => {
    const x = xc - rowHalf + p * spacing
    return {
      startM: [x, h / 2, h / 2 - h] as const,
      endM: [x, h / 2, h / 2 + halfLen] as const,
      radiusM: run.probeRadiusM,
    }
  })
  const phantomC = run.phantomC ?? 39
  const state = createCryoState({
    grid,
    labels,
    materials: labelThermalTable({}, new Map([[S.softTissue, WATER_THERMAL]])),
    frozen: new Map([[S.softTissue, frozen]]),
    arterialC: phantomC,
    initialTempC: phantomC,
    boundary: { yMin: { kind: 'adiabatic' }, zMin: { kind: 'adiabatic' } },
    probes,
    initialMode: { kind: 'freeze', tempC: run.surfaceC ?? CRYO_SURFACE_TEMP_C.value },
  })
  const nMacro = Math.max(1, Math.round(run.durationS / 15))
  stepCryo(state, { dtS: run.durationS / nMacro }, nMacro)
  const minT = state.arrays.minTempC
  const line = (i: number): number => minT[i + nx * (1 + ny * 1)]
  const extent = (thresholdC: number): number => {
    let lo = -1
    let hi = -1
    for (let i = 1; i < nx - 1; i++) {
      if (line(i) <= thresholdC) {
        if (lo < 0) lo = i
        hi = i
      }
    }
    if (lo < 0) return 0
    const frac = (a: number, b: number): number => (thresholdC - a) / (b - a)
    return (hi + frac(line(hi), line(hi + 1)) - (lo - frac(line(lo), line(lo - 1)))) * h
  }
  const xLast = xc + rowHalf
  const profileC = new Float64Array(PROFILE_SAMPLES)
  for (let r = 0; r < PROFILE_SAMPLES; r++) {
    const u = Math.min((xLast + r * PROFILE_STEP_M) / h, nx - 2)
    const i0 = Math.floor(u)
    profileC[r] = line(i0) + (u - i0) * (line(i0 + 1) - line(i0))
  }
  return {
    iceM: extent(0),
    lethal20M: extent(-20),
    lethal30M: extent(-30),
    certain40M: extent(-40),
    profileC,
  }
}
