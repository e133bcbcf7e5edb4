/**
 * Spherical-bowl HIFU transducer (optionally with a central hole and phased-array electronic steering)
 * and its discretisation into small surface elements for the Rayleigh integral. Sim space: metres,
 * the same frame as the field grid. Pure.
 */
import { cross, dot, normalize, sub, type Vec3 } from '../../lib/vec3'
import { WATER, impedanceRayl, type AcousticMedium } from './acousticMedia'

/** A spherically focused bowl transducer placed in sim space. */
export interface BowlTransducer {
  /** Driving frequency, Hz (clinical bone systems: 0.5–1.5 MHz, FACTS §3.2). */
  readonly frequencyHz: number
  /** Radius of curvature = geometric focal length, m. */
  readonly radiusOfCurvatureM: number
  /** Aperture (rim) diameter, m. */
  readonly apertureDiameterM: number
  /** Diameter of the central (imaging) hole, m; 0 for a full bowl. */
  readonly holeDiameterM: number
  /** Total acoustic power radiated, W (FACTS §3.2: 32–96 W at 1 MHz in the BM004 trial). */
  readonly powerW: number
  /** Geometric focus (centre of the sphere), sim metres. */
  readonly focusM: Vec3
  /** Beam axis: unit vector from the bowl apex towards the focus. */
  readonly axisUnit: Vec3
  /** Electronic steering: offset of the steered focus from the geometric focus, m (default 0). */
  readonly steeringM?: Vec3
  /** Width of one physical array element, m, for the steering efficiency (default λ in water). */
  readonly arrayElementWidthM?: number
}

/**
 * Electronic steering limits. Not in FACTS (§3.2 gives no steering range for bone systems) [G]: ±10 mm
 * lateral and ±15 mm axial are typical of phased bowls; adjust per device.
 */
export const STEERING_LIMITS_M = { lateral: 0.01, axial: 0.015 } as const

/** Sub-element size used to discretise the bowl, in wavelengths (sub-wavelength, see README). */
export const DEFAULT_ELEMENT_SIZE_WAVELENGTHS = 0.5

/** The bowl discretised into small elements, ready for the Rayleigh sum. */
export interface BowlElements {
  readonly count: number
  /** Element centres, m. */
  readonly x: Float64Array
  readonly y: Float64Array
  readonly z: Float64Array
  /** Complex weight (ρck/2π)·u·ΔA·√η·e^{ik·d_steer}, Pa·m: p(x) = i Σ w e^{−ikr}/r. */
  readonly wRe: Float64Array
  readonly wIm: Float64Array
  /** Sub-aperture (patch) index of each element, for the per-patch path attenuation. */
  readonly patch: Uint16Array
  readonly patchCount: number
  /** Area-weighted centroid of each patch, m (x, y, z interleaved). */
  readonly patchCentroidM: Float64Array
  /** Total radiating area, m². */
  readonly areaM2: number
  /** Uniform normal surface velocity amplitude from the power, m/s. */
  readonly surfaceVelocityMPerS: number
  /** Wavenumber in the coupling medium, rad/m. */
  readonly wavenumberPerM: number
  /** Steering intensity efficiency η applied to the weights. */
  readonly steeringEfficiency: number
  /** The steered focus, m. */
  readonly steeredFocusM: Vec3
  /** Beam axis (bowl apex → geometric focus), unit. */
  readonly axisUnit: Vec3
  /** Geometric focus, m. */
  readonly geometricFocusM: Vec3
  readonly radiusOfCurvatureM: number
  readonly apertureDiameterM: number
}

/** Options of `discretiseBowl`. */
export interface DiscretiseOptions {
  /** Element size, m (default half a wavelength in the coupling medium). */
  readonly elementSizeM?: number
  /** Coupling medium the Rayleigh integral is evaluated in (default water). */
  readonly medium?: AcousticMedium
  /** Sub-apertures for path attenuation: rings × sectors (default 2 × 4). */
  readonly patchRings?: number
  readonly patchSectors?: number
}

/** Wavelength c/f, m. */
export const wavelengthM = (frequencyHz: number, medium: AcousticMedium = WATER): number =>
  medium.speedMPerS / frequencyHz

/** Unit vectors (e1, e2) completing `axis` to a right-handed orthonormal basis. */
export function perpendicularBasis(axis: Vec3): readonly [Vec3, Vec3] {
  const helper: Vec3 = Math.abs(axis[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0]
  const e1 = normalize(cross(axis, helper))
  return [e1, cross(axis, e1)]
}

/** Radiating area of the bowl (spherical cap minus the hole cap), m². */
export function bowlAreaM2(t: BowlTransducer): number {
  const r = t.radiusOfCurvatureM
  const cosOuter = Math.sqrt(1 - (t.apertureDiameterM / (2 * r)) ** 2)
  const cosInner = Math.sqrt(1 - (t.holeDiameterM / (2 * r)) ** 2)
  return 2 * Math.PI * r * r * (cosInner - cosOuter)
}

/** Lateral and axial components of the steering offset, m. */
export function steeringComponentsM(t: BowlTransducer): { lateralM: number; axialM: number } {
  const s = t.steeringM ?? [0, 0, 0]
  const axialM = dot(s, t.axisUnit)
  const lateralM = Math.sqrt(Math.max(0, dot(s, s) - axialM * axialM))
  return { lateralM, axialM }
}

/**
 * Intensity efficiency of electronic steering: each physical element of width w must radiate at
 * θ ≈ Δ_lat/R off its normal, and its directivity sinc(k w sin θ / 2) scales the focal pressure, so
 * η = sinc²(π w Δ_lat / (λ R)). Axial steering loss is neglected (first-order small). Model choice [G].
 */
export function steeringEfficiency(t: BowlTransducer, medium: AcousticMedium = WATER): number {
  const lambda = wavelengthM(t.frequencyHz, medium)
  const w = t.arrayElementWidthM ?? lambda
  const x = (Math.PI * w * steeringComponentsM(t).lateralM) / (lambda * t.radiusOfCurvatureM)
  if (x === 0) return 1
  const s = Math.sin(x) / x
  return s * s
}

/** True when the steering offset lies inside `STEERING_LIMITS_M`. */
export function isSteeringWithinLimits(t: BowlTransducer): boolean {
  const { lateralM, axialM } = steeringComponentsM(t)
  return (
    lateralM <= STEERING_LIMITS_M.lateral + 1e-12 &&
    Math.abs(axialM) <= STEERING_LIMITS_M.axial + 1e-12
  )
}

/** Checks the geometry; throws with a plain message on an impossible bowl. */
export function validateBowl(t: BowlTransducer): void {
  if (!(t.frequencyHz > 0)) throw new Error('bowl: frequency must be positive')
  if (!(t.radiusOfCurvatureM > 0)) throw new Error('bowl: radius of curvature must be positive')
  if (!(t.apertureDiameterM > 0 && t.apertureDiameterM <= 2 * t.radiusOfCurvatureM)) {
    throw new Error('bowl: aperture must be positive and at most twice the radius of curvature')
  }
  if (!(t.holeDiameterM >= 0 && t.holeDiameterM < t.apertureDiameterM)) {
    throw new Error('bowl: hole must be smaller than the aperture')
  }
  if (!(t.powerW >= 0)) throw new Error('bowl: power must be non-negative')
  if (Math.abs(Math.hypot(...t.axisUnit) - 1) > 1e-6) {
    throw new Error('bowl: axis must be a unit vector')
  }
}

/**
 * Discretises the bowl into rings of equal polar step, each split into azimuthal elements of about
 * `elementSizeM`; each element carries its exact spherical-zone area. The surface velocity follows from
 * the power with the plane-wave relation P = ρc u² A / 2 at the surface.
 */
export function discretiseBowl(t: BowlTransducer, opts: DiscretiseOptions = {}): BowlElements {
  validateBowl(t)
  const medium = opts.medium ?? WATER
  const lambda = wavelengthM(t.frequencyHz, medium)
  const ds = opts.elementSizeM ?? DEFAULT_ELEMENT_SIZE_WAVELENGTHS * lambda
  const rings = Math.max(1, opts.patchRings ?? 2)
  const sectors = Math.max(1, opts.patchSectors ?? 4)
  const r = t.radiusOfCurvatureM
  const thMin = Math.asin(t.holeDiameterM / (2 * r))
  const thMax = Math.asin(t.apertureDiameterM / (2 * r))
  const nTheta = Math.max(1, Math.ceil((r * (thMax - thMin)) / ds))
  const [e1, e2] = perpendicularBasis(t.axisUnit)
  const d = t.axisUnit
  const f = t.focusM
  const steer = t.steeringM ?? [0, 0, 0]
  const sf: Vec3 = [f[0] + steer[0], f[1] + steer[1], f[2] + steer[2]]
  const area = bowlAreaM2(t)
  const zc = impedanceRayl(medium)
  const u = Math.sqrt((2 * t.powerW) / (zc * area))
  const k = (2 * Math.PI) / lambda
  const eta = steeringEfficiency(t, medium)
  const pref = ((zc * k) / (2 * Math.PI)) * u * Math.sqrt(eta)
  const xs: number[] = []
  const ys: number[] = []
  const zs: number[] = []
  const wr: number[] = []
  const wi: number[] = []
  const pa: number[] = []
  const patchCount = rings * sectors
  const cen = new Float64Array(3 * patchCount)
  const cenW = new Float64Array(patchCount)
  for (let it = 0; it < nTheta; it++) {
    const th0 = thMin + ((thMax - thMin) * it) / nTheta
    const th1 = thMin + ((thMax - thMin) * (it + 1)) / nTheta
    const th = 0.5 * (th0 + th1)
    const nPhi = Math.max(1, Math.round((2 * Math.PI * r * Math.sin(th)) / ds))
    const dA = (2 * Math.PI * r * r * (Math.cos(th0) - Math.cos(th1))) / nPhi
    const ring = Math.min(rings - 1, Math.floor((rings * it) / nTheta))
    for (let ip = 0; ip < nPhi; ip++) {
      // Half-step azimuth offset so that no element sits on a symmetry plane of every ring.
      const ph = (2 * Math.PI * (ip + 0.5)) / nPhi
      const a = -r * Math.cos(th)
      const b = r * Math.sin(th) * Math.cos(ph)
      const c = r * Math.sin(th) * Math.sin(ph)
      const p: Vec3 = [
        f[0] + a * d[0] + b * e1[0] + c * e2[0],
        f[1] + a * d[1] + b * e1[1] + c * e2[1],
        f[2] + a * d[2] + b * e1[2] + c * e2[2],
      ]
      // Phase advance e^{ik·|p − steered focus|} brings every element in phase at the steered focus.
      const dist = Math.hypot(...sub(p, sf))
      const phase = k * (dist - r)
      xs.push(p[0])
      ys.push(p[1])
      zs.push(p[2])
      wr.push(pref * dA * Math.cos(phase))
      wi.push(pref * dA * Math.sin(phase))
      const patch =
        ring * sectors + Math.min(sectors - 1, Math.floor((sectors * ph) / (2 * Math.PI)))
      pa.push(patch)
      cen[3 * patch] += dA * p[0]
      cen[3 * patch + 1] += dA * p[1]
      cen[3 * patch + 2] += dA * p[2]
      cenW[patch] += dA
    }
  }
  for (let q = 0; q < patchCount; q++) {
    const w = cenW[q] > 0 ? 1 / cenW[q] : 0
    cen[3 * q] *= w
    cen[3 * q + 1] *= w
    cen[3 * q + 2] *= w
  }
  return {
    count: xs.length,
    x: Float64Array.from(xs),
    y: Float64Array.from(ys),
    z: Float64Array.from(zs),
    wRe: Float64Array.from(wr),
    wIm: Float64Array.from(wi),
    patch: Uint16Array.from(pa),
    patchCount,
    patchCentroidM: cen,
    areaM2: area,
    surfaceVelocityMPerS: u,
    wavenumberPerM: k,
    steeringEfficiency: eta,
    steeredFocusM: sf,
    axisUnit: d,
    geometricFocusM: f,
    radiusOfCurvatureM: r,
    apertureDiameterM: t.apertureDiameterM,
  }
}
