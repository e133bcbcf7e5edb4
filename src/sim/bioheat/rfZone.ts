/**
 * RF zone sizes from the full RF model (`simulateRfAblation`: potential solve, σ(T), tip-temperature
 * control, roll-off, Pennes) for one probe on the axis of a uniform block: the Ω ≥ 1 length, diameter
 * and reach beyond the tip at several times of one run. Used to build the RF drag-preview table
 * (`previewTables.ts`) and by its test. Pure; sim metres.
 */
import { S } from '../../lib/anatomy'
import { createGrid3, type Grid3 } from '../grid/grid3'
import { ARRHENIUS_MIN_TEMP_C, ARRHENIUS_SETS, arrheniusRatePerS, OMEGA_COAGULATED } from './damage'
import type { ZoneSize } from './mwaZone'
import { simulateRfAblation } from './rfAblation'

/** The two RF probes of the app. */
export type RfVariant = 'cooledMonopolar' | 'bipolarBone'

/** One uniform-block RF run. */
export interface RfZoneRun {
  readonly variant: RfVariant
  /** Active tip length (monopolar) or electrode span (bipolar), m. */
  readonly activeLengthM: number
  /** Times at which the zone is measured, s (ascending; the run lasts until the last). */
  readonly timesS: readonly number[]
  /** Grid spacing, m (default 1.5 mm). */
  readonly spacingM?: number
  /** Tissue label of the block (default trabecular bone). */
  readonly label?: number
}

/**
 * Generator and probe of each variant at the app's defaults (src/plan/deviceDefaults.ts): cooled 17 G
 * monopolar at 90 °C ≤ 200 W (cool-tip style, FACTS §8.6); 11 G bipolar bone probe at 70 °C ≤ 20 W.
 */
export const RF_ZONE_DEFAULTS: Readonly<
  Record<RfVariant, { radiusM: number; targetTempC: number; maxPowerW: number }>
> = {
  cooledMonopolar: { radiusM: 0.00074, targetTempC: 90, maxPowerW: 200 },
  bipolarBone: { radiusM: 0.0015, targetTempC: 70, maxPowerW: 20 },
}

/** Zone of the run at each of `timesS` (Ω ≥ 1, liver Arrhenius set, as the app's default). */
export function simulateRfZones(run: RfZoneRun): ZoneSize[] {
  const h = run.spacingM ?? 0.0015
  const L = run.activeLengthM
  const half = 0.024
  const n = 2 * Math.round(half / h) + 1
  const below = 0.02
  const nz = Math.round((below + L + 0.025) / h) + 1
  const grid = createGrid3(n, n, nz, [h, h, h])
  const c = ((n - 1) / 2) * h
  const tipZ = below
  const labels = new Uint8Array(n * n * nz).fill(run.label ?? S.trabecularBone)
  const dflt = RF_ZONE_DEFAULTS[run.variant]
  const durationS = run.timesS[run.timesS.length - 1]
  const result = simulateRfAblation(
    {
      grid,
      labels,
      probes: [
        {
          tipM: [c, c, tipZ],
          entryM: [c, c, (nz - 1) * h + 0.1],
          radiusM: dflt.radiusM,
          kind: run.variant === 'bipolarBone' ? 'bipolar' : 'monopolar',
          activeLengthM: L,
        },
      ],
      generator: { mode: 'temperature', maxPowerW: dflt.maxPowerW, targetTempC: dflt.targetTempC },
    },
    { durationS, frameEveryS: 5 },
  )
  // Ω at each requested time from the temperature frames (trapezoid of the Arrhenius rate).
  const rate = (t: number): number =>
    t >= ARRHENIUS_MIN_TEMP_C ? arrheniusRatePerS(t, ARRHENIUS_SETS.liver) : 0
  const omega = new Float32Array(labels.length)
  const out: ZoneSize[] = []
  let next = 0
  const frames = result.frames
  for (let f = 1; f < frames.length && next < run.timesS.length; f++) {
    const a = frames[f - 1]
    const b = frames[f]
    const dt = b.timeS - a.timeS
    for (let q = 0; q < omega.length; q++) {
      const ta = a.tempC[q]
      const tb = b.tempC[q]
      if (ta < ARRHENIUS_MIN_TEMP_C && tb < ARRHENIUS_MIN_TEMP_C) continue
      omega[q] = omega[q] + 0.5 * dt * (rate(ta) + rate(tb))
    }
    while (next < run.timesS.length && b.timeS >= run.timesS[next] - 1e-6) {
      out.push(measureCentredZone(omega, grid, tipZ))
      next++
    }
  }
  return out
}

/**
 * Zone about the z axis through the block's centre column: axial extent over the half-plane, diameter as
 * twice the largest reach along +x, and reach beyond the tip (at `tipZ`); edges located between voxel
 * centres by log-linear interpolation of Ω, as `measureAxialZone` does.
 */
export function measureCentredZone(field: Float32Array, g: Grid3, tipZ: number): ZoneSize {
  const { nx, ny, nz } = g
  const h = g.spacingM[0]
  const ic = (nx - 1) / 2
  const jc = (ny - 1) / 2
  const at = (i: number, k: number): number => field[i + nx * (jc + ny * k)]
  const lnT = Math.log(OMEGA_COAGULATED)
  const cross = (a: number, b: number): number => {
    const la = Math.log(Math.max(a, 1e-30))
    const lb = Math.log(Math.max(b, 1e-30))
    return la === lb ? 0.5 : Math.min(1, Math.max(0, (la - lnT) / (la - lb)))
  }
  let count = 0
  for (let q = 0; q < field.length; q++) if (field[q] >= OMEGA_COAGULATED) count++
  const volumeM3 = count * h ** 3
  // Axial extent over every column of the half-plane (the axis columns hold the probe, which a cooled
  // or bipolar shaft keeps below the threshold).
  let zLo = Infinity
  let zHi = -Infinity
  for (let i = ic; i < nx - 1; i++) {
    let kLo = -1
    let kHi = -1
    for (let k = 1; k < nz - 1; k++) {
      if (at(i, k) >= OMEGA_COAGULATED) {
        if (kLo < 0) kLo = k
        kHi = k
      }
    }
    if (kLo < 0) continue
    zLo = Math.min(zLo, kLo - cross(at(i, kLo), at(i, kLo - 1)))
    zHi = Math.max(zHi, kHi + cross(at(i, kHi), at(i, kHi + 1)))
  }
  if (zLo === Infinity) return { lengthM: 0, diameterM: 0, distalM: 0, volumeM3 }
  const kLo = Math.floor(zLo)
  const kHi = Math.ceil(zHi)
  let reach = 0
  for (let k = Math.max(1, kLo); k <= Math.min(nz - 2, kHi); k++) {
    let last = -1
    for (let i = ic; i < nx - 1; i++) if (at(i, k) >= OMEGA_COAGULATED) last = i
    if (last < 0) continue
    reach = Math.max(reach, (last - ic + cross(at(last, k), at(last + 1, k))) * h)
  }
  return {
    lengthM: (zHi - zLo) * h,
    diameterM: 2 * reach,
    distalM: tipZ - zLo * h,
    volumeM3,
  }
}
