/**
 * Per sub-aperture (patch) path factors through a labelled medium: the fraction of intensity that
 * survives attenuation and interface transmission on the way from the patch to each voxel, and the
 * intensity reflected at each voxel's interfaces. Rays of one patch are treated as parallel across the
 * region (direction patch centroid → focus) and integrated by a semi-Lagrangian sweep, layer by layer
 * along the dominant axis, with bilinear interpolation in the previous layer. Pure; SI units.
 */
import { gridIndex, gridSize, type Grid3 } from '../grid/grid3'
import type { Vec3 } from '../../lib/vec3'
import { attenuationNpPerM, impedanceRayl, type AcousticMedium } from './acousticMedia'
import { interfaceCoefficients } from './interfaceCoefficients'

/** An evaluation region: a grid whose voxel [0,0,0] centre sits at `originM` (sim metres). */
export interface FieldRegion {
  readonly grid: Grid3
  readonly originM: Vec3
}

/** Path factors of every patch on a region. */
export interface PathFactors {
  /** ln(intensity factor) per patch, `patchCount` arrays of region size. */
  readonly logIntensityFactor: readonly Float32Array[]
  /** Incident-intensity fraction reflected per metre of path at each voxel, per patch, 1/m. */
  readonly reflectedPerM: readonly Float32Array[]
}

/** Impedance contrast |ΔZ|/ΣZ below which an interface uses normal incidence (no normal needed). */
const OBLIQUE_CONTRAST = 0.05

/** Medium data per label resolved once: Z, c, α at the frequency. */
interface LabelTable {
  readonly z: Float64Array
  readonly c: Float64Array
  readonly alpha: Float64Array
}

function labelTable(media: readonly AcousticMedium[], frequencyHz: number): LabelTable {
  const z = new Float64Array(256)
  const c = new Float64Array(256)
  const alpha = new Float64Array(256)
  for (let i = 0; i < 256; i++) {
    const m = media[i] ?? media[0]
    z[i] = impedanceRayl(m)
    c[i] = m.speedMPerS
    alpha[i] = attenuationNpPerM(m, frequencyHz)
  }
  return { z, c, alpha }
}

/**
 * Sweeps every patch direction through the label volume. Outside the region the medium is label 0
 * (coupling water). Interfaces use the fluid–fluid coefficients with the incidence angle between the
 * ray and the impedance gradient (the interface normal); beyond the critical angle nothing is
 * transmitted (shear waves are not modelled, see README).
 * @param directions unit propagation direction of each patch (x, y, z interleaved).
 */
export function computePathFactors(
  region: FieldRegion,
  labels: Uint8Array,
  media: readonly AcousticMedium[],
  frequencyHz: number,
  directions: Float64Array,
): PathFactors {
  const g = region.grid
  const n = gridSize(g)
  if (labels.length !== n) {
    throw new Error(`computePathFactors: ${labels.length} labels for ${n} voxels`)
  }
  const tab = labelTable(media, frequencyHz)
  const nPatch = directions.length / 3
  const logF: Float32Array[] = []
  const refl: Float32Array[] = []
  for (let p = 0; p < nPatch; p++) {
    const d: Vec3 = [directions[3 * p], directions[3 * p + 1], directions[3 * p + 2]]
    const lf = new Float32Array(n)
    const rf = new Float32Array(n)
    sweepPatch(g, labels, tab, d, lf, rf)
    logF.push(lf)
    refl.push(rf)
  }
  return { logIntensityFactor: logF, reflectedPerM: refl }
}

function sweepPatch(
  g: Grid3,
  labels: Uint8Array,
  tab: LabelTable,
  d: Vec3,
  lf: Float32Array,
  rf: Float32Array,
): void {
  const s = g.spacingM
  const dims = [g.nx, g.ny, g.nz] as const
  // Dominant axis m: one step h moves exactly one layer along m and at most one voxel along the others.
  const w = [Math.abs(d[0]) / s[0], Math.abs(d[1]) / s[1], Math.abs(d[2]) / s[2]]
  const m = w[0] >= w[1] && w[0] >= w[2] ? 0 : w[1] >= w[2] ? 1 : 2
  const a = (m + 1) % 3
  const b = (m + 2) % 3
  const h = s[m] / Math.abs(d[m])
  const dirM = d[m] > 0 ? 1 : -1
  // Upstream point offset in index units along a and b (−h·d / spacing).
  const offA = (-h * d[a]) / s[a]
  const offB = (-h * d[b]) / s[b]
  const stride = [1, g.nx, g.nx * g.ny]
  const ijk = [0, 0, 0]
  const nm = dims[m]
  for (let step = 0; step < nm; step++) {
    const lm = dirM > 0 ? step : nm - 1 - step
    const upM = lm - dirM
    ijk[m] = lm
    for (let ib = 0; ib < dims[b]; ib++) {
      ijk[b] = ib
      for (let ia = 0; ia < dims[a]; ia++) {
        ijk[a] = ia
        const idx = ijk[0] * stride[0] + ijk[1] * stride[1] + ijk[2] * stride[2]
        const lab = labels[idx]
        const fa = ia + offA
        const fb = ib + offB
        let upLog = 0
        let upLab = 0
        const isInside =
          upM >= 0 && upM < nm && fa >= 0 && fa <= dims[a] - 1 && fb >= 0 && fb <= dims[b] - 1
        if (isInside) {
          const a0 = Math.min(Math.floor(fa), dims[a] - 2 < 0 ? 0 : dims[a] - 2)
          const b0 = Math.min(Math.floor(fb), dims[b] - 2 < 0 ? 0 : dims[b] - 2)
          const ta = dims[a] > 1 ? fa - a0 : 0
          const tb = dims[b] > 1 ? fb - b0 : 0
          const base = upM * stride[m] + a0 * stride[a] + b0 * stride[b]
          const sa = dims[a] > 1 ? stride[a] : 0
          const sb = dims[b] > 1 ? stride[b] : 0
          upLog =
            (1 - ta) * (1 - tb) * lf[base] +
            ta * (1 - tb) * lf[base + sa] +
            (1 - ta) * tb * lf[base + sb] +
            ta * tb * lf[base + sa + sb]
          const na = Math.round(fa)
          const nb = Math.round(fb)
          upLab = labels[upM * stride[m] + na * stride[a] + nb * stride[b]]
        }
        let logT = 0
        if (upLab !== lab) {
          const z1 = tab.z[upLab]
          const z2 = tab.z[lab]
          let cosI = 1
          if (Math.abs(z2 - z1) / (z2 + z1) > OBLIQUE_CONTRAST) {
            cosI = incidenceCosine(g, labels, tab.z, ijk[0], ijk[1], ijk[2], d)
          }
          const tI = interfaceCoefficients(
            z1,
            tab.c[upLab],
            z2,
            tab.c[lab],
            Math.acos(cosI),
          ).transmittedI
          // 1e-30 floor: a totally reflecting interface leaves a finite log (≈ −69) instead of −∞.
          logT = Math.log(Math.max(tI, 1e-30))
          rf[idx] = (Math.exp(upLog) * (1 - tI)) / h
        }
        lf[idx] = upLog + logT - 2 * tab.alpha[lab] * h
      }
    }
  }
}

/**
 * |cos| of the angle between the ray direction and the interface normal, the normal being the
 * central-difference gradient of the impedance field around voxel (i, j, k). Falls back to 1 (normal
 * incidence) where the gradient vanishes.
 */
function incidenceCosine(
  g: Grid3,
  labels: Uint8Array,
  z: Float64Array,
  i: number,
  j: number,
  k: number,
  d: Vec3,
): number {
  const zAt = (ii: number, jj: number, kk: number): number => {
    const ci = Math.min(g.nx - 1, Math.max(0, ii))
    const cj = Math.min(g.ny - 1, Math.max(0, jj))
    const ck = Math.min(g.nz - 1, Math.max(0, kk))
    return z[labels[gridIndex(g, ci, cj, ck)]]
  }
  const s = g.spacingM
  const gx = (zAt(i + 1, j, k) - zAt(i - 1, j, k)) / s[0]
  const gy = (zAt(i, j + 1, k) - zAt(i, j - 1, k)) / s[1]
  const gz = (zAt(i, j, k + 1) - zAt(i, j, k - 1)) / s[2]
  const len = Math.hypot(gx, gy, gz)
  if (!(len > 0)) return 1
  return Math.min(1, Math.abs(gx * d[0] + gy * d[1] + gz * d[2]) / len)
}
