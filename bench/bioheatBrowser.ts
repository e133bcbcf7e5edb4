/**
 * Runs the bioheat benchmark inside the app's built sim worker in Chromium (shared by bench/bioheat.bench.ts
 * and tests/e2e/bioheatWorker.e2e.ts): a same-origin HTML page of the build (the app's own script is not
 * loaded, so that its start-up and software-GL rendering do not compete for the cores), a fresh sim worker
 * from the build, and the worker's benchmark hook (src/workers/bioheatBenchHook.ts).
 */
import { readdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import type { BioheatBenchResult } from '../src/workers/bioheatBenchHook'

/** The built sim worker's URL path (hashed name) in `dist`. */
export function simWorkerPath(dist: string): string {
  const f = readdirSync(`${dist}/assets`).find((n) => /^sim\.worker-.*\.js$/.test(n))
  if (!f) {
    throw new Error(
      `no sim worker in ${dist}/assets: build first (npx vite build --outDir ${dist})`,
    )
  }
  return `/assets/${f}`
}

/** Opens `origin` without the app, starts its sim worker and runs the benchmark there. */
export async function runBioheatInBrowser(
  page: Page,
  origin: string,
  dist: string,
  macroS: number,
  runs: number,
): Promise<BioheatBenchResult> {
  await page.route(/\/assets\/index-.*\.js$/, (route) => route.abort())
  await page.goto(`${origin}/`)
  return page.evaluate(
    ([url, m, n]) =>
      new Promise<BioheatBenchResult>((resolve, reject) => {
        const w = new Worker(url, { type: 'module' })
        const timer = setTimeout(() => reject(new Error('no answer in 240 s')), 240_000)
        w.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
          if (e.data?.type !== 'osteoplan-bench-bioheat-result') return
          clearTimeout(timer)
          w.terminate()
          resolve(e.data as BioheatBenchResult)
        })
        // The helpers start asynchronously; the hook waits for them before it runs.
        w.postMessage({ type: 'osteoplan-bench-bioheat', macroS: m, runs: n })
      }),
    [simWorkerPath(dist), macroS, runs] as const,
  )
}
