/**
 * Big arrays live here, not in the store: the store holds only the id of the current volume (STYLE.md 3.2),
 * so devtools, equality checks and persistence never touch 100 MB typed arrays.
 */
import type { CtVolume } from '../cases/volume'

const volumes = new Map<string, CtVolume>()

/** Stores a volume (replacing any with the same id). */
export function putVolume(v: CtVolume): void {
  volumes.set(v.id, v)
}

/** Looks up a volume by id. */
export const getVolume = (id: string | null): CtVolume | undefined =>
  id ? volumes.get(id) : undefined

/** Drops every volume except `keepId`, freeing memory when a new case replaces the old one. */
export function evictVolumesExcept(keepId: string): void {
  for (const id of volumes.keys()) if (id !== keepId) volumes.delete(id)
}
