/**
 * Near-field desiccation for the microwave source: as tissue near the antenna heats towards and past
 * 100 °C its water boils off and its dielectric loss falls, so it absorbs less of the field and more power
 * travels on to tissue further out. The per-voxel loss factor ℓ = α(T)/α(37 °C) multiplies each tissue's
 * relative attenuation `a` in the ray model of `microwave.ts` (the decay exponent gains
 * 2 α_L ∫ a (ℓ − 1) ds and the local deposition becomes a·ℓ × the flux); the whole source is then
 * renormalised to the antenna's absorbed power η·P, so the delivered power is conserved and what the
 * drying near field no longer absorbs is deposited further out. ℓ follows each voxel's PEAK temperature
 * (desiccation is irreversible: the vapour has left), with ε′(T) and σ(T) from the sigmoid model of
 * liver at 2.45 GHz (Yang et al., IEEE TBME 2007; used and extended by Ji & Brace, Phys Med Biol
 * 2011;56:5249) [U: not in FACTS, not re-read here]. Pure; SI.
 */
import type { Grid3 } from '../grid/grid3'
import {
  absorbedPowerW,
  antennaPattern,
  microwaveSourceShape,
  relativeAttenuationByLabel,
  type MicrowaveAntenna,
} from './microwave'
import { MW_LIVER_ATTENUATION_NP_PER_M, attenuationNpPerM } from './mwDielectric'
import type { UncertainValue } from './tissueProperties'

/**
 * Sigmoid fits of liver's 2.45 GHz dielectric properties against temperature (°C):
 *   εr(T) = e1·(1 − 1/(1 + exp(e2 − e3·T))) + e4,   σ(T) = s1·(1 − 1/(1 + exp(s2 − s3·T))) + s4.
 * εr falls from 47.5 at 37 °C to 22 at 100 °C and 11 at 120 °C; σ from 2.10 to 0.58 and 0.18 S/m
 * (Yang 2007 coefficients as quoted in Ji & Brace 2011 and later microwave-ablation models) [U].
 */
export const MW_DESICCATION_SIGMOID = {
  e1: 48.391,
  e2: 5.223,
  e3: 0.0548,
  e4: 1,
  s1: 2.173,
  s2: 5.951,
  s3: 0.0697,
  s4: 0,
} as const

/**
 * Scale of the desiccation drop: ℓ = 1 − s·(1 − ℓ_sigmoid). 1 = the liver sigmoid as published; bone and
 * muscle take the same relative drop [G] (no bone data); the temperature of the drop depends on the
 * heating rate and on how freely vapour escapes [U]. 0 switches desiccation off. Range 0.5–1.2.
 */
export const MW_DESICCATION_SCALE: UncertainValue = {
  value: 1,
  min: 0.5,
  max: 1.2,
  tag: 'U',
  source: 'not in FACTS: Yang 2007 / Ji & Brace 2011 sigmoid (liver, 2.45 GHz)',
}

/**
 * Interval between source updates, s: the source is recomputed from the peak temperatures before a macro
 * step once this much simulated time has passed since the last update, i.e. every macro step of the
 * caller's (5 s in the validation scenarios, 15 s in the app). Numerical choice: 5 vs 15 s changed the
 * 80 W × 5 min calibration zone by < 0.1 % (README).
 */
export const MW_DESICCATION_UPDATE_S = 5

/** Loss factors above this count as 1 (peak below ≈ 45 °C; < 1 % change in the local attenuation). */
const LOSS_IGNORED_ABOVE = 0.99

/** Smallest loss factor (a fully dried voxel still absorbs a little: εr → 1, σ → 0 is never reached). */
const MIN_LOSS = 0.02

const F_2450 = 2.45e9

/** ε′ and σ of liver at `tC` from the sigmoid fits. */
export function desiccationDielectric(tC: number): {
  relPermittivity: number
  conductivitySPerM: number
} {
  const c = MW_DESICCATION_SIGMOID
  return {
    relPermittivity: c.e1 * (1 - 1 / (1 + Math.exp(c.e2 - c.e3 * tC))) + c.e4,
    conductivitySPerM: c.s1 * (1 - 1 / (1 + Math.exp(c.s2 - c.s3 * tC))) + c.s4,
  }
}

const TABLE_LO_C = 37
const TABLE_STEP_C = 0.25
const TABLE_N = 1 + Math.round((200 - TABLE_LO_C) / TABLE_STEP_C)
/** α(T)/α(37 °C) at 0.25 °C steps from 37 to 200 °C. */
const LOSS_TABLE: Float64Array = (() => {
  const ref = attenuationNpPerM(desiccationDielectric(TABLE_LO_C), F_2450)
  const t = new Float64Array(TABLE_N)
  for (let n = 0; n < TABLE_N; n++) {
    const a = attenuationNpPerM(desiccationDielectric(TABLE_LO_C + n * TABLE_STEP_C), F_2450)
    t[n] = Math.min(1, a / ref)
  }
  return t
})()

/** Loss factor ℓ at a peak temperature (1 at or below 37 °C), with the drop scaled by `scale`. */
export function desiccationLossFactor(peakC: number, scale = MW_DESICCATION_SCALE.value): number {
  if (!(peakC > TABLE_LO_C) || scale === 0) return 1
  const x = Math.min(TABLE_N - 1, (peakC - TABLE_LO_C) / TABLE_STEP_C)
  const n = Math.min(TABLE_N - 2, Math.floor(x))
  const f = x - n
  const l = LOSS_TABLE[n] * (1 - f) + LOSS_TABLE[n + 1] * f
  return Math.max(MIN_LOSS, 1 - scale * (1 - l))
}

/** A microwave source that can follow the tissue's desiccation. */
export interface MicrowaveSource {
  /** Power deposited in the grid, W (fixed: η·P·domainFraction). */
  readonly absorbedW: number
  /**
   * Recomputes `out` (W/m³) from the voxels' peak temperatures when `timeS` is at least
   * `MW_DESICCATION_UPDATE_S` past the last update; returns true when it did. Fits
   * `BioheatStepParams.updateSource` (pass the state's `damage.maxTempC`).
   */
  readonly update: (timeS: number, peakC: Float32Array, out: Float32Array) => boolean
  /** Number of updates so far. */
  readonly updates: () => number
}

/** Options of {@link createMicrowaveSource}. */
export interface MicrowaveSourceOptions {
  readonly labels?: Uint8Array
  readonly absorbing?: Uint8Array
  readonly domainFraction?: number
  /** Desiccation drop scale (default `MW_DESICCATION_SCALE.value`; 0: a fixed source). */
  readonly desiccationScale?: number
  /** Update interval, s (default `MW_DESICCATION_UPDATE_S`). */
  readonly updateEveryS?: number
}

/**
 * Writes the antenna's source into `out` (as `fillMicrowaveSource`, the tissue at 37 °C) and returns an
 * updater that redistributes it as the near field dries (module doc). Without labels the medium is liver.
 * The voxels that carry a source are those of the undried pattern (its cut-off mask is kept).
 */
export function createMicrowaveSource(
  g: Grid3,
  antenna: MicrowaveAntenna,
  out: Float32Array,
  opts: MicrowaveSourceOptions = {},
): MicrowaveSource {
  const shape = new Float32Array(out.length)
  const sum0 = microwaveSourceShape(g, antenna, shape, opts.labels, opts.absorbing)
  const absorbedW = absorbedPowerW(antenna, opts.domainFraction ?? 1)
  const [sx, sy, sz] = g.spacingM
  const vol = sx * sy * sz
  const normalise = (sum: number, values: (i: number) => number): void => {
    const scale = sum > 0 ? absorbedW / (sum * vol) : 0
    for (let i = 0; i < out.length; i++) out[i] = values(i) * scale
  }
  normalise(sum0, (i) => shape[i])
  const scale = opts.desiccationScale ?? MW_DESICCATION_SCALE.value
  const every = opts.updateEveryS ?? MW_DESICCATION_UPDATE_S
  let last = 0
  let count = 0
  if (scale === 0 || sum0 === 0) {
    return { absorbedW, update: () => false, updates: () => 0 }
  }
  const sources: number[] = []
  for (let i = 0; i < shape.length; i++) if (shape[i] > 0) sources.push(i)
  const srcIdx = Int32Array.from(sources)
  const p = antenna.pattern ?? antennaPattern(antenna.type, antenna.frequency)
  const att = opts.labels
    ? relativeAttenuationByLabel(antenna.dielectricContrast)
    : new Float64Array(256).fill(1)
  const labels = opts.labels
  const loss = new Float32Array(out.length)
  const dyn = new Float32Array(srcIdx.length)
  const { nx, ny, nz } = g
  const [dx, dy, dz] = antenna.shaftDirection
  const [tx, ty, tz] = antenna.tipM
  const step = 0.5 * Math.min(sx, sy, sz)
  const update = (timeS: number, peakC: Float32Array, target: Float32Array): boolean => {
    if (timeS - last < every - 1e-9) return false
    last = timeS
    // Loss factors of the source region and the radius the drying has reached from the axis.
    let rDry = 0
    loss.fill(1)
    for (let i = 0; i < out.length; i++) {
      if (!(peakC[i] > TABLE_LO_C + 0.5)) continue
      const l = desiccationLossFactor(peakC[i], scale)
      // Below ~45 °C the loss changes by < 1 %: left at 1 so the march stops at the warm region's edge.
      if (l >= LOSS_IGNORED_ABOVE) continue
      loss[i] = l
      const x = (i % nx) * sx - tx
      const y = (Math.floor(i / nx) % ny) * sy - ty
      const z = Math.floor(i / (nx * ny)) * sz - tz
      const a = x * dx + y * dy + z * dz
      rDry = Math.max(rDry, Math.hypot(x - a * dx, y - a * dy, z - a * dz))
    }
    // The march samples the voxel nearest each point: allow half a voxel diagonal beyond rDry.
    const rStop = rDry + 0.87 * Math.max(sx, sy, sz)
    let sum = 0
    for (let s = 0; s < srcIdx.length; s++) {
      const i = srcIdx[s]
      const x = (i % nx) * sx - tx
      const y = (Math.floor(i / nx) % ny) * sy - ty
      const z = Math.floor(i / (nx * ny)) * sz - tz
      const a = x * dx + y * dy + z * dz
      const ux = x - a * dx
      const uy = y - a * dy
      const uz = z - a * dz
      const rho = Math.hypot(ux, uy, uz)
      let excess = 0
      const len = rho - p.coreRadiusM
      if (len > 0 && rDry > 0) {
        // Same sub-steps as the static march (microwave.ts rayFactor), stopped where drying ends.
        const n = Math.ceil(len / step)
        const ds = len / n
        const ex = ux / rho
        const ey = uy / rho
        const ez = uz / rho
        for (let m = 0; m < n; m++) {
          const t = p.coreRadiusM + (m + 0.5) * ds
          if (t > rStop) break
          const px = tx + a * dx + ex * t
          const py = ty + a * dy + ey * t
          const pz = tz + a * dz + ez * t
          const ii = Math.min(nx - 1, Math.max(0, Math.round(px / sx)))
          const jj = Math.min(ny - 1, Math.max(0, Math.round(py / sy)))
          const kk = Math.min(nz - 1, Math.max(0, Math.round(pz / sz)))
          const q = ii + nx * (jj + ny * kk)
          const lq = loss[q]
          if (lq !== 1) excess += att[labels ? labels[q] : 0] * (lq - 1) * ds
        }
      }
      const v = shape[i] * loss[i] * Math.exp(-2 * MW_LIVER_ATTENUATION_NP_PER_M * excess)
      dyn[s] = v
      sum += v
    }
    const k = sum > 0 ? absorbedW / (sum * vol) : 0
    target.fill(0)
    for (let s = 0; s < srcIdx.length; s++) target[srcIdx[s]] = dyn[s] * k
    count++
    return true
  }
  return { absorbedW, update, updates: () => count }
}
