/**
 * Access to the built-in cases and their phantoms. Generation is deterministic, so phantoms are memoised
 * by case id in a small least-recently-used cache (each is ~50–80 MB of typed arrays, so only a couple
 * are kept).
 */
import { generatePhantom, type Phantom } from '../phantom'
import type { CaseDefinition } from './caseDefinition'
import { CASES } from './cases'

/** The case the app opens when none is asked for. */
export const DEFAULT_CASE_ID = 'l3-rcc-lytic'

/** Number of generated phantoms kept in memory. */
export const CASE_CACHE_SIZE = 2

const cache = new Map<string, Phantom>()

/** Every built-in case, default first. */
export const listCases = (): readonly CaseDefinition[] => CASES

/** A case by id, or undefined. */
export const getCase = (id: string): CaseDefinition | undefined => CASES.find((c) => c.id === id)

/** Generates (or returns the cached) phantom of a case; throws a readable error for an unknown id. */
export function generateCase(id: string): Phantom {
  const hit = cache.get(id)
  if (hit) {
    cache.delete(id)
    cache.set(id, hit)
    return hit
  }
  const c = getCase(id)
  if (!c) {
    const known = CASES.map((k) => k.id).join(', ')
    throw new Error(`There is no built-in case "${id}". Available cases: ${known}.`)
  }
  const p = generatePhantom(c.phantom.spec, c.phantom.seed)
  cache.set(id, p)
  while (cache.size > CASE_CACHE_SIZE) {
    const oldest = cache.keys().next().value
    if (oldest === undefined) break
    cache.delete(oldest)
  }
  return p
}

/** Empties the phantom cache. */
export const clearCaseCache = (): void => cache.clear()
