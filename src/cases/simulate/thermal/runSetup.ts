/**
 * What every thermal run sets up before its time loop: the ROI (sized by the procedure's extent points,
 * grown to hold nearby thermocouples), its tissue map with the protective measures, the thermocouples,
 * the watched structures and the target's voxels. Pure.
 */
import { S } from '../../../lib/anatomy'
import { distance, type Vec3 } from '../../../lib/vec3'
import type { Device, Plan } from '../../../plan'
import type { CtVolume } from '../../volume'
import type { SimWarning } from '../types'
import type { ThermalOptions } from './options'
import { assertInsideScan, buildRoi, roiGeometry, roiLabelAt, type Roi } from './roi'
import { targetMaskOn } from './targets'
import { runTissueMap, type RunTissueMap } from './tissueMap'
import {
  createWatcher,
  watchGroups,
  type ThermocoupleSpec,
  type WatchGroupKey,
  type Watcher,
} from './watch'

/** Thermocouples farther than this from the device are not worth growing the ROI for, mm. */
export const THERMOCOUPLE_REACH_MM = 45

/** Everything a run needs before stepping. */
export interface RunSetup {
  readonly roi: Roi
  readonly tissue: RunTissueMap
  readonly thermocouples: readonly ThermocoupleSpec[]
  readonly groups: Record<WatchGroupKey, Int32Array>
  readonly watcher: Watcher
  readonly warnings: SimWarning[]
}

/** The run's thermocouples: the plan's, then the options'. */
export function thermocouplesOf(plan: Plan, opts: ThermalOptions): ThermocoupleSpec[] {
  const out: ThermocoupleSpec[] = []
  for (const p of plan.protections) {
    if (p.kind !== 'thermocouple') continue
    out.push({
      id: p.id,
      label: p.label,
      pointMm: p.pointMm,
      alarmLowC: p.alarmLowC,
      alarmHighC: p.alarmHighC,
      from: 'plan',
    })
  }
  for (const t of opts.thermocouples ?? []) {
    out.push({ ...t, alarmLowC: 10, alarmHighC: 45, from: 'options' })
  }
  return out
}

/**
 * Grid spacing: the options' (isotropic), else the CT's when every axis lies in [lo, hi] mm (no
 * resampling of the labels), else `fallbackMm` isotropic.
 */
export function runSpacing(
  v: CtVolume,
  opts: ThermalOptions,
  lo: number,
  hi: number,
  fallbackMm: number,
): Vec3 {
  if (opts.gridMm !== undefined) return [opts.gridMm, opts.gridMm, opts.gridMm]
  const s = v.geometry.spacingMm
  return s.every((x) => x >= lo && x <= hi)
    ? [s[0], s[1], s[2]]
    : [fallbackMm, fallbackMm, fallbackMm]
}

/** Builds the run setup (see module doc). `anchorMm` is the device point thermocouple reach is measured from. */
export function prepareRun(
  v: CtVolume,
  plan: Plan,
  device: Device,
  opts: ThermalOptions,
  extent: { readonly points: readonly Vec3[]; readonly padMm: number; readonly anchorMm: Vec3 },
  spacingMm: Vec3,
): RunSetup {
  assertInsideScan(v, device.tipMm, `The tip of ${device.label}`)
  const thermocouples = thermocouplesOf(plan, opts)
  const near = thermocouples
    .filter((t) => distance(t.pointMm, extent.anchorMm) <= THERMOCOUPLE_REACH_MM)
    .map((t) => t.pointMm)
  const { geometry, isClipped } = roiGeometry(
    v,
    [...extent.points, ...near],
    extent.padMm,
    spacingMm,
  )
  const roi = buildRoi(v, geometry, isClipped)
  const warnings: SimWarning[] = []
  const tipLabel = roiLabelAt(roi, device.tipMm)
  if (tipLabel === S.outside) {
    throw new Error(
      `The tip of ${device.label} lies outside the body (in air): move it into tissue.`,
    )
  }
  if (!roi.isLabelled) {
    warnings.push({
      severity: 'warning',
      message:
        'This scan has no structure labels: tissues come from HU thresholds, and the cord, roots and skin are not known, so their temperatures are not checked.',
    })
  }
  if (isClipped) {
    warnings.push({
      severity: 'info',
      message:
        'The simulated region reaches the edge of the scan; heat or cold near that edge is underestimated.',
    })
  }
  const spacingChanged = geometry.spacingMm.some((s, a) => Math.abs(s - spacingMm[a]!) > 1e-6)
  if (spacingChanged) {
    warnings.push({
      severity: 'info',
      message: `The region is large, so it was simulated on a coarser ${geometry.spacingMm.map((s) => s.toFixed(2)).join(' × ')} mm grid.`,
    })
  }
  const tissue = runTissueMap(roi, plan, opts.protections ?? [])
  const groups = watchGroups(roi)
  const targetRoi = targetMaskOn(plan, v, roi.geometry, roi.labels)
  const list: number[] = []
  for (let q = 0; q < targetRoi.length; q++) if (targetRoi[q] !== 0) list.push(q)
  const watcher = createWatcher(roi, thermocouples, groups, Int32Array.from(list))
  return { roi, tissue, thermocouples, groups, watcher, warnings }
}
