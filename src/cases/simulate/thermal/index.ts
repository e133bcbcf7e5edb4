/**
 * The thermal procedure's simulation: microwave antennas, RF probes and cryoprobe sets on the case's own
 * tissue map (src/sim/bioheat), with the plan's protective measures and thermocouples, returning overlays,
 * the planning engine's metrics, warnings and charts. See README.md in this folder. Pure.
 */
import { ARRHENIUS_SETS } from '../../../sim/bioheat/damage'
import type { DeviceOf, Plan } from '../../../plan'
import type { CtVolume } from '../../volume'
import { SimCancelled, type ProcedureResult, type SimContext, type SimulateFn } from '../types'
import { runCryo, type CryoProtocol } from './coldRun'
import { coldResult } from './coldResult'
import {
  cryoExtentPoints,
  cryoSourceText,
  cryoUncertaintyText,
  freezingSegments,
  ICE_REACH_MM,
  segmentsOnRoi,
} from './cryoprobes'
import type { ThermalDetail } from './detail'
import { runHeating } from './heatRun'
import { heatResult } from './heatResult'
import {
  mwExtentPoints,
  mwRun,
  mwSource,
  mwSourceText,
  mwUncertaintyText,
  mwWallWarnings,
} from './microwave'
import { parseThermalOptions, type ThermalOptions } from './options'
import { simulateRfDevice } from './rf'
import { prepareRun, runSpacing } from './runSetup'

export type { ThermalDetail } from './detail'

/** Heat keeps spreading after the power stops: time simulated after it by default, s. */
export const DEFAULT_COOL_DOWN_S = 120

/** Padding of the ROI beyond the predicted heated region, mm (the 45 °C edge lies ~4–10 mm out). */
const HEAT_PAD_MM = 20

const MODEL_NOTE_HEAT =
  'Pennes bioheat equation (finite volumes, RKL2 super-steps) on the case tissue map: per-tissue ' +
  'density, heat capacity, conductivity with k(T) and perfusion (FACTS.md §1.2), perfusion stopping where ' +
  'tissue coagulates, large vessels as heat sinks at 37 °C, the region edge held at 37 °C. Damage: ' +
  'Arrhenius Ω (ablation zone) and CEM43 (bystander structures), FACTS.md §1.1. The microwave source is a ' +
  'calibrated analytic pattern attenuated by each tissue’s dielectric loss, which falls as the near field ' +
  'dries (desiccation pushes the heating outwards; Yang 2007 / Ji & Brace 2011 sigmoid, uncertain), not a ' +
  'field solution; no latent heat, steam or charring. Teaching model, not for clinical use.'

function simulateMicrowave(
  v: CtVolume,
  plan: Plan,
  d: DeviceOf<'mwAntenna'>,
  opts: ThermalOptions,
  ctx: SimContext,
  startedAt: number,
): ProcedureResult<ThermalDetail> {
  const r = mwRun(d, opts.powerW, opts.durationS)
  const coolS = opts.coolDownS ?? DEFAULT_COOL_DOWN_S
  const ext = mwExtentPoints(r)
  if (!ctx.progress(0.02, 'Building the tissue map')) throw new SimCancelled()
  const setup = prepareRun(
    v,
    plan,
    d,
    opts,
    { points: ext.points, padMm: HEAT_PAD_MM, anchorMm: d.tipMm },
    runSpacing(v, opts, 0.7, 1.6, 1),
  )
  const arrheniusName = opts.arrheniusSet ?? 'liver'
  const run = runHeating({
    grid: setup.roi.grid,
    labels: setup.tissue.labels,
    materials: setup.tissue.materials,
    heldRegions: setup.tissue.heldRegions,
    arrhenius: ARRHENIUS_SETS[arrheniusName],
    fillSource: mwSource(setup.roi, r, setup.tissue.labels),
    heatS: r.heatS,
    coolS,
    watcher: setup.watcher,
    ctx,
    progress: { from: 0.05, to: 0.9, message: 'Heating' },
  })
  if (!ctx.progress(0.92, 'Measuring the zone')) throw new SimCancelled()
  const dmg = run.state.damage
  return heatResult({
    volume: v,
    plan,
    device: d,
    setup,
    frames: run.frames,
    omega: dmg.omega,
    cem43Min: dmg.cem43Min,
    maxTempC: dmg.maxTempC,
    heatS: r.heatS,
    coolS,
    dtStableS: run.dtStableS,
    arrheniusName,
    settings: `${r.powerW} W for ${Math.round(r.heatS)} s${coolS > 0 ? `, then ${coolS} s without power` : ''}`,
    sourceText: mwSourceText(r),
    uncertaintyText: mwUncertaintyText(r),
    modelNote: MODEL_NOTE_HEAT,
    extraMetrics: [
      {
        label: 'Energy delivered (generator)',
        value: (r.powerW * r.heatS) / 1000,
        unit: 'kJ',
        source: 'power × time',
      },
      {
        label: 'Energy absorbed near the antenna',
        value: (run.absorbedW * r.heatS) / 1000,
        unit: 'kJ',
        source: 'calibrated absorbed fraction η (src/sim/bioheat/microwave.ts)',
      },
    ],
    extraWarnings: mwWallWarnings(r, setup.watcher.record, setup.groups.canalWall.length > 0),
    extraSeries: [],
    startedAt,
  })
}

const MODEL_NOTE_COLD =
  'Enthalpy-method freezing (latent heat over a mushy range, frozen-tissue conductivity and heat ' +
  'capacity, FACTS.md §1.2) with perfusion until stasis at −20 °C, on the case tissue map; probes held at ' +
  'an effective surface temperature fitted to gel-phantom data (FACTS.md §8.3); lethal isotherm −20 °C ' +
  '(−40 °C certain, FACTS.md §1.1). Teaching model, not for clinical use.'

function simulateCryo(
  v: CtVolume,
  plan: Plan,
  d: DeviceOf<'cryoprobeSet'>,
  opts: ThermalOptions,
  ctx: SimContext,
  startedAt: number,
): ProcedureResult<ThermalDetail> {
  const protocol: CryoProtocol = opts.protocol ?? d.protocol
  const coolS = opts.coolDownS ?? 0
  const segs = freezingSegments(d)
  if (!ctx.progress(0.02, 'Building the tissue map')) throw new SimCancelled()
  const setup = prepareRun(
    v,
    plan,
    d,
    opts,
    { points: cryoExtentPoints(segs), padMm: ICE_REACH_MM + 15, anchorMm: d.tipMm },
    runSpacing(v, opts, 1.9, 2.1, 2),
  )
  const held = setup.tissue.applied
    .filter((p) => p.kind === 'thermalSaline')
    .map((p) => ({
      segment: segmentsOnRoi(setup.roi, [
        { id: p.id, startMm: p.pointMm, tipMm: p.pointMm, radiusMm: p.radiusMm },
      ])[0]!,
      tempC: p.heldTempC ?? 37,
    }))
  const run = runCryo({
    grid: setup.roi.grid,
    labels: setup.tissue.labels,
    materials: setup.tissue.materials,
    probes: segmentsOnRoi(setup.roi, segs),
    held,
    protocol,
    coolS,
    watcher: setup.watcher,
    ctx,
    progress: { from: 0.05, to: 0.9, message: 'Freezing' },
  })
  if (!ctx.progress(0.92, 'Measuring the zone')) throw new SimCancelled()
  return coldResult({
    volume: v,
    plan,
    device: d,
    setup,
    frames: run.frames,
    minTempC: run.state.arrays.minTempC,
    phases: run.phases,
    dtStableS: run.state.dtStableS,
    settings: `${d.probes.length} probe(s): freeze ${protocol.freeze1Min} – ${protocol.thawMode} thaw ${protocol.thawMin} – freeze ${protocol.freeze2Min} min`,
    sourceText: cryoSourceText(d.probes.length, protocol),
    uncertaintyText: cryoUncertaintyText(),
    modelNote: MODEL_NOTE_COLD,
    extraMetrics: [],
    extraWarnings: [],
    startedAt,
  })
}

/** Simulates one thermal device (see module doc). */
export const simulateThermal: SimulateFn = async (volume, plan, device, options, ctx) => {
  const startedAt = Date.now()
  const opts = parseThermalOptions(options)
  // Let a caller's pending work (the worker's progress channel) run before the loop takes the thread.
  await Promise.resolve()
  switch (device.kind) {
    case 'mwAntenna':
      return simulateMicrowave(volume, plan, device, opts, ctx, startedAt)
    case 'cryoprobeSet':
      return simulateCryo(volume, plan, device, opts, ctx, startedAt)
    case 'rfProbe':
      return simulateRfDevice(volume, plan, device, opts, ctx, startedAt)
    case 'cementTrocar':
    case 'hifuTransducer':
    case 'ectElectrodeSet':
    case 'embolizationCatheter':
      throw new Error(`${device.label} is not a thermal ablation device.`)
  }
}
