import type { FactsRef } from '../../cases/guided'

/** "FACTS.md §1.6 — Levy et al., JVIR 2020": where a statement comes from. */
export const refText = (r: FactsRef): string => `FACTS.md ${r.section} — ${r.source}`
