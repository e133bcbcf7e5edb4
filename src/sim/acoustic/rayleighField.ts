/**
 * Pressure field of a discretised bowl by the Rayleigh integral p(x) = (iρck/2π) ∫ u e^{−ikr}/r dS, with
 * per-patch path factors for attenuation and interface transmission, then intensity I = |p|²/(2Z) and
 * absorbed power density q = 2αI. The lossless per-patch field in the reference medium comes either from
 * the direct sum over sub-wavelength elements at every voxel, or (beam along the region's z axis) from
 * the sum on one plane carried through the region by the angular spectrum (`angularSpectrum.ts`); the
 * heterogeneous corrections are applied afterwards, per voxel, in both cases. Pure; SI units.
 */
import { gridSize } from '../grid/grid3'
import { normalize, sub, type Vec3 } from '../../lib/vec3'
import {
  WATER,
  attenuationNpPerM,
  impedanceRayl,
  labelAcousticTable,
  type AcousticMedium,
} from './acousticMedia'
import { angularSpectrumPlanes, type PlaneSource } from './angularSpectrum'
import type { BowlElements } from './bowlTransducer'
import { computePathFactors, type FieldRegion } from './pathFactors'
import { packElements, sumPatchesAt } from './patchSums'

export type { FieldRegion } from './pathFactors'

/** How the lossless per-patch field is evaluated. */
export type FieldMethod = 'auto' | 'direct' | 'angularSpectrum'

/** Regions smaller than this use the direct sum under 'auto' (the plane set-up would not pay off). */
const ASM_MIN_VOXELS = 8192

/** Options of `computeAcousticField`. */
export interface FieldOptions {
  /** Structure id per region voxel; omitted = homogeneous `medium`. */
  readonly labels?: Uint8Array
  /** Acoustic medium per label id (default `labelAcousticTable()`). */
  readonly media?: readonly AcousticMedium[]
  /** Homogeneous medium when no labels are given (default water). */
  readonly medium?: AcousticMedium
  /** Medium of the Rayleigh integral (wavenumber and ρc of the sum; default water). */
  readonly referenceMedium?: AcousticMedium
  /**
   * 'direct' sums every element at every voxel; 'angularSpectrum' propagates one plane (throws when it
   * does not apply); 'auto' (default) uses the angular spectrum on large regions where it applies.
   */
  readonly method?: FieldMethod
  /**
   * ln(intensity factor) per patch for the path outside the region (bowl → region boundary), added to
   * the in-region path factors (default 0: the medium outside the region is the coupling water).
   */
  readonly patchEntryLogIntensity?: Float64Array
}

/** The field on a region. */
export interface AcousticField {
  readonly region: FieldRegion
  /** Local pressure amplitude √(2·Z_local·I), Pa. */
  readonly pressurePa: Float32Array
  /** Time-averaged intensity magnitude, W/m². */
  readonly intensityWPerM2: Float32Array
  /** Absorbed power density q = 2αI, W/m³. */
  readonly absorbedWPerM3: Float32Array
  /** Power reflected at interfaces inside each voxel (incoherent per patch), W/m³. */
  readonly reflectedWPerM3: Float32Array
  readonly elementCount: number
  /** The method actually used. */
  readonly method: 'direct' | 'angularSpectrum'
}

/**
 * Complex pressure (re, im) of the lossless Rayleigh sum at one point, Pa, up to the common factor i.
 * Exact cos/sin (no table): for the reference on-axis comparisons.
 */
export function rayleighPressureAt(el: BowlElements, p: Vec3): readonly [number, number] {
  const k = el.wavenumberPerM
  let re = 0
  let im = 0
  for (let e = 0; e < el.count; e++) {
    const dx = p[0] - el.x[e]
    const dy = p[1] - el.y[e]
    const dz = p[2] - el.z[e]
    const r = Math.sqrt(dx * dx + dy * dy + dz * dz)
    const c = Math.cos(k * r) / r
    const s = -Math.sin(k * r) / r
    re += el.wRe[e] * c - el.wIm[e] * s
    im += el.wRe[e] * s + el.wIm[e] * c
  }
  return [re, im]
}

/** Unit propagation direction of each patch: centroid → steered focus. */
function patchDirections(el: BowlElements): Float64Array {
  const out = new Float64Array(3 * el.patchCount)
  for (let q = 0; q < el.patchCount; q++) {
    const c: Vec3 = [
      el.patchCentroidM[3 * q],
      el.patchCentroidM[3 * q + 1],
      el.patchCentroidM[3 * q + 2],
    ]
    const d = normalize(sub(el.steeredFocusM, c))
    out.set(d, 3 * q)
  }
  return out
}

/** Chooses the plane source: the angular spectrum where requested or worthwhile, else null (direct). */
function planeSourceFor(
  el: BowlElements,
  region: FieldRegion,
  method: FieldMethod,
): PlaneSource | null {
  if (method === 'direct') return null
  if (method === 'auto' && gridSize(region.grid) < ASM_MIN_VOXELS) return null
  const r = angularSpectrumPlanes(el, region)
  if (r.ok) return r.source
  if (method === 'angularSpectrum') throw new Error(`angular spectrum does not apply: ${r.reason}`)
  return null
}

/**
 * Evaluates the field of `el` on every voxel of `region`. With labels, each patch's contribution is
 * scaled by √(intensity factor) from `computePathFactors` (attenuation along the path through the
 * labels, interface transmission); without labels, by e^{−α·|x − patch centroid|} in the homogeneous
 * medium. Phase is that of the reference medium (no refraction or phase aberration, see README).
 */
export function computeAcousticField(
  el: BowlElements,
  region: FieldRegion,
  frequencyHz: number,
  opts: FieldOptions = {},
): AcousticField {
  const g = region.grid
  const n = gridSize(g)
  const nxy = g.nx * g.ny
  const ref = opts.referenceMedium ?? WATER
  const zRef = impedanceRayl(ref)
  const nPatch = el.patchCount
  const dirs = patchDirections(el)
  const media = opts.media ?? labelAcousticTable()
  const homog = opts.medium ?? WATER
  const labels = opts.labels
  const paths = labels ? computePathFactors(region, labels, media, frequencyHz, dirs) : null
  const alphaHom = attenuationNpPerM(homog, frequencyHz)
  const zHom = impedanceRayl(homog)
  const zLab = new Float64Array(256)
  const aLab = new Float64Array(256)
  for (let i = 0; i < 256; i++) {
    const m = media[i] ?? media[0]
    zLab[i] = impedanceRayl(m)
    aLab[i] = attenuationNpPerM(m, frequencyHz)
  }
  const entry = new Float64Array(nPatch)
  if (opts.patchEntryLogIntensity) entry.set(opts.patchEntryLogIntensity)
  const source = planeSourceFor(el, region, opts.method ?? 'auto')
  const pk = source ? null : packElements(el)
  const planeRe: Float64Array[] = []
  const planeIm: Float64Array[] = []
  for (let q = 0; q < nPatch; q++) {
    planeRe.push(new Float64Array(nxy))
    planeIm.push(new Float64Array(nxy))
  }
  const pressurePa = new Float32Array(n)
  const intensity = new Float32Array(n)
  const absorbed = new Float32Array(n)
  const reflected = new Float32Array(n)
  const [sx, sy, sz] = g.spacingM
  const [ox, oy, oz] = region.originM
  const cen = el.patchCentroidM
  for (let layer = 0; layer < g.nz; layer++) {
    let k = layer
    if (source) k = source.next(planeRe, planeIm)
    const pz = oz + k * sz
    if (pk) {
      for (let j = 0; j < g.ny; j++) {
        for (let i = 0; i < g.nx; i++) {
          sumPatchesAt(pk, ox + i * sx, oy + j * sy, pz, planeRe, planeIm, i + g.nx * j)
        }
      }
    }
    for (let j = 0; j < g.ny; j++) {
      const py = oy + j * sy
      for (let i = 0; i < g.nx; i++) {
        const px = ox + i * sx
        const at = i + g.nx * j
        const idx = at + nxy * k
        let re = 0
        let im = 0
        let refl = 0
        for (let q = 0; q < nPatch; q++) {
          const pre = planeRe[q][at]
          const pim = planeIm[q][at]
          let amp: number
          if (paths) {
            amp = Math.exp(0.5 * (paths.logIntensityFactor[q][idx] + entry[q]))
            refl += (pre * pre + pim * pim) * paths.reflectedPerM[q][idx]
          } else {
            const dx = px - cen[3 * q]
            const dy = py - cen[3 * q + 1]
            const dz = pz - cen[3 * q + 2]
            amp = Math.exp(0.5 * entry[q] - alphaHom * Math.sqrt(dx * dx + dy * dy + dz * dz))
          }
          re += amp * pre
          im += amp * pim
        }
        const iW = (re * re + im * im) / (2 * zRef)
        const lab = labels ? labels[idx] : -1
        const zLoc = lab >= 0 ? zLab[lab] : zHom
        const aLoc = lab >= 0 ? aLab[lab] : alphaHom
        intensity[idx] = iW
        pressurePa[idx] = Math.sqrt(2 * zLoc * iW)
        absorbed[idx] = 2 * aLoc * iW
        reflected[idx] = refl / (2 * zRef)
      }
    }
  }
  return {
    region,
    pressurePa,
    intensityWPerM2: intensity,
    absorbedWPerM3: absorbed,
    reflectedWPerM3: reflected,
    elementCount: el.count,
    method: source ? 'angularSpectrum' : 'direct',
  }
}
