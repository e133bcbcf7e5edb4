/**
 * The heating run of a HIFU plan on a beam-aligned region: for each sonication the bowl's field (src/sim/
 * acoustic, angular spectrum through the labelled region) gives q = 2αI on a 0.5 mm grid, block-averaged
 * (energy-conserving) onto a 1 mm bioheat grid, then the Pennes solver (src/sim/bioheat) heats for the
 * sonication time and cools for the cooling time. CEM43 accumulates over the whole list. Pure; sim SI
 * inside, frames kept for the scrubber.
 */
import type { VolumeGeometry } from '../../../lib/space'
import { lpsDirToSim, lpsToSimM, simGridOf } from '../../../plan/simSpace'
import {
  discretiseBowl,
  isSteeringWithinLimits,
  wavelengthM,
  type BowlTransducer,
} from '../../../sim/acoustic/bowlTransducer'
import {
  beamFacingBoneSurface,
  blockAverage2,
  maxRatioInto,
  peakOf,
} from '../../../sim/acoustic/gridOps'
import { computeAcousticField } from '../../../sim/acoustic/rayleighField'
import { labelAcousticTable } from '../../../sim/acoustic/acousticMedia'
import { patchEntryLogIntensities } from '../../../sim/acoustic/entryAttenuation'
import { createBioheatState, stepBioheat, type BioheatState } from '../../../sim/bioheat/pennes'
import type { Vec3 } from '../../../lib/vec3'
import { SimCancelled, type SimContext } from '../types'
import type { FocusMode } from './hifuTypes'

/** Source element size of the app's field, wavelengths (converged to 0.5 % of the λ/2 field, see tests). */
export const FIELD_ELEMENT_WAVELENGTHS = 1.5
/** Bioheat macro steps during and after a sonication, s. */
const HEAT_STEP_S = 1
const COOL_STEP_S = 5
/** Source roll-off band, °C (see `BioheatSetup.sourceRollOffC`). */
export const SOURCE_ROLL_OFF_C = [90, 100] as const

/** A sonication ready to run: focus offset in LPS plus timing. */
export interface PlannedSonication {
  readonly offsetMm: Vec3
  readonly acousticPowerW: number
  readonly durationS: number
  readonly coolingS: number
}

/** Inputs of `runHifuHeating`. */
export interface HeatingInput {
  /** The transducer in LPS terms (focus = device tip). */
  readonly frequencyHz: number
  readonly apertureM: number
  readonly radiusM: number
  readonly focusMm: Vec3
  readonly axisLps: Vec3
  readonly fieldGeom: VolumeGeometry
  readonly fieldLabels: Uint8Array
  /** Bioheat grid: exactly half the field grid's dims, twice its spacing, same frame. */
  readonly heatGeom: VolumeGeometry
  readonly heatLabels: Uint8Array
  readonly sonications: readonly PlannedSonication[]
  /** The case labels, for the attenuation between the bowl and the region. */
  readonly ctLabels: Uint8Array
  readonly ctGeom: VolumeGeometry
}

/** One stored time frame of the heating run. */
export interface HeatFrame {
  readonly timeS: number
  readonly tempC: Float32Array
  readonly cem43Min: Float32Array
}

/** Per-sonication figures of the run. */
export interface SonicationRun {
  readonly mode: FocusMode
  readonly steeringEfficiency: number
  readonly peakPressurePa: number
  readonly peakIntensityWPerM2: number
  readonly peakTempC: number
  readonly fieldMs: number
  readonly startS: number
}

/** Result of `runHifuHeating`. */
export interface HeatingResult {
  readonly runs: readonly SonicationRun[]
  /** max over sonications of p / p_peak of that sonication, on the field grid. */
  readonly pressureEnvelope: Float32Array
  readonly frames: readonly HeatFrame[]
  readonly state: BioheatState
  /** Time series of the peak temperature in the region, for the chart. */
  readonly seriesTimeS: number[]
  readonly seriesPeakC: number[]
  readonly elementCount: number
  readonly fieldMethod: string
  readonly durationS: number
}

/** Runs every sonication's field and heating in order; cancellable through `ctx`. */
export async function runHifuHeating(input: HeatingInput, ctx: SimContext): Promise<HeatingResult> {
  const fg = input.fieldGeom
  const hg = input.heatGeom
  const region = { grid: simGridOf(fg), originM: [0, 0, 0] as const }
  const focusSim = lpsToSimM(fg, input.focusMm)
  const axisSim = lpsDirToSim(fg, input.axisLps)
  // Source roll-off 90–100 °C: a stand-in for dehydration and boiling, which a tight focus on cortex
  // (α ≈ 13 dB/cm/MHz, FACTS §3.4) would otherwise drive far past 100 °C in this model.
  const state = createBioheatState({
    grid: simGridOf(hg),
    labels: input.heatLabels,
    sourceRollOffC: SOURCE_ROLL_OFF_C,
  })
  const nHeat = hg.dims[0] * hg.dims[1] * hg.dims[2]
  const envelope = new Float32Array(fg.dims[0] * fg.dims[1] * fg.dims[2])
  const q = new Float32Array(nHeat)
  const frames: HeatFrame[] = [snapshot(state, 0)]
  const runs: SonicationRun[] = []
  const seriesTimeS: number[] = [0]
  const seriesPeakC: number[] = [peakOf(state.tempC)]
  let elementCount = 0
  let fieldMethod = ''
  const total = input.sonications.length
  const media = labelAcousticTable()
  for (const [n, s] of input.sonications.entries()) {
    if (!ctx.progress(n / total, `Sonication ${n + 1} of ${total}: acoustic field`)) {
      throw new SimCancelled()
    }
    // Let the worker deliver the progress message before the next long synchronous step.
    await Promise.resolve()
    const o = lpsDirToSim(fg, s.offsetMm)
    const offSim: Vec3 = [o[0] / 1000, o[1] / 1000, o[2] / 1000]
    const base: BowlTransducer = {
      frequencyHz: input.frequencyHz,
      radiusOfCurvatureM: input.radiusM,
      apertureDiameterM: input.apertureM,
      holeDiameterM: 0,
      powerW: s.acousticPowerW,
      focusM: focusSim,
      axisUnit: axisSim,
      steeringM: offSim,
    }
    const steered = isSteeringWithinLimits(base)
    const t: BowlTransducer = steered
      ? base
      : {
          ...base,
          focusM: [focusSim[0] + offSim[0], focusSim[1] + offSim[1], focusSim[2] + offSim[2]],
          steeringM: [0, 0, 0],
        }
    const el = discretiseBowl(t, {
      elementSizeM: FIELD_ELEMENT_WAVELENGTHS * wavelengthM(t.frequencyHz),
    })
    const t0 = Date.now()
    const entry = patchEntryLogIntensities(
      el,
      region,
      fg,
      input.ctLabels,
      input.ctGeom,
      media,
      t.frequencyHz,
    )
    const field = computeAcousticField(el, region, t.frequencyHz, {
      labels: input.fieldLabels,
      media,
      patchEntryLogIntensity: entry,
    })
    const fieldMs = Date.now() - t0
    elementCount = el.count
    fieldMethod = field.method
    const pPeak = peakOf(field.pressurePa)
    const iPeak = peakOf(field.intensityWPerM2)
    if (pPeak > 0) maxRatioInto(envelope, field.pressurePa, pPeak)
    blockAverage2(field.absorbedWPerM3, fg.dims, q, hg.dims)
    if (!ctx.progress((n + 0.5) / total, `Sonication ${n + 1} of ${total}: heating`)) {
      throw new SimCancelled()
    }
    const startS = state.timeS
    state.sourceWPerM3.set(q)
    advance(state, s.durationS / 2, HEAT_STEP_S, seriesTimeS, seriesPeakC)
    frames.push(snapshot(state, state.timeS))
    advance(state, s.durationS / 2, HEAT_STEP_S, seriesTimeS, seriesPeakC)
    frames.push(snapshot(state, state.timeS))
    const peakTempC = peakOf(state.tempC)
    state.sourceWPerM3.fill(0)
    advance(state, s.coolingS, COOL_STEP_S, seriesTimeS, seriesPeakC)
    frames.push(snapshot(state, state.timeS))
    runs.push({
      mode: steered ? 'steered' : 'moved',
      steeringEfficiency: el.steeringEfficiency,
      peakPressurePa: pPeak,
      peakIntensityWPerM2: iPeak,
      peakTempC,
      fieldMs,
      startS,
    })
  }
  return {
    runs,
    pressureEnvelope: envelope,
    frames,
    state,
    seriesTimeS,
    seriesPeakC,
    elementCount,
    fieldMethod,
    durationS: state.timeS,
  }
}

function advance(
  state: BioheatState,
  timeS: number,
  stepS: number,
  seriesT: number[],
  seriesC: number[],
): void {
  const n = Math.ceil(timeS / stepS - 1e-9)
  for (let m = 0; m < n; m++) {
    stepBioheat(state, { dtS: Math.min(stepS, timeS - m * stepS) }, 1)
    seriesT.push(state.timeS)
    seriesC.push(peakOf(state.tempC))
  }
}

const snapshot = (state: BioheatState, timeS: number): HeatFrame => ({
  timeS,
  tempC: Float32Array.from(state.tempC),
  cem43Min: Float32Array.from(state.damage.cem43Min),
})

/**
 * Target bone surface on a beam-aligned label grid: bone or intraosseous-tumour voxels whose neighbour one
 * voxel back along the beam is soft tissue, within `lateralMm` of the beam axis (the steering reach).
 */
export const targetSurfaceMask = (
  g: VolumeGeometry,
  labels: Uint8Array,
  lateralMm: number,
): Uint8Array => beamFacingBoneSurface(g.dims, g.spacingMm[0], labels, lateralMm)
