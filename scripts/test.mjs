#!/usr/bin/env node
/**
 * `npm test`: every check, in order — format, types, lint, unit tests, production build, browser flows
 * against the build. Exits non-zero on any failure and ends with one summary line "N passed, N failed".
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import os from 'node:os'

mkdirSync('test-results', { recursive: true })
const VITEST_JSON = 'test-results/vitest.json'
const PW_JSON = 'test-results/playwright.json'

/**
 * The static checks are independent and each mostly single-threaded: they run side by side (`group`),
 * their output printed when each ends. Vitest's default is one worker per core minus one, i.e. ONE on
 * the 2-core CI machine; the main process is idle during tests, so every core gets a worker.
 */
const cores = Math.max(1, os.availableParallelism?.() ?? os.cpus().length)
const steps = [
  { name: 'format', group: 'static', cmd: ['prettier', '--check', '--log-level', 'warn', '.'] },
  { name: 'typecheck', group: 'static', cmd: ['tsc', '-b'] },
  { name: 'lint', group: 'static', cmd: ['eslint', '--max-warnings=0', '.'] },
  {
    name: 'unit',
    cmd: [
      'vitest',
      'run',
      `--maxWorkers=${cores}`,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${VITEST_JSON}`,
    ],
  },
  { name: 'build', cmd: ['vite', 'build', '--logLevel', 'warn'] },
  {
    name: 'e2e',
    cmd: ['playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: PW_JSON },
    needs: ['build'],
    pre: () => {
      const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
      if (!existsSync(chromium)) {
        return `Chromium not found at ${chromium}: install Debian's chromium (apt-get install chromium) — .ci/run does this.`
      }
      return null
    },
  },
]

/**
 * The suite needs four Debian packages besides npm's: chromium (browser flows), dcmtk (dcmdump checks
 * our DICOM exports), orthanc with its DICOMweb plugin (the DICOMweb flow) and poppler-utils (pdftoppm
 * renders the PDF report). On a fresh Debian machine,
 * run as root, install what is missing so that `npm test` alone runs every test; elsewhere the tests that
 * need them fail with a message saying what to install.
 */
function installSystemPackages() {
  const has = (cmd, path) =>
    spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0 || (path && existsSync(path))
  const need = []
  if (!has('chromium', process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) need.push('chromium')
  if (!has('dcmdump')) need.push('dcmtk')
  if (!has('Orthanc', '/usr/sbin/Orthanc')) need.push('orthanc', 'orthanc-dicomweb')
  if (!has('pdftoppm')) need.push('poppler-utils')
  if (need.length === 0 || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return
  console.log(`Installing Debian packages the tests need: ${need.join(' ')}`)
  spawnSync(
    'sh',
    [
      '-c',
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${need.join(' ')} fonts-dejavu-core`,
    ],
    { stdio: 'inherit' },
  )
}
installSystemPackages()

const results = new Map()

/** Runs one step in the foreground (output streamed). */
function runStep(step) {
  console.log(`\n▶ ${step.name}: npx ${step.cmd.join(' ')}`)
  const t0 = Date.now()
  const r = spawnSync('npx', step.cmd, { stdio: 'inherit', env: { ...process.env, ...step.env } })
  const s = ((Date.now() - t0) / 1000).toFixed(1)
  results.set(step.name, r.status === 0 ? 'ok' : 'failed')
  console.log(`${r.status === 0 ? '✔' : '✘'} ${step.name} (${s} s)`)
}

/** Runs steps side by side; each one's output is printed in one block when it ends. */
async function runGroup(group) {
  console.log(`\n▶ ${group.map((g) => g.name).join(', ')} (side by side)`)
  await Promise.all(
    group.map(
      (step) =>
        new Promise((resolve) => {
          const t0 = Date.now()
          const child = spawn('npx', step.cmd, { env: { ...process.env, ...step.env } })
          let out = ''
          child.stdout.on('data', (d) => (out += d))
          child.stderr.on('data', (d) => (out += d))
          child.on('close', (code) => {
            const s = ((Date.now() - t0) / 1000).toFixed(1)
            results.set(step.name, code === 0 ? 'ok' : 'failed')
            if (out.trim()) {
              console.log(`--- ${step.name} (npx ${step.cmd.join(' ')}) ---\n${out.trimEnd()}`)
            }
            console.log(`${code === 0 ? '✔' : '✘'} ${step.name} (${s} s)`)
            resolve()
          })
        }),
    ),
  )
}

for (let i = 0; i < steps.length; i++) {
  const step = steps[i]
  if (step.group) {
    let n = 0
    while (steps[i + n]?.group === step.group) n++
    await runGroup(steps.slice(i, i + n))
    i += n - 1
    continue
  }
  const blocked = (step.needs ?? []).find((n) => results.get(n) !== 'ok')
  if (blocked) {
    results.set(step.name, `not run: ${blocked} failed`)
    continue
  }
  const problem = step.pre?.()
  if (problem) {
    console.error(`\n✘ ${step.name}: ${problem}`)
    results.set(step.name, 'failed')
    continue
  }
  runStep(step)
}

let passed = 0
let failed = 0
const readJson = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null)
const v =
  results.get('unit') === 'ok' || results.get('unit') === 'failed' ? readJson(VITEST_JSON) : null
if (v) {
  passed += v.numPassedTests
  failed += v.numFailedTests
}
const p = results.get('e2e') === 'ok' || results.get('e2e') === 'failed' ? readJson(PW_JSON) : null
if (p) {
  passed += p.stats.expected
  failed += p.stats.unexpected + (p.stats.flaky ?? 0)
}
// A check that failed outside the test runners (format, types, lint, build) counts as one failure.
for (const [name, status] of results) {
  if (status !== 'ok' && name !== 'unit' && name !== 'e2e') failed += 1
}
for (const name of ['unit', 'e2e']) {
  if (results.get(name) !== 'ok' && !(name === 'unit' ? v : p)) failed += 1
}

console.log('\nSummary:')
for (const [name, status] of results) console.log(`  ${name.padEnd(10)} ${status}`)
const allOk = [...results.values()].every((s) => s === 'ok')
console.log(`${passed} passed, ${failed} failed`)
process.exit(allOk && failed === 0 ? 0 : 1)
