/**
 * Starts the E-field basis solver's helper threads in Node (benchmarks and tests): `worker_threads`
 * running `handleEfieldThreadMessage` (src/sim/efield/efieldThreads.ts), started by
 * `helperThreadsNode.ts`.
 */
import { createEfieldTeam, type EfieldTeam } from '../sim/efield/efieldThreads'
import { efieldHelperCount, warmUpEfieldTeam } from './efieldPool'
import { nodeCores, startNodeHelpers, stopNodeHelpers } from './helperThreadsNode'

/** A team of Node helper threads and how to stop them. */
export interface NodeEfieldTeam {
  readonly team: EfieldTeam
  close(): Promise<void>
}

/**
 * Starts `helpers` threads (default: one fewer than the available cores, at least one) and warms them up
 * (unless `warmUp` is false). The threads are unref'd: they never keep the process alive.
 */
export async function startNodeEfieldTeam(
  helpers?: number,
  options: { timeoutMs?: number; warmUp?: boolean } = {},
): Promise<NodeEfieldTeam> {
  const n = helpers ?? Math.max(1, efieldHelperCount(await nodeCores()))
  const entry = new URL('../sim/efield/efieldThreads.ts', import.meta.url).href
  const workers = await startNodeHelpers(n, 'efield', entry, 'handleEfieldThreadMessage')
  const team = createEfieldTeam(workers, options.timeoutMs)
  if (options.warmUp !== false) warmUpEfieldTeam(team)
  return { team, close: () => stopNodeHelpers(workers) }
}
