/**
 * Client for case generation: one long-lived module worker, with an inline fallback when `Worker` does not
 * exist (Node tests) or the worker fails to start (STYLE.md 3.2).
 */
import * as Comlink from 'comlink'
import type { CtVolume } from '../cases/volume'
import { caseApi, type CaseApi } from './caseApi'
import type { CaseScoreSummary } from './scoreApi'

let remote: Comlink.Remote<CaseApi> | null = null

function getRemote(): Comlink.Remote<CaseApi> | null {
  if (typeof Worker === 'undefined') return null
  if (!remote) {
    remote = Comlink.wrap<CaseApi>(
      new Worker(new URL('./case.worker.ts', import.meta.url), { type: 'module' }),
    )
  }
  return remote
}

/** Generates a built-in case volume, in a worker when possible. */
export async function generateCase(id: string): Promise<CtVolume> {
  const r = getRemote()
  if (!r) return caseApi.generate(id)
  try {
    return await r.generate(id)
  } catch (e) {
    // A case id error is the user's to see; a worker failure falls back to the main thread.
    if (e instanceof Error && e.message.startsWith('There is no built-in case')) throw e
    console.warn('Case worker failed; generating on the main thread instead.', e)
    remote = null
    return caseApi.generate(id)
  }
}

/** Runs work in the worker, or inline when workers are unavailable or the worker fails. */
async function viaWorker<T>(
  work: (r: Comlink.Remote<CaseApi>) => Promise<T>,
  inline: () => T,
): Promise<T> {
  const r = getRemote()
  if (!r) return inline()
  try {
    return await work(r)
  } catch (e) {
    // The kernel's own errors (no rubric, invalid plan) reach the user; a dead worker falls back.
    if (e instanceof Error && /has no|not valid/.test(e.message)) throw e
    console.warn('Case worker failed; working on the main thread instead.', e)
    remote = null
    return inline()
  }
}

/** Scores a plan (JSON text) on its built-in case with the expert plan beside it. */
export const scorePlanOnCase = (caseId: string, planJson: string): Promise<CaseScoreSummary> =>
  viaWorker(
    (r) => r.scorePlanOnCase(caseId, planJson),
    () => caseApi.scorePlanOnCase(caseId, planJson),
  )

/** The expert plan of a built-in case as plan-file text. */
export const fetchExpertPlanJson = (caseId: string): Promise<string> =>
  viaWorker(
    (r) => r.expertPlanJson(caseId),
    () => caseApi.expertPlanJson(caseId),
  )
