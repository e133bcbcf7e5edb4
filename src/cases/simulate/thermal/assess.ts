/**
 * Turns a thermal run into the result's summary: metrics (the planning engine's coverage, margin and gaps
 * with their uncertainty bands, peak temperatures at the structures at risk, thermocouples), warnings
 * (cord or root outside 10–45 °C, skin burn or freezing, thermocouple alarms, zone reaching a critical
 * structure, coverage), the plain-words verdict and the charts. Pure.
 */
import { ijkToWorld } from '../../../lib/space'
import type { Vec3 } from '../../../lib/vec3'
import type { SimMetric, SimSeries, SimWarning } from '../types'
import type { Roi } from './roi'
import {
  WATCH_GROUP_NAMES,
  type ThermocoupleSpec,
  type WatchGroupKey,
  type WatchRecord,
} from './watch'
import type { ZoneMetrics } from './zoneMetrics'

/** Nerve-safe temperature band, °C (FACTS.md §1.1, Sag & Husain 2022). */
export const NERVE_SAFE_C = { low: 10, high: 45 } as const
/** Skin: burn risk from 45 °C (critical) and 42 °C (warning) [U]; freezing at 0 °C. */
export const SKIN_LIMITS_C = { burn: 45, warm: 42, freeze: 0 } as const
/** Curative-margin minimum, mm (FACTS.md §1.5 Nijland 2020: R0 ≥ 2 mm). */
export const MIN_MARGIN_MM = 2

/** Inputs of {@link assessThermal}. */
export interface AssessInput {
  readonly kind: 'heat' | 'cold'
  readonly roi: Roi
  readonly zm: ZoneMetrics
  readonly record: WatchRecord
  readonly thermocouples: readonly ThermocoupleSpec[]
  readonly groups: Record<WatchGroupKey, Int32Array>
  /** Highest (heat) or lowest (cold) temperature reached per ROI voxel. */
  readonly extremeC: Float32Array
  /** What the zone is, e.g. "Ω ≥ 1" or "≤ −20 °C". */
  readonly zoneName: string
  readonly metricSource: string
  readonly extraMetrics: readonly SimMetric[]
  readonly extraWarnings: readonly SimWarning[]
  readonly extraSeries: readonly SimSeries[]
  readonly dvSeries: readonly SimSeries[]
}

/** Summary of a thermal run. */
export interface ThermalAssessment {
  readonly metrics: SimMetric[]
  readonly warnings: SimWarning[]
  readonly series: SimSeries[]
  readonly verdict: string
  readonly acceptable: boolean
}

const clock = (s: number): string =>
  `${Math.floor(s / 60)}:${Math.round(s % 60)
    .toString()
    .padStart(2, '0')}`

/** The voxel of a group where the extreme was reached, LPS mm. */
function extremeAt(inp: AssessInput, key: WatchGroupKey): Vec3 | undefined {
  const list = inp.groups[key]
  let best = -1
  let bestV = inp.kind === 'heat' ? -Infinity : Infinity
  for (let n = 0; n < list.length; n++) {
    const q = list[n]!
    const v = inp.extremeC[q]!
    if (inp.kind === 'heat' ? v > bestV : v < bestV) {
      bestV = v
      best = q
    }
  }
  if (best < 0) return undefined
  const [nx, ny] = inp.roi.geometry.dims
  return ijkToWorld(inp.roi.geometry, [
    best % nx,
    Math.floor(best / nx) % ny,
    Math.floor(best / (nx * ny)),
  ])
}

/** Extreme of a group over the run and when it was reached (NaN when the group is not in the ROI). */
function groupExtreme(
  inp: AssessInput,
  key: WatchGroupKey,
): { valueC: number; atS: number; firstCrossS: (limit: number) => number | null } {
  const series = inp.kind === 'heat' ? inp.record.maxC[key] : inp.record.minC[key]
  let valueC = NaN
  let atS = 0
  series.forEach((v, n) => {
    if (Number.isNaN(v)) return
    if (Number.isNaN(valueC) || (inp.kind === 'heat' ? v > valueC : v < valueC)) {
      valueC = v
      atS = inp.record.timeS[n]!
    }
  })
  const firstCrossS = (limit: number): number | null => {
    const n = series.findIndex((v) => (inp.kind === 'heat' ? v > limit : v < limit))
    return n >= 0 ? inp.record.timeS[n]! : null
  }
  return { valueC, atS, firstCrossS }
}

const round1 = (v: number): string => v.toFixed(1)

/** Builds metrics, warnings, series and the verdict (see module doc). */
export function assessThermal(inp: AssessInput): ThermalAssessment {
  const { zm } = inp
  const warnings: SimWarning[] = [...inp.extraWarnings]
  const metrics: SimMetric[] = []
  const src = inp.metricSource
  const band = (lo: number | null, hi: number | null): [number, number] | undefined =>
    lo !== null && hi !== null ? [Math.min(lo, hi), Math.max(lo, hi)] : undefined
  const withBand = (m: SimMetric, b: [number, number] | undefined): SimMetric =>
    b ? { ...m, band: b } : m
  metrics.push(
    withBand(
      {
        label: `Zone volume (${inp.zoneName})`,
        value: zm.main.treatedVolumeMl,
        unit: 'mL',
        source: src,
      },
      band(zm.inner.treatedVolumeMl, zm.outer.treatedVolumeMl),
    ),
  )
  if (zm.hasTarget) {
    metrics.push(
      withBand(
        {
          label: 'Target coverage',
          value: zm.main.coveragePercent,
          unit: '%',
          digits: 1,
          source: src,
        },
        band(zm.inner.coveragePercent, zm.outer.coveragePercent),
      ),
    )
    if (zm.main.minMarginMm !== null) {
      metrics.push(
        withBand(
          { label: 'Smallest margin', value: zm.main.minMarginMm, unit: 'mm', source: src },
          band(zm.inner.minMarginMm, zm.outer.minMarginMm),
        ),
      )
    }
    if (zm.main.coveragePercent < 99.95) {
      warnings.push({
        severity: 'warning',
        message: `The zone covers ${zm.main.coveragePercent.toFixed(1)} % of the target (band ${zm.inner.coveragePercent.toFixed(0)}–${zm.outer.coveragePercent.toFixed(0)} %).`,
      })
    } else if (zm.main.minMarginMm !== null && zm.main.minMarginMm < MIN_MARGIN_MM) {
      warnings.push({
        severity: 'info',
        message: `The target is covered but the smallest margin is ${round1(zm.main.minMarginMm)} mm (R0 needs ≥ ${MIN_MARGIN_MM} mm, FACTS.md §1.5).`,
      })
    }
    if (zm.targetOutsideRoi > 0) {
      warnings.push({
        severity: 'info',
        message: `${Math.round((100 * zm.targetOutsideRoi) / zm.targetVoxels)} % of the target lies outside the simulated region and counts as untreated.`,
      })
    }
  } else {
    warnings.push({
      severity: 'info',
      message: 'The plan has no target: coverage is not measured.',
    })
  }
  const names: Record<string, string> = { cord: 'cord', roots: 'nerve roots', skin: 'skin' }
  for (const c of zm.main.critical) {
    if (c.distanceMm !== null) {
      metrics.push({
        label: `Gap zone → ${names[c.key] ?? c.key}`,
        value: c.distanceMm,
        unit: 'mm',
        source: src,
      })
    }
    if (c.overlapMl > 0 && c.key !== 'skin') {
      warnings.push({
        severity: 'critical',
        message: `The ablation zone reaches into the ${names[c.key] ?? c.key} (${(c.overlapMl * 1000).toFixed(0)} mm³).`,
      })
    }
  }
  const limits = inp.kind === 'heat'
  for (const key of ['cord', 'roots', 'skin', 'canalWall'] as const) {
    const e = groupExtreme(inp, key)
    if (Number.isNaN(e.valueC)) continue
    const name = WATCH_GROUP_NAMES[key]
    metrics.push({
      label: `${limits ? 'Hottest' : 'Coldest'} ${name}`,
      value: e.valueC,
      unit: '°C',
      source: 'Pennes/enthalpy model on the case tissue map (this run)',
    })
    const at = extremeAt(inp, key)
    const where = at ? { atMm: at } : {}
    if (key === 'cord' || key === 'roots') {
      const limit = limits ? NERVE_SAFE_C.high : NERVE_SAFE_C.low
      const t = e.firstCrossS(limit)
      if (t !== null) {
        warnings.push({
          severity: 'critical',
          message: `The ${name} ${limits ? 'reach' : 'fall to'} ${round1(e.valueC)} °C (from ${clock(t)}); nerves must stay between ${NERVE_SAFE_C.low} and ${NERVE_SAFE_C.high} °C (FACTS.md §1.1).`,
          ...where,
        })
      }
    } else if (key === 'skin') {
      if (limits && e.valueC >= SKIN_LIMITS_C.warm) {
        warnings.push({
          severity: e.valueC >= SKIN_LIMITS_C.burn ? 'critical' : 'warning',
          message: `Skin burn risk: the skin reaches ${round1(e.valueC)} °C.`,
          ...where,
        })
      } else if (!limits && e.valueC <= SKIN_LIMITS_C.freeze + 10) {
        warnings.push({
          severity: e.valueC <= SKIN_LIMITS_C.freeze ? 'critical' : 'warning',
          message: `Skin cold injury risk: the skin falls to ${round1(e.valueC)} °C.`,
          ...where,
        })
      }
    }
  }
  const series: SimSeries[] = []
  inp.thermocouples.forEach((tc, n) => {
    const y = inp.record.thermocouplesC[n]!
    if (y.every((v) => Number.isNaN(v))) {
      warnings.push({
        severity: 'info',
        message: `Thermocouple "${tc.label}" lies outside the simulated region: it would stay near 37 °C.`,
        atMm: tc.pointMm,
      })
      return
    }
    const hi = Math.max(...y)
    const lo = Math.min(...y)
    metrics.push({
      label: `Thermocouple ${tc.label} (${limits ? 'max' : 'min'})`,
      value: limits ? hi : lo,
      unit: '°C',
      source: 'trilinear reading of the simulated temperature',
    })
    const n0 = y.findIndex((v) => v > tc.alarmHighC || v < tc.alarmLowC)
    if (n0 >= 0) {
      warnings.push({
        severity: 'warning',
        message: `Thermocouple "${tc.label}" alarms at ${clock(inp.record.timeS[n0]!)} (${round1(y[n0]!)} °C; alarm ${tc.alarmLowC}–${tc.alarmHighC} °C).`,
        atMm: tc.pointMm,
      })
    }
    series.push({
      id: `tc-${tc.id}`,
      label: `Thermocouple: ${tc.label}`,
      xLabel: 'time',
      xUnit: 's',
      yLabel: 'temperature',
      yUnit: '°C',
      x: inp.record.timeS,
      y,
      thresholds: [
        { value: tc.alarmHighC, label: `${tc.alarmHighC} °C` },
        ...(limits ? [] : [{ value: tc.alarmLowC, label: `${tc.alarmLowC} °C` }]),
      ],
    })
  })
  metrics.push(...inp.extraMetrics)
  series.push(...inp.extraSeries, ...inp.dvSeries)
  const crit = warnings.filter((w) => w.severity === 'critical')
  const acceptable = crit.length === 0
  const parts: string[] = []
  if (zm.hasTarget) {
    const m = zm.main.minMarginMm
    parts.push(
      `Target ${zm.main.coveragePercent.toFixed(0)} % covered${m !== null && zm.main.coveragePercent >= 99.95 ? ` with a ${round1(m)} mm margin` : ''}`,
    )
  } else {
    parts.push(`Zone ${zm.main.treatedVolumeMl.toFixed(1)} mL`)
  }
  for (const key of ['cord', 'roots'] as const) {
    const e = groupExtreme(inp, key)
    if (!Number.isNaN(e.valueC)) {
      parts.push(`${WATCH_GROUP_NAMES[key]} ${limits ? 'peak' : 'lowest'} ${round1(e.valueC)} °C`)
    }
  }
  const verdict = acceptable
    ? `${parts.join('; ')}.`
    : `Not acceptable: ${crit[0]!.message} ${parts.join('; ')}.`
  return { metrics, warnings, series, verdict, acceptable }
}
