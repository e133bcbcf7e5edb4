/**
 * Intensity lost on the way from the bowl to a field region: attenuation and interface transmission along
 * a straight ray through a labelled volume (the case CT), for the part of each sub-aperture's path that
 * lies outside the region. Pure; LPS millimetres in, ln(intensity factor) out.
 */
import type { VolumeGeometry } from '../../lib/space'
import type { Vec3 } from '../../lib/vec3'
import { attenuationNpPerM, impedanceRayl, type AcousticMedium } from './acousticMedia'
import type { BowlElements } from './bowlTransducer'
import type { FieldRegion } from './pathFactors'
import { normalIncidenceReflection } from './interfaceCoefficients'

/**
 * ln of the intensity fraction surviving a ray of `lengthMm` from `fromMm` along `dirUnit` (LPS) through
 * `labels` on `geom`: −Σ 2α·h plus ln(1 − R) at every label change (normal incidence; the oblique and
 * critical-angle cases are handled inside the region). Outside the volume the medium is label 0.
 * A totally reflecting interface (gas) leaves ln(1e−30) instead of −∞.
 */
export function rayLogIntensity(
  labels: Uint8Array,
  geom: VolumeGeometry,
  media: readonly AcousticMedium[],
  frequencyHz: number,
  fromMm: Vec3,
  dirUnit: Vec3,
  lengthMm: number,
): number {
  const [nx, ny, nz] = geom.dims
  const dir = geom.direction
  const sp = geom.spacingMm
  const stepMm = 0.5 * Math.min(sp[0], sp[1], sp[2])
  const n = Math.max(0, Math.floor(lengthMm / stepMm))
  const alpha = new Float64Array(256)
  const z = new Float64Array(256)
  for (let i = 0; i < 256; i++) {
    const m = media[i] ?? media[0]
    alpha[i] = attenuationNpPerM(m, frequencyHz)
    z[i] = impedanceRayl(m)
  }
  let logF = 0
  let prev = -1
  for (let s = 0; s <= n; s++) {
    const t = s * stepMm
    const d0 = fromMm[0] + t * dirUnit[0] - geom.originMm[0]
    const d1 = fromMm[1] + t * dirUnit[1] - geom.originMm[1]
    const d2 = fromMm[2] + t * dirUnit[2] - geom.originMm[2]
    const i = Math.round((d0 * dir[0][0] + d1 * dir[0][1] + d2 * dir[0][2]) / sp[0])
    const j = Math.round((d0 * dir[1][0] + d1 * dir[1][1] + d2 * dir[1][2]) / sp[1])
    const k = Math.round((d0 * dir[2][0] + d1 * dir[2][1] + d2 * dir[2][2]) / sp[2])
    const lab =
      i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz ? labels[i + nx * (j + ny * k)] : 0
    if (prev >= 0 && lab !== prev) {
      logF += Math.log(Math.max(1e-30, 1 - normalIncidenceReflection(z[prev], z[lab])))
    }
    logF -= 2 * alpha[lab] * stepMm * 1e-3
    prev = lab
  }
  return logF
}

/**
 * ln(intensity factor) of each patch of `el` from its centroid to where its ray (centroid → steered focus)
 * enters `region`, through `labels` on `labelGeom`. `regionGeom` places the region's sim frame (voxel
 * [0,0,0] centre at the sim origin, axes along its direction) in LPS.
 */
export function patchEntryLogIntensities(
  el: BowlElements,
  region: FieldRegion,
  regionGeom: VolumeGeometry,
  labels: Uint8Array,
  labelGeom: VolumeGeometry,
  media: readonly AcousticMedium[],
  frequencyHz: number,
): Float64Array {
  const out = new Float64Array(el.patchCount)
  const g = region.grid
  const hi = [
    region.originM[0] + (g.nx - 1) * g.spacingM[0],
    region.originM[1] + (g.ny - 1) * g.spacingM[1],
    region.originM[2] + (g.nz - 1) * g.spacingM[2],
  ]
  const ax = regionGeom.direction
  const toLps = (p: Vec3, isPoint: boolean): Vec3 => {
    const o = isPoint ? regionGeom.originMm : ([0, 0, 0] as const)
    const s = isPoint ? 1000 : 1
    return [
      o[0] + s * (p[0] * ax[0][0] + p[1] * ax[1][0] + p[2] * ax[2][0]),
      o[1] + s * (p[0] * ax[0][1] + p[1] * ax[1][1] + p[2] * ax[2][1]),
      o[2] + s * (p[0] * ax[0][2] + p[1] * ax[1][2] + p[2] * ax[2][2]),
    ]
  }
  for (let q = 0; q < el.patchCount; q++) {
    const c: Vec3 = [
      el.patchCentroidM[3 * q],
      el.patchCentroidM[3 * q + 1],
      el.patchCentroidM[3 * q + 2],
    ]
    const f = el.steeredFocusM
    const len = Math.hypot(f[0] - c[0], f[1] - c[1], f[2] - c[2])
    const d: Vec3 = [(f[0] - c[0]) / len, (f[1] - c[1]) / len, (f[2] - c[2]) / len]
    // Slab method: the ray parameter at which it enters the region's box.
    let tIn = 0
    for (let a = 0; a < 3; a++) {
      if (Math.abs(d[a]) < 1e-12) continue
      const t0 = (region.originM[a] - c[a]) / d[a]
      const t1 = (hi[a] - c[a]) / d[a]
      tIn = Math.max(tIn, Math.min(t0, t1))
    }
    out[q] = rayLogIntensity(
      labels,
      labelGeom,
      media,
      frequencyHz,
      toLps(c, true),
      toLps(d, false),
      Math.min(tIn, len) * 1000,
    )
  }
  return out
}
