/** Shared fixture of the embolization tests: the T12 case volume and its expert plan, built once per file. */
import { generateCatalogVolume } from '../../../../src/cases/catalog'
import { expertPlan } from '../../../../src/cases/expert'
import { generateCase } from '../../../../src/cases/library'
import type { VesselInfo } from '../../../../src/cases/phantom'
import { pointAlong } from '../../../../src/cases/simulate/embolization'
import type { CtVolume } from '../../../../src/cases/volume'
import type { DeviceOf, Plan } from '../../../../src/plan'

export const CASE_ID = 't12-rcc-embolization'

export type Catheter = DeviceOf<'embolizationCatheter'>

/** The case volume and expert plan (generation takes a few seconds). */
export function setupT12(): { volume: CtVolume; plan: Plan; catheter: Catheter } {
  const volume = generateCatalogVolume(CASE_ID)
  const plan = expertPlan(CASE_ID, generateCase(CASE_ID))
  const catheter = plan.devices[0]
  if (catheter?.kind !== 'embolizationCatheter') throw new Error('expert plan without a catheter')
  return { volume, plan, catheter }
}

/** A vessel of the volume by id. */
export function vesselOf(volume: CtVolume, id: string): VesselInfo {
  const v = volume.vessels?.find((x) => x.id === id)
  if (!v) throw new Error(`no vessel ${id}`)
  return v
}

/** The catheter moved to fraction `t` of vessel `id`, with other fields replaced by `over`. */
export function catheterAt(
  volume: CtVolume,
  base: Catheter,
  id: string,
  t: number,
  over: Partial<Catheter> = {},
): Catheter {
  const p = pointAlong(vesselOf(volume, id).points, t)
  return { ...base, vesselId: id, tipAlongVessel: t, tipMm: [p[0], p[1], p[2]], ...over }
}

/** A plan with these catheters. */
export const planWith = (plan: Plan, devices: Catheter[]): Plan => ({ ...plan, devices })

/** Fraction along a segmental artery's centreline at its foramen point (landmark). */
export function foramenFraction(volume: CtVolume, v: VesselInfo): number {
  const f = volume.landmarks?.[`${v.level}.segmentalArtery.${v.side}`]
  if (!f) throw new Error(`no foramen landmark for ${v.id}`)
  let total = 0
  let at = 0
  for (let i = 1; i < v.points.length; i++) {
    const a = v.points[i - 1]
    const b = v.points[i]
    if (Math.hypot(a[0] - f[0], a[1] - f[1], a[2] - f[2]) < 1e-6) at = total
    total += Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2])
  }
  return at / total
}

/**
 * A copy of the volume whose artery of Adamkiewicz arises from segmental artery `toId` instead: the
 * hairpin is translated so that it starts at that artery's foramen (the phantom draws it from there).
 */
export function withAdamkiewiczFrom(volume: CtVolume, toId: string): CtVolume {
  const vessels = volume.vessels ?? []
  const aka = vessels.find((v) => v.kind === 'adamkiewicz')
  const to = vessels.find((v) => v.id === toId)
  if (!aka || !to?.level || !to.side) throw new Error('bad AKA move')
  const f = volume.landmarks?.[`${to.level}.segmentalArtery.${to.side}`]
  if (!f) throw new Error('no foramen')
  const o = aka.points[0]
  const d = [f[0] - o[0], f[1] - o[1], f[2] - o[2]] as const
  // Mirror across the midline for the other side, then translate onto the new foramen.
  const flip = to.side !== aka.side ? -1 : 1
  const moved: VesselInfo = {
    ...aka,
    level: to.level,
    side: to.side,
    parent: to.id,
    points: aka.points.map((p) => [
      flip === 1 ? p[0] + d[0] : f[0] - (p[0] - o[0]),
      p[1] + d[1],
      p[2] + d[2],
    ]),
  }
  return {
    ...volume,
    vessels: vessels.map((v) =>
      v.kind === 'adamkiewicz'
        ? moved
        : v.kind === 'intercostalArtery' || v.kind === 'lumbarArtery'
          ? { ...v, feedsAdamkiewicz: v.id === toId }
          : v,
    ),
  }
}
