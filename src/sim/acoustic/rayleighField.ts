/**
 * Pressure field of a discretised bowl by the Rayleigh integral p(x) = (iρck/2π) ∫ u e^{−ikr}/r dS,
 * evaluated as a sum over sub-wavelength elements, with per-patch path factors for attenuation and
 * interface transmission, then intensity I = |p|²/(2Z) and absorbed power density q = 2αI.
 * Phases use a 4096-entry cos/sin table (phase error ≤ π/16384 rad). Pure; SI units.
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
import type { BowlElements } from './bowlTransducer'
import { computePathFactors, type FieldRegion } from './pathFactors'

export type { FieldRegion } from './pathFactors'

const TABLE_BITS = 14
const TABLE_SIZE = 1 << TABLE_BITS
const COS = new Float32Array(TABLE_SIZE)
const SIN = new Float32Array(TABLE_SIZE)
for (let i = 0; i < TABLE_SIZE; i++) {
  // Nodes at bin centres: nearest-bin lookup then errs by at most half a bin, π/16384 rad.
  COS[i] = Math.cos((2 * Math.PI * (i + 0.5)) / TABLE_SIZE)
  SIN[i] = Math.sin((2 * Math.PI * (i + 0.5)) / TABLE_SIZE)
}

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

/** Elements packed patch-contiguously: [x, y, z, wRe, wIm] per element, with patch offsets. */
interface PackedElements {
  readonly data: Float64Array
  readonly start: Int32Array
}

function packElements(el: BowlElements): PackedElements {
  const start = new Int32Array(el.patchCount + 1)
  for (let e = 0; e < el.count; e++) start[el.patch[e] + 1]++
  for (let q = 0; q < el.patchCount; q++) start[q + 1] += start[q]
  const fill = Int32Array.from(start)
  const data = new Float64Array(5 * el.count)
  for (let e = 0; e < el.count; e++) {
    const o = 5 * fill[el.patch[e]]++
    data[o] = el.x[e]
    data[o + 1] = el.y[e]
    data[o + 2] = el.z[e]
    data[o + 3] = el.wRe[e]
    data[o + 4] = el.wIm[e]
  }
  return { data, start }
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
  const ref = opts.referenceMedium ?? WATER
  const zRef = impedanceRayl(ref)
  const nPatch = el.patchCount
  const dirs = patchDirections(el)
  const media = opts.media ?? labelAcousticTable()
  const homog = opts.medium ?? WATER
  const labels = opts.labels
  const paths = labels ? computePathFactors(region, labels, media, frequencyHz, dirs) : null
  const alphaHom = attenuationNpPerM(homog, frequencyHz)
  const zLab = new Float64Array(256)
  const aLab = new Float64Array(256)
  for (let i = 0; i < 256; i++) {
    const m = media[i] ?? media[0]
    zLab[i] = impedanceRayl(m)
    aLab[i] = attenuationNpPerM(m, frequencyHz)
  }
  const { data, start } = packElements(el)
  const phaseScale = (el.wavenumberPerM / (2 * Math.PI)) * TABLE_SIZE
  const mask = TABLE_SIZE - 1
  const pressurePa = new Float32Array(n)
  const intensity = new Float32Array(n)
  const absorbed = new Float32Array(n)
  const reflected = new Float32Array(n)
  const [sx, sy, sz] = g.spacingM
  const [ox, oy, oz] = region.originM
  const cen = el.patchCentroidM
  let idx = 0
  for (let k = 0; k < g.nz; k++) {
    const pz = oz + k * sz
    for (let j = 0; j < g.ny; j++) {
      const py = oy + j * sy
      for (let i = 0; i < g.nx; i++, idx++) {
        const px = ox + i * sx
        let re = 0
        let im = 0
        let refl = 0
        for (let q = 0; q < nPatch; q++) {
          let pre = 0
          let pim = 0
          for (let o = 5 * start[q], e = 5 * start[q + 1]; o < e; o += 5) {
            const dx = px - data[o]
            const dy = py - data[o + 1]
            const dz = pz - data[o + 2]
            const r = Math.sqrt(dx * dx + dy * dy + dz * dz)
            const t = ((r * phaseScale) | 0) & mask
            const inv = 1 / r
            // e^{−ikr}/r = (cos kr − i sin kr)/r, times the complex element weight.
            const c = COS[t] * inv
            const s = -SIN[t] * inv
            const wr = data[o + 3]
            const wi = data[o + 4]
            pre += wr * c - wi * s
            pim += wr * s + wi * c
          }
          let amp: number
          if (paths) {
            const lf = paths.logIntensityFactor[q][idx]
            amp = Math.exp(0.5 * lf)
            refl += (pre * pre + pim * pim) * paths.reflectedPerM[q][idx]
          } else {
            const dist = Math.hypot(px - cen[3 * q], py - cen[3 * q + 1], pz - cen[3 * q + 2])
            amp = Math.exp(-alphaHom * dist)
          }
          re += amp * pre
          im += amp * pim
        }
        const iW = (re * re + im * im) / (2 * zRef)
        const lab = labels ? labels[idx] : -1
        const zLoc = lab >= 0 ? zLab[lab] : impedanceRayl(homog)
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
  }
}
