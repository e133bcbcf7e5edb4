/** The case-generation API, shared by the worker shell and the inline fallback. */
import * as Comlink from 'comlink'
import { generateCatalogVolume } from '../cases/catalog'
import type { CtVolume } from '../cases/volume'
import { expertPlanJson, scorePlanOnCase } from './scoreApi'

/** Functions the case worker exposes. */
export const caseApi = {
  /** Generates a built-in case; the typed arrays are transferred, not copied. */
  generate(id: string): CtVolume {
    const v = generateCatalogVolume(id)
    const buffers: ArrayBuffer[] = [v.ct.buffer as ArrayBuffer]
    if (v.labels) buffers.push(v.labels.buffer as ArrayBuffer)
    if (v.parts) buffers.push(v.parts.buffer as ArrayBuffer)
    return Comlink.transfer(v, buffers)
  },
  scorePlanOnCase,
  expertPlanJson,
}

/** Type of the exposed API. */
export type CaseApi = typeof caseApi
