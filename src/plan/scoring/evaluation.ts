import type { Device } from '../deviceSchemas'
import type { MetricsReport } from '../metrics/metricsTypes'
import type { Plan, Protection } from '../schema'
import type { Finding, TrajectoryReport } from '../trajectory/trajectoryTypes'

/** Everything a rubric is scored against: flat numbers plus the plan's devices and protections. */
export interface PlanEvaluation {
  /** Named metrics (keys of `METRIC_INFO` and any others); null = not computed. */
  readonly metrics: Readonly<Record<string, number | null>>
  readonly findings: readonly Pick<Finding, 'severity' | 'message'>[]
  /** Zone-to-structure gaps by structure key, mm (negative = overlap); null = not computed. */
  readonly distancesMm: Readonly<Record<string, number | null>>
  readonly devices: readonly Device[]
  readonly protections: readonly Protection[]
  /**
   * Why a null metric or distance was not measured, in plain words that complete "Not measured: …" (e.g.
   * "this plan has no ablation zone, so there is nothing to keep away from the cauda equina"). Keyed like
   * `metrics` and `distancesMm`; absent keys get a generic reason.
   */
  readonly notMeasured?: {
    readonly metrics?: Readonly<Record<string, string>>
    readonly distancesMm?: Readonly<Record<string, string>>
  }
}

/**
 * Gathers a plan, its metrics (if simulated) and its trajectory reports into a {@link PlanEvaluation}.
 * Adds the plan-derived metrics `cementVolumeMl` (sum over cement trocars), `deviceCount` and
 * `maxNeedleLengthMm` (longest entry→tip of the trajectory reports).
 */
export function evaluationFromResults(
  plan: Plan,
  metrics: MetricsReport | null,
  trajectories: readonly TrajectoryReport[],
): PlanEvaluation {
  const cement = plan.devices.reduce((s, d) => s + (d.kind === 'cementTrocar' ? d.volumeMl : 0), 0)
  const longest = trajectories.reduce<number | null>(
    (m, t) => Math.max(m ?? 0, t.needleLengthMm),
    null,
  )
  const fromMetrics: Record<string, number | null> = metrics
    ? {
        coveragePercent: metrics.coveragePercent,
        minMarginMm: metrics.minMarginMm,
        meanMarginMm: metrics.meanMarginMm,
        treatedHealthyMl: metrics.treatedHealthyMl,
        treatedVolumeMl: metrics.treatedVolumeMl,
        targetVolumeMl: metrics.targetVolumeMl,
      }
    : {}
  const distancesMm: Record<string, number | null> = {}
  for (const c of metrics?.critical ?? []) distancesMm[c.key] = c.distanceMm
  return {
    metrics: {
      ...fromMetrics,
      cementVolumeMl: cement,
      deviceCount: plan.devices.length,
      maxNeedleLengthMm: longest,
    },
    findings: trajectories.flatMap((t) => t.findings),
    distancesMm,
    devices: plan.devices,
    protections: plan.protections,
  }
}
