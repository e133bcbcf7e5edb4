/**
 * Issue #7's browser-worker benchmark: the 10-minute microwave ablation on the 80 mm cube runs inside the
 * app's own built sim worker on its nested helper threads, and again on the worker's thread alone.
 * Asserts correctness (bit-identical runs, the same zone as Node); prints the times, never asserts them
 * (the machine is shared). `npm run bench -- bioheat` prints the same figure next to the Node ones.
 */
import { runBioheatInBrowser } from '../../bench/bioheatBrowser'
import { buildMwaCube, runMwaCube } from '../../src/sim/bioheat/pennesBenchmark'
import { expect, test } from './fixtures'

const PORT = Number(process.env.E2E_PORT ?? 4173)
const DIST = process.env.E2E_DIST ?? 'dist'
const MACRO_S = 120

let nodeCoagulated = NaN
test.beforeAll(() => {
  nodeCoagulated = runMwaCube(buildMwaCube(), {
    integrator: 'rkl2',
    macroS: MACRO_S,
    parallel: null,
  }).coagulated
})

/** Same engine family, same arithmetic: the zone matches Node's to a few voxels (Math.log may differ in the last bit between V8 builds). */
const nearNode = (n: number): boolean => Math.abs(n - nodeCoagulated) <= 0.001 * nodeCoagulated

test('the 80 mm cube MWA runs in the sim worker on helper threads, bit-identical to one thread', async ({
  page,
}) => {
  test.setTimeout(300_000)
  const r = await runBioheatInBrowser(page, `http://127.0.0.1:${PORT}`, DIST, MACRO_S, 1)
  console.log(
    `  browser sim worker, 80³ MWA 10 min, RKL2 ${MACRO_S} s: ${r.threads} threads ` +
      `${r.teamMs.map((m) => m.toFixed(0)).join(' / ')} ms (state ${r.teamCreateMs[0]?.toFixed(0)} ms, ` +
      `helpers swept ${(100 * r.helperShare).toFixed(0)} % of the planes), one thread ${r.singleMs.toFixed(0)} ms ` +
      `(setup ${r.setupMs.toFixed(0)} ms; ${r.hardwareConcurrency} logical cores; Ω ≥ 1 in ${r.coagulatedTeam} voxels, Node ${nodeCoagulated})`,
  )
  expect(r.error).toBeNull()
  expect(r.crossOriginIsolated).toBe(true)
  expect(r.teamFailure).toBeNull()
  if (r.hardwareConcurrency >= 2) expect(r.threads).toBeGreaterThanOrEqual(2)
  // The helpers took part (planes are dealt out dynamically: a silent helper would leave them all here).
  if (r.threads >= 2) expect(r.helperShare).toBeGreaterThan(0)
  expect(r.identical).toBe(true)
  expect(r.coagulatedTeam).toBe(r.coagulatedSingle)
  expect(
    nearNode(r.coagulatedTeam),
    `Ω ≥ 1 voxels ${r.coagulatedTeam} vs Node ${nodeCoagulated}`,
  ).toBe(true)
})

test('without cross-origin isolation the worker sweeps on one thread and gets the same zone', async ({
  page,
}) => {
  test.setTimeout(300_000)
  const r = await runBioheatInBrowser(page, `http://127.0.0.1:${PORT + 1}`, DIST, MACRO_S, 1)
  console.log(
    `  browser sim worker without isolation: ${r.threads} thread, ${r.teamMs[0]?.toFixed(0)} ms`,
  )
  expect(r.error).toBeNull()
  expect(r.crossOriginIsolated).toBe(false)
  expect(r.threads).toBe(1)
  expect(r.identical).toBe(true)
  expect(
    nearNode(r.coagulatedTeam),
    `Ω ≥ 1 voxels ${r.coagulatedTeam} vs Node ${nodeCoagulated}`,
  ).toBe(true)
})
