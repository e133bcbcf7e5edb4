/**
 * The rubric model: declarative, serialisable criteria over a plan's metrics, safety findings, devices,
 * distances and protections. Case authors write rubrics as data (validated by `RubricSchema`);
 * `scorePlan` evaluates them.
 *
 * Missing measurements (the rule `scorePlan` applies): a metric or distance that is null or absent in the
 * evaluation was not measured (e.g. a plan without an ablation device has no zone, so it has no coverage
 * and no zone-to-nerve gap). Such a criterion is neither met nor failed: it is "not measured", with the
 * evaluation's plain-words reason (`PlanEvaluation.notMeasured`). `all` is not measured when none of its
 * parts failed and one was not measured; `any` holds when one part holds, otherwise it is not measured
 * when one part was not measured; `not` keeps "not measured". An item whose criterion was not measured
 * earns its points only when it says so (`passIfNotMeasured: true`, for items that are moot without the
 * measurement); otherwise it earns 0. Either way its reason is "Not measured: <why>", never the item's own
 * pass/fail text, which would state something that was not measured.
 */
import { z } from 'zod'
import { DEVICE_KINDS, type DeviceKind } from '../deviceSchemas'
import type { Protection } from '../schema'
import { boundedNumber, idString, safeText } from '../schemaPrimitives'
import type { Severity } from '../trajectory/trajectoryTypes'

/** Comparison operators. */
export type CmpOp = '>=' | '>' | '<=' | '<' | '=='

/**
 * One criterion.
 * - `metric`: a named metric (see {@link METRIC_INFO}) compared with `value`; with `zeroAt`, credit falls
 *   linearly from full at `value` to none at `zeroAt` (partial credit).
 * - `finding`: the number of findings of that severity, compared with `count` (default op '<=').
 * - `device`: the number of devices of that kind whose fields equal `where` lies in [min, max]
 *   (default min 1, no max).
 * - `distance`: the zone-to-structure gap for a critical structure key (e.g. 'spinalCord'), mm.
 * - `protection`: at least `min` (default 1) protections of that kind.
 * - `all` / `any` / `not`: combinations.
 */
export type Criterion =
  | {
      readonly metric: string
      readonly op: CmpOp
      readonly value: number
      readonly zeroAt?: number
    }
  | { readonly finding: Severity; readonly count: number; readonly op?: CmpOp }
  | {
      readonly device: DeviceKind
      readonly where?: Readonly<Record<string, string | number | boolean | null>>
      readonly min?: number
      readonly max?: number
    }
  | {
      readonly distance: string
      readonly op: CmpOp
      readonly value: number
      readonly zeroAt?: number
    }
  | { readonly protection: Protection['kind']; readonly min?: number }
  | { readonly all: readonly Criterion[] }
  | { readonly any: readonly Criterion[] }
  | { readonly not: Criterion }

/** One scored line of a rubric. */
export interface RubricItem {
  readonly id: string
  /** What is checked, in plain words ("Target fully covered"). */
  readonly title: string
  readonly points: number
  readonly criterion: Criterion
  /** Overrides the generated reason when the item passes. */
  readonly passReason?: string
  /** Overrides the generated reason when the item fails. */
  readonly failReason?: string
  /**
   * The item is met when its measurement does not exist for this plan (see the module doc); default
   * false: a missing measurement earns 0 points.
   */
  readonly passIfNotMeasured?: boolean
}

/** A scoring rubric. */
export interface Rubric {
  readonly items: readonly RubricItem[]
}

/** Plain-words name, unit and preferred direction of the metrics a rubric may refer to. */
export const METRIC_INFO: Readonly<
  Record<string, { readonly name: string; readonly unit: string; readonly isHigherBetter: boolean }>
> = {
  coveragePercent: { name: 'Target coverage', unit: '%', isHigherBetter: true },
  minMarginMm: { name: 'Minimum margin', unit: 'mm', isHigherBetter: true },
  meanMarginMm: { name: 'Mean margin', unit: 'mm', isHigherBetter: true },
  treatedHealthyMl: { name: 'Healthy tissue treated', unit: 'mL', isHigherBetter: false },
  treatedVolumeMl: { name: 'Treated volume', unit: 'mL', isHigherBetter: true },
  targetVolumeMl: { name: 'Target volume', unit: 'mL', isHigherBetter: true },
  cementVolumeMl: { name: 'Cement volume', unit: 'mL', isHigherBetter: true },
  deviceCount: { name: 'Devices', unit: '', isHigherBetter: false },
  maxNeedleLengthMm: { name: 'Longest needle path', unit: 'mm', isHigherBetter: false },
}

const cmpOp = z.enum(['>=', '>', '<=', '<', '=='])
const finite = boundedNumber(-1e9, 1e9)

/** Schema of a criterion (recursive). */
export const CriterionSchema: z.ZodType<Criterion> = z.lazy(() =>
  z.union([
    z.strictObject({
      metric: z.string().min(1).max(60),
      op: cmpOp,
      value: finite,
      zeroAt: finite.optional(),
    }),
    z.strictObject({
      finding: z.enum(['info', 'warning', 'critical']),
      count: boundedNumber(0, 1000),
      op: cmpOp.optional(),
    }),
    z.strictObject({
      device: z.enum(DEVICE_KINDS),
      where: z
        .record(
          z.string().max(60),
          z.union([z.string().max(60), z.number(), z.boolean(), z.null()]),
        )
        .optional(),
      min: boundedNumber(0, 100).optional(),
      max: boundedNumber(0, 100).optional(),
    }),
    z.strictObject({
      distance: z.string().min(1).max(60),
      op: cmpOp,
      value: finite,
      zeroAt: finite.optional(),
    }),
    z.strictObject({
      protection: z.enum(['hydrodissection', 'co2Dissection', 'thermocouple']),
      min: boundedNumber(0, 100).optional(),
    }),
    z.strictObject({ all: z.array(CriterionSchema).min(1).max(50) }),
    z.strictObject({ any: z.array(CriterionSchema).min(1).max(50) }),
    z.strictObject({ not: CriterionSchema }),
  ]),
)

/** Schema of a rubric (for rubrics stored as JSON in case files). */
export const RubricSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        id: idString,
        title: safeText(120, { minLength: 1 }),
        points: boundedNumber(0, 1000),
        criterion: CriterionSchema,
        passReason: safeText(300).optional(),
        failReason: safeText(300).optional(),
        passIfNotMeasured: z.boolean().optional(),
      }),
    )
    .max(100),
})
