/**
 * Geometry-only checks of a plan against its case that the plan core's generic metrics do not cover
 * (transpedicular trocar path, tips in the lesion, device parameters against FACTS.md ranges). Each check
 * gives a number for the rubric and a plain-words detail. Pure; LPS mm.
 */
import { distance, dot, sub, type Vec3 } from '../../lib/vec3'
import type { Plan } from '../../plan'
import { findLesion, isTumourAt, type CaseVolume } from './caseVolume'
import { ectChecks } from './ectChecks'
import { embolizationChecks } from './embolizationChecks'
import { hifuChecks } from './hifuChecks'
import { jointChecks } from './jointChecks'

/** One case check: the value scored by the rubric (null = not applicable) and what was measured. */
export interface CaseCheck {
  readonly value: number | null
  readonly detail: string
}

/** Case checks by metric key. */
export type CaseChecks = Readonly<Record<string, CaseCheck>>

/**
 * Largest distance of a trocar path from the centre of the pedicle it should run through, mm: half of the
 * narrowest safe T11–L5 pedicle corridor (7.2 mm, ANATOMY.md §1.2 Lien07).
 */
export const PEDICLE_OFFSET_MAX_MM = 3.6

/** Distance from point p to segment a–b, mm. */
export function pointSegmentMm(p: Vec3, a: Vec3, b: Vec3): number {
  const ab = sub(b, a)
  const len2 = dot(ab, ab)
  const t = len2 > 0 ? Math.max(0, Math.min(1, dot(sub(p, a), ab) / len2)) : 0
  return distance(p, [a[0] + t * ab[0], a[1] + t * ab[1], a[2] + t * ab[2]])
}

const f1 = (v: number): string => v.toFixed(1)

/** A tip is in the lesion when its voxel is tumour or it lies within the lesion's radius of its centre. */
function tipInLesion(v: CaseVolume, tip: Vec3): boolean {
  const lesion = findLesion(v)
  if (isTumourAt(v, tip)) return true
  return lesion !== undefined && distance(tip, lesion.centreMm) <= lesion.sizeMm / 2
}

function trocarChecks(plan: Plan, v: CaseVolume): Record<string, CaseCheck> {
  const trocars = plan.devices.filter((d) => d.kind === 'cementTrocar')
  if (trocars.length === 0) {
    const none = { value: null, detail: 'The plan has no cement trocar.' }
    return { trocarPedicleOffsetMm: none, trocarTipsInLesionPercent: none }
  }
  const pedicles = Object.entries(v.landmarks ?? {}).filter(([k]) => /\.pedicle\.[LR]$/.test(k))
  let worst: number | null = null
  const offsets: string[] = []
  for (const t of trocars) {
    if (pedicles.length === 0) continue
    let best = Infinity
    let name = ''
    for (const [k, p] of pedicles) {
      const d = pointSegmentMm(p, t.entryMm, t.tipMm)
      if (d < best) [best, name] = [d, k]
    }
    worst = Math.max(worst ?? 0, best)
    offsets.push(`${t.label} passes ${f1(best)} mm from the centre of pedicle ${name}`)
  }
  const inLesion = trocars.filter((t) => tipInLesion(v, t.tipMm)).length
  return {
    trocarPedicleOffsetMm: {
      value: worst,
      detail:
        worst === null
          ? 'No pedicle landmarks in this case.'
          : `${offsets.join('; ')} (at most ${PEDICLE_OFFSET_MAX_MM} mm keeps it inside the pedicle).`,
    },
    trocarTipsInLesionPercent: {
      value: (100 * inLesion) / trocars.length,
      detail: `${inLesion} of ${trocars.length} trocar tip(s) lie in the lesion.`,
    },
  }
}

function applicatorChecks(plan: Plan, v: CaseVolume): Record<string, CaseCheck> {
  const tips: { name: string; tip: Vec3 }[] = []
  let maxMwPower: number | null = null
  for (const d of plan.devices) {
    if (d.kind === 'mwAntenna' || d.kind === 'rfProbe') tips.push({ name: d.label, tip: d.tipMm })
    if (d.kind === 'cryoprobeSet') {
      for (const p of d.probes) tips.push({ name: `${d.label} ${p.id}`, tip: p.tipMm })
    }
    if (d.kind === 'mwAntenna') maxMwPower = Math.max(maxMwPower ?? 0, d.powerW)
  }
  const outside = tips.filter((t) => !tipInLesion(v, t.tip)).map((t) => t.name)
  return {
    applicatorTipsInLesionPercent: {
      value: tips.length ? (100 * (tips.length - outside.length)) / tips.length : null,
      detail: tips.length
        ? outside.length
          ? `Applicator tip(s) outside the lesion: ${outside.join(', ')}.`
          : `All ${tips.length} applicator tip(s) lie in the lesion.`
        : 'The plan has no ablation applicator.',
    },
    mwMaxPowerW: {
      value: maxMwPower,
      detail:
        maxMwPower === null
          ? 'The plan has no microwave antenna.'
          : `Highest microwave power ${maxMwPower} W.`,
    },
  }
}

function cementChecks(plan: Plan): Record<string, CaseCheck> {
  const trocars = plan.devices.filter((d) => d.kind === 'cementTrocar')
  const nonHigh = trocars.filter((t) => t.viscosity !== 'high')
  return {
    cementNotHighViscosityCount: {
      value: trocars.length ? nonHigh.length : null,
      detail: trocars.length
        ? nonHigh.length
          ? `Cement of ${nonHigh.map((t) => `${t.viscosity} viscosity (${t.label})`).join(', ')}.`
          : 'All cement is high viscosity.'
        : 'The plan has no cement trocar.',
    },
  }
}

/** Every case check of a plan. */
export function caseChecks(plan: Plan, v: CaseVolume): CaseChecks {
  return {
    ...trocarChecks(plan, v),
    ...applicatorChecks(plan, v),
    ...cementChecks(plan),
    ...hifuChecks(plan, v),
    ...ectChecks(plan, v),
    ...embolizationChecks(plan, v),
    ...jointChecks(plan, v),
  }
}
