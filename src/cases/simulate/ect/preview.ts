/**
 * The ECT drag preview: the linear field of the pairs (inactive needles floating, by superposition) on a
 * coarse copy of the ROI (src/sim/efield/preview.ts), every frame of a drag, with the threshold contours and
 * an approximate coverage figure. The session (coarse conductivity, last frame's bases as warm starts) is
 * kept per volume and per device as it was before the drag. Main thread; pure apart from that cache and
 * the published figures.
 */
import type { VolumeGeometry } from '../../../lib/space'
import type { Vec3 } from '../../../lib/vec3'
import {
  createPreviewSession,
  previewTreatmentField,
  type PreviewSession,
} from '../../../sim/efield/preview'
import type { CtVolume } from '../../volume'
import type { PreviewFn } from '../preview'
import { tumourInRoi } from './coverage'
import {
  arrayCentreMm,
  ectRoi,
  needlesInSim,
  pairsOf,
  roiParams,
  type EctDevice,
  type EctRoi,
} from './ectModel'
import { TUMOUR_REVERSIBLE_VPERCM } from './ectFacts'
import { fieldOverlay } from './ectOverlays'
import { publishEctPreview } from './previewStats'
import { ectTumour, targetLesionId } from './tumour'

/** Extra room around the ROI for dragging without rebuilding the session, mm. */
const DRAG_ROOM_MM = 6
/** Coarse voxels aimed at: ~8000 keeps a frame well under 30 ms (bench/efield.bench.ts). */
const COARSE_VOXELS = 8000
/** Linear-solver tolerance of a preview frame (1 % residual): the contours move by much less than a coarse voxel. */
const PREVIEW_REL_TOL = 1e-2

interface Session {
  /** The device as it was before the drag (the plan's): the session's identity. */
  readonly base: EctDevice
  readonly roi: EctRoi
  readonly session: PreviewSession
  readonly coarse: VolumeGeometry
  /** Tumour voxels as continuous coarse indices (x, y, z triplets). */
  readonly tumourCoarse: Float32Array
  frames: number
}

const sessions = new WeakMap<CtVolume, Map<string, Session>>()

function build(
  volume: CtVolume,
  base: EctDevice,
  lesionId: string | null,
  around: EctDevice = base,
): Session {
  const tumour = ectTumour(volume, lesionId)
  const roi = ectRoi(
    volume,
    around,
    tumour.voxels.length > 0 ? tumour : undefined,
    12 + DRAG_ROOM_MM,
  )
  const [nx, ny, nz] = roi.geometry.dims
  const factor = Math.max(2, Math.ceil(Math.cbrt((nx * ny * nz) / COARSE_VOXELS)))
  const session = createPreviewSession(roi.grid, roiParams(roi).sigma0, factor)
  const g = roi.geometry
  const half = (factor - 1) / 2
  const o = g.originMm
  const [a, b, c] = g.direction
  const shift = [half * g.spacingMm[0], half * g.spacingMm[1], half * g.spacingMm[2]]
  const originMm: Vec3 = [
    o[0] + shift[0]! * a[0] + shift[1]! * b[0] + shift[2]! * c[0],
    o[1] + shift[0]! * a[1] + shift[1]! * b[1] + shift[2]! * c[1],
    o[2] + shift[0]! * a[2] + shift[1]! * b[2] + shift[2]! * c[2],
  ]
  const coarse: VolumeGeometry = {
    dims: [session.grid.nx, session.grid.ny, session.grid.nz],
    spacingMm: [g.spacingMm[0] * factor, g.spacingMm[1] * factor, g.spacingMm[2] * factor],
    originMm,
    direction: g.direction,
  }
  const { inside } = tumourInRoi(tumour, volume.geometry.dims, roi)
  const tumourCoarse = new Float32Array(inside.length * 3)
  inside.forEach((v, n) => {
    tumourCoarse[3 * n] = ((v % nx) - half) / factor
    tumourCoarse[3 * n + 1] = ((Math.floor(v / nx) % ny) - half) / factor
    tumourCoarse[3 * n + 2] = (Math.floor(v / (nx * ny)) - half) / factor
  })
  return { base, roi, session, coarse, tumourCoarse, frames: 0 }
}

/** Fraction of the tumour points whose trilinear coarse field is at or above `thresholdVPerM`. */
function coverageOf(s: Session, e: Float32Array, thresholdVPerM: number): number {
  const { nx, ny, nz } = s.session.grid
  const t = s.tumourCoarse
  const n = t.length / 3
  if (n === 0) return 0
  let above = 0
  const at = (i: number, j: number, k: number): number => e[i + nx * (j + ny * k)]!
  for (let p = 0; p < n; p++) {
    const x = Math.min(nx - 1, Math.max(0, t[3 * p]!))
    const y = Math.min(ny - 1, Math.max(0, t[3 * p + 1]!))
    const z = Math.min(nz - 1, Math.max(0, t[3 * p + 2]!))
    const i = Math.min(nx - 2, Math.floor(x))
    const j = Math.min(ny - 2, Math.floor(y))
    const k = Math.min(nz - 2, Math.floor(z))
    const fx = x - i
    const fy = y - j
    const fz = z - k
    const c0 =
      (at(i, j, k) * (1 - fx) + at(i + 1, j, k) * fx) * (1 - fy) +
      (at(i, j + 1, k) * (1 - fx) + at(i + 1, j + 1, k) * fx) * fy
    const c1 =
      (at(i, j, k + 1) * (1 - fx) + at(i + 1, j, k + 1) * fx) * (1 - fy) +
      (at(i, j + 1, k + 1) * (1 - fx) + at(i + 1, j + 1, k + 1) * fx) * fy
    if (c0 * (1 - fz) + c1 * fz >= thresholdVPerM) above++
  }
  return above / n
}

/** The preview session for a device (as it was before the drag), built on first use. */
function sessionFor(volume: CtVolume, base: EctDevice, lesionId: string | null): Session {
  let byDevice = sessions.get(volume)
  if (!byDevice) {
    byDevice = new Map()
    sessions.set(volume, byDevice)
  }
  let s = byDevice.get(base.id)
  if (!s || s.base !== base) {
    s = build(volume, base, lesionId)
    byDevice.set(base.id, s)
  }
  return s
}

/** One preview frame: the coarse linear field overlay with its contours, and the coverage figure. */
export const previewEct: PreviewFn = (volume, plan, device) => {
  if (device.kind !== 'ectElectrodeSet' || !volume.labels) return null
  const t0 = Date.now()
  const before = plan.devices.find((d) => d.id === device.id)
  const base = before?.kind === 'ectElectrodeSet' ? before : device
  const lesionId = targetLesionId(volume, plan, arrayCentreMm(base))
  let s = sessionFor(volume, base, lesionId)
  let res
  try {
    res = previewTreatmentField(
      s.session,
      needlesInSim(s.roi.geometry, device),
      pairsOf(device),
      PREVIEW_REL_TOL,
    )
  } catch {
    // Dragged out of the session's box: rebuild around the dragged device (one slower frame).
    try {
      s = build(volume, base, lesionId, device)
      sessions.get(volume)?.set(device.id, s)
      res = previewTreatmentField(
        s.session,
        needlesInSim(s.roi.geometry, device),
        pairsOf(device),
        PREVIEW_REL_TOL,
      )
    } catch {
      return null
    }
  }
  const coverage = coverageOf(s, res.eMaxVPerM, TUMOUR_REVERSIBLE_VPERCM * 100)
  const vPerCm = new Float32Array(res.eMaxVPerM.length)
  for (let v = 0; v < vPerCm.length; v++) vPerCm[v] = res.eMaxVPerM[v]! / 100
  s.frames++
  publishEctPreview({
    deviceId: device.id,
    coveragePct: 100 * coverage,
    frameMs: Date.now() - t0,
    solvedPairs: res.solvedPairs,
    frames: s.frames,
  })
  return [
    fieldOverlay(
      'field',
      `Electric field, linear preview (≈ ${(100 * coverage).toFixed(0)} % covered)`,
      s.coarse,
      vPerCm,
      ` Preview: baseline σ (no electroporation rise) on a ${s.session.factor}× coarser grid; the full result follows when the drag ends.`,
    ),
  ]
}
