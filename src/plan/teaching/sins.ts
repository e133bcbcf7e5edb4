/**
 * Spinal Instability Neoplastic Score (SINS, 0–18): the table of FACTS.md §6.1 (Fisher et al., Spine 2010;
 * Fourney, JCO 2011). Pure; no case knowledge.
 */

/** Spinal level class of the lesion. */
export type SinsLocation = 'junctional' | 'mobile' | 'semiRigid' | 'rigid'
/** Pain. FACTS.md §6.1 [D]: "yes 3 / no 2 / pain-free 1" from one online summary is wrong; this is the table. */
export type SinsPain = 'mechanical' | 'occasional' | 'none'
/** Bone lesion quality. */
export type SinsBoneLesion = 'lytic' | 'mixed' | 'blastic'
/** Radiographic spinal alignment. */
export type SinsAlignment = 'subluxation' | 'deNovoDeformity' | 'normal'
/** Vertebral-body collapse. */
export type SinsCollapse = 'over50' | 'under50' | 'noneOver50Involved' | 'none'
/** Posterolateral involvement of the spinal elements (facet, pedicle or costovertebral joint). */
export type SinsPosterolateral = 'bilateral' | 'unilateral' | 'none'

/** The six SINS components. */
export interface SinsInputs {
  readonly location: SinsLocation
  readonly pain: SinsPain
  readonly boneLesion: SinsBoneLesion
  readonly alignment: SinsAlignment
  readonly collapse: SinsCollapse
  readonly posterolateral: SinsPosterolateral
}

/** SINS category by total: 0–6 stable, 7–12 potentially unstable, 13–18 unstable (FACTS.md §6.1). */
export type SinsCategory = 'stable' | 'potentiallyUnstable' | 'unstable'

/** Points of every choice of every component (FACTS.md §6.1 table). */
export const SINS_POINTS = {
  location: { junctional: 3, mobile: 2, semiRigid: 1, rigid: 0 },
  pain: { mechanical: 3, occasional: 1, none: 0 },
  boneLesion: { lytic: 2, mixed: 1, blastic: 0 },
  alignment: { subluxation: 4, deNovoDeformity: 2, normal: 0 },
  collapse: { over50: 3, under50: 2, noneOver50Involved: 1, none: 0 },
  posterolateral: { bilateral: 3, unilateral: 1, none: 0 },
} as const satisfies { readonly [K in keyof SinsInputs]: Record<SinsInputs[K], number> }

/** Plain-words label of every choice (what the calculator's selects show). */
export const SINS_LABELS = {
  location: {
    junctional: 'Junctional (occiput–C2, C7–T2, T11–L1, L5–S1)',
    mobile: 'Mobile spine (C3–C6, L2–L4)',
    semiRigid: 'Semi-rigid (T3–T10)',
    rigid: 'Rigid (S2–S5)',
  },
  pain: {
    mechanical: 'Mechanical pain (worse on loading or movement)',
    occasional: 'Occasional, non-mechanical pain',
    none: 'Pain-free',
  },
  boneLesion: { lytic: 'Lytic', mixed: 'Mixed lytic/blastic', blastic: 'Blastic' },
  alignment: {
    subluxation: 'Subluxation or translation',
    deNovoDeformity: 'De-novo kyphosis or scoliosis',
    normal: 'Normal alignment',
  },
  collapse: {
    over50: 'More than 50% collapse',
    under50: 'Less than 50% collapse',
    noneOver50Involved: 'No collapse, but more than 50% of the body involved',
    none: 'None of the above',
  },
  posterolateral: { bilateral: 'Bilateral', unilateral: 'Unilateral', none: 'None' },
} as const satisfies { readonly [K in keyof SinsInputs]: Record<SinsInputs[K], string> }

/** Component names in table order. */
export const SINS_COMPONENTS = [
  'location',
  'pain',
  'boneLesion',
  'alignment',
  'collapse',
  'posterolateral',
] as const satisfies readonly (keyof SinsInputs)[]

/** Plain-words component titles. */
export const SINS_COMPONENT_TITLES: Readonly<Record<keyof SinsInputs, string>> = {
  location: 'Location',
  pain: 'Pain',
  boneLesion: 'Bone lesion',
  alignment: 'Radiographic alignment',
  collapse: 'Vertebral-body collapse',
  posterolateral: 'Posterolateral involvement',
}

/** Result of {@link sinsScore}. */
export interface SinsScore {
  /** Points per component, in table order. */
  readonly points: Readonly<Record<keyof SinsInputs, number>>
  readonly total: number
  readonly category: SinsCategory
  /** FACTS.md §6.1: a score of 7 or more warrants surgical consultation. */
  readonly surgicalConsultation: boolean
}

/** Category of a SINS total; throws for a total outside 0–18. */
export function sinsCategory(total: number): SinsCategory {
  if (!Number.isInteger(total) || total < 0 || total > 18) {
    throw new Error(`A SINS total must be a whole number from 0 to 18, not ${total}.`)
  }
  if (total <= 6) return 'stable'
  if (total <= 12) return 'potentiallyUnstable'
  return 'unstable'
}

/** Plain words of a SINS category. */
export const SINS_CATEGORY_TEXT: Readonly<Record<SinsCategory, string>> = {
  stable: 'stable (0–6)',
  potentiallyUnstable: 'potentially unstable (7–12)',
  unstable: 'unstable (13–18)',
}

/** Scores the six components (FACTS.md §6.1). */
export function sinsScore(inputs: SinsInputs): SinsScore {
  const points = {
    location: SINS_POINTS.location[inputs.location],
    pain: SINS_POINTS.pain[inputs.pain],
    boneLesion: SINS_POINTS.boneLesion[inputs.boneLesion],
    alignment: SINS_POINTS.alignment[inputs.alignment],
    collapse: SINS_POINTS.collapse[inputs.collapse],
    posterolateral: SINS_POINTS.posterolateral[inputs.posterolateral],
  }
  for (const k of SINS_COMPONENTS) {
    if (points[k] === undefined) {
      throw new Error(`SINS ${SINS_COMPONENT_TITLES[k]}: "${String(inputs[k])}" is not a choice.`)
    }
  }
  const total = SINS_COMPONENTS.reduce((s, k) => s + points[k], 0)
  return { points, total, category: sinsCategory(total), surgicalConsultation: total >= 7 }
}

const JUNCTIONAL = new Set(['C1', 'C2', 'C7', 'T1', 'T2', 'T11', 'T12', 'L1', 'L5', 'S1'])
const MOBILE = new Set(['C3', 'C4', 'C5', 'C6', 'L2', 'L3', 'L4'])

/**
 * SINS location class of a vertebral level name ('C1'…'S5', 'occiput'). Junctional: occiput–C2, C7–T2,
 * T11–L1, L5–S1; mobile: C3–C6, L2–L4; semi-rigid: T3–T10; rigid: S2–S5 (FACTS.md §6.1).
 */
export function sinsLocationOf(level: string): SinsLocation {
  const l = level.trim().toUpperCase()
  if (l === 'OCCIPUT' || JUNCTIONAL.has(l)) return 'junctional'
  if (MOBILE.has(l)) return 'mobile'
  const m = /^([TS])(\d{1,2})$/.exec(l)
  const n = m ? Number(m[2]) : NaN
  if (m?.[1] === 'T' && n >= 3 && n <= 10) return 'semiRigid'
  if (m?.[1] === 'S' && n >= 2 && n <= 5) return 'rigid'
  throw new Error(
    `"${level}" is not a spinal level SINS knows (occiput, C1–C7, T1–T12, L1–L5, S1–S5).`,
  )
}
