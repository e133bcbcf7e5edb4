/**
 * The planning engine's metrics of a thermal zone: the final dose fields are carried from the ROI onto a
 * box of the CT grid that holds the ROI and every target (padded by the distance search), where
 * `computeMetrics` gives coverage, margins and the gaps to the cord, roots and skin, for the zone and for
 * the two edges of its uncertainty band; plus dose–volume curves of the target and the cord. Pure.
 */
import { S } from '../../../lib/anatomy'
import { ijkToWorld, type VolumeGeometry } from '../../../lib/space'
import type { Vec3 } from '../../../lib/vec3'
import {
  computeMetrics,
  maskFromLabels,
  METRICS_SEARCH_MM,
  type MetricsReport,
  type Plan,
} from '../../../plan'
import type { CtVolume } from '../../volume'
import { buildRoi, resampleNearest, roiGeometry, type Roi } from './roi'
import { targetExtentPoints, targetMaskOn } from './targets'

/** The critical structures whose gaps are measured, with their labels. */
export const CRITICAL_GROUPS = {
  cord: [S.spinalCord, S.caudaEquina],
  roots: [S.nerveRoot, S.sciaticNerve],
  skin: [S.skin],
} as const satisfies Record<string, readonly number[]>

export type CriticalKey = keyof typeof CRITICAL_GROUPS

/** Final dose fields on the ROI and how to read them. */
export interface ZoneDose {
  /** Main damage field (Ω for heat, lowest temperature for cold). */
  readonly main: Float32Array
  /** Second field of the band (CEM43 for heat; the lowest temperature again for cold). */
  readonly alt: Float32Array
  /** Value outside the ROI (0 for doses, 37 °C for temperatures). */
  readonly fill: number
  readonly isTreated: (main: number) => boolean
  /** Inner (both models / conservative) and outer (either model / generous) edges of the band. */
  readonly isInner: (main: number, alt: number) => boolean
  readonly isOuter: (main: number, alt: number) => boolean
}

/** A dose–volume curve: share of a structure (%) at or beyond each dose level. */
export interface DoseVolume {
  readonly levels: readonly number[]
  readonly percent: readonly number[]
}

/** What {@link zoneMetrics} returns. */
export interface ZoneMetrics {
  readonly main: MetricsReport
  readonly inner: MetricsReport
  readonly outer: MetricsReport
  readonly hasTarget: boolean
  /** Target voxels on the box, and how many of them lie outside the ROI. */
  readonly targetVoxels: number
  readonly targetOutsideRoi: number
  readonly box: VolumeGeometry
  /** Dose–volume of the target (main field) and of the cord (second field). */
  readonly targetDv: DoseVolume
  readonly cordDv: DoseVolume | null
}

/** The metrics box: CT voxels around the ROI and the targets, padded by the distance search. */
export function metricsBox(v: CtVolume, plan: Plan, roi: Roi): Roi {
  const g = roi.geometry
  // The ROI shares the CT's axes, so two opposite corners span its box in those axes.
  const corners: Vec3[] = [g.originMm, ijkToWorld(g, [g.dims[0] - 1, g.dims[1] - 1, g.dims[2] - 1])]
  const { geometry, isClipped } = roiGeometry(
    v,
    [...corners, ...targetExtentPoints(plan, v)],
    METRICS_SEARCH_MM + 2,
    v.geometry.spacingMm,
    Number.POSITIVE_INFINITY,
  )
  return buildRoi(v, geometry, isClipped)
}

/** Dose levels of a dose–volume curve and when a value counts as at or beyond a level. */
export interface DoseVolumeSpec {
  readonly levels: readonly number[]
  readonly beyond: (v: number, level: number) => boolean
}

function doseVolume(field: Float32Array, mask: Uint8Array, spec: DoseVolumeSpec): DoseVolume {
  const { levels, beyond } = spec
  let n = 0
  const counts = levels.map(() => 0)
  for (let q = 0; q < mask.length; q++) {
    if (mask[q] === 0) continue
    n++
    const v = field[q]!
    levels.forEach((l, i) => {
      if (beyond(v, l)) counts[i]!++
    })
  }
  return { levels, percent: counts.map((c) => (n ? (100 * c) / n : 0)) }
}

/** Runs the planning engine's metrics on the zone and its band edges (see module doc). */
export function zoneMetrics(
  v: CtVolume,
  plan: Plan,
  roi: Roi,
  dose: ZoneDose,
  dv: { readonly target: DoseVolumeSpec; readonly cord: DoseVolumeSpec },
): ZoneMetrics {
  const box = metricsBox(v, plan, roi)
  const n = box.labels.length
  const main = resampleNearest(
    roi.geometry,
    dose.main,
    box.geometry,
    new Float32Array(n),
    dose.fill,
  )
  const alt = resampleNearest(roi.geometry, dose.alt, box.geometry, new Float32Array(n), dose.fill)
  const inRoi = resampleNearest(
    roi.geometry,
    new Uint8Array(roi.labels.length).fill(1),
    box.geometry,
    new Uint8Array(n),
  )
  const target = targetMaskOn(plan, v, box.geometry, box.labels)
  const zone = new Uint8Array(n)
  const inner = new Uint8Array(n)
  const outer = new Uint8Array(n)
  let targetVoxels = 0
  let targetOutsideRoi = 0
  for (let q = 0; q < n; q++) {
    const a = main[q]!
    const b = alt[q]!
    zone[q] = dose.isTreated(a) ? 1 : 0
    inner[q] = dose.isInner(a, b) ? 1 : 0
    outer[q] = dose.isOuter(a, b) ? 1 : 0
    if (target[q] !== 0) {
      targetVoxels++
      if (inRoi[q] === 0) targetOutsideRoi++
    }
  }
  const critical = (Object.keys(CRITICAL_GROUPS) as CriticalKey[]).map((key) => ({
    key,
    mask: maskFromLabels(box.labels, CRITICAL_GROUPS[key]),
  }))
  const common = { geometry: box.geometry, labels: box.labels, target }
  const cordMask = critical[0]!.mask
  let hasCord = false
  for (let q = 0; q < n && !hasCord; q++) hasCord = cordMask[q] !== 0 && inRoi[q] !== 0
  return {
    main: computeMetrics({ ...common, treated: zone, critical }),
    inner: computeMetrics({ ...common, treated: inner }),
    outer: computeMetrics({ ...common, treated: outer }),
    hasTarget: targetVoxels > 0,
    targetVoxels,
    targetOutsideRoi,
    box: box.geometry,
    targetDv: doseVolume(main, target, dv.target),
    cordDv: hasCord ? doseVolume(alt, cordMask, dv.cord) : null,
  }
}
