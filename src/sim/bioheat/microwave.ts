/**
 * Microwave antenna heating pattern: an analytic, calibrated SAR distribution around the antenna axis,
 * written into a volumetric source array (W/m³) for the Pennes solver. Not a field solver: the pattern
 * is a cylindrically spreading, exponentially attenuated wave (radial factor e^(−2ρ/δ)/ρ) times an axial
 * profile (a Gaussian about the radiating section plus, for monopoles, a tail back along the shaft),
 * normalised so that the absorbed power is η·P. Shape parameters are fitted to published zone sizes
 * (`MWA_CALIBRATION`, FACTS §1.4 and §8.6); see README.md. Pure; sim metres.
 */
import type { TissueClass } from '../../lib/anatomy'
import { structureById } from '../../lib/anatomy'
import type { Vec3 } from '../../lib/vec3'
import type { Grid3 } from '../grid/grid3'
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
 * and coolant carry the rest) [G]; fitted with the patterns (README.md).
 */
export const MWA_EFFICIENCY: UncertainValue = {
  value: 0.27,
  min: 0.15,
  max: 0.6,
  tag: 'G',
  source: 'fitted to FACTS §8.6 (80 W × 5 min → 44.8 × 31.2 mm)',
}

/**
 * Relative microwave absorption per tissue class (conductivity at 2.45 GHz relative to liver, Gabriel
 * 1996 / IT'IS, not in FACTS [U]). Bone and fat absorb far less than soft tissue; the SAR is weighted
 * locally, a first-order approximation that ignores field redistribution.
 */
export const MW_RELATIVE_ABSORPTION: Readonly<Record<TissueClass, number>> = {
  air: 0,
  gas: 0,
  skin: 0.85,
  fat: 0.1,
  muscle: 1,
  corticalBone: 0.25,
  trabecularBone: 0.45,
  disc: 1,
  csf: 1.5,
  nerve: 0.65,
  blood: 1.5,
  softTissue: 1,
  lung: 0.5,
  tumour: 1,
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
 * Writes the antenna's volumetric heat source into `out` (W/m³, overwritten), normalised on the grid so
 * that Σ Q·V = η·P·`domainFraction` over voxels where `absorbing` ≠ 0 (default all). `domainFraction` is
 * the share of the pattern the grid holds (¼ for a quarter domain cut by two mirror planes through the
 * axis). `labels` (optional) weights the SAR by `MW_RELATIVE_ABSORPTION` before normalising. Returns the
 * absorbed power in the grid, W.
 */
export function fillMicrowaveSource(
  g: Grid3,
  antenna: MicrowaveAntenna,
  out: Float32Array,
  labels?: Uint8Array,
  absorbing?: Uint8Array,
  domainFraction = 1,
): number {
  const p = antenna.pattern ?? antennaPattern(antenna.type, antenna.frequency)
  const [dx, dy, dz] = antenna.shaftDirection
  const [sx, sy, sz] = g.spacingM
  const weight = new Float64Array(256)
  for (let id = 0; id < 256; id++) weight[id] = MW_RELATIVE_ABSORPTION[structureById(id).tissue]
  // Only voxels within ~8 decay lengths carry a source: beyond, e^(−16) of the peak is negligible.
  const reach = 8 * Math.max(p.radialDecayM, p.axialSigmaM, p.tailLengthM) + p.feedOffsetM
  let sum = 0
  for (let k = 0; k < g.nz; k++) {
    for (let j = 0; j < g.ny; j++) {
      for (let i = 0; i < g.nx; i++) {
        const idx = i + g.nx * (j + g.ny * k)
        const rx = i * sx - antenna.tipM[0]
        const ry = j * sy - antenna.tipM[1]
        const rz = k * sz - antenna.tipM[2]
        const z = rx * dx + ry * dy + rz * dz
        const rho = Math.hypot(rx - z * dx, ry - z * dy, rz - z * dz)
        let v = 0
        if (rho < reach && Math.abs(z) < reach + p.feedOffsetM) {
          v = patternShape(p, rho, z)
          if (labels) v *= weight[labels[idx]]
          if (absorbing && absorbing[idx] === 0) v = 0
        }
        out[idx] = v
        sum += v
      }
    }
  }
  // Truncate the far field below SAR_CUTOFF_REL of the peak (a compact source lets the solver skip the
  // quiet part of the grid), then normalise what remains to the absorbed power.
  let peak = 0
  for (let i = 0; i < out.length; i++) peak = Math.max(peak, out[i])
  const cut = peak * SAR_CUTOFF_REL
  sum = 0
  for (let i = 0; i < out.length; i++) {
    if (out[i] < cut) out[i] = 0
    else sum += out[i]
  }
  const absorbedW = antenna.powerW * (antenna.efficiency ?? MWA_EFFICIENCY.value) * domainFraction
  const scale = sum > 0 ? absorbedW / (sum * sx * sy * sz) : 0
  for (let i = 0; i < out.length; i++) out[i] = out[i] * scale
  return absorbedW
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
