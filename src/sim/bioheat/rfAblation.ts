/**
 * RF ablation: the electric potential of the probes (efield `solvePotential`, σ per tissue with σ(T) and
 * irreversible desiccation) gives the Joule heat σ|E|², which drives the Pennes solver; a generator model
 * sets the power every control step: constant power or tip-temperature control (hottest tissue next to
 * the electrodes held at a set point), both with a voltage limit and impedance roll-off (the generator
 * pauses when the impedance rises above a multiple of its lowest value). See README.md "RF".
 *
 * The potential problem is linear in the drive, so it is solved at unit drive (1 V across the
 * electrodes) whenever σ changes: P = V²/Z and the heat is the unit-drive heat × P·Z. Pure; sim metres.
 */
import { applyTemperatureToConductivity, RF_TEMPERATURE_COEFFICIENT } from '../efield/conductivity'
import { electrodeCurrents, jouleHeating } from '../efield/field'
import type { PotentialProblem } from '../efield/solvePotential'
import { solvePotential } from '../efield/solvePotential'
import { gridSize, voxelVolumeM3, type Grid3 } from '../grid/grid3'
import { createBioheatState, stepBioheat, type BioheatState, type HeldRegion } from './pennes'
import { rfSigmaByLabel } from './protection'
import { layoutRfProbes, type RfProbe, type RfProbeLayout } from './rfElectrodes'
import { labelThermalTable, type TissueThermal } from './tissueProperties'

export type { RfProbe } from './rfElectrodes'

/** Impedance roll-off and desiccation settings (RF models' usual choices, not in FACTS: [G]). */
export interface RfRollOff {
  /**
   * Above this temperature tissue water boils and σ drops, °C (default 100). Reversible (vapour, not
   * char): once the tissue cools during a generator pause, σ and the impedance recover.
   */
  readonly desiccationC?: number
  /** Conductivity factor above `desiccationC` (default 0.02). */
  readonly sigmaFactor?: number
  /** The generator pauses when Z exceeds this multiple of the lowest Z so far (default 1.5). */
  readonly impedanceRatio?: number
  /** Pause length, s (default 15, cool-tip style pulsing). */
  readonly pauseS?: number
}

/** The RF generator. */
export interface RfGenerator {
  /** 'power': deliver `maxPowerW`; 'temperature': hold the hottest tissue near the tip at `targetTempC`. */
  readonly mode: 'temperature' | 'power'
  /** Power cap (temperature mode) or set power (power mode), W. */
  readonly maxPowerW: number
  /** Temperature set point of the hottest tissue within `controlRadiusM` of the electrodes, °C (90). */
  readonly targetTempC?: number
  /** Thermometry zone around the active parts, m (default 4 mm). */
  readonly controlRadiusM?: number
  /** RMS voltage limit, V (default 150): P ≤ V²/Z. */
  readonly maxVoltageV?: number
  readonly rollOff?: RfRollOff
}

/** Inputs of an RF ablation run. */
export interface RfAblationSetup {
  readonly grid: Grid3
  /** Label ids (src/lib/anatomy.ts), or the relabelled copy from `applyProtection`. */
  readonly labels: Uint8Array
  /** Thermal properties per label id (default `labelThermalTable()`). */
  readonly materials?: readonly TissueThermal[]
  /** RF conductivity per label id at 37 °C, S/m (default `rfSigmaByLabel()`). */
  readonly sigmaByLabel?: Float32Array
  readonly probes: readonly RfProbe[]
  readonly generator: RfGenerator
  /** Voxels held at a set temperature (warm/cool saline from `applyProtection`). */
  readonly heldRegions?: readonly HeldRegion[]
  readonly vesselsAsHeatSinks?: boolean
  readonly perfusionShutdownOmega?: number | null
  /** σ(T) coefficient per °C (default FACTS §1.3: 0.02, range 0.012–0.023). */
  readonly sigmaTempCoeffPerC?: number
}

/** Time stepping of an RF ablation run. */
export interface RfAblationParams {
  readonly durationS: number
  /** Generator control step and thermal macro step, s (default 2). */
  readonly controlStepS?: number
  /** Re-solve the potential at least this often, s (default 10; also after new desiccation). */
  readonly electricUpdateS?: number
  /** Temperature frames every this many seconds (default 30; t = 0 and the end always included). */
  readonly frameEveryS?: number
}

/** Generator time series, one entry per control step (at its end). */
export interface RfHistory {
  readonly timeS: Float64Array
  readonly powerW: Float64Array
  readonly impedanceOhm: Float64Array
  /** Hottest tissue in the control zone, °C. */
  readonly controlTempC: Float64Array
  readonly voltageV: Float64Array
}

/** Result of an RF ablation run. */
export interface RfAblationResult {
  readonly frames: { readonly timeS: number; readonly tempC: Float32Array }[]
  readonly omega: Float32Array
  readonly cem43Min: Float32Array
  readonly maxTempC: Float32Array
  readonly history: RfHistory
  /** ∫ P dt delivered by the generator, J. */
  readonly electricalEnergyJ: number
  /** ∫ Joule heat in free tissue, J (the rest falls in cooled needle, vessel or held voxels). */
  readonly depositedEnergyJ: number
  readonly electricSolves: number
  /** Generator pauses triggered by impedance roll-off. */
  readonly rollOffEvents: number
  readonly dtStableS: number
  readonly layout: RfProbeLayout
  /** The final bioheat state (for thermocouples and energy bookkeeping). */
  readonly state: BioheatState
  readonly notes: string[]
}

/** Per-run working data of the electric part. */
interface ElectricState {
  readonly problem: PotentialProblem
  readonly sigma: Float32Array
  readonly sigmaRef: Float32Array
  phi: Float32Array | null
  /** Joule heat at unit drive, W/m³. */
  unitHeat: Float32Array
  /** Impedance, Ω (1 V² / power at unit drive). */
  impedanceOhm: number
  solves: number
  desiccated: number
}

/**
 * Runs an RF ablation (see module doc). `onProgress(fraction, message)` is called every control step;
 * throw from it to cancel (the exception propagates). Throws plain-message errors for bad input.
 */
export function simulateRfAblation(
  setup: RfAblationSetup,
  params: RfAblationParams,
  onProgress?: (fraction: number, message: string) => void,
): RfAblationResult {
  const gen = setup.generator
  const dt = params.controlStepS ?? 2
  const duration = params.durationS
  if (!(duration > 0 && duration <= 7200)) {
    throw new Error(`RF duration ${duration} s not in (0, 2 h]`)
  }
  if (!(dt > 0 && dt <= 30)) throw new Error(`RF control step ${dt} s not in (0, 30]`)
  if (!((params.frameEveryS ?? 30) > 0 && (params.electricUpdateS ?? 10) > 0)) {
    throw new Error('RF frame and potential-update intervals must be positive')
  }
  if (!(gen.maxPowerW > 0 && gen.maxPowerW <= 400)) {
    throw new Error(`RF generator power ${gen.maxPowerW} W not in (0, 400]`)
  }
  const target = gen.targetTempC ?? 90
  if (gen.mode === 'temperature' && !(target > 37 && target < 150)) {
    throw new Error(`RF target temperature ${target} °C not in (37, 150)`)
  }
  const roll = {
    desiccationC: gen.rollOff?.desiccationC ?? 100,
    sigmaFactor: gen.rollOff?.sigmaFactor ?? 0.02,
    impedanceRatio: gen.rollOff?.impedanceRatio ?? 1.5,
    pauseS: gen.rollOff?.pauseS ?? 15,
  }
  const grid = setup.grid
  const n = gridSize(grid)
  if (setup.labels.length !== n) {
    throw new Error(`RF: ${setup.labels.length} labels for ${n} voxels`)
  }
  const layout = layoutRfProbes(grid, setup.probes, gen.controlRadiusM ?? 0.004)
  const state = createBioheatState({
    grid,
    labels: setup.labels,
    materials: setup.materials ?? labelThermalTable(),
    probes: layout.thermalProbes,
    heldRegions: setup.heldRegions,
    vesselsAsHeatSinks: setup.vesselsAsHeatSinks,
    perfusionShutdownOmega: setup.perfusionShutdownOmega,
  })
  const el = createElectricState(setup, layout)
  const alpha = setup.sigmaTempCoeffPerC ?? RF_TEMPERATURE_COEFFICIENT.perC
  const nSteps = Math.ceil(duration / dt - 1e-9)
  const history: RfHistory = {
    timeS: new Float64Array(nSteps),
    powerW: new Float64Array(nSteps),
    impedanceOhm: new Float64Array(nSteps),
    controlTempC: new Float64Array(nSteps),
    voltageV: new Float64Array(nSteps),
  }
  const frameEvery = params.frameEveryS ?? 30
  const frames = [{ timeS: 0, tempC: Float32Array.from(state.tempC) }]
  let nextFrame = frameEvery
  const updateEvery = params.electricUpdateS ?? 10
  let lastSolve = -Infinity
  let zMin = Infinity
  let pauseUntil = -1
  let rollOffEvents = 0
  let power = gen.mode === 'power' ? gen.maxPowerW : 0.2 * gen.maxPowerW
  let electricalJ = 0
  let depositedJ = 0
  let unitFree = 0
  const vol = voxelVolumeM3(grid)
  for (let s = 0; s < nSteps; s++) {
    const t0 = state.timeS
    const h = Math.min(dt, duration - t0)
    // Re-solve on schedule, or when the set of vaporising voxels (T above desiccationC) has changed.
    const dryChanged = countDesiccated(state, roll.desiccationC) !== el.desiccated
    if (t0 - lastSolve >= updateEvery - 1e-9 || dryChanged) {
      solveElectric(el, state, alpha, roll, layout)
      lastSolve = t0
      zMin = Math.min(zMin, el.impedanceOhm)
      state.sourceWPerM3.set(el.unitHeat)
      unitFree = 0
      for (let v = 0; v < n; v++) if (state.isFixed[v] === 0) unitFree += el.unitHeat[v]
    }
    const isPaused = t0 < pauseUntil
    // The controller holds its power during a roll-off pause (the tissue cools, but no power flows).
    if (gen.mode === 'temperature' && s > 0 && !isPaused) {
      const tCtrl = controlTemperature(state, layout.controlVoxels)
      power = controlPower(power, tCtrl, target, gen.maxPowerW)
    }
    let delivered = Math.min(power, (gen.maxVoltageV ?? 150) ** 2 / el.impedanceOhm)
    if (el.impedanceOhm > roll.impedanceRatio * zMin && t0 >= pauseUntil) {
      pauseUntil = t0 + roll.pauseS
      rollOffEvents++
    }
    if (t0 < pauseUntil) delivered = 0
    const scale = delivered * el.impedanceOhm
    stepBioheat(state, { dtS: h, sourceScale: () => scale }, 1)
    electricalJ += delivered * h
    depositedJ += unitFree * vol * scale * h
    history.timeS[s] = state.timeS
    history.powerW[s] = delivered
    history.impedanceOhm[s] = el.impedanceOhm
    history.controlTempC[s] = controlTemperature(state, layout.controlVoxels)
    history.voltageV[s] = Math.sqrt(delivered * el.impedanceOhm)
    if (state.timeS >= nextFrame - 1e-9 || s === nSteps - 1) {
      frames.push({ timeS: state.timeS, tempC: Float32Array.from(state.tempC) })
      nextFrame += frameEvery
    }
    onProgress?.(
      (s + 1) / nSteps,
      `RF ${state.timeS.toFixed(0)} / ${duration.toFixed(0)} s, ${delivered.toFixed(0)} W, ${el.impedanceOhm.toFixed(0)} Ω`,
    )
  }
  return {
    frames,
    omega: state.damage.omega,
    cem43Min: state.damage.cem43Min,
    maxTempC: state.damage.maxTempC,
    history,
    electricalEnergyJ: electricalJ,
    depositedEnergyJ: depositedJ,
    electricSolves: el.solves,
    rollOffEvents,
    dtStableS: state.dtStableS,
    layout,
    state,
    notes: rfNotes(setup),
  }
}

function createElectricState(setup: RfAblationSetup, layout: RfProbeLayout): ElectricState {
  const n = setup.labels.length
  const table = setup.sigmaByLabel ?? rfSigmaByLabel()
  const sigmaRef = new Float32Array(n)
  for (let v = 0; v < n; v++) sigmaRef[v] = table[setup.labels[v]]
  for (const v of layout.insulatedVoxels) sigmaRef[v] = 0
  const sigma = Float32Array.from(sigmaRef)
  return {
    problem: { grid: setup.grid, sigma, electrodes: layout.electrodes, pads: layout.pads },
    sigma,
    sigmaRef,
    phi: null,
    unitHeat: new Float32Array(n),
    impedanceOhm: Infinity,
    solves: 0,
    desiccated: 0,
  }
}

/** σ(T) with desiccation, then the unit-drive potential, Joule heat and impedance. Mutates `el`. */
function solveElectric(
  el: ElectricState,
  state: BioheatState,
  alpha: number,
  roll: { desiccationC: number; sigmaFactor: number },
  layout: RfProbeLayout,
): void {
  applyTemperatureToConductivity(el.sigma, el.sigmaRef, state.tempC, {
    perC: alpha,
    rollOff: { tempC: roll.desiccationC, factor: roll.sigmaFactor },
  })
  const dry = countDesiccated(state, roll.desiccationC)
  el.desiccated = dry
  const sol = solvePotential(el.problem, { relTol: 1e-5, initialPhi: el.phi ?? undefined })
  el.phi = sol.phi
  el.solves++
  el.unitHeat = jouleHeating(el.problem, sol.phi)
  const cur = electrodeCurrents(el.problem, sol.phi)
  let unitPowerW = 0
  layout.electrodes.forEach((e, i) => (unitPowerW += e.potentialV * cur.electrodesA[i]))
  if (!(unitPowerW > 0)) throw new Error('RF: no current flows between the electrodes (insulated?)')
  // Drive amplitude is 1 V across the electrodes (monopolar 1 V to ground, bipolar ±0.5 V): Z = 1/P.
  el.impedanceOhm = 1 / unitPowerW
}

/** Voxels above the desiccation temperature now (σ rolls off there: tissue water boils). */
function countDesiccated(state: BioheatState, desiccationC: number): number {
  const t = state.tempC
  let c = 0
  for (let v = 0; v < t.length; v++) if (t[v] > desiccationC) c++
  return c
}

/** Hottest temperature among the control voxels, °C. */
function controlTemperature(state: BioheatState, voxels: Int32Array): number {
  let t = -Infinity
  for (const v of voxels) if (state.isFixed[v] === 0 && state.tempC[v] > t) t = state.tempC[v]
  return t
}

/**
 * Tip-temperature control: the steady rise above body temperature is proportional to power, so the
 * power that would hold the set point is P·(T_set − 37)/(T − 37); the change per step is limited to
 * ×0.5…×1.3 (a generator ramps; the thermometry lags the heating).
 */
function controlPower(power: number, tempC: number, targetC: number, maxW: number): number {
  const rise = Math.max(tempC - 37, 0.1)
  const factor = Math.min(1.3, Math.max(0.5, (targetC - 37) / rise))
  return Math.min(maxW, Math.max(0.01 * maxW, power * factor))
}

function rfNotes(setup: RfAblationSetup): string[] {
  const notes = [
    'RF: quasi-static potential with σ(T) +2 %/°C (FACTS §1.3), σ × 0.02 above 100 °C (boiling) [G]; no latent heat of vaporisation.',
  ]
  if (setup.probes.some((p) => p.kind === 'monopolar')) {
    notes.push('Monopolar return: the faces of the simulated block stand in for the ground pad.')
  }
  if (setup.probes.some((p) => p.kind === 'bipolar')) {
    notes.push(
      'Bipolar layout 40 % / 20 % / 40 % of the active tip [G] (manufacturer charts: FACTS §7 gap).',
    )
  }
  return notes
}
