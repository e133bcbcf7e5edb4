/**
 * Microwave antennas in the app: the plan's antenna → the calibrated SAR pattern of src/sim/bioheat on the
 * ROI (through simSpace), the ROI's size from the calibrated preview zone, the posterior-wall checks of
 * FACTS.md §1.5/§8.9 and the texts saying where the numbers come from. Pure.
 */
import { normalize, scale, sub, add, type Vec3 } from '../../../lib/vec3'
import { lpsDirToSim, lpsToSimM, type DeviceOf } from '../../../plan'
import {
  FREQ_915_SCALE,
  MWA_EFFICIENCY,
  type AntennaType,
  type MwFrequency,
} from '../../../sim/bioheat/microwave'
import { createMicrowaveSource, MW_DESICCATION_SCALE } from '../../../sim/bioheat/mwDesiccation'
import { MW_DIELECTRIC_CONTRAST } from '../../../sim/bioheat/mwDielectric'
import type { BioheatState } from '../../../sim/bioheat/pennes'
import { previewZone } from '../../../sim/bioheat/previewZone'
import type { SimWarning } from '../types'
import type { HeatSource } from './heatRun'
import type { Roi } from './roi'
import type { WatchRecord } from './watch'

/** Plan antenna designs → the two calibrated patterns (triaxial ≈ dual-slot, dipole ≈ monopole) [G]. */
export const MW_PATTERN: Readonly<Record<DeviceOf<'mwAntenna'>['antennaType'], AntennaType>> = {
  dualSlot: 'dualSlot',
  triaxial: 'dualSlot',
  monopole: 'monopole',
  dipole: 'monopole',
}

/** Highest microwave power that kept a sheep posterior wall below 60 °C for ~4 min (FACTS.md §1.5). */
export const SPINE_SAFE_MW_POWER_W = 30

/** The posterior-wall temperature FACTS.md §1.5 / §8.9 measures against, °C. */
export const POSTERIOR_WALL_LIMIT_C = 60

/** Settings of one microwave run. */
export interface MwRun {
  readonly powerW: number
  readonly heatS: number
  readonly type: AntennaType
  readonly frequency: MwFrequency
  readonly tipMm: Vec3
  /** Unit LPS direction from the tip towards the hub. */
  readonly shaftMm: Vec3
}

/** The antenna's run settings with the options' what-if power and time. */
export function mwRun(d: DeviceOf<'mwAntenna'>, powerW?: number, durationS?: number): MwRun {
  return {
    powerW: powerW ?? d.powerW,
    heatS: durationS ?? d.durationS,
    type: MW_PATTERN[d.antennaType],
    frequency: d.frequencyMHz === 915 ? '915MHz' : '2450MHz',
    tipMm: d.tipMm,
    shaftMm: normalize(sub(d.entryMm, d.tipMm)),
  }
}

/**
 * Points whose box (padded by the caller) holds the heated region: the calibrated in-vivo preview zone as
 * a ball around its centre, grown for times beyond the preview table (zones keep growing slowly).
 */
export function mwExtentPoints(r: MwRun): { points: Vec3[]; radiusMm: number } {
  // The preview works in any metric frame: LPS millimetres / 1000 are metres along the LPS axes.
  const z = previewZone({
    kind: 'mwa',
    type: r.type,
    frequency: r.frequency,
    powerW: r.powerW,
    durationS: r.heatS,
    isPerfused: true,
    tipM: scale(r.tipMm, 1 / 1000),
    shaftDirection: r.shaftMm,
  })
  if (z.kind !== 'mwa') throw new Error('previewZone returned a cryo zone for an antenna')
  const grow = r.heatS > 600 ? Math.sqrt(r.heatS / 600) : 1
  const radiusMm = Math.max(15, 500 * Math.max(z.ellipsoid.lengthM, z.ellipsoid.diameterM) * grow)
  const c = scale(z.ellipsoid.centreM, 1000)
  return {
    points: [
      r.tipMm,
      add(c, [-radiusMm, -radiusMm, -radiusMm]),
      add(c, [radiusMm, radiusMm, radiusMm]),
    ],
    radiusMm,
  }
}

/**
 * A source filler for the heating loop: the antenna's SAR pattern on the ROI at full power, redistributed
 * outwards as the near field dries (`mwDesiccation.ts`; the absorbed power stays η·P).
 */
export function mwSource(
  roi: Roi,
  r: MwRun,
  labels: Uint8Array,
): (state: BioheatState) => HeatSource {
  return (state) => {
    const absorbing = new Uint8Array(state.isFixed.length)
    for (let q = 0; q < absorbing.length; q++) absorbing[q] = 1 - state.isFixed[q]!
    const src = createMicrowaveSource(
      roi.grid,
      {
        tipM: lpsToSimM(roi.geometry, r.tipMm),
        shaftDirection: lpsDirToSim(roi.geometry, r.shaftMm),
        type: r.type,
        frequency: r.frequency,
        powerW: r.powerW,
      },
      state.sourceWPerM3,
      { labels, absorbing },
    )
    return {
      absorbedW: src.absorbedW,
      update: (t, st) => src.update(t, st.damage.maxTempC, st.sourceWPerM3),
    }
  }
}

/** Posterior-wall warnings: high power next to the canal, and the wall's 60 °C crossing in this run. */
export function mwWallWarnings(r: MwRun, record: WatchRecord, hasWall: boolean): SimWarning[] {
  if (!hasWall) return []
  const out: SimWarning[] = []
  if (r.powerW > SPINE_SAFE_MW_POWER_W) {
    out.push({
      severity: 'warning',
      message: `${r.powerW} W next to the spinal canal: 40–50 W pushed a sheep posterior wall above 60 °C almost at once, 20–30 W kept it below for ~4 min (FACTS.md §1.5, Nijland 2024).`,
    })
  }
  const n = record.maxC.canalWall.findIndex((t) => t >= POSTERIOR_WALL_LIMIT_C)
  if (n >= 0) {
    const t = record.timeS[n]!
    out.push({
      severity: 'warning',
      message: `The bony wall of the canal passes ${POSTERIOR_WALL_LIMIT_C} °C at ${Math.floor(t / 60)}:${Math.round(
        t % 60,
      )
        .toString()
        .padStart(
          2,
          '0',
        )}: the cortex alone does not protect the cord from microwave heating (FACTS.md §1.5).`,
    })
  }
  return out
}

/** Where the microwave numbers come from. */
export function mwSourceText(r: MwRun): string {
  return (
    `Pennes bioheat (RKL2) on the case's tissue map, ${r.powerW} W ${r.frequency === '915MHz' ? '915 MHz' : '2.45 GHz'} ` +
    `${r.type === 'dualSlot' ? 'dual-slot' : 'monopole'} pattern for ${Math.round(r.heatS)} s, calibrated to in-vivo liver ` +
    `(80 W × 5 min → 44.8 × 31.2 mm, FACTS.md §8.6; aspect ratios PMC3721053, §1.4), attenuated along each ray ` +
    `by the tissues' 2.45 GHz dielectric loss relative to liver (Gabriel 1996 / IT'IS, not in FACTS: bone and fat ` +
    `absorb less and let the field reach further) and by near-field desiccation (the loss of tissue that has ` +
    `been hot falls with its peak temperature, sigmoid model of Yang 2007 / Ji & Brace 2011, not in FACTS; the ` +
    `power it no longer absorbs is deposited further out, the absorbed total stays fixed); properties ` +
    `FACTS.md §1.2; damage FACTS.md §1.1.`
  )
}

/** How uncertain the microwave temperatures are, in figures. */
export function mwUncertaintyText(r: MwRun): string {
  const freq =
    r.frequency === '915MHz'
      ? ` 915 MHz pattern scaled ×${FREQ_915_SCALE.value} (${FREQ_915_SCALE.min}–${FREQ_915_SCALE.max}) without data [G].`
      : ''
  return (
    `Zone sizes ±20–30 % (FACTS.md §8 tolerance; calibration within 1 % of its one fit point). ` +
    `Absorbed fraction η = ${MWA_EFFICIENCY.value} (range ${MWA_EFFICIENCY.min}–${MWA_EFFICIENCY.max}) [G]; ` +
    `marrow perfusion 30–176 mL/min/kg [D]; cortical k 0.16–0.6 W/m/K [D]; tissue dielectric contrast ` +
    `×${MW_DIELECTRIC_CONTRAST.min}–${MW_DIELECTRIC_CONTRAST.max} [U]; desiccation drop ×${MW_DESICCATION_SCALE.min}–` +
    `${MW_DESICCATION_SCALE.max} of the liver sigmoid, bone assumed to dry like liver [U]. No latent heat or steam: ` +
    `values above 100 °C next to the antenna are not physical, and the near-immediate posterior-wall heating of ` +
    `sheep at 40–50 W is not reproduced (model: 2.2–2.8 min, FACTS.md §8.9).${freq}`
  )
}
