/**
 * Embolization vessel checks (geometry only; flow and DSA are simulated in src/cases/simulate/embolization, not used here): the catheter must sit in a segmental artery
 * of the lesion's level and never in a vessel that supplies the artery of Adamkiewicz (FACTS.md §5.3, §8.15).
 */
import type { Plan } from '../../plan'
import type { VesselInfo } from '../phantom'
import type { CaseCheck } from './caseChecks'
import { findLesion, lesionLevel, type CaseVolume } from './caseVolume'

/** Smallest particle accepted, µm: PVA 150–500 µm (FACTS.md §5.1, Shi 1999). */
export const MIN_PARTICLE_UM = 150

const SEGMENTAL: ReadonlySet<VesselInfo['kind']> = new Set(['intercostalArtery', 'lumbarArtery'])

/** True when embolizing the vessel would cut the cord's supply (it feeds, or is, the Adamkiewicz). */
export function suppliesCord(v: VesselInfo, all: readonly VesselInfo[]): boolean {
  if (v.feedsAdamkiewicz === true) return true
  if (v.kind === 'adamkiewicz' || v.kind === 'anteriorSpinalArtery') return true
  return all.some((c) => c.parent === v.id && c.kind === 'adamkiewicz')
}

/** Catheter checks: feeders, non-target catheters, Adamkiewicz supply and particle size. */
export function embolizationChecks(plan: Plan, v: CaseVolume): Record<string, CaseCheck> {
  const cats = plan.devices.filter((d) => d.kind === 'embolizationCatheter')
  if (cats.length === 0) {
    const none = { value: null, detail: 'The plan has no embolization catheter.' }
    return {
      emboFeederCatheters: none,
      emboNonTargetCatheters: none,
      emboAdamkiewiczCatheters: none,
      emboSmallParticleCatheters: none,
    }
  }
  const vessels = v.vessels ?? []
  const lesion = findLesion(v)
  const level = lesion ? lesionLevel(v, lesion) : undefined
  const feeders: string[] = []
  const nonTarget: string[] = []
  const cord: string[] = []
  const small: string[] = []
  for (const c of cats) {
    const vessel = vessels.find((x) => x.id === c.vesselId)
    if (!vessel) {
      nonTarget.push(`${c.label} in "${c.vesselId}", which is not a vessel of this case`)
    } else {
      if (suppliesCord(vessel, vessels)) {
        cord.push(`${c.label} in ${vessel.id}, which supplies the artery of Adamkiewicz`)
      }
      const isFeeder = SEGMENTAL.has(vessel.kind) && level !== undefined && vessel.level === level
      if (isFeeder && !suppliesCord(vessel, vessels)) feeders.push(`${c.label} in ${vessel.id}`)
      else if (!isFeeder) {
        nonTarget.push(
          `${c.label} in ${vessel.id}, which is not a segmental artery of the lesion's level (${level ?? 'unknown'})`,
        )
      }
    }
    if (c.agent.kind === 'particles' && c.agent.sizeMinUm < MIN_PARTICLE_UM) {
      small.push(`${c.label}: ${c.agent.sizeMinUm} µm particles`)
    }
  }
  return {
    emboFeederCatheters: {
      value: feeders.length,
      detail: feeders.length
        ? `Feeder catheterised: ${feeders.join('; ')}.`
        : `No catheter sits in a segmental artery of the lesion's level (${level ?? 'unknown'}) that is safe to embolize.`,
    },
    emboNonTargetCatheters: {
      value: nonTarget.length,
      detail: nonTarget.length ? `Non-target: ${nonTarget.join('; ')}.` : 'No non-target catheter.',
    },
    emboAdamkiewiczCatheters: {
      value: cord.length,
      detail: cord.length
        ? `Critical: ${cord.join('; ')} — embolizing it risks spinal cord infarction.`
        : 'No catheter is in a vessel that supplies the artery of Adamkiewicz.',
    },
    emboSmallParticleCatheters: {
      value: small.length,
      detail: small.length
        ? `Particles smaller than ${MIN_PARTICLE_UM} µm: ${small.join('; ')}.`
        : `No particles smaller than ${MIN_PARTICLE_UM} µm.`,
    },
  }
}
