/**
 * Approximate treated zones of a plan's ablation devices from the bioheat previews (src/sim/bioheat
 * `previewZone`): microwave antennas as the calibrated in-vivo ellipsoid, cryoprobe sets as superposed
 * single-probe isotherms. Two masks: the lethal zone (coverage, margins) and a wider nerve-safety zone (the
 * region where a nerve would leave its safe 10–45 °C band, FACTS.md §1.1 Sag & Husain 2022), used for the
 * distances to critical structures. The previews ignore anatomy (bone, vessels, perfusion maps).
 */
import type { Vec3 } from '../../lib/vec3'
import { normalize, scale, sub } from '../../lib/vec3'
import type { Device, DeviceOf, Plan } from '../../plan'
import { gaugeOuterDiameterMm } from '../../plan'
import { previewMask, previewZone } from '../../sim/bioheat/previewZone'
import { CRYO_ISOTHERMS_C } from '../../sim/bioheat/damage'
import type { CaseVolume } from './caseVolume'
import { lpsDirToSim, lpsToSimM, simGridOf } from '../../plan/simSpace'

/**
 * Assumptions of the zone model; [U]/[G] values are documented here so they can be adjusted.
 */
export const ZONE_MODEL = {
  /** Lethal cold isotherm, °C: −20 °C (FACTS.md §1.1 "Cold", suggested default; §6.4). */
  cryoLethalC: CRYO_ISOTHERMS_C.lethal,
  /** Nerve-safety cold level, °C: nerves must stay above 10 °C (FACTS.md §1.5, Sag & Husain 2022). */
  cryoNerveSafeC: 10,
  /**
   * Freezing length of a cryoprobe from its tip back along the shaft, mm [G]: the 40 mm of the gel-phantom
   * calibration (src/sim/bioheat/cryoPhantom.ts `PHANTOM_FREEZE_LENGTH_M`, "not in FACTS").
   */
  cryoFreezeLengthMm: 40,
  /**
   * Gap between the lethal heat edge and the 45 °C isotherm, mm [U]: ~4 mm from Kleinstueck 2003 (50–60 °C at
   * ~6 mm, 45 °C at ~10 mm from the source; FACTS.md §1.5).
   */
  heatNerveSafeMarginMm: 4,
} as const

/** Treated zones of a plan (null when the plan has no modelled ablation device). */
export interface PlanZones {
  readonly lethal: Uint8Array | null
  readonly nerveSafety: Uint8Array | null
  /** Plain-words description of the model behind each zone, per device. */
  readonly description: string
  /**
   * When there is no zone: why, completing "this plan has no ablation zone …" style reasons (e.g. "this
   * plan has no ablation device, so it has no ablation zone"); null when there is a zone.
   */
  readonly noZoneReason: string | null
}

/** Zone metrics (src/plan/metrics) that do not exist without a zone. */
const ZONE_METRICS = [
  'coveragePercent',
  'minMarginMm',
  'meanMarginMm',
  'treatedHealthyMl',
  'treatedVolumeMl',
  'targetVolumeMl',
] as const

/**
 * Plain-words reasons for the measurements a plan without a zone lacks (`PlanEvaluation.notMeasured`):
 * the zone metrics, `lethalGapMm.<key>` and the nerve-safety distances of `keys`, named by `nameOf`.
 */
export function noZoneReasons(
  why: string,
  keys: readonly string[],
  nameOf: (key: string) => string,
): { metrics: Record<string, string>; distancesMm: Record<string, string> } {
  const metrics: Record<string, string> = {}
  const distancesMm: Record<string, string> = {}
  for (const m of ZONE_METRICS) {
    metrics[m] = `${why}, so there is no treated volume to measure against the target`
  }
  for (const k of keys) {
    const away = `${why}, so there is nothing to keep away from the ${nameOf(k)}`
    metrics[`lethalGapMm.${k}`] = away
    distancesMm[k] = away
  }
  return { metrics, distancesMm }
}

/** Plan antenna designs → the two calibrated preview designs (triaxial ≈ dual-slot, dipole ≈ monopole). */
const MW_TYPE = {
  dualSlot: 'dualSlot',
  triaxial: 'dualSlot',
  monopole: 'monopole',
  dipole: 'monopole',
} as const

/** Lethal zone and nerve-safety zone of one microwave antenna, OR-ed into the given masks. */
function addMicrowave(
  v: CaseVolume,
  d: DeviceOf<'mwAntenna'>,
  lethal: Uint8Array,
  safety: Uint8Array,
): string {
  const g = v.geometry
  const grid = simGridOf(g)
  const shaft = normalize(sub(d.entryMm, d.tipMm))
  const zone = previewZone({
    kind: 'mwa',
    type: MW_TYPE[d.antennaType],
    frequency: d.frequencyMHz === 915 ? '915MHz' : '2450MHz',
    powerW: d.powerW,
    durationS: d.durationS,
    isPerfused: true,
    tipM: lpsToSimM(g, d.tipMm),
    shaftDirection: lpsDirToSim(g, shaft),
  })
  orInto(lethal, previewMask(grid, zone))
  if (zone.kind !== 'mwa') return ''
  const m = ZONE_MODEL.heatNerveSafeMarginMm / 1000
  const grown = {
    ...zone,
    ellipsoid: {
      ...zone.ellipsoid,
      lengthM: zone.ellipsoid.lengthM + 2 * m,
      diameterM: zone.ellipsoid.diameterM + 2 * m,
    },
  }
  orInto(safety, previewMask(grid, grown))
  const e = zone.ellipsoid
  return (
    `${d.label}: preview ellipsoid ${(e.lengthM * 1000).toFixed(0)} × ${(e.diameterM * 1000).toFixed(0)} mm ` +
    `(Ω ≥ 1), calibrated to in-vivo liver (FACTS.md §8.6, 80 W × 5 min → 44.8 × 31.2 mm)` +
    `${zone.isClamped ? ', power or time outside the table: clamped' : ''}`
  )
}

/** Lethal (−20 °C) and nerve-safety (10 °C) zones of a cryoprobe set, OR-ed into the given masks. */
function addCryo(
  v: CaseVolume,
  d: DeviceOf<'cryoprobeSet'>,
  lethal: Uint8Array,
  safety: Uint8Array,
): string {
  const g = v.geometry
  const grid = simGridOf(g)
  const probes = d.probes.map((p) => {
    const back = scale(normalize(sub(p.entryMm, p.tipMm)), ZONE_MODEL.cryoFreezeLengthMm)
    const start: Vec3 = [p.tipMm[0] + back[0], p.tipMm[1] + back[1], p.tipMm[2] + back[2]]
    return {
      startM: lpsToSimM(g, start),
      endM: lpsToSimM(g, p.tipMm),
      radiusM: gaugeOuterDiameterMm(p.gauge) / 2000,
    }
  })
  // The second freeze does not enlarge the isotherms (FACTS.md §1.4, Open Biomed Eng J 2016).
  const durationS = 60 * Math.max(d.protocol.freeze1Min, d.protocol.freeze2Min)
  const zone = previewZone({ kind: 'cryo', probes, durationS })
  orInto(lethal, previewMask(grid, zone, ZONE_MODEL.cryoLethalC))
  orInto(safety, previewMask(grid, zone, ZONE_MODEL.cryoNerveSafeC))
  return (
    `${d.label}: preview of ${d.probes.length} superposed probe isotherm(s), ${durationS / 60} min freeze, ` +
    `lethal ≤ ${ZONE_MODEL.cryoLethalC} °C, calibrated to the Littrup 39 °C gel phantom (FACTS.md §8.3)` +
    `${zone.isClamped ? ', outside the table: clamped' : ''}`
  )
}

function orInto(dst: Uint8Array, src: Uint8Array): void {
  for (let i = 0; i < dst.length; i++) dst[i] = dst[i]! | src[i]!
}

/** Why a device kind has no zone here. */
function unmodelled(d: Device): string | null {
  switch (d.kind) {
    case 'rfProbe':
      return (
        `${d.label}: no preview zone for scoring (bone-RF zone charts are a FACTS.md §7 gap), not counted; ` +
        `the RF physics (potential, SAR, tip-temperature control) runs in the simulation panel`
      )
    case 'cementTrocar':
      return (
        `${d.label}: scored on its trajectory and planned volume (FACTS.md §2.1); the cement itself ` +
        `(filling, leaks, fluoroscopy) is simulated in the simulation panel (src/cases/simulate/cement), ` +
        `not used in this score`
      )
    case 'hifuTransducer':
      return `${d.label}: scored on geometry (focus, beam path, incidence); the acoustic field and thermal dose are simulated in the simulation panel (src/cases/simulate/hifu), not used in this score`
    case 'ectElectrodeSet':
      return `${d.label}: scored on geometry (electrode spacing, voltage-to-distance ratio, lesion enclosed); the electric field and coverage are simulated in the simulation panel (src/cases/simulate/ect), not used in this score`
    case 'embolizationCatheter':
      return `${d.label}: scored on the vessel choice (feeder of the lesion, Adamkiewicz supply); flow, DSA and devascularization are simulated in the simulation panel (src/cases/simulate/embolization), not used in this score`
    case 'mwAntenna':
    case 'cryoprobeSet':
      return null
  }
}

/**
 * Zones of every microwave antenna and cryoprobe set of the plan (union), with a description of the model
 * used for each device. Allocates two full-size masks when there is at least one such device.
 */
export function planZones(plan: Plan, v: CaseVolume): PlanZones {
  const n = v.labels.length
  const parts: string[] = []
  let lethal: Uint8Array | null = null
  let safety: Uint8Array | null = null
  for (const d of plan.devices) {
    if (d.kind === 'mwAntenna' || d.kind === 'cryoprobeSet') {
      lethal ??= new Uint8Array(n)
      safety ??= new Uint8Array(n)
      parts.push(
        d.kind === 'mwAntenna' ? addMicrowave(v, d, lethal, safety) : addCryo(v, d, lethal, safety),
      )
    } else {
      const why = unmodelled(d)
      if (why) parts.push(why)
    }
  }
  const hasRf = plan.devices.some((d) => d.kind === 'rfProbe')
  return {
    lethal,
    nerveSafety: safety,
    description: parts.length ? parts.join('; ') : 'No devices.',
    noZoneReason: lethal
      ? null
      : hasRf
        ? 'the plan has no ablation zone (its RF probe has no preview zone for scoring, a FACTS.md §7 gap)'
        : 'this plan has no ablation zone (no microwave antenna or cryoprobe set)',
  }
}
