/**
 * Evaluates a plan on a labelled volume with what exists today: trajectory safety checks for every needle,
 * approximate ablation zones from the bioheat previews (coverage, margins, distances to critical
 * structures) and geometry-only case checks for cement, HIFU, ECT and embolization. Pure; LPS mm.
 */
import { STRUCTURES, type StructureKey } from '../../lib/anatomy'
import {
  checkDevicePaths,
  computeMetrics,
  evaluationFromResults,
  maskFromLabels,
  targetMask,
  type DevicePathReport,
  type MetricsReport,
  type Plan,
  type PlanEvaluation,
} from '../../plan'
import { caseChecks, type CaseChecks } from './caseChecks'
import { TUMOUR_LABELS, findLesion, lesionRegion, type CaseVolume } from './caseVolume'
import { noZoneReasons, planZones } from './zoneModel'

/** Critical structures measured when the caller names none. */
export const DEFAULT_CRITICAL_KEYS: readonly StructureKey[] = [
  'spinalCord',
  'caudaEquina',
  'nerveRoot',
  'sciaticNerve',
  'csf',
  'epiduralFat',
  'bowel',
  'skin',
]

/** Options of {@link evaluatePlan}. */
export interface EvaluatePlanOptions {
  /** Structures whose gap to the zones is measured (default {@link DEFAULT_CRITICAL_KEYS}). */
  readonly criticalKeys?: readonly StructureKey[]
}

/** Everything `evaluatePlan` finds. */
export interface PlanEvaluationResult {
  readonly trajectories: readonly DevicePathReport[]
  /** Metrics of the lethal zone against the targets; null when no device has a zone model. */
  readonly metrics: MetricsReport | null
  /**
   * Gaps of the nerve-safety zone (10 °C cold / lethal edge + 4 mm heat, see `ZONE_MODEL`) to each critical
   * structure, mm (negative = inside); these are the rubric's `distance` values.
   */
  readonly nerveSafetyGapsMm: Readonly<Record<string, number | null>>
  /** Which zone model was used per device, in plain words. */
  readonly zoneModel: string
  readonly checks: CaseChecks
  /** Flat inputs of the rubric (`scorePlan`). */
  readonly evaluation: PlanEvaluation
}

/** Union of the plan's target masks; the case's tumour when the plan names no target. */
export function planTargetMask(plan: Plan, v: CaseVolume): Uint8Array {
  const region = (id: string): Uint8Array | undefined => {
    const lesion = v.lesions.find((l) => l.id === id)
    return lesion ? lesionRegion(v, lesion) : undefined
  }
  if (plan.targets.length === 0) {
    const lesion = findLesion(v)
    const m = maskFromLabels(v.labels, TUMOUR_LABELS)
    if (lesion) {
      const r = lesionRegion(v, lesion)
      for (let i = 0; i < m.length; i++) m[i] = m[i]! & r[i]!
    }
    return m
  }
  const out = new Uint8Array(v.labels.length)
  for (const t of plan.targets) {
    const m = targetMask(t, v, region)
    for (let i = 0; i < out.length; i++) out[i] = out[i]! | m[i]!
  }
  return out
}

/**
 * Evaluates `plan` on `volume`: trajectory reports for every needle, zone metrics (lethal zone vs the
 * plan's targets), nerve-safety gaps, case checks, and the flat {@link PlanEvaluation} a rubric scores.
 * Metric keys added to the plan core's: every case check (`caseChecks`) and `lethalGapMm.<structure>`.
 */
export function evaluatePlan(
  plan: Plan,
  volume: CaseVolume,
  options: EvaluatePlanOptions = {},
): PlanEvaluationResult {
  const trajectories = plan.devices.flatMap((d) => checkDevicePaths(volume, d))
  const zones = planZones(plan, volume)
  const keys = options.criticalKeys ?? DEFAULT_CRITICAL_KEYS
  let metrics: MetricsReport | null = null
  const gaps: Record<string, number | null> = {}
  const lethalGaps: Record<string, number | null> = {}
  if (zones.lethal && zones.nerveSafety) {
    const target = planTargetMask(plan, volume)
    const critical = keys.map((key) => {
      const id = STRUCTURES.find((s) => s.key === key)?.id ?? -1
      return { key, mask: maskFromLabels(volume.labels, [id]) }
    })
    const base = { geometry: volume.geometry, labels: volume.labels, target, critical }
    metrics = computeMetrics({ ...base, treated: zones.lethal })
    const safety = computeMetrics({ ...base, treated: zones.nerveSafety })
    for (const c of metrics.critical) lethalGaps[`lethalGapMm.${c.key}`] = c.distanceMm
    for (const c of safety.critical) {
      // Beyond the search box the structure is farther than the box padding: report that lower bound.
      gaps[c.key] = c.isBeyondSearch ? 20 : c.distanceMm
    }
    for (const c of metrics.critical) {
      if (c.isBeyondSearch) lethalGaps[`lethalGapMm.${c.key}`] = 20
    }
  }
  const checks = caseChecks(plan, volume)
  const core = evaluationFromResults(
    plan,
    metrics,
    trajectories.map((t) => t.report),
  )
  const checkValues: Record<string, number | null> = {}
  for (const [k, c] of Object.entries(checks)) checkValues[k] = c.value
  const evaluation: PlanEvaluation = {
    ...core,
    metrics: { ...core.metrics, ...checkValues, ...lethalGaps },
    distancesMm: gaps,
    ...(zones.noZoneReason
      ? {
          notMeasured: noZoneReasons(zones.noZoneReason, keys, (k) =>
            (STRUCTURES.find((s) => s.key === k)?.name ?? k).toLowerCase(),
          ),
        }
      : {}),
  }
  return {
    trajectories,
    metrics,
    nerveSafetyGapsMm: gaps,
    zoneModel: zones.description,
    checks,
    evaluation,
  }
}
