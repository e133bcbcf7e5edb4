/**
 * RF probes in the app: the plan's probe (cooled monopolar or bipolar bone probe) → src/sim/bioheat's RF
 * ablation (potential solve, SAR = σ|E|², tip-temperature control, impedance roll-off) on the ROI, then
 * the power-off phase on the returned solver state. The RF core keeps temperature frames only, so the
 * damage frames for the scrubber are rebuilt from them (see `damageFrames`). Pure.
 */
import { add, distance, normalize, scale, sub, type Vec3 } from '../../../lib/vec3'
import { gaugeOuterDiameterMm, lpsToSimM, type DeviceOf, type Plan } from '../../../plan'
import {
  ARRHENIUS_MIN_TEMP_C,
  ARRHENIUS_SETS,
  CEM43_MIN_TEMP_C,
  arrheniusRatePerS,
  cem43RateMinPerS,
  type ArrheniusParams,
} from '../../../sim/bioheat/damage'
import { stepBioheat } from '../../../sim/bioheat/pennes'
import { simulateRfAblation, type RfAblationResult } from '../../../sim/bioheat/rfAblation'
import type { CtVolume } from '../../volume'
import { SimCancelled, type ProcedureResult, type SimContext, type SimSeries } from '../types'
import type { ThermalDetail } from './detail'
import type { HeatFrame } from './heatRun'
import { heatResult } from './heatResult'
import type { ThermalOptions } from './options'
import { prepareRun, runSpacing } from './runSetup'

/** Temperature frames kept by the RF core, s (the damage frames are rebuilt from them). */
const RF_FRAME_S = 15

/** Reach of a bone RF zone beyond the active tip, mm (cooled liver electrodes reach ~15 mm) [G]. */
const RF_REACH_MM = 18

const MODEL_NOTE_RF =
  'RF ablation: quasi-static electric potential with tissue conductivity per label, σ(T) +2 %/°C and ' +
  'desiccation above 100 °C (FACTS.md §1.3), Joule heat σ|E|² driving the Pennes bioheat equation on the ' +
  'case tissue map (FACTS.md §1.2), a generator holding the hottest tissue next to the tip at the set ' +
  'temperature with impedance roll-off, then cooling without power. Damage: Arrhenius Ω (zone) and CEM43 ' +
  '(bystanders), FACTS.md §1.1. Bone RF zone charts are a FACTS.md §7 gap: sizes are model predictions. ' +
  'Teaching model, not for clinical use.'

/**
 * Damage frames from temperature frames: per voxel, the trapezoid integral of the dose rates between
 * frames gives the share of the final dose reached by each frame, which scales the solver's exact final
 * Ω and CEM43. Exact at the end; in between, as good as the frame spacing (15 s). Two passes (totals,
 * then running sums) so that no per-frame sums are stored; `visit` sees every frame with its treated test,
 * and only frames with `keep(i)` are returned.
 */
export function damageFrames(
  temps: readonly { readonly timeS: number; readonly tempC: Float32Array }[],
  finalOmega: Float32Array,
  finalCem43: Float32Array,
  arrhenius: ArrheniusParams,
  keep: (i: number) => boolean,
  visit: (timeS: number, tempC: Float32Array, isTreated: (q: number) => boolean) => void,
): HeatFrame[] {
  const n = finalOmega.length
  const rateO = (t: number): number =>
    t >= ARRHENIUS_MIN_TEMP_C ? arrheniusRatePerS(t, arrhenius) : 0
  const rateC = (t: number): number => (t >= CEM43_MIN_TEMP_C ? cem43RateMinPerS(t) : 0)
  const integrate = (accO: Float64Array, accC: Float64Array, i: number): void => {
    const prev = temps[i - 1]!
    const f = temps[i]!
    const dt = f.timeS - prev.timeS
    for (let q = 0; q < n; q++) {
      const a = prev.tempC[q]!
      const b = f.tempC[q]!
      if (a < CEM43_MIN_TEMP_C && b < CEM43_MIN_TEMP_C) continue
      accO[q] = accO[q]! + 0.5 * dt * (rateO(a) + rateO(b))
      accC[q] = accC[q]! + 0.5 * dt * (rateC(a) + rateC(b))
    }
  }
  const totO = new Float64Array(n)
  const totC = new Float64Array(n)
  for (let i = 1; i < temps.length; i++) integrate(totO, totC, i)
  const runO = new Float64Array(n)
  const runC = new Float64Array(n)
  const out: HeatFrame[] = []
  temps.forEach((f, i) => {
    if (i > 0) integrate(runO, runC, i)
    const omegaAt = (q: number): number =>
      totO[q]! > 0 ? (finalOmega[q]! * runO[q]!) / totO[q]! : 0
    visit(f.timeS, f.tempC, (q) => omegaAt(q) >= 1)
    if (!keep(i)) return
    const omega = new Float32Array(n)
    const cem43Min = new Float32Array(n)
    for (let q = 0; q < n; q++) {
      omega[q] = omegaAt(q)
      cem43Min[q] = totC[q]! > 0 ? (finalCem43[q]! * runC[q]!) / totC[q]! : 0
    }
    out.push({ timeS: f.timeS, tempC: f.tempC, omega, cem43Min })
  })
  return out
}

/** Simulates an RF probe (see module doc). */
export function simulateRfDevice(
  v: CtVolume,
  plan: Plan,
  d: DeviceOf<'rfProbe'>,
  opts: ThermalOptions,
  ctx: SimContext,
  startedAt: number,
): ProcedureResult<ThermalDetail> {
  const powerW = opts.powerW ?? d.powerW
  const heatS = opts.durationS ?? d.durationS
  const coolS = opts.coolDownS ?? 120
  const shaft = normalize(sub(d.entryMm, d.tipMm))
  const activeMm = Math.min(d.activeTipMm, distance(d.entryMm, d.tipMm))
  const mid: Vec3 = add(d.tipMm, scale(shaft, activeMm / 2))
  const reach = activeMm / 2 + RF_REACH_MM
  if (!ctx.progress(0.02, 'Building the tissue map')) throw new SimCancelled()
  const setup = prepareRun(
    v,
    plan,
    d,
    opts,
    {
      points: [add(mid, [-reach, -reach, -reach]), add(mid, [reach, reach, reach])],
      padMm: 15,
      anchorMm: d.tipMm,
    },
    runSpacing(v, opts, 0.7, 1.6, 1),
  )
  const roi = setup.roi
  const arrheniusName = opts.arrheniusSet ?? 'liver'
  let rf: RfAblationResult
  try {
    rf = simulateRfAblation(
      {
        grid: roi.grid,
        labels: setup.tissue.labels,
        materials: setup.tissue.materials,
        sigmaByLabel: setup.tissue.sigmaByLabel,
        heldRegions: setup.tissue.heldRegions,
        probes: [
          {
            tipM: lpsToSimM(roi.geometry, d.tipMm),
            entryM: lpsToSimM(roi.geometry, d.entryMm),
            radiusM: gaugeOuterDiameterMm(d.gauge) / 2000,
            kind: d.variant === 'bipolarBone' ? 'bipolar' : 'monopolar',
            activeLengthM: activeMm / 1000,
          },
        ],
        generator: { mode: 'temperature', maxPowerW: powerW, targetTempC: d.targetTipTempC },
      },
      { durationS: heatS, frameEveryS: RF_FRAME_S },
      (f, m) => {
        if (!ctx.progress(0.05 + 0.75 * f, m)) throw new SimCancelled()
      },
    )
  } catch (e) {
    if (e instanceof SimCancelled) throw e
    throw new Error(
      `The RF simulation could not run: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    )
  }
  // The watchers read the RF core's frames (it does not expose its state while it runs).
  const last = rf.frames.length - 1
  const frames = damageFrames(
    rf.frames,
    rf.omega,
    rf.cem43Min,
    ARRHENIUS_SETS[arrheniusName],
    (i) => i === last || Math.round(rf.frames[i]!.timeS) % 30 === 0,
    (t, temp, isTreated) => setup.watcher.sample(t, temp, isTreated),
  )
  const state = rf.state
  const steps = Math.max(1, Math.ceil(coolS / 10))
  for (let s = 0; coolS > 0 && s < steps; s++) {
    stepBioheat(state, { dtS: coolS / steps, sourceScale: () => 0 }, 1)
    setup.watcher.sample(state.timeS, state.tempC, (q) => state.damage.omega[q]! >= 1)
    if (s === steps - 1 || Math.round(state.timeS - heatS) % 30 === 0) {
      frames.push({
        timeS: state.timeS,
        tempC: Float32Array.from(state.tempC),
        omega: Float32Array.from(state.damage.omega),
        cem43Min: Float32Array.from(state.damage.cem43Min),
      })
    }
    if (!ctx.progress(0.8 + (0.1 * (s + 1)) / steps, 'Cooling')) throw new SimCancelled()
  }
  const h = rf.history
  const extraSeries: SimSeries[] = [
    {
      id: 'rf-power',
      label: 'Generator power',
      xLabel: 'time',
      xUnit: 's',
      yLabel: 'power',
      yUnit: 'W',
      x: Array.from(h.timeS),
      y: Array.from(h.powerW),
    },
    {
      id: 'rf-tip',
      label: 'Hottest tissue next to the tip (generator control)',
      xLabel: 'time',
      xUnit: 's',
      yLabel: 'temperature',
      yUnit: '°C',
      x: Array.from(h.timeS),
      y: Array.from(h.controlTempC),
      thresholds: [{ value: d.targetTipTempC, label: `${d.targetTipTempC} °C set` }],
    },
  ]
  const zLast = h.impedanceOhm.length ? h.impedanceOhm[h.impedanceOhm.length - 1]! : NaN
  return heatResult({
    volume: v,
    plan,
    device: d,
    setup,
    frames,
    omega: state.damage.omega,
    cem43Min: state.damage.cem43Min,
    maxTempC: state.damage.maxTempC,
    heatS,
    coolS,
    dtStableS: rf.dtStableS,
    arrheniusName,
    settings: `${d.variant === 'bipolarBone' ? 'bipolar' : 'cooled monopolar'} ${activeMm} mm tip, up to ${powerW} W at ${d.targetTipTempC} °C for ${Math.round(heatS)} s${coolS > 0 ? `, then ${coolS} s without power` : ''}`,
    sourceText:
      `RF: potential solve with σ per tissue (FACTS.md §1.3), SAR = σ|E|², generator holding ${d.targetTipTempC} °C ` +
      `next to the tip (≤ ${powerW} W) with impedance roll-off; Pennes bioheat on the case tissue map (FACTS.md §1.2).`,
    uncertaintyText:
      'Bone RF zone charts are a FACTS.md §7 gap: no bone calibration; liver checks against FACTS.md §8.6 ' +
      '(cool-tip 12 min → 46 × 30 mm) within ±20–30 %. σ(T) coefficient 1.2–2.3 %/°C [U]; bipolar electrode ' +
      'layout 40/20/40 % [G]; marrow perfusion 30–176 mL/min/kg [D]; desiccation at 100 °C [G].',
    modelNote: `${MODEL_NOTE_RF} ${rf.notes.join(' ')}`,
    extraMetrics: [
      {
        label: 'Energy delivered (generator)',
        value: rf.electricalEnergyJ / 1000,
        unit: 'kJ',
        source: '∫ P dt',
      },
      {
        label: 'Impedance at the end',
        value: zLast,
        unit: 'Ω',
        digits: 0,
        source: 'potential solve',
      },
      {
        label: 'Roll-off pauses',
        value: rf.rollOffEvents,
        unit: '',
        digits: 0,
        source: 'generator model',
      },
    ],
    extraWarnings: [],
    extraSeries,
    startedAt,
  })
}
