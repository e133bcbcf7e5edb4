/**
 * `npm run bench`: runs every bench/*.bench.ts and prints the median and range of several runs, with the
 * machine noted. Nothing is asserted: figures are for reading and for closing notes.
 * Filter with `npm run bench -- <substring>`; runs per benchmark with BENCH_RUNS (default 5).
 * Each bench file runs in its own Node process: one file's imports (playwright-core, or any transferred
 * ArrayBuffer) switch V8 into a slower typed-array mode for the rest of a process, which would skew the
 * files after it.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

/** A benchmark: `run` is timed; `setup` (optional, untimed) runs once before. */
export interface Benchmark {
  name: string
  /** Runs for this benchmark when it is too slow for the default count (BENCH_RUNS still caps it). */
  runs?: number
  setup?: () => void | Promise<void>
  run: () => void | Promise<void> | string | Promise<string>
}

const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 5))
const filter = process.argv[2] ?? ''
const dir = path.dirname(new URL(import.meta.url).pathname)
const only = process.env.BENCH_FILE
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only === undefined || f === only)
  .sort()

if (only === undefined) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  console.log(
    `Machine: ${cpu} · ${os.cpus().length} cores · ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version} · ${os.platform()}`,
  )
  console.log(`Runs per benchmark: ${runs} (median shown, then min–max)\n`)
  let failed = false
  for (const file of files) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], filter], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_FILE: file },
    })
    failed ||= child.status !== 0
  }
  process.exit(failed ? 1 : 0)
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as {
    benchmarks?: Benchmark[]
    setup?: () => void | Promise<void>
  }
  const list = (mod.benchmarks ?? []).filter(
    (b) => b.name.includes(filter) || file.includes(filter),
  )
  if (list.length === 0) continue
  console.log(`## ${file}`)
  await mod.setup?.()
  for (const b of list) {
    await b.setup?.()
    const times: number[] = []
    let note = ''
    const n = Math.min(runs, b.runs ?? runs)
    for (let r = 0; r < n; r++) {
      const t0 = performance.now()
      const out = await b.run()
      times.push(performance.now() - t0)
      if (typeof out === 'string') note = out
    }
    const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`)
    console.log(
      `  ${b.name.padEnd(56)} ${fmt(median(times)).padStart(10)}  (${fmt(Math.min(...times))}–${fmt(Math.max(...times))})${note ? `  ${note}` : ''}`,
    )
  }
  console.log('')
}
