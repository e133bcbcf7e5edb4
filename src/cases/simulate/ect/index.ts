/**
 * Electrochemotherapy simulation (issue #10): the electric field of an electrode set's activated pairs on
 * the CT grid around the electrodes and the tumour, tumour coverage, exposed nerves and vessels, current
 * per pair against the generator, and a plain-words verdict. Pure (Node, worker, inline).
 */
import { ijkToWorld } from '../../../lib/space'
import type { Vec3 } from '../../../lib/vec3'
import { lpsToSimM } from '../../../plan'
import type { SimulateFn } from '../types'
import { ectCoverage, tumourEdge, tumourInRoi } from './coverage'
import { ectTreatmentField } from './ectField'
import {
  activeSegmentsMm,
  arrayCentreMm,
  ectRoi,
  needlesInSim,
  pairMidpointMm,
  pairsOf,
  roiParams,
} from './ectModel'
import { MODEL_NOTE } from './ectFacts'
import { fieldOverlay, toVPerCm, uncoveredOverlay } from './ectOverlays'
import { pairEdges, pairRows } from './ectPairs'
import { ectSummary, type EctDetail } from './ectSummary'
import { ectTumour, targetLesionId } from './tumour'

export type { EctDetail, EctPairRow } from './ectSummary'
export { arrayCentreMm } from './ectModel'

export const simulateEct: SimulateFn = (volume, plan, device, options, ctx) => {
  const t0 = Date.now()
  if (device.kind !== 'ectElectrodeSet') {
    return Promise.reject(new Error(`Device ${device.id} is not an ECT electrode set.`))
  }
  try {
    const d = device
    const nonlinear = options.nonlinear !== false
    ctx.progress(0, 'Preparing the tissue model')
    const tumour = ectTumour(volume, targetLesionId(volume, plan, arrayCentreMm(d)))
    const roi = ectRoi(volume, d, tumour.voxels.length > 0 ? tumour : undefined)
    const params = roiParams(roi)
    const segs = activeSegmentsMm(d)
    const pairs = pairsOf(d)
    const mids = pairs.map((p) => pairMidpointMm(segs[p.a]!, segs[p.b]!))
    const { inside, outside } = tumourInRoi(tumour, volume.geometry.dims, roi)
    const ids = d.electrodes.map((e) => e.id)
    const edge = pairEdges(roi, mids, tumourEdge(roi.geometry.dims, inside))
    const field = ectTreatmentField(
      roi.grid,
      params,
      needlesInSim(roi.geometry, d),
      ids,
      pairs,
      mids.map((m) => lpsToSimM(roi.geometry, m)),
      { nonlinear, onPair: (q, e) => edge.record(q, e) },
      ctx,
    )
    ctx.progress(0.97, 'Coverage and exposure')
    const cov = ectCoverage(roi, params, field.eMaxVPerM, inside, outside)
    const vPerCm = toVPerCm(field.eMaxVPerM)
    const tumourCentre = centroidMm(roi, inside)
    const rows = pairRows(d, segs, field.pairs, edge.edgeVPerCm)
    const summary = ectSummary(cov, rows, tumourCentre, nonlinear)
    const detail: EctDetail = {
      ...summary.detail,
      roiDims: roi.geometry.dims,
    }
    ctx.progress(1, 'Done')
    return Promise.resolve({
      procedure: 'ect',
      deviceId: d.id,
      verdict: summary.verdict,
      acceptable: summary.acceptable,
      metrics: summary.metrics,
      warnings: summary.warnings,
      series: [],
      overlays: [
        fieldOverlay('field', 'Electric field (max over pairs)', roi.geometry, vPerCm),
        uncoveredOverlay(roi.geometry, cov.uncovered, cov.gaps.length > 0),
      ],
      durationS: 0,
      modelNote: MODEL_NOTE,
      elapsedMs: Date.now() - t0,
      detail,
    })
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)))
  }
}

/** Centroid (LPS mm) of ROI voxels. */
function centroidMm(
  roi: { geometry: Parameters<typeof ijkToWorld>[0] },
  voxels: Uint32Array,
): Vec3 {
  const [nx, ny] = roi.geometry.dims
  let si = 0
  let sj = 0
  let sk = 0
  for (const v of voxels) {
    si += v % nx
    sj += Math.floor(v / nx) % ny
    sk += Math.floor(v / (nx * ny))
  }
  const n = Math.max(1, voxels.length)
  const p = ijkToWorld(roi.geometry, [si / n, sj / n, sk / n])
  return [p[0], p[1], p[2]]
}
