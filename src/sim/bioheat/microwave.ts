/**
 * Microwave antenna heating pattern: an analytic, calibrated SAR distribution around the antenna axis,
 * written into a volumetric source array (W/m³) for the Pennes solver. Not a field solver: the pattern
 * is a cylindrically spreading, exponentially attenuated wave (radial factor e^(−2ρ/δ)/ρ) times an axial
 * profile (a Gaussian about the radiating section plus, for monopoles, a tail back along the shaft),
 * normalised so that the absorbed power is η·P. Shape parameters are fitted to published zone sizes
 * (`MWA_CALIBRATION`, FACTS §1.4 and §8.6); see README.md. Pure; sim metres.
 */
import { structureById } from '../../lib/anatomy'
import type { Vec3 } from '../../lib/vec3'
import type { Grid3 } from '../grid/grid3'
import {
  MW_DIELECTRIC_CONTRAST,
  MW_LIVER_ATTENUATION_NP_PER_M,
  MW_PROTECTION_REFRACTIVE_INDEX,
  MW_PROTECTION_RELATIVE_ATTENUATION,
  MW_REFRACTIVE_INDEX,
  MW_RELATIVE_ATTENUATION,
} from './mwDielectric'
import { PROTECTION_LABELS, type ProtectionMedium } from './protection'
import type { UncertainValue } from './tissueProperties'

/** Antenna designs with different axial patterns (FACTS §1.4, Brace lab PMC3721053). */
export type AntennaType = 'monopole' | 'dualSlot'

/** Operating frequencies (FACTS §1.4: 915 MHz–2.45 GHz). */
export type MwFrequency = '915MHz' | '2450MHz'

/** Shape of the SAR pattern of one antenna type. */
export interface AntennaPattern {
  /** Power decay length δ of e^(−2ρ/δ) radially, m. */
  readonly radialDecayM: number
  /** Gaussian half-width of the axial profile about the radiating section, m. */
  readonly axialSigmaM: number
  /** Distance of the radiating section behind the tip, m. */
  readonly feedOffsetM: number
  /** Relative height of the backward tail along the shaft (0: none). */
  readonly tailFraction: number
  /** Decay length of the tail along the shaft, m. */
  readonly tailLengthM: number
  /** Radius below which ρ is clamped (the antenna's outer radius), m. */
  readonly coreRadiusM: number
}

/**
 * Fitted patterns at 2.45 GHz (the calibration set of `MWA_CALIBRATION`). Fitting procedure and data:
 * README.md "Microwave calibration". [G]: these are effective parameters of this model, not measured
 * antenna properties.
 */
export const ANTENNA_PATTERNS_2450: Readonly<Record<AntennaType, AntennaPattern>> = {
  dualSlot: {
    radialDecayM: 0.008,
    axialSigmaM: 0.00764,
    feedOffsetM: 0.01,
    tailFraction: 0,
    tailLengthM: 0.015,
    coreRadiusM: 0.001,
  },
  monopole: {
    radialDecayM: 0.008,
    axialSigmaM: 0.0076,
    feedOffsetM: 0.01,
    tailFraction: 0.3,
    tailLengthM: 0.015,
    coreRadiusM: 0.001,
  },
}

/**
 * 915 MHz scaling of the 2.45 GHz pattern [G]: no zone data per frequency in FACTS. Lower frequency
 * penetrates deeper and the radiating section is longer (tissue wavelength ∝ 1/f); both are scaled by
 * `FREQ_915_SCALE` (range 1.2–2). Uncalibrated: shown as an uncertainty in the UI.
 */
export const FREQ_915_SCALE: UncertainValue = {
  value: 1.5,
  min: 1.2,
  max: 2,
  tag: 'G',
  source: 'not in FACTS; qualitative (FACTS §1.4 frequency range)',
}

/**
 * Fraction of the generator's forward power absorbed in tissue near the antenna (cable loss, reflection
 * and coolant carry the rest) [G]; fitted with the patterns (README.md) to FACTS §8.6 in vivo, with the
 * near-field desiccation of `mwDesiccation.ts` on and the in-vivo liver perfusion 1.2×10⁻² s⁻¹
 * (`LIVER_PERFUSION_PER_S`); it was 0.27 without desiccation at 6.4×10⁻³ s⁻¹.
 */
export const MWA_EFFICIENCY: UncertainValue = {
  value: 0.245,
  min: 0.15,
  max: 0.6,
  tag: 'G',
  source: 'fitted to FACTS §8.6 (80 W × 5 min → 44.8 × 31.2 mm)',
}

/**
 * SAR below this fraction of the peak is set to zero. At 10⁻⁴ the dropped tail carries under 1 % of the
 * power (it is renormalised onto the rest) and heats by less than 0.01 K/s.
 */
export const SAR_CUTOFF_REL = 1e-4

/** One antenna placement and setting. */
export interface MicrowaveAntenna {
  /** Distal tip, sim metres. */
  readonly tipM: Vec3
  /** Unit vector from the tip back along the shaft (towards the hub). */
  readonly shaftDirection: Vec3
  readonly type: AntennaType
  readonly frequency: MwFrequency
  /** Generator forward power, W. */
  readonly powerW: number
  /** Absorbed fraction; default `MWA_EFFICIENCY.value`. */
  readonly efficiency?: number
  /** Pattern override (calibration and uncertainty studies); default `antennaPattern(type, frequency)`. */
  readonly pattern?: AntennaPattern
  /** Scale of the tissue dielectric contrast; default `MW_DIELECTRIC_CONTRAST.value` (1). */
  readonly dielectricContrast?: number
}

/** Pattern of an antenna type at a frequency. */
export function antennaPattern(type: AntennaType, frequency: MwFrequency): AntennaPattern {
  const p = ANTENNA_PATTERNS_2450[type]
  if (frequency === '2450MHz') return p
  const s = FREQ_915_SCALE.value
  return {
    ...p,
    radialDecayM: p.radialDecayM * s,
    axialSigmaM: p.axialSigmaM * s,
    feedOffsetM: p.feedOffsetM * s,
  }
}

/** Unnormalised pattern value at radial distance ρ and axial position z (z > 0 towards the hub), m. */
export function patternShape(p: AntennaPattern, rhoM: number, zM: number): number {
  const rho = Math.max(rhoM, p.coreRadiusM)
  const radial = Math.exp((-2 * (rho - p.coreRadiusM)) / p.radialDecayM) / rho
  const dz = zM - p.feedOffsetM
  let axial = Math.exp(-(dz * dz) / (2 * p.axialSigmaM * p.axialSigmaM))
  if (dz > 0 && p.tailFraction > 0) {
    axial += p.tailFraction * Math.exp(-dz / p.tailLengthM) * (1 - axial)
  }
  return radial * axial
}

/**
 * Attenuation relative to liver per label id (0 where nothing absorbs), with the contrast scaled by `c`:
 * a = 1 + c·(a_tissue − 1), never below 0.
 */
export function relativeAttenuationByLabel(c = MW_DIELECTRIC_CONTRAST.value): Float64Array {
  const a = new Float64Array(256)
  for (let id = 0; id < 256; id++) {
    const t = MW_RELATIVE_ATTENUATION[structureById(id).tissue]
    a[id] = t === 0 ? 0 : Math.max(0, 1 + c * (t - 1))
  }
  // Saline, dextrose and CO₂ layers (`applyProtection`) use their own ids.
  for (const m of Object.keys(PROTECTION_LABELS) as ProtectionMedium[]) {
    const t = MW_PROTECTION_RELATIVE_ATTENUATION[m]
    a[PROTECTION_LABELS[m]] = t === 0 ? 0 : Math.max(0, 1 + c * (t - 1))
  }
  return a
}

/**
 * Writes the antenna's volumetric heat source into `out` (W/m³, overwritten), normalised on the grid so
 * that Σ Q·V = η·P·`domainFraction` over voxels where `absorbing` ≠ 0 (default all). `domainFraction` is
 * the share of the pattern the grid holds (¼ for a quarter domain cut by two mirror planes through the
 * axis). Returns the absorbed power in the grid, W.
 *
 * Without `labels` the medium is liver, the calibration medium: Q ∝ e^(−2(ρ − r₀)/δ)/ρ × axial. With
 * `labels`, each tissue's attenuation relative to liver, a (`MW_RELATIVE_ATTENUATION`, from its 2.45 GHz
 * dielectric properties), acts along the straight ray from the axis to the voxel: the decay exponent
 * gains 2 α_L ∫(a − 1) ds (α_L liver's physical attenuation) and the local deposition is a × (the power
 * flux there), so that along each ray the power a tissue does not absorb travels on (energy-conserving
 * to first order; reflection only at gas boundaries, no refraction). Low-loss bone and fat therefore
 * absorb less near the antenna and let more power reach further; in uniform liver (a = 1) the pattern is
 * the calibrated one exactly.
 */
export function fillMicrowaveSource(
  g: Grid3,
  antenna: MicrowaveAntenna,
  out: Float32Array,
  labels?: Uint8Array,
  absorbing?: Uint8Array,
  domainFraction = 1,
): number {
  const sum = microwaveSourceShape(g, antenna, out, labels, absorbing)
  const absorbedW = absorbedPowerW(antenna, domainFraction)
  const [sx, sy, sz] = g.spacingM
  const scale = sum > 0 ? absorbedW / (sum * sx * sy * sz) : 0
  for (let i = 0; i < out.length; i++) out[i] = out[i] * scale
  return absorbedW
}

/** Power the antenna deposits in the grid, W: P·η·`domainFraction`. */
export function absorbedPowerW(antenna: MicrowaveAntenna, domainFraction = 1): number {
  return antenna.powerW * (antenna.efficiency ?? MWA_EFFICIENCY.value) * domainFraction
}

/**
 * The unnormalised source shape of `fillMicrowaveSource` (pattern × tissue attenuation along the rays),
 * truncated below `SAR_CUTOFF_REL` of its peak, written into `out`; returns its sum over the grid.
 */
export function microwaveSourceShape(
  g: Grid3,
  antenna: MicrowaveAntenna,
  out: Float32Array,
  labels?: Uint8Array,
  absorbing?: Uint8Array,
): number {
  const p = antenna.pattern ?? antennaPattern(antenna.type, antenna.frequency)
  const [dx, dy, dz] = antenna.shaftDirection
  const [sx, sy, sz] = g.spacingM
  const att = relativeAttenuationByLabel(antenna.dielectricContrast)
  const { nx, ny, nz } = g
  const ray: RayMarch | null = labels
    ? {
        labels,
        att,
        index: refractiveIndexByLabel(),
        g,
        step: 0.5 * Math.min(sx, sy, sz),
        r0: p.coreRadiusM,
      }
    : null
  // Only voxels within ~8 decay lengths carry a source: beyond, e^(−16) of the peak is negligible.
  const reach = sourceReachM(p)
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const idx = i + nx * (j + ny * k)
        const rx = i * sx - antenna.tipM[0]
        const ry = j * sy - antenna.tipM[1]
        const rz = k * sz - antenna.tipM[2]
        const z = rx * dx + ry * dy + rz * dz
        const ux = rx - z * dx
        const uy = ry - z * dy
        const uz = rz - z * dz
        const rho = Math.hypot(ux, uy, uz)
        let v = 0
        if (rho < reach && Math.abs(z) < reach + p.feedOffsetM) {
          v = patternShape(p, rho, z)
          if (ray) {
            const fx = antenna.tipM[0] + z * dx
            const fy = antenna.tipM[1] + z * dy
            const fz = antenna.tipM[2] + z * dz
            v *= ray.att[ray.labels[idx]] * rayFactor(ray, fx, fy, fz, ux, uy, uz, rho)
          }
          if (absorbing && absorbing[idx] === 0) v = 0
        }
        out[idx] = v
      }
    }
  }
  // Truncate the far field below SAR_CUTOFF_REL of the peak (a compact source lets the solver skip the
  // quiet part of the grid); the caller normalises what remains to the absorbed power.
  let peak = 0
  for (let i = 0; i < out.length; i++) peak = Math.max(peak, out[i])
  const cut = peak * SAR_CUTOFF_REL
  let sum = 0
  for (let i = 0; i < out.length; i++) {
    if (out[i] < cut) out[i] = 0
    else sum += out[i]
  }
  return sum
}

/** Distance from the axis (and beyond the feed along it) outside which the pattern is zero, m. */
export function sourceReachM(p: AntennaPattern): number {
  return 8 * Math.max(p.radialDecayM, p.axialSigmaM, p.tailLengthM) + p.feedOffsetM
}

/** √εr per label id at 2.45 GHz (tissues and protection media). */
export function refractiveIndexByLabel(): Float64Array {
  const n = new Float64Array(256)
  for (let id = 0; id < 256; id++) n[id] = MW_REFRACTIVE_INDEX[structureById(id).tissue]
  for (const m of Object.keys(PROTECTION_LABELS) as ProtectionMedium[]) {
    n[PROTECTION_LABELS[m]] = MW_PROTECTION_REFRACTIVE_INDEX[m]
  }
  return n
}

/** What the ray march needs: labels, attenuation and √εr per label, the grid, sub-step, antenna radius. */
interface RayMarch {
  readonly labels: Uint8Array
  readonly att: Float64Array
  readonly index: Float64Array
  readonly g: Grid3
  readonly step: number
  readonly r0: number
}

/**
 * e^(−2 α_L ∫(a − 1) ds) along the ray from the antenna surface (r₀ from the axis point F, towards the
 * voxel at distance ρ along u/ρ): the factor by which the tissues' attenuation a(s) = α/α_L changes the
 * calibrated liver pattern. Only the physical wave attenuation differs between tissues (α_L = 47.9 Np/m,
 * `MW_LIVER_ATTENUATION_NP_PER_M`); the rest of the fitted decay (1/δ = 125 Np/m: near field, spreading
 * beyond 1/ρ) is taken as common to all media. Midpoint rule on equal sub-steps of at most `step`, the
 * label of the nearest voxel centre at each (exact in a uniform medium). Where the ray enters or leaves a
 * lossless medium (gas, CO₂: a = 0) the flux is multiplied by the normal-incidence transmission
 * 1 − ((n₁ − n₂)/(n₁ + n₂))² (n = √εr): a gas layer in muscle passes ≈ 18 % (two interfaces), instead
 * of letting the field through untouched. Other interfaces are not given a reflection (the staircase
 * boundaries of a voxel map would count them many times over on grazing rays).
 */
function rayFactor(
  r: RayMarch,
  fx: number,
  fy: number,
  fz: number,
  ux: number,
  uy: number,
  uz: number,
  rho: number,
): number {
  const len = rho - r.r0
  if (len <= 0) return 1
  const n = Math.ceil(len / r.step)
  const ds = len / n
  const { nx, ny, nz } = r.g
  const [sx, sy, sz] = r.g.spacingM
  // Position in voxel units, advanced by a constant increment per sub-step.
  const ex = ux / rho
  const ey = uy / rho
  const ez = uz / rho
  const t0 = r.r0 + 0.5 * ds
  let px = (fx + ex * t0) / sx
  let py = (fy + ey * t0) / sy
  let pz = (fz + ez * t0) / sz
  const qx = (ex * ds) / sx
  const qy = (ey * ds) / sy
  const qz = (ez * ds) / sz
  let excess = 0
  let transmitted = 1
  let prev = -1
  for (let m = 0; m < n; m++) {
    const i = Math.min(nx - 1, Math.max(0, Math.round(px)))
    const j = Math.min(ny - 1, Math.max(0, Math.round(py)))
    const k = Math.min(nz - 1, Math.max(0, Math.round(pz)))
    const lab = r.labels[i + nx * (j + ny * k)]
    const a = r.att[lab]
    if (prev >= 0 && lab !== prev && (a === 0) !== (r.att[prev] === 0)) {
      const g = (r.index[prev] - r.index[lab]) / (r.index[prev] + r.index[lab])
      transmitted *= 1 - g * g
    }
    prev = lab
    excess += a - 1
    px += qx
    py += qy
    pz += qz
  }
  return transmitted * Math.exp(-2 * MW_LIVER_ATTENUATION_NP_PER_M * excess * ds)
}

/** One published zone measurement used to fit or check the microwave patterns (FACTS §1.4, §8.6). */
export interface MwaCalibrationPoint {
  readonly source: string
  readonly type: AntennaType
  readonly powerW: number
  readonly durationS: number
  readonly isPerfused: boolean
  /** Long axis, m (when published). */
  readonly lengthM?: number
  /** Short-axis diameter, m (when published). */
  readonly diameterM?: number
  /** Diameter / length (when published). */
  readonly aspect?: number
  /** 'fit': used to set the pattern; 'check': predicted. */
  readonly role: 'fit' | 'check'
}

/**
 * The calibration data (all liver, 2.45 GHz assumed: FACTS gives no frequency for these series [G]).
 * The dual-slot pattern and `MWA_EFFICIENCY` are fitted to the absolute size; the monopole's axial width
 * and tail to its two aspect ratios. FACTS §8 asks for ±20–30 % agreement. Manufacturer power × time
 * charts are a gap (FACTS §7), so size versus power and time is only checked through these points.
 */
export const MWA_CALIBRATION: readonly MwaCalibrationPoint[] = [
  {
    source: 'PMC3438625 (FACTS §1.4, §8.6): perfused electrode, 80 W × 5 min, in vivo',
    type: 'dualSlot',
    powerW: 80,
    durationS: 300,
    isPerfused: true,
    lengthM: 0.0448,
    diameterM: 0.0312,
    role: 'fit',
  },
  {
    source: 'PMC3721053 (FACTS §1.4): dual-slot, 50 W × 5 min, ex vivo',
    type: 'dualSlot',
    powerW: 50,
    durationS: 300,
    isPerfused: false,
    aspect: 0.82,
    role: 'check',
  },
  {
    source: 'PMC3721053 (FACTS §1.4): dual-slot, 100 W × 5 min, in vivo',
    type: 'dualSlot',
    powerW: 100,
    durationS: 300,
    isPerfused: true,
    aspect: 0.63,
    role: 'check',
  },
  {
    source: 'PMC3721053 (FACTS §1.4): monopole, 50 W × 5 min, ex vivo',
    type: 'monopole',
    powerW: 50,
    durationS: 300,
    isPerfused: false,
    aspect: 0.63,
    role: 'fit',
  },
  {
    source: 'PMC3721053 (FACTS §1.4): monopole, 100 W × 5 min, in vivo',
    type: 'monopole',
    powerW: 100,
    durationS: 300,
    isPerfused: true,
    aspect: 0.53,
    role: 'fit',
  },
]
