/**
 * The cementoplasty simulation (issue #8): PMMA injected through a cement trocar into the CT's porous bone
 * (src/sim/cement), frame by frame up to the planned volume, with leaks, fill metrics, pressure and the
 * cement as a time-resolved overlay. Pure (Node, worker, inline).
 */
import type { FieldOverlay } from '../../../lib/fieldOverlay'
import { ijkToWorld, worldToIjk } from '../../../lib/space'
import type { Vec3 } from '../../../lib/vec3'
import { lpsToSimM } from '../../../plan/simSpace'
import {
  CEMENTS,
  PATHWAY,
  buildPorousMedium,
  createCementState,
  stepCement,
  type CementState,
} from '../../../sim/cement'
import { createGrid3 } from '../../../sim/grid/grid3'
import type { CtVolume } from '../../volume'
import { type ProcedureResult, SimCancelled, type SimulateFn } from '../types'
import type { CementDetail, CementEndReason, CementFrameInfo } from './detail'
import { createFrameMeter } from './frameMetrics'
import { injectionPlan, type CementTrocar } from './injectionPlan'
import { chooseRoi, extractRoi, siAxisOf, type RoiData } from './roi'
import { buildSummary, CEMENT_MODEL_NOTE } from './summary'

export { isCementDetail } from './detail'
export type { CementDetail, CementFrameInfo } from './detail'

/** Cement frames as recorded during the run, on the whole ROI (cropped afterwards). */
interface RawFrame {
  readonly info: CementFrameInfo
  /** Cement volume fraction of each ROI voxel. */
  readonly fraction: Float32Array
}

function tipVoxelCheck(volume: CtVolume, tipMm: Vec3): Vec3 {
  const q = worldToIjk(volume.geometry, tipMm)
  const inside = q.every((x, a) => x >= -0.5 && x <= volume.geometry.dims[a]! - 0.5)
  if (!inside) throw new Error('The trocar tip is outside the scan: move it into the bone.')
  return q
}

/** Runs the injection frame by frame; returns the frames and why it ended. */
function inject(
  state: CementState,
  data: RoiData,
  spacingMm: Vec3,
  plan: ReturnType<typeof injectionPlan>,
  progress: (f: number, m: string) => boolean,
): { frames: RawFrame[]; end: CementEndReason } {
  const meter = createFrameMeter(data, spacingMm, state.medium.pathway)
  const voxM3 = (spacingMm[0] * spacingMm[1] * spacingMm[2]) / 1e9
  const rate = plan.rateMlPerMin / 60 / 1e6
  const target = plan.volumeMl / 1e6
  const frameM3 = plan.frameMl / 1e6
  const t0 = state.timeSinceMixS
  const frames: RawFrame[] = []
  const snapshot = (): void => {
    const fraction = new Float32Array(state.cementM3.length)
    for (let v = 0; v < fraction.length; v++) {
      const c = state.cementM3[v]!
      if (c > 0) fraction[v] = c / voxM3
    }
    frames.push({ info: meter.measure(state, state.timeSinceMixS - t0), fraction })
  }
  snapshot()
  let end: CementEndReason = plan.stoppedAtMl !== null ? 'stopped' : 'done'
  while (state.injectedM3 < target * (1 - 1e-9)) {
    const next = Math.min(target, frames.length * frameM3)
    const dt = (next - state.injectedM3) / rate
    stepCement(state, { rateM3PerS: rate, targetVolumeM3: next }, dt)
    if (state.status === 'blocked' || state.status === 'set') {
      end = state.status
      if (state.injectedM3 > frames[frames.length - 1]!.info.volumeMl / 1e6) snapshot()
      break
    }
    snapshot()
    const f = state.injectedM3 / target
    if (!progress(0.1 + 0.85 * f, `Injecting: ${(state.injectedM3 * 1e6).toFixed(2)} mL`)) {
      throw new SimCancelled()
    }
  }
  return { frames, end }
}

/** Bounding box of voxels that ever held cement, padded by one voxel, within the ROI. */
function cementBox(
  last: Float32Array,
  dims: readonly [number, number, number],
): { lo: [number, number, number]; dims: [number, number, number] } {
  const [mx, my, mz] = dims
  const lo = [mx, my, mz]
  const hi = [-1, -1, -1]
  for (let v = 0; v < last.length; v++) {
    if (!(last[v]! > 0)) continue
    const p = [v % mx, Math.floor(v / mx) % my, Math.floor(v / (mx * my))]
    for (let a = 0; a < 3; a++) {
      if (p[a]! < lo[a]!) lo[a] = p[a]!
      if (p[a]! > hi[a]!) hi[a] = p[a]!
    }
  }
  const l = lo.map((x, a) => Math.max(0, Math.min(x, hi[a]!) - 1))
  const h = hi.map((x, a) => Math.min(dims[a]! - 1, Math.max(x, lo[a]!) + 1))
  return {
    lo: [l[0]!, l[1]!, l[2]!],
    dims: [h[0]! - l[0]! + 1, h[1]! - l[1]! + 1, h[2]! - l[2]! + 1],
  }
}

/** Copies the box out of an ROI field. */
function crop(
  src: Float32Array,
  roiDims: readonly [number, number, number],
  box: ReturnType<typeof cementBox>,
): Float32Array {
  const [mx, my] = roiDims
  const [bx, by, bz] = box.dims
  const out = new Float32Array(bx * by * bz)
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const s = box.lo[0] + mx * (box.lo[1] + j + my * (box.lo[2] + k))
      out.set(src.subarray(s, s + bx), bx * (j + by * k))
    }
  }
  return out
}

function runCement(...[volume, , device, options, ctx]: Parameters<SimulateFn>): ProcedureResult {
  const started = Date.now()
  if (device.kind !== 'cementTrocar') {
    throw new Error(`The cement simulation needs a cement trocar, not a ${device.kind}.`)
  }
  const trocar: CementTrocar = device
  const plan = injectionPlan(trocar, options)
  const g = volume.geometry
  const tipIjk = tipVoxelCheck(volume, trocar.tipMm)
  if (!ctx.progress(0.02, 'Building the porous-bone model…')) throw new SimCancelled()
  const roi = chooseRoi(volume, tipIjk)
  const data = extractRoi(volume, roi, tipIjk)
  const spacingM = [g.spacingMm[0] / 1000, g.spacingMm[1] / 1000, g.spacingMm[2] / 1000] as const
  const grid = createGrid3(roi.dims[0], roi.dims[1], roi.dims[2], spacingM)
  const offsetM: Vec3 = [roi.lo[0] * spacingM[0], roi.lo[1] * spacingM[1], roi.lo[2] * spacingM[2]]
  const toRoiM = (pMm: Vec3): Vec3 => {
    const p = lpsToSimM(g, pMm)
    return [p[0] - offsetM[0], p[1] - offsetM[1], p[2] - offsetM[2]]
  }
  const tipM = toRoiM(trocar.tipMm)
  const medium = buildPorousMedium({
    grid,
    hu: data.hu,
    labels: data.labels,
    siAxis: siAxisOf(g),
    needle: { entryM: toRoiM(trocar.entryMm), tipM },
    seed: volume.seed ?? 1,
  })
  const tipRoi = tipIjk.map((x, a) => Math.round(x) - roi.lo[a]!)
  const tipV = tipRoi[0]! + roi.dims[0] * (tipRoi[1]! + roi.dims[1] * tipRoi[2]!)
  if (medium.pathway[tipV] !== PATHWAY.body) {
    throw new Error(
      'The trocar tip is not in cancellous bone or tumour (it lies in cortex or soft tissue): advance it into the bone.',
    )
  }
  const state = createCementState({
    medium,
    tipM,
    cement: CEMENTS[plan.cement],
    injectionStartS: plan.startAfterMixingS,
    ...(plan.balloonMl > 0 ? { balloon: { volumeM3: plan.balloonMl / 1e6 } } : {}),
  })
  if (!ctx.progress(0.1, 'Injecting…')) throw new SimCancelled()
  const { frames, end } = inject(state, data, g.spacingMm, plan, (f, m) => ctx.progress(f, m))
  if (!ctx.progress(0.96, 'Preparing the overlays…')) throw new SimCancelled()
  const last = frames[frames.length - 1]!
  const box = cementBox(last.fraction, roi.dims)
  const leakMask = new Uint8Array(state.leakSiteOf.length)
  for (let v = 0; v < leakMask.length; v++) leakMask[v] = state.leakSiteOf[v]! >= 0 ? 1 : 0
  const origin = ijkToWorld(g, [
    roi.lo[0] + box.lo[0],
    roi.lo[1] + box.lo[1],
    roi.lo[2] + box.lo[2],
  ])
  const overlayGrid = {
    dims: box.dims,
    spacingMm: g.spacingMm,
    originMm: origin,
    direction: g.direction,
  }
  const cementFrames = frames.map((f) => ({
    timeS: f.info.timeS,
    data: crop(f.fraction, roi.dims, box),
  }))
  const leakFrames = frames.map((f) => {
    const leaked = f.fraction.map((x, v) => (leakMask[v] ? x : 0))
    return { timeS: f.info.timeS, data: crop(leaked, roi.dims, box) }
  })
  const cementOverlay: FieldOverlay = {
    type: 'field',
    id: 'cement',
    label: 'Cement (PMMA)',
    unit: 'voxel fraction',
    grid: overlayGrid,
    frames: cementFrames,
    colormap: 'cement',
    range: [0.03, 0.9],
    opacity: 0.95,
    contours: [{ level: 0.3, color: '#f4f4f4', label: 'cement', show3d: true }],
    source:
      'Darcy flow of PMMA in porous bone with invasion-percolation front (src/sim/cement): permeability from HU (Kozeny–Carman, Baroud 2004, FACTS §2.4), viscosity rising after mixing (FACTS §2.3), leak pathways from the anatomy labels (FACTS §2.2).',
    uncertainty:
      'Teaching model: cement position is uncertain by about 2–3 voxels (3–4 mm) at the front; permeability ±40 % (Baroud 4.45 ± 1.72 × 10⁻⁸ m²); viscosity curves are unverified [U].',
    visibleByDefault: true,
  }
  const leakOverlay: FieldOverlay = {
    ...cementOverlay,
    id: 'cement-leaks',
    label: 'Leaked cement',
    frames: leakFrames,
    colormap: 'heat',
    range: [0.03, 0.6],
    contours: [{ level: 0.2, color: '#ff3030', label: 'leak', show3d: true }],
    source:
      'Cement outside the bone: epidural, disc, venous, vena cava, foraminal, needle-track and paravertebral pathways from the labels (FACTS §2.2).',
    uncertainty:
      'Leak pathways and their entry pressures are teaching values [U]: whether a given small leak happens is uncertain; rates over many variations are what the model is calibrated on (FACTS §8.11).',
  }
  const roiToMm = (v: number): readonly [number, number, number] => {
    const [mx, my] = roi.dims
    const w = ijkToWorld(g, [
      roi.lo[0] + (v % mx),
      roi.lo[1] + (Math.floor(v / mx) % my),
      roi.lo[2] + Math.floor(v / (mx * my)),
    ])
    return [w[0], w[1], w[2]]
  }
  const summary = buildSummary({
    state,
    frames: frames.map((f) => f.info),
    plan,
    end,
    labelsInferred: data.labelsInferred,
    roiToMm,
  })
  const detail: CementDetail = {
    kind: 'cement',
    overlayId: cementOverlay.id,
    ctOffsetIjk: [roi.lo[0] + box.lo[0], roi.lo[1] + box.lo[1], roi.lo[2] + box.lo[2]],
    frames: frames.map((f) => f.info),
    plannedVolumeMl: plan.plannedVolumeMl,
    stoppedAtMl: plan.stoppedAtMl,
    rateMlPerMin: plan.rateMlPerMin,
    cement: plan.cement,
    startAfterMixingS: plan.startAfterMixingS,
    balloonMl: plan.balloonMl,
    endReason: end,
    entryMm: [trocar.entryMm[0], trocar.entryMm[1], trocar.entryMm[2]],
    tipMm: [trocar.tipMm[0], trocar.tipMm[1], trocar.tipMm[2]],
  }
  ctx.progress(1, 'Done')
  return {
    procedure: 'cement',
    deviceId: device.id,
    verdict: summary.verdict,
    acceptable: summary.acceptable,
    metrics: summary.metrics,
    warnings: summary.warnings,
    series: summary.series,
    overlays: [cementOverlay, leakOverlay],
    durationS: last.info.timeS,
    modelNote: CEMENT_MODEL_NOTE,
    elapsedMs: Date.now() - started,
    detail,
  }
}

/** Simulates a cement trocar's injection (see the module header). */
export const simulateCement: SimulateFn = (...args) =>
  new Promise((resolve) => resolve(runCement(...args)))
