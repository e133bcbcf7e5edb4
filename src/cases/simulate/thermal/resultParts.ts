/** Charts and detail shared by the heat and cold results. Pure. */
import type { SimSeries } from '../types'
import type { ThermalDetail } from './detail'
import type { RunSetup } from './runSetup'
import { WATCH_GROUP_NAMES, type WatchRecord } from './watch'
import type { ZoneMetrics } from './zoneMetrics'

/** The treated share of the target over time (nothing without a target in the ROI). */
export function coverageSeries(r: WatchRecord, label: string): SimSeries[] {
  if (r.treatedFraction.every((f) => Number.isNaN(f))) return []
  return [
    {
      id: 'coverage-time',
      label,
      xLabel: 'time',
      xUnit: 's',
      yLabel: 'target treated',
      yUnit: '%',
      x: r.timeS,
      y: r.treatedFraction.map((f) => 100 * f),
      thresholds: [{ value: 100, label: '100 %' }],
    },
  ]
}

/** Hottest (heat) or coldest (cold) voxel of the cord and of the roots over time. */
export function structureSeries(r: WatchRecord, kind: 'heat' | 'cold'): SimSeries[] {
  const out: SimSeries[] = []
  for (const key of ['cord', 'roots'] as const) {
    const y = kind === 'heat' ? r.maxC[key] : r.minC[key]
    if (y.length === 0 || y.every((v) => Number.isNaN(v))) continue
    out.push({
      id: `${key}-${kind === 'heat' ? 'max' : 'min'}`,
      label: `${kind === 'heat' ? 'Hottest' : 'Coldest'} voxel: ${WATCH_GROUP_NAMES[key]}`,
      xLabel: 'time',
      xUnit: 's',
      yLabel: 'temperature',
      yUnit: '°C',
      x: r.timeS,
      y,
      thresholds: [kind === 'heat' ? { value: 45, label: '45 °C' } : { value: 10, label: '10 °C' }],
    })
  }
  return out
}

/** Dose–volume charts of the target and the cord. */
export function dvSeries(
  zm: ZoneMetrics,
  s: {
    readonly target: { readonly label: string; readonly xLabel: string; readonly xUnit: string }
    readonly cord: { readonly label: string; readonly xLabel: string; readonly xUnit: string }
  },
): SimSeries[] {
  const out: SimSeries[] = []
  if (zm.hasTarget) {
    out.push({
      id: 'dv-target',
      label: s.target.label,
      xLabel: s.target.xLabel,
      xUnit: s.target.xUnit,
      yLabel: 'share of the target at or beyond',
      yUnit: '%',
      x: zm.targetDv.levels,
      y: zm.targetDv.percent,
      thresholds: [{ value: 100, label: '100 %' }],
    })
  }
  if (zm.cordDv) {
    out.push({
      id: 'dv-cord',
      label: s.cord.label,
      xLabel: s.cord.xLabel,
      xUnit: s.cord.xUnit,
      yLabel: 'share of the cord at or beyond',
      yUnit: '%',
      x: zm.cordDv.levels,
      y: zm.cordDv.percent,
    })
  }
  return out
}

/** The detail of a result. */
export function thermalDetail(d: {
  readonly kind: ThermalDetail['kind']
  readonly deviceKind: ThermalDetail['deviceKind']
  readonly settings: string
  readonly setup: RunSetup
  readonly extremeOf: (y: readonly number[]) => number
  readonly phases: ThermalDetail['phases']
  readonly dtStableS: number
  readonly frames: number
}): ThermalDetail {
  const { setup } = d
  const g = setup.roi.geometry
  return {
    kind: d.kind,
    deviceKind: d.deviceKind,
    settings: d.settings,
    grid: { dims: g.dims, spacingMm: g.spacingMm, originMm: g.originMm },
    thermocouples: setup.thermocouples.map((t, n) => {
      const y = setup.watcher.record.thermocouplesC[n] ?? []
      const inRoi = y.some((v) => !Number.isNaN(v))
      return {
        id: t.id,
        label: t.label,
        pointMm: t.pointMm,
        from: t.from,
        inRoi,
        extremeC: inRoi ? d.extremeOf(y) : null,
      }
    }),
    protections: setup.tissue.applied,
    phases: d.phases,
    dtStableS: d.dtStableS,
    frames: d.frames,
  }
}
