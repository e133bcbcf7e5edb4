/**
 * Starts the Pennes solver's helper threads in Node (benchmarks and tests): `worker_threads` running
 * `handlePennesThreadMessage` (src/sim/bioheat/pennesThreads.ts), started by `helperThreadsNode.ts`.
 */
import { createPennesTeam, type PennesTeam } from '../sim/bioheat/pennesThreads'
import { nodeCores, startNodeHelpers, stopNodeHelpers } from './helperThreadsNode'
import { pennesHelperCount, warmUpPennesTeam } from './pennesPool'

/** A team of Node helper threads and how to stop them. */
export interface NodePennesTeam {
  readonly team: PennesTeam
  close(): Promise<void>
}

/**
 * Starts `helpers` threads (default: one fewer than the available cores, at least one) and warms them up.
 * The threads are unref'd: they never keep the process alive.
 */
export async function startNodePennesTeam(helpers?: number): Promise<NodePennesTeam> {
  const n = helpers ?? Math.max(1, pennesHelperCount(await nodeCores()))
  const entry = new URL('../sim/bioheat/pennesThreads.ts', import.meta.url).href
  const workers = await startNodeHelpers(n, 'pennes', entry, 'handlePennesThreadMessage')
  const team = createPennesTeam(workers)
  warmUpPennesTeam(team)
  return { team, close: () => stopNodeHelpers(workers) }
}
