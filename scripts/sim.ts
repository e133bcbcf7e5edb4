/**
 * `npm run sim -- <plan.json> [--out result.json] [--no-physics]`: evaluates a plan made on a built-in
 * case and prints {caseId, planTitle, zoneModel, trajectories, metrics, score, simulations} as JSON, where
 * `simulations` holds each device's procedure simulation (src/cases/simulate: verdict, metrics, warnings,
 * overlay summaries). `--expert <caseId>` prints the case's expert plan instead. Exit 1 on a rejected
 * plan file or an unknown case.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { expertPlan, scoreCasePlan } from '../src/cases/expert'
import { phantomToVolume } from '../src/cases/catalog'
import { generateCase } from '../src/cases/library'
import { simulatePlanDevices } from './simulatePlan'
import { parsePlanFile, planToJson } from '../src/plan'

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

async function main(argv: readonly string[]): Promise<void> {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const out = flag('--out')
  const emit = (text: string): void => {
    if (out) writeFileSync(out, text)
    else process.stdout.write(`${text}\n`)
  }
  const expertId = flag('--expert')
  if (expertId !== undefined) {
    emit(planToJson(expertPlan(expertId, generateCase(expertId))))
    return
  }
  const file = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--out')
  if (!file) fail('Usage: npm run sim -- <plan.json> [--out result.json] | --expert <caseId>')
  const parsed = parsePlanFile(readFileSync(file, 'utf8'))
  if (!parsed.ok) fail(`The plan file was rejected:\n${parsed.errors.join('\n')}`)
  const plan = parsed.plan
  if (plan.scan.kind !== 'builtin') {
    fail('The plan was made on a loaded scan; only built-in cases can be simulated here.')
  }
  const caseId = plan.scan.caseId
  const phantom = generateCase(caseId)
  const { score, result } = scoreCasePlan(caseId, plan, phantom)
  const simulations = argv.includes('--no-physics')
    ? []
    : await simulatePlanDevices(phantomToVolume(caseId, plan.title, phantom), plan)
  emit(
    JSON.stringify(
      {
        caseId,
        planTitle: plan.title,
        zoneModel: result.zoneModel,
        trajectories: result.trajectories.map((t) => ({
          deviceId: t.deviceId,
          needleId: t.needleId,
          needleLengthMm: t.report.needleLengthMm,
          worstSeverity: t.report.worstSeverity,
          findings: t.report.findings.map((f) => `${f.severity}: ${f.message}`),
        })),
        metrics: result.evaluation.metrics,
        distancesMm: result.evaluation.distancesMm,
        score,
        simulations,
      },
      null,
      2,
    ),
  )
}

await main(process.argv.slice(2))
