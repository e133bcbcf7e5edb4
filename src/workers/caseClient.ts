/**
 * Client for case generation: one long-lived module worker, with an inline fallback when `Worker` does not
 * exist (Node tests) or the worker fails to start (STYLE.md 3.2).
 */
import * as Comlink from 'comlink'
import type { CtVolume } from '../cases/volume'
import { caseApi, type CaseApi } from './caseApi'

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
