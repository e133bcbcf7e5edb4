/**
 * Starts the E-field basis solver's helper threads in Node (benchmarks and tests): `worker_threads` that
 * load TypeScript through tsx and run `handleEfieldThreadMessage` (src/sim/efield/efieldThreads.ts). Node
 * modules are imported by a computed specifier so that this layer stays free of Node types and the
 * browser bundle never sees them.
 */
import { createEfieldTeam, type EfieldTeam } from '../sim/efield/efieldThreads'
import { efieldHelperCount, warmUpEfieldTeam } from './efieldPool'

/** The parts of `node:worker_threads` and `node:os` used here. */
interface NodeWorker {
  postMessage(message: unknown): void
  on(event: 'message', listener: (message: unknown) => void): void
  on(event: 'error', listener: (error: Error) => void): void
  unref(): void
  terminate(): Promise<number>
}
interface NodeWorkerThreads {
  readonly Worker: new (code: string, options: { eval: true }) => NodeWorker
}
interface NodeOs {
  availableParallelism(): number
}

/** A team of Node helper threads and how to stop them. */
export interface NodeEfieldTeam {
  readonly team: EfieldTeam
  close(): Promise<void>
}

const importNode = async <T>(name: string): Promise<T> =>
  (await import(/* @vite-ignore */ `node:${name}`)) as T

/**
 * Starts `helpers` threads (default: one fewer than the available cores, at least one) and warms them up
 * (unless `warmUp` is false). The threads are unref'd: they never keep the process alive.
 */
export async function startNodeEfieldTeam(
  helpers?: number,
  options: { timeoutMs?: number; warmUp?: boolean } = {},
): Promise<NodeEfieldTeam> {
  const { Worker } = await importNode<NodeWorkerThreads>('worker_threads')
  const os = await importNode<NodeOs>('os')
  const n = helpers ?? Math.max(1, efieldHelperCount(os.availableParallelism()))
  const entry = new URL('../sim/efield/efieldThreads.ts', import.meta.url).href
  // CommonJS eval code: register tsx's loader (resolved from the working directory), load the solver.
  const code = [
    `const { parentPort } = require('node:worker_threads')`,
    `import('tsx/esm/api')`,
    `  .then((api) => { api.register(); return import(${JSON.stringify(entry)}) })`,
    `  .then((m) => {`,
    `    parentPort.on('message', (d) => m.handleEfieldThreadMessage(d))`,
    `    parentPort.postMessage({ type: 'efield-ready' })`,
    `  })`,
  ].join('\n')
  const workers = Array.from({ length: n }, () => new Worker(code, { eval: true }))
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.on('message', (m) => {
              if ((m as { type?: unknown } | null)?.type === 'efield-ready') resolve()
            })
            w.on('error', reject)
          }),
      ),
    )
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()))
    throw e
  }
  for (const w of workers) w.unref()
  const team = createEfieldTeam(workers, options.timeoutMs)
  if (options.warmUp !== false) warmUpEfieldTeam(team)
  return {
    team,
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()))
    },
  }
}
