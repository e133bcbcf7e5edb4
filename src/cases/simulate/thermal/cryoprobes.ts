/**
 * Cryoprobe sets in the app: each probe's freezing segment (the distal 40 mm of the needle, the
 * calibration phantom's length) as a capsule on the ROI through simSpace, the ROI's size, and the texts
 * saying where the numbers come from. Pure.
 */
import { add, distance, normalize, scale, sub, type Vec3 } from '../../../lib/vec3'
import { gaugeOuterDiameterMm, lpsToSimM, type DeviceOf } from '../../../plan'
import { CRYO_ACTIVE_THAW_C, CRYO_SURFACE_TEMP_C } from '../../../sim/bioheat/cryo'
import { PHANTOM_FREEZE_LENGTH_M } from '../../../sim/bioheat/cryoPhantom'
import type { ProbeSegment } from '../../../sim/bioheat/probeGeometry'
import type { CryoProtocol } from './coldRun'
import type { Roi } from './roi'

/** Reach of the 0 °C ice beyond a probe after a full freeze, mm (≈ 17 mm for one probe, FACTS.md §8.3) [U]. */
export const ICE_REACH_MM = 20

/** A probe's freezing segment in LPS. */
export interface FreezingSegment {
  readonly id: string
  readonly startMm: Vec3
  readonly tipMm: Vec3
  readonly radiusMm: number
}

/** Freezing segments of a set's probes: from the tip back along the needle for the freezing length. */
export function freezingSegments(d: DeviceOf<'cryoprobeSet'>): FreezingSegment[] {
  const lengthMm = PHANTOM_FREEZE_LENGTH_M.value * 1000
  return d.probes.map((p) => {
    const len = Math.min(lengthMm, distance(p.entryMm, p.tipMm))
    return {
      id: p.id,
      startMm: add(p.tipMm, scale(normalize(sub(p.entryMm, p.tipMm)), len)),
      tipMm: p.tipMm,
      radiusMm: gaugeOuterDiameterMm(p.gauge) / 2,
    }
  })
}

/** The segments as capsules on the ROI grid, sim metres. */
export function segmentsOnRoi(roi: Roi, segs: readonly FreezingSegment[]): ProbeSegment[] {
  return segs.map((s) => ({
    startM: lpsToSimM(roi.geometry, s.startMm),
    endM: lpsToSimM(roi.geometry, s.tipMm),
    radiusM: s.radiusMm / 1000,
  }))
}

/** Points whose padded box holds the ice: every segment's ends. */
export const cryoExtentPoints = (segs: readonly FreezingSegment[]): Vec3[] =>
  segs.flatMap((s) => [s.startMm, s.tipMm])

/** Total freezing time of a protocol, s (the second freeze does not enlarge the ice, FACTS.md §1.4). */
export const protocolSeconds = (p: CryoProtocol): number =>
  60 * (p.freeze1Min + p.thawMin + p.freeze2Min)

/** Where the cryo numbers come from. */
export function cryoSourceText(n: number, p: CryoProtocol): string {
  return (
    `Enthalpy-method freezing (latent heat, frozen-tissue properties, FACTS.md §1.2) on the case's tissue map; ` +
    `${n} probe(s) with a ${PHANTOM_FREEZE_LENGTH_M.value * 1000} mm freezing length at ${CRYO_SURFACE_TEMP_C.value} °C, ` +
    `freeze ${p.freeze1Min} – ${p.thawMode} thaw ${p.thawMin} – freeze ${p.freeze2Min} min; surface temperature ` +
    `fitted to the Littrup 2009 gel phantom (1 probe → 12 mm lethal ice, FACTS.md §8.3).`
  )
}

/** How uncertain the cryo temperatures are, in figures. */
export function cryoUncertaintyText(): string {
  return (
    `Ice sizes ±20–30 % (FACTS.md §8; phantom checks 12.1 vs 12 mm, 32.9 vs 33 mm). Effective probe surface ` +
    `${CRYO_SURFACE_TEMP_C.value} °C (range ${CRYO_SURFACE_TEMP_C.min} to ${CRYO_SURFACE_TEMP_C.max}) [G]; active thaw ` +
    `${CRYO_ACTIVE_THAW_C.value} °C [G]; freezing length ${PHANTOM_FREEZE_LENGTH_M.min * 1000}–${PHANTOM_FREEZE_LENGTH_M.max * 1000} mm [G]; ` +
    `two makers' probes differ significantly (FACTS.md §1.4); the enthalpy front lags ~2 cells (first order).`
  )
}
