/**
 * A cryoablation run as a `ProcedureResult`: overlays, the planning engine's metrics on the lethal zone
 * (lowest temperature ≤ −20 °C) and its band (−10 to −40 °C, FACTS.md §1.1 [D]), warnings, charts and the
 * thermal detail. Pure.
 */
import type { DeviceOf, Plan } from '../../../plan'
import { CRYO_ISOTHERMS_C } from '../../../sim/bioheat/damage'
import type { CtVolume } from '../../volume'
import type { ProcedureResult, SimMetric, SimWarning } from '../types'
import { assessThermal } from './assess'
import type { ColdFrame } from './coldRun'
import type { ThermalDetail } from './detail'
import { bandWidthMm, range } from './heatResult'
import { coldOverlays, CRYO_BAND_C } from './overlays'
import { coverageSeries, dvSeries, structureSeries, thermalDetail } from './resultParts'
import type { RunSetup } from './runSetup'
import { zoneMetrics } from './zoneMetrics'

/** What a finished cryo run hands over. */
export interface ColdOutcome {
  readonly volume: CtVolume
  readonly plan: Plan
  readonly device: DeviceOf<'cryoprobeSet'>
  readonly setup: RunSetup
  readonly frames: readonly ColdFrame[]
  readonly minTempC: Float32Array
  readonly phases: ThermalDetail['phases']
  readonly dtStableS: number
  readonly settings: string
  readonly sourceText: string
  readonly uncertaintyText: string
  readonly modelNote: string
  readonly extraMetrics: readonly SimMetric[]
  readonly extraWarnings: readonly SimWarning[]
  readonly startedAt: number
}

/** Builds the result (see module doc). */
export function coldResult(o: ColdOutcome): ProcedureResult<ThermalDetail> {
  const { setup } = o
  const roi = setup.roi
  const lethal = CRYO_ISOTHERMS_C.lethal
  const zm = zoneMetrics(
    o.volume,
    o.plan,
    roi,
    {
      main: o.minTempC,
      alt: o.minTempC,
      fill: 37,
      isTreated: (t) => t <= lethal,
      isInner: (t) => t <= CRYO_BAND_C.inner,
      isOuter: (t) => t <= CRYO_BAND_C.outer,
    },
    {
      target: { levels: range(-60, 20, 5), beyond: (v, l) => v <= l },
      cord: { levels: range(-60, 20, 5), beyond: (v, l) => v <= l },
    },
  )
  const bandMm = bandWidthMm(zm.inner.treatedVolumeMl, zm.outer.treatedVolumeMl)
  const overlays = coldOverlays({
    roi: roi.geometry,
    frames: o.frames,
    lethalC: lethal,
    source: o.sourceText,
    temperatureUncertainty: o.uncertaintyText,
    zoneUncertainty:
      `Lethal isotherm ${lethal} °C (FACTS.md §1.1 suggested default). Sources disagree [D]: −20 °C ` +
      `(Papalexis 2023), −30 °C (Littrup 2009), −40 °C (companion review), necrosis up to −10 °C in sheep ` +
      `bone. The dashed band runs from ${CRYO_BAND_C.outer} to ${CRYO_BAND_C.inner} °C: ${bandMm.toFixed(1)} mm wide here ` +
      `(equivalent-sphere radii of ${zm.inner.treatedVolumeMl.toFixed(1)} and ${zm.outer.treatedVolumeMl.toFixed(1)} mL). ${o.uncertaintyText}`,
  })
  const a = assessThermal({
    kind: 'cold',
    roi,
    zm,
    record: setup.watcher.record,
    thermocouples: setup.thermocouples,
    groups: setup.groups,
    extremeC: o.minTempC,
    zoneName: `≤ ${lethal} °C`,
    metricSource: `planning engine metrics (src/plan) on the simulated ≤ ${lethal} °C zone; band ${CRYO_BAND_C.outer}…${CRYO_BAND_C.inner} °C`,
    extraMetrics: o.extraMetrics,
    extraWarnings: [...setup.warnings, ...o.extraWarnings],
    extraSeries: [
      ...coverageSeries(setup.watcher.record, `Target share at ≤ ${lethal} °C`),
      ...structureSeries(setup.watcher.record, 'cold'),
    ],
    dvSeries: dvSeries(zm, {
      target: { label: 'Cold–volume: target (lowest temperature)', xLabel: 'T_min', xUnit: '°C' },
      cord: { label: 'Cold–volume: cord (lowest temperature)', xLabel: 'T_min', xUnit: '°C' },
    }),
  })
  const end = o.phases.length ? o.phases[o.phases.length - 1]!.endS : 0
  return {
    procedure: 'thermal',
    deviceId: o.device.id,
    verdict: a.verdict,
    acceptable: a.acceptable,
    metrics: a.metrics,
    warnings: a.warnings,
    series: a.series,
    overlays,
    durationS: Math.round(end * 1000) / 1000,
    modelNote: o.modelNote,
    elapsedMs: Date.now() - o.startedAt,
    detail: thermalDetail({
      kind: 'cold',
      deviceKind: 'cryoprobeSet',
      settings: o.settings,
      setup,
      extremeOf: (y) => Math.min(...y),
      phases: o.phases,
      dtStableS: o.dtStableS,
      frames: o.frames.length,
    }),
  }
}
