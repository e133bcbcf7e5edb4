/**
 * The built-in case catalogue as the app sees it: ids, titles and a generator for each volume. Pure.
 */
import { makeSyntheticVolume } from './synthetic/syntheticVolume'
import type { CtVolume } from './volume'

/** A catalogue entry. */
export interface CatalogEntry {
  readonly id: string
  readonly title: string
  /** One-paragraph briefing shown in the case picker. */
  readonly briefing: string
}

const SYNTHETIC: CatalogEntry = {
  id: 'synthetic',
  title: 'Synthetic test volume',
  briefing: 'A geometric test object (not anatomy) used to check the viewers quickly.',
}

/** Id of the case the app opens when none is asked for. */
export const DEFAULT_CASE = SYNTHETIC.id

/** Every built-in case. */
export function listCatalog(): readonly CatalogEntry[] {
  return [SYNTHETIC]
}

/** Finds a catalogue entry, or undefined. */
export const findCatalogEntry = (id: string): CatalogEntry | undefined =>
  listCatalog().find((c) => c.id === id)

/** Generates a built-in case's volume; throws a readable error for an unknown id. */
export function generateCatalogVolume(id: string): CtVolume {
  if (id === SYNTHETIC.id) return makeSyntheticVolume()
  const known = listCatalog()
    .map((c) => c.id)
    .join(', ')
  throw new Error(`There is no built-in case "${id}". Available cases: ${known}.`)
}
