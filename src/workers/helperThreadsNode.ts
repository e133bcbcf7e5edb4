/**
 * What the Node thread pools (`pennesPoolNode.ts`, `efieldPoolNode.ts`; benchmarks and tests) share:
 * `worker_threads` that load TypeScript through tsx and hand every message to a handler exported by a
 * solver module. Node modules are imported by a computed specifier so that this layer stays free of Node
 * types and the browser bundle never sees them.
 */

/** The parts of `node:worker_threads` used here. */
export interface NodeWorker {
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

const importNode = async <T>(name: string): Promise<T> =>
  (await import(/* @vite-ignore */ `node:${name}`)) as T

/** Cores Node may use. */
export async function nodeCores(): Promise<number> {
  return (await importNode<NodeOs>('os')).availableParallelism()
}

/**
 * Starts `count` threads that import `entryHref` (a solver module) and pass every message to its export
 * `handler`, and resolves when each has answered `{type: '<kind>-ready'}`. The threads are unref'd: they
 * never keep the process alive.
 */
export async function startNodeHelpers(
  count: number,
  kind: string,
  entryHref: string,
  handler: string,
): Promise<NodeWorker[]> {
  const { Worker } = await importNode<NodeWorkerThreads>('worker_threads')
  // CommonJS eval code: register tsx's loader (resolved from the working directory), load the solver.
  const code = [
    `const { parentPort } = require('node:worker_threads')`,
    `import('tsx/esm/api')`,
    `  .then((api) => { api.register(); return import(${JSON.stringify(entryHref)}) })`,
    `  .then((m) => {`,
    `    parentPort.on('message', (d) => m[${JSON.stringify(handler)}](d))`,
    `    parentPort.postMessage({ type: ${JSON.stringify(`${kind}-ready`)} })`,
    `  })`,
  ].join('\n')
  const workers = Array.from({ length: count }, () => new Worker(code, { eval: true }))
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.on('message', (m) => {
              if ((m as { type?: unknown } | null)?.type === `${kind}-ready`) resolve()
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
  return workers
}

/** Stops the threads. */
export async function stopNodeHelpers(workers: readonly NodeWorker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.terminate()))
}
