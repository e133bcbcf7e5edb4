/**
 * Scoring on an authored case: the same evaluation as the built-in cases (trajectories, zone models,
 * metrics, distances to the manifest's critical structures) against the package's own rubric, with its
 * expert plan beside it. Pure.
 */
import { S } from '../../lib/anatomy'
import type { StructureKey } from '../../lib/anatomy'
import {
  comparePlans,
  scorePlan,
  type ComparisonTable,
  type Plan,
  type ScoreResult,
} from '../../plan'
import { evaluatePlan } from '../expert'
import type { CaseVolume } from '../expert'
import type { CasePackage } from './readPackage'

/** A plan's score on a package, with the expert's. */
export interface PackageScore {
  readonly score: ScoreResult
  readonly zoneModel: string
  readonly expert: { readonly score: ScoreResult; readonly table: ComparisonTable }
}

/** The package volume in the evaluator's terms. */
export function packageCaseVolume(pkg: CasePackage): CaseVolume {
  const v = pkg.volume
  return {
    geometry: v.geometry,
    labels: v.labels ?? new Uint8Array(v.ct.length),
    ct: v.ct,
    lesions: pkg.manifest.lesions.map((l) => ({
      id: l.id,
      label: l.label,
      kind: l.label === S.tumourBlastic ? ('blastic' as const) : ('lytic' as const),
      centreMm: l.centreMm,
      sizeMm: l.sizeMm,
      part: 0,
      description: l.description,
    })),
  }
}

/** Scores `plan` and the package's expert plan with the package's rubric. */
export function scorePackagePlan(pkg: CasePackage, plan: Plan): PackageScore {
  const volume = packageCaseVolume(pkg)
  const options = { criticalKeys: pkg.manifest.criticalKeys as StructureKey[] }
  const mine = evaluatePlan(plan, volume, options)
  const expert = evaluatePlan(pkg.plan, volume, options)
  const score = scorePlan(pkg.manifest.rubric, mine.evaluation)
  const expertScore = scorePlan(pkg.manifest.rubric, expert.evaluation)
  return {
    score,
    zoneModel: mine.zoneModel,
    expert: {
      score: expertScore,
      table: comparePlans(
        { name: 'Your plan', evaluation: mine.evaluation, score },
        { name: 'Expert plan', evaluation: expert.evaluation, score: expertScore },
      ),
    },
  }
}
