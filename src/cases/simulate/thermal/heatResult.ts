/**
 * A heating run (microwave or RF) as a `ProcedureResult`: overlays, the planning engine's metrics on the
 * zone (Arrhenius Ω ≥ 1) and its band (Ω = 1 vs 240 CEM43), warnings, charts and the thermal detail. Pure.
 */
import type { Device, Plan } from '../../../plan'
import {
  ARRHENIUS_SETS,
  CEM43_NECROSIS_MIN,
  type ArrheniusParams,
} from '../../../sim/bioheat/damage'
import type { CtVolume } from '../../volume'
import type { ProcedureResult, SimMetric, SimSeries, SimWarning } from '../types'
import { assessThermal } from './assess'
import type { ThermalDetail } from './detail'
import type { HeatFrame } from './heatRun'
import { heatOverlays } from './overlays'
import type { RunSetup } from './runSetup'
import { structureSeries, coverageSeries, dvSeries, thermalDetail } from './resultParts'
import { zoneMetrics } from './zoneMetrics'

/** What a finished heating run hands over. */
export interface HeatOutcome {
  readonly volume: CtVolume
  readonly plan: Plan
  readonly device: Device & { readonly kind: 'mwAntenna' | 'rfProbe' }
  readonly setup: RunSetup
  readonly frames: readonly HeatFrame[]
  readonly omega: Float32Array
  readonly cem43Min: Float32Array
  readonly maxTempC: Float32Array
  readonly heatS: number
  readonly coolS: number
  readonly dtStableS: number
  readonly arrheniusName: keyof typeof ARRHENIUS_SETS
  readonly settings: string
  readonly sourceText: string
  readonly uncertaintyText: string
  readonly modelNote: string
  readonly extraMetrics: readonly SimMetric[]
  readonly extraWarnings: readonly SimWarning[]
  readonly extraSeries: readonly SimSeries[]
  readonly startedAt: number
}

const arrheniusText = (name: keyof typeof ARRHENIUS_SETS, p: ArrheniusParams): string =>
  `${name} set (A = ${p.aPerS.toExponential(2)} s⁻¹, Ea = ${(p.eaJPerMol / 1000).toFixed(1)} kJ/mol)`

/** Builds the result (see module doc). */
export function heatResult(o: HeatOutcome): ProcedureResult<ThermalDetail> {
  const { setup } = o
  const roi = setup.roi
  const p = ARRHENIUS_SETS[o.arrheniusName]
  const zm = zoneMetrics(
    o.volume,
    o.plan,
    roi,
    {
      main: o.omega,
      alt: o.cem43Min,
      fill: 0,
      isTreated: (a) => a >= 1,
      isInner: (a, b) => a >= 1 && b >= CEM43_NECROSIS_MIN,
      isOuter: (a, b) => a >= 1 || b >= CEM43_NECROSIS_MIN,
    },
    {
      target: { levels: range(-2, 3, 0.25), beyond: (v, l) => v >= 10 ** l },
      cord: { levels: range(-2, 3, 0.25), beyond: (v, l) => v >= 10 ** l },
    },
  )
  const bandMm = bandWidthMm(zm.inner.treatedVolumeMl, zm.outer.treatedVolumeMl)
  const overlays = heatOverlays({
    roi: roi.geometry,
    frames: o.frames,
    maxTempC: o.maxTempC,
    source: o.sourceText,
    temperatureUncertainty: o.uncertaintyText,
    zoneUncertainty:
      `Arrhenius ${arrheniusText(o.arrheniusName, p)}; no bone set exists (FACTS.md §1.1 [G]). ` +
      `Ω = 1 means ~63 % of cells altered. ${o.uncertaintyText}`,
    bandUncertainty:
      `Outer edge: Arrhenius Ω ≥ 1 or CEM43 ≥ ${CEM43_NECROSIS_MIN} min; inner edge: both. The two models ` +
      `disagree (FACTS.md §1.1 [D]: ~28× at 43 °C). Here the band is ${bandMm.toFixed(1)} mm wide ` +
      `(equivalent-sphere radii of ${zm.inner.treatedVolumeMl.toFixed(1)} and ${zm.outer.treatedVolumeMl.toFixed(1)} mL).`,
    modelName: `Arrhenius, ${o.arrheniusName}`,
  })
  const a = assessThermal({
    kind: 'heat',
    roi,
    zm,
    record: setup.watcher.record,
    thermocouples: setup.thermocouples,
    groups: setup.groups,
    extremeC: o.maxTempC,
    zoneName: 'Ω ≥ 1',
    metricSource:
      'planning engine metrics (src/plan) on the simulated Ω ≥ 1 zone; band: CEM43 240 min',
    extraMetrics: o.extraMetrics,
    extraWarnings: [...setup.warnings, ...o.extraWarnings],
    extraSeries: [
      ...coverageSeries(setup.watcher.record, 'Target share with Ω ≥ 1'),
      ...structureSeries(setup.watcher.record, 'heat'),
      ...o.extraSeries,
    ],
    dvSeries: dvSeries(zm, {
      target: { label: 'Dose–volume: target', xLabel: 'log₁₀ Ω', xUnit: '' },
      cord: { label: 'Dose–volume: cord (thermal dose)', xLabel: 'log₁₀ CEM43', xUnit: 'min' },
    }),
  })
  return {
    procedure: 'thermal',
    deviceId: o.device.id,
    verdict: a.verdict,
    acceptable: a.acceptable,
    metrics: a.metrics,
    warnings: a.warnings,
    series: a.series,
    overlays,
    durationS: o.heatS + o.coolS,
    modelNote: o.modelNote,
    elapsedMs: Date.now() - o.startedAt,
    detail: thermalDetail({
      kind: 'heat',
      deviceKind: o.device.kind,
      settings: o.settings,
      setup,
      extremeOf: (y) => Math.max(...y),
      phases: [
        { name: 'Power on', startS: 0, endS: o.heatS },
        ...(o.coolS > 0 ? [{ name: 'Power off', startS: o.heatS, endS: o.heatS + o.coolS }] : []),
      ],
      dtStableS: o.dtStableS,
      frames: o.frames.length,
    }),
  }
}

/** Values from `lo` to `hi` in steps of `step`. */
export function range(lo: number, hi: number, step: number): number[] {
  const out: number[] = []
  for (let x = lo; x <= hi + 1e-9; x += step) out.push(Math.round(x * 1e6) / 1e6)
  return out
}

/** Difference of the equivalent-sphere radii of two volumes, mm. */
export function bandWidthMm(innerMl: number, outerMl: number): number {
  const r = (ml: number): number => Math.cbrt((3 * ml * 1000) / (4 * Math.PI))
  return r(outerMl) - r(innerMl)
}
