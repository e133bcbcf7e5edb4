/**
 * Starts the Pennes solver's helper threads in Node (benchmarks and tests): `worker_threads` that load
 * TypeScript through tsx and run `handlePennesThreadMessage`. Node modules are imported by a computed
 * specifier so that this layer stays free of Node types and the browser bundle never sees them.
 */
import { createPennesTeam, type PennesTeam } from '../sim/bioheat/pennesThreads'
import { pennesHelperCount, warmUpPennesTeam } from './pennesPool'

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
export interface NodePennesTeam {
  readonly team: PennesTeam
  close(): Promise<void>
}

const importNode = async <T>(name: string): Promise<T> =>
  (await import(/* @vite-ignore */ `node:${name}`)) as T

/**
 * Starts `helpers` threads (default: one fewer than the available cores, at least one). The threads are
 * unref'd: they never keep the process alive.
 */
export async function startNodePennesTeam(helpers?: number): Promise<NodePennesTeam> {
  const { Worker } = await importNode<NodeWorkerThreads>('worker_threads')
  const os = await importNode<NodeOs>('os')
  const n = helpers ?? Math.max(1, pennesHelperCount(os.availableParallelism()))
  const entry = new URL('../sim/bioheat/pennesThreads.ts', import.meta.url).href
  // CommonJS eval code: register tsx's loader (resolved from the working directory), load the solver.
  const code = [
    `const { parentPort } = require('node:worker_threads')`,
    `import('tsx/esm/api')`,
    `  .then((api) => { api.register(); return import(${JSON.stringify(entry)}) })`,
    `  .then((m) => {`,
    `    parentPort.on('message', (d) => m.handlePennesThreadMessage(d))`,
    `    parentPort.postMessage({ type: 'pennes-ready' })`,
    `  })`,
  ].join('\n')
  const workers = Array.from({ length: n }, () => new Worker(code, { eval: true }))
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.on('message', (m) => {
              if ((m as { type?: unknown } | null)?.type === 'pennes-ready') resolve()
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
  const team = createPennesTeam(workers)
  warmUpPennesTeam(team)
  return {
    team,
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()))
    },
  }
}
