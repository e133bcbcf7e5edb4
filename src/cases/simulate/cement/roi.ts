/**
 * The cement simulation's region of interest: a box of CT voxels (native spacing, so the fluoroscopy can
 * add cement voxel for voxel) around the trocar tip, covering the bone the tip sits in. Pure; no DOM.
 */
import { S } from '../../../lib/anatomy'
import type { VolumeGeometry } from '../../../lib/space'
import type { Vec3 } from '../../../lib/vec3'
import type { CtVolume } from '../../volume'

/** A box of CT voxels: `lo` inclusive, `dims` voxels along i, j, k. */
export interface Roi {
  readonly lo: readonly [number, number, number]
  readonly dims: readonly [number, number, number]
}

/** The ROI's CT values, labels and the bone part id at the tip (0 when unknown). */
export interface RoiData {
  readonly roi: Roi
  readonly hu: Float32Array
  readonly labels: Uint8Array
  /** 1 for voxels of the bone the tip sits in (vertebral body, ilium…), else 0. */
  readonly bone: Uint8Array
  /** True when the labels were inferred from HU (a loaded scan has none). */
  readonly labelsInferred: boolean
}

/** Margin around the tip's bone, mm: room for leaks into the canal, veins and soft tissue. */
const MARGIN_MM = 12
/** Half-size of the box when the bone is unknown or huge (pelvis), mm. */
const MAX_HALF_MM = 55

/**
 * Chooses the ROI: the bounding box of the bone part at the tip plus a margin, clipped to ±55 mm around
 * the tip and to the volume. Without parts, a ±55 mm box.
 */
export function chooseRoi(volume: CtVolume, tipIjk: Vec3): Roi {
  const g = volume.geometry
  const [nx, ny] = g.dims
  const t = tipIjk.map((x) => Math.round(x)) as unknown as [number, number, number]
  const half = g.spacingMm.map((s) => Math.ceil(MAX_HALF_MM / s))
  const clipLo = t.map((x, a) => Math.max(0, x - half[a]!))
  const clipHi = t.map((x, a) => Math.min(g.dims[a]! - 1, x + half[a]!))
  let lo = clipLo.slice()
  let hi = clipHi.slice()
  const parts = volume.parts
  const tipIdx = t[0] + nx * (t[1] + ny * t[2])
  const part = parts ? (parts[tipIdx] ?? 0) : 0
  if (parts && part > 0) {
    const bLo = [Infinity, Infinity, Infinity]
    const bHi = [-Infinity, -Infinity, -Infinity]
    for (let k = clipLo[2]!; k <= clipHi[2]!; k++) {
      for (let j = clipLo[1]!; j <= clipHi[1]!; j++) {
        const row = nx * (j + ny * k)
        for (let i = clipLo[0]!; i <= clipHi[0]!; i++) {
          if (parts[row + i] !== part) continue
          if (i < bLo[0]!) bLo[0] = i
          if (i > bHi[0]!) bHi[0] = i
          if (j < bLo[1]!) bLo[1] = j
          if (j > bHi[1]!) bHi[1] = j
          if (k < bLo[2]!) bLo[2] = k
          if (k > bHi[2]!) bHi[2] = k
        }
      }
    }
    lo = bLo.map((x, a) => Math.max(clipLo[a]!, x - Math.ceil(MARGIN_MM / g.spacingMm[a]!)))
    hi = bHi.map((x, a) => Math.min(clipHi[a]!, x + Math.ceil(MARGIN_MM / g.spacingMm[a]!)))
  }
  return {
    lo: [lo[0]!, lo[1]!, lo[2]!],
    dims: [hi[0]! - lo[0]! + 1, hi[1]! - lo[1]! + 1, hi[2]! - lo[2]! + 1],
  }
}

/**
 * HU → label for scans without labels [U]: ≥ 700 cortex, 120–700 trabecular bone, −200…120 soft tissue
 * (a leak pathway), below −200 fat or air (a barrier for cement: it does not open fat planes here).
 */
function labelFromHu(hu: number): number {
  if (hu >= 700) return S.corticalBone
  if (hu >= 120) return S.trabecularBone
  if (hu >= -200) return S.softTissue
  return S.outside
}

/** Copies the ROI's CT, labels (inferred from HU when the volume has none) and tip-bone mask. */
export function extractRoi(volume: CtVolume, roi: Roi, tipIjk: Vec3): RoiData {
  const [nx, ny] = volume.geometry.dims
  const [mx, my, mz] = roi.dims
  const n = mx * my * mz
  const hu = new Float32Array(n)
  const labels = new Uint8Array(n)
  const bone = new Uint8Array(n)
  const parts = volume.parts
  const t = tipIjk.map((x) => Math.round(x))
  const part = parts ? (parts[t[0]! + nx * (t[1]! + ny * t[2]!)] ?? 0) : 0
  const src = volume.labels
  for (let k = 0; k < mz; k++) {
    for (let j = 0; j < my; j++) {
      const srcRow = roi.lo[0] + nx * (roi.lo[1] + j + ny * (roi.lo[2] + k))
      const dstRow = mx * (j + my * k)
      for (let i = 0; i < mx; i++) {
        const h = volume.ct[srcRow + i]!
        hu[dstRow + i] = h
        labels[dstRow + i] = src ? src[srcRow + i]! : labelFromHu(h)
        if (parts && part > 0) bone[dstRow + i] = parts[srcRow + i] === part ? 1 : 0
        else bone[dstRow + i] = h >= 120 ? 1 : 0
      }
    }
  }
  return { roi, hu, labels, bone, labelsInferred: !src }
}

/** Which CT axis is superior–inferior: the one whose direction has the largest S component. */
export function siAxisOf(g: VolumeGeometry): 0 | 1 | 2 {
  const z = g.direction.map((d) => Math.abs(d[2]))
  return z[2]! >= z[0]! && z[2]! >= z[1]! ? 2 : z[1]! >= z[0]! ? 1 : 0
}
