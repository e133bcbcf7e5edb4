/**
 * Mirels score for impending pathological fracture of long bones (4–12): the table of FACTS.md §6.2
 * (Mirels, CORR 1989). Pure. The pain item may be unknown: FACTS.md §8.17 scores the three imaging items
 * alone (a peritrochanteric lytic lesion over 2/3 of the cortex gives 9) and notes that pain adds at least 1.
 */

/** Site. */
export type MirelsSite = 'upperLimb' | 'lowerLimb' | 'peritrochanteric'
/** Radiographic type. */
export type MirelsType = 'blastic' | 'mixed' | 'lytic'
/** Size as a fraction of the cortical thickness. */
export type MirelsSize = 'underThird' | 'thirdToTwoThirds' | 'overTwoThirds'
/** Pain. */
export type MirelsPain = 'mild' | 'moderate' | 'functional'

/** The four Mirels items; `pain` null when unknown. */
export interface MirelsInputs {
  readonly site: MirelsSite
  readonly type: MirelsType
  readonly size: MirelsSize
  readonly pain: MirelsPain | null
}

/** Advice by total (FACTS.md §6.2): ≤7 observe or irradiate, 8 use judgement, ≥9 prophylactic fixation. */
export type MirelsAdvice = 'observe' | 'judgement' | 'fix'

/** Points of every choice (FACTS.md §6.2 table). */
export const MIRELS_POINTS = {
  site: { upperLimb: 1, lowerLimb: 2, peritrochanteric: 3 },
  type: { blastic: 1, mixed: 2, lytic: 3 },
  size: { underThird: 1, thirdToTwoThirds: 2, overTwoThirds: 3 },
  pain: { mild: 1, moderate: 2, functional: 3 },
} as const

/** Plain-words labels of every choice. */
export const MIRELS_LABELS = {
  site: { upperLimb: 'Upper limb', lowerLimb: 'Lower limb', peritrochanteric: 'Peritrochanteric' },
  type: { blastic: 'Blastic', mixed: 'Mixed', lytic: 'Lytic' },
  size: {
    underThird: 'Less than 1/3 of the cortex',
    thirdToTwoThirds: '1/3 to 2/3 of the cortex',
    overTwoThirds: 'More than 2/3 of the cortex',
  },
  pain: { mild: 'Mild', moderate: 'Moderate', functional: 'Functional (on loading)' },
} as const

/** Item names in table order. */
export const MIRELS_ITEMS = ['site', 'type', 'size', 'pain'] as const

/** Plain-words item titles. */
export const MIRELS_ITEM_TITLES: Readonly<Record<(typeof MIRELS_ITEMS)[number], string>> = {
  site: 'Site',
  type: 'Radiographic type',
  size: 'Size (fraction of cortical thickness)',
  pain: 'Pain',
}

/** Fracture risk and advice of each band (FACTS.md §6.2). */
export const MIRELS_ADVICE_TEXT: Readonly<Record<MirelsAdvice, string>> = {
  observe: '≤ 7: fracture risk about 0–4 %; observe or irradiate',
  judgement: '8: fracture risk about 15 %; use judgement',
  fix: '≥ 9: fracture risk about 33 % or more; prophylactic fixation recommended',
}

/** Result of {@link mirelsScore}. */
export interface MirelsScore {
  /** Sum of site, type and size. */
  readonly imagingPoints: number
  /** Full total (4–12), or null when pain is unknown. */
  readonly total: number | null
  /** Lowest and highest possible total (equal when pain is known). */
  readonly range: readonly [number, number]
  /** Advice of the total; with unknown pain, the advice both ends of the range share, or null. */
  readonly advice: MirelsAdvice | null
}

/** Advice of a Mirels total; throws outside 4–12. */
export function mirelsAdvice(total: number): MirelsAdvice {
  if (!Number.isInteger(total) || total < 4 || total > 12) {
    throw new Error(`A Mirels total must be a whole number from 4 to 12, not ${total}.`)
  }
  if (total <= 7) return 'observe'
  if (total === 8) return 'judgement'
  return 'fix'
}

/** Scores the four items; with pain unknown, the imaging items alone and the range pain can add (1–3). */
export function mirelsScore(inputs: MirelsInputs): MirelsScore {
  const site = MIRELS_POINTS.site[inputs.site]
  const type = MIRELS_POINTS.type[inputs.type]
  const size = MIRELS_POINTS.size[inputs.size]
  if (site === undefined || type === undefined || size === undefined) {
    throw new Error(
      'Mirels: site, radiographic type and size must each be one of the table choices.',
    )
  }
  const imagingPoints = site + type + size
  if (inputs.pain === null) {
    const range: [number, number] = [imagingPoints + 1, imagingPoints + 3]
    const lo = mirelsAdvice(range[0])
    // Nine from the imaging items alone is already "fix" (FACTS.md §8.17): advice needs no pain then.
    const fromImaging = imagingPoints >= 9 ? 'fix' : null
    return {
      imagingPoints,
      total: null,
      range,
      advice: fromImaging ?? (lo === mirelsAdvice(range[1]) ? lo : null),
    }
  }
  const pain = MIRELS_POINTS.pain[inputs.pain]
  if (pain === undefined) throw new Error(`Mirels pain: "${String(inputs.pain)}" is not a choice.`)
  const total = imagingPoints + pain
  return { imagingPoints, total, range: [total, total], advice: mirelsAdvice(total) }
}
