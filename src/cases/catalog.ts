/**
 * The built-in case catalogue as the app sees it: ids, titles, briefings and a generator for each volume
 * (the phantom case library plus a tiny synthetic test object). Pure.
 */
import { DEFAULT_CASE_ID, generateCase, getCase, listCases } from './library'
import { makeSyntheticVolume } from './synthetic/syntheticVolume'
import type { CtVolume } from './volume'
import type { Phantom } from './phantom/phantomTypes'

/** A catalogue entry. */
export interface CatalogEntry {
  readonly id: string
  readonly title: string
  /** Briefing shown in the case picker and side panel. */
  readonly briefing: string
  /** One line about the patient, e.g. "64 M · renal cell carcinoma · pain 7/10". */
  readonly patientLine?: string
  readonly objectives?: readonly string[]
}

const SYNTHETIC: CatalogEntry = {
  id: 'synthetic',
  title: 'Synthetic test volume',
  briefing: 'A geometric test object (not anatomy) used to check the viewers quickly.',
}

/** Id of the case the app opens when none is asked for. */
export const DEFAULT_CASE = DEFAULT_CASE_ID

/** Every built-in case: the teaching cases, then the synthetic test object. */
export function listCatalog(): readonly CatalogEntry[] {
  return [
    ...listCases().map((c) => ({
      id: c.id,
      title: c.title,
      briefing: c.briefing,
      patientLine: `${c.patient.ageYears} ${c.patient.sex} · ${c.patient.primaryCancer} · pain ${c.patient.painVas}/10 · ${c.intent}`,
      objectives: c.learningObjectives,
    })),
    SYNTHETIC,
  ]
}

/** Finds a catalogue entry, or undefined. */
export const findCatalogEntry = (id: string): CatalogEntry | undefined =>
  listCatalog().find((c) => c.id === id)

/**
 * Generates a built-in case's volume with its own copies of the arrays (callers may transfer them to
 * another thread without emptying the library's cache). Throws a readable error for an unknown id.
 */
export function generateCatalogVolume(id: string): CtVolume {
  if (id === SYNTHETIC.id) return makeSyntheticVolume()
  const def = getCase(id)
  if (!def) {
    const known = listCatalog()
      .map((c) => c.id)
      .join(', ')
    throw new Error(`There is no built-in case "${id}". Available cases: ${known}.`)
  }
  return phantomToVolume(id, def.title, generateCase(id))
}

/**
 * A generated phantom as a CtVolume. Arrays are copied, so the phantom stays intact, unless `share` is
 * set (read-only uses such as building an expert plan: no 45 MB copy).
 */
export function phantomToVolume(id: string, title: string, p: Phantom, share = false): CtVolume {
  return {
    id,
    name: title,
    source: 'builtin',
    geometry: p.geometry,
    ct: share ? p.ct : p.ct.slice(),
    labels: share ? p.labels : p.labels.slice(),
    parts: share ? p.parts : p.parts.slice(),
    partNames: p.partNames,
    landmarks: p.landmarks,
    lesions: p.lesions.map((l) => ({
      id: l.id,
      label: l.label,
      centreMm: l.centreMm,
      sizeMm: l.sizeMm,
      description: l.description,
    })),
    vessels: p.vessels,
    seed: p.seed,
  }
}
