/**
 * The ECT model's inputs: the region of interest around an electrode set on the CT grid, its tissue
 * parameters, the needles in sim metres (through src/plan/simSpace.ts) and the activated pairs. Pure; LPS
 * mm in, SI out.
 */
import { ijkToWorld, worldToIjk, type VolumeGeometry } from '../../../lib/space'
import type { Vec3 } from '../../../lib/vec3'
import { gaugeOuterDiameterMm, lpsToSimM, simGridOf, type DeviceOf } from '../../../plan'
import { ectParamsFromLabels, type EctVoxelParams } from '../../../sim/efield/conductivity'
import type { ElectrodePair } from '../../../sim/efield/electroporation'
import type { NeedleGeometry } from '../../../sim/efield/rasteriseNeedle'
import type { Grid3 } from '../../../sim/grid/grid3'
import type { CtVolume } from '../../volume'

/** An ECT electrode set. */
export type EctDevice = DeviceOf<'ectElectrodeSet'>

/** A box of the CT grid around the electrodes, with its labels. */
export interface EctRoi {
  /** The ROI grid in LPS (CT spacing and axes; origin at the centre of its voxel [0,0,0]). */
  readonly geometry: VolumeGeometry
  /** Its sim grid (metres). */
  readonly grid: Grid3
  /** First CT voxel of the box. */
  readonly lo: readonly [number, number, number]
  /** Structure labels in the box (src/lib/anatomy.ts). */
  readonly labels: Uint8Array
}

/** Margin around the electrodes' active parts, mm: the field falls below 100 V/cm within ~1 cm at 1000 V/cm. */
export const ROI_MARGIN_MM = 12

/** End points (LPS mm) of each electrode's active (uninsulated) part: [start, tip]. */
export function activeSegmentsMm(d: EctDevice): [Vec3, Vec3][] {
  return d.electrodes.map((e) => {
    const ax: Vec3 = [
      e.tipMm[0] - e.entryMm[0],
      e.tipMm[1] - e.entryMm[1],
      e.tipMm[2] - e.entryMm[2],
    ]
    const len = Math.hypot(ax[0], ax[1], ax[2])
    const t = Math.min(1, e.activeLengthMm / len)
    const start: Vec3 = [e.tipMm[0] - ax[0] * t, e.tipMm[1] - ax[1] * t, e.tipMm[2] - ax[2] * t]
    return [start, e.tipMm]
  })
}

/** An inclusive box of CT voxels. */
export interface VoxelBox {
  readonly lo: readonly [number, number, number]
  readonly hi: readonly [number, number, number]
}

/**
 * The ROI box (CT voxel range) around the active parts with a margin, grown to contain `include` (the
 * tumour) and clipped to the volume; throws when the electrodes miss the volume.
 */
export function roiBox(
  g: VolumeGeometry,
  d: EctDevice,
  include?: VoxelBox,
  marginMm = ROI_MARGIN_MM,
): { lo: [number, number, number]; hi: [number, number, number] } {
  const lo: [number, number, number] = [Infinity, Infinity, Infinity]
  const hi: [number, number, number] = [-Infinity, -Infinity, -Infinity]
  for (const seg of activeSegmentsMm(d)) {
    for (const p of seg) {
      const q = worldToIjk(g, p)
      for (let a = 0; a < 3; a++) {
        const m = marginMm / g.spacingMm[a]!
        lo[a] = Math.min(lo[a]!, Math.floor(q[a]! - m))
        hi[a] = Math.max(hi[a]!, Math.ceil(q[a]! + m))
      }
    }
  }
  for (let a = 0; a < 3; a++) {
    const n = g.dims[a]!
    if (hi[a]! < 0 || lo[a]! > n - 1) {
      throw new Error(
        'The electrodes lie outside the scan: move them into the volume before simulating.',
      )
    }
    // Two voxels of tissue around the tumour so that its edge voxels have neighbours in the ROI.
    if (include && include.lo[a]! <= include.hi[a]!) {
      lo[a] = Math.min(lo[a]!, include.lo[a]! - 2)
      hi[a] = Math.max(hi[a]!, include.hi[a]! + 2)
    }
    lo[a] = Math.max(0, lo[a]!)
    hi[a] = Math.min(n - 1, hi[a]!)
  }
  return { lo, hi }
}

/** Extracts the ROI (labels copied) for a device; the volume must carry structure labels. */
export function ectRoi(
  volume: CtVolume,
  d: EctDevice,
  include?: VoxelBox,
  marginMm = ROI_MARGIN_MM,
): EctRoi {
  const labels = volume.labels
  if (!labels) {
    throw new Error(
      'This scan has no tissue labels, so the electric field cannot be simulated (use a built-in case).',
    )
  }
  const g = volume.geometry
  const { lo, hi } = roiBox(g, d, include, marginMm)
  const dims: [number, number, number] = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1]
  const [nx, ny, nz] = dims
  const out = new Uint8Array(nx * ny * nz)
  const [NX, NY] = g.dims
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const src = lo[0] + NX * (lo[1] + j + NY * (lo[2] + k))
      out.set(labels.subarray(src, src + nx), nx * (j + ny * k))
    }
  }
  const geometry: VolumeGeometry = {
    dims,
    spacingMm: g.spacingMm,
    originMm: ijkToWorld(g, lo),
    direction: g.direction,
  }
  return { geometry, grid: simGridOf(geometry), lo, labels: out }
}

/** Per-voxel electroporation parameters of the ROI (FACTS §4.2 via ECT_PARAMS). */
export const roiParams = (roi: EctRoi): EctVoxelParams => ectParamsFromLabels(roi.labels)

/** The electrodes as sim needles on a grid whose voxel [0,0,0] centre is `g.originMm`. */
export function needlesInSim(g: VolumeGeometry, d: EctDevice): NeedleGeometry[] {
  const radiusM = gaugeOuterDiameterMm(d.gauge) / 2000
  return d.electrodes.map((e) => ({
    entryM: lpsToSimM(g, e.entryMm),
    tipM: lpsToSimM(g, e.tipMm),
    activeLengthM: e.activeLengthMm / 1000,
    radiusM,
  }))
}

/** The activation sequence as solver pairs (anode at the pair's voltage, cathode at 0 V). */
export const pairsOf = (d: EctDevice): ElectrodePair[] =>
  d.sequence.map((p) => ({ a: p.anode, b: p.cathode, voltageV: p.voltageV }))

/** Closest distance (mm) between two electrodes' active segments. */
export function gapMm(a: readonly [Vec3, Vec3], b: readonly [Vec3, Vec3]): number {
  // Closest points of two segments (Ericson, Real-Time Collision Detection, §5.1.9), clamped.
  const d1 = sub3(a[1], a[0])
  const d2 = sub3(b[1], b[0])
  const r = sub3(a[0], b[0])
  const aa = dot3(d1, d1)
  const ee = dot3(d2, d2)
  const f = dot3(d2, r)
  const c = dot3(d1, r)
  const bb = dot3(d1, d2)
  const den = aa * ee - bb * bb
  let s = den > 1e-12 ? clamp01((bb * f - c * ee) / den) : 0
  let t = ee > 1e-12 ? (bb * s + f) / ee : 0
  if (t < 0) {
    t = 0
    s = aa > 1e-12 ? clamp01(-c / aa) : 0
  } else if (t > 1) {
    t = 1
    s = aa > 1e-12 ? clamp01((bb - c) / aa) : 0
  }
  const p: Vec3 = [a[0][0] + d1[0] * s, a[0][1] + d1[1] * s, a[0][2] + d1[2] * s]
  const q: Vec3 = [b[0][0] + d2[0] * t, b[0][1] + d2[1] * t, b[0][2] + d2[2] * t]
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])
}

const sub3 = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
const dot3 = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x))

/** Midpoint (LPS mm) between the centres of two active segments. */
export function pairMidpointMm(a: readonly [Vec3, Vec3], b: readonly [Vec3, Vec3]): Vec3 {
  return [
    (a[0][0] + a[1][0] + b[0][0] + b[1][0]) / 4,
    (a[0][1] + a[1][1] + b[0][1] + b[1][1]) / 4,
    (a[0][2] + a[1][2] + b[0][2] + b[1][2]) / 4,
  ]
}

/** Centre (LPS mm) of the electrodes' active parts. */
export function arrayCentreMm(d: EctDevice): Vec3 {
  const segs = activeSegmentsMm(d)
  const c = [0, 0, 0]
  for (const [a, b] of segs) {
    for (let x = 0; x < 3; x++) c[x]! += (a[x]! + b[x]!) / (2 * segs.length)
  }
  return [c[0]!, c[1]!, c[2]!]
}
