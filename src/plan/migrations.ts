/**
 * Ordered migrations of plan files (VolView `io/state-file/migrations.ts`, tldraw `tlschema` migrations).
 * Each step takes a file of version n and returns version n + 1; `migrate` runs the steps in order and then
 * validates against the current schema. A migration never reads today's defaults: the values it fills in
 * are frozen in the step itself, so old files migrate the same way forever.
 */
import { z } from 'zod'
import { formatIssues, planErrorMap } from './issueText'
import { PLAN_VERSION, PlanSchema, type Plan } from './schema'

/** A plan file could not be read; `errors` are plain-words lines with JSON paths. */
export class PlanFileError extends Error {
  /** One line per problem. */
  readonly errors: readonly string[]
  constructor(errors: readonly string[]) {
    super(errors.join('\n'))
    this.name = 'PlanFileError'
    this.errors = errors
  }
}

/** One step of the chain. */
export interface Migration {
  readonly from: number
  readonly to: number
  /** What the step changes, in plain words (reported as a warning when it runs). */
  readonly describe: string
  readonly up: (raw: Record<string, unknown>) => Record<string, unknown>
}

const v1Point = z.strictObject({ x: z.number(), y: z.number(), z: z.number() })
const v1Device = z.looseObject({
  kind: z.enum(['rfProbe', 'mwAntenna', 'cementTrocar']),
  name: z.string().optional(),
  entry: v1Point,
  tip: v1Point,
  powerKw: z.number().optional(),
})
/**
 * Version 1 (the first public format): `caseId` at the top level, devices without ids, points as
 * `{x, y, z}` objects, power in kW, a device `name` instead of `label`, and only RF, MW and cement devices.
 */
const PlanV1Schema = z.looseObject({
  version: z.literal(1),
  title: z.string(),
  caseId: z.string(),
  notes: z.string().optional(),
  devices: z.array(v1Device),
})

/** Parameters v2 added to v1 device kinds, frozen at the values v1 implied. */
const V1_FILL: Readonly<Record<'rfProbe' | 'mwAntenna' | 'cementTrocar', Record<string, unknown>>> =
  {
    rfProbe: { variant: 'cooledMonopolar', gauge: 17, activeTipMm: 30, targetTipTempC: 20 },
    mwAntenna: { gauge: 14, frequencyMHz: 2450, antennaType: 'monopole' },
    cementTrocar: {
      gauge: 11,
      approach: 'transpedicular',
      viscosity: 'medium',
      rateMlPerMin: 3,
      startAfterMixingS: 240,
      balloon: null,
    },
  }
const V1_LABEL: Readonly<Record<'rfProbe' | 'mwAntenna' | 'cementTrocar', string>> = {
  rfProbe: 'RF probe',
  mwAntenna: 'Microwave antenna',
  cementTrocar: 'Cement trocar',
}
const V1_PREFIX = { rfProbe: 'rf', mwAntenna: 'mw', cementTrocar: 'trocar' } as const

function migrate1to2(raw: Record<string, unknown>): Record<string, unknown> {
  const parsed = PlanV1Schema.safeParse(raw, { error: planErrorMap, reportInput: true })
  if (!parsed.success) {
    throw new PlanFileError(formatIssues(parsed.error.issues).map((e) => `${e} (version 1 file)`))
  }
  const v1 = parsed.data
  const counters = { rfProbe: 0, mwAntenna: 0, cementTrocar: 0 }
  const devices = v1.devices.map((d) => {
    const { kind, name, entry, tip, powerKw, ...rest } = d
    counters[kind] += 1
    const out: Record<string, unknown> = {
      kind,
      id: `${V1_PREFIX[kind]}-${counters[kind]}`,
      label: name ?? V1_LABEL[kind],
      entryMm: [entry.x, entry.y, entry.z],
      tipMm: [tip.x, tip.y, tip.z],
      ...V1_FILL[kind],
      ...rest,
    }
    // kW → W; rounded to 1 mW so that 0.02 kW reads 20 W, not 20.000000000000004.
    if (powerKw !== undefined) out['powerW'] = Math.round(powerKw * 1e6) / 1e3
    return out
  })
  const { caseId, notes, title } = v1
  return {
    version: 2,
    title,
    notes: notes ?? '',
    scan: { kind: 'builtin', caseId },
    targets: [],
    devices,
    protections: [],
  }
}

/** The migration chain, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    to: 2,
    describe:
      'Converted from version 1: device ids added, points stored as [x, y, z] mm, power converted from kW to W, and new device parameters given their version-1 values.',
    up: migrate1to2,
  },
]

/** Result of bringing a raw file up to {@link PLAN_VERSION}, not yet validated. */
export interface MigrationResult {
  readonly value: Record<string, unknown>
  /** Version found in the file. */
  readonly fromVersion: number
  /** `describe` of every step that ran. */
  readonly applied: readonly string[]
}

/** Runs the migration steps on a raw parsed file; throws {@link PlanFileError} with reasons. */
export function migrateRaw(raw: unknown): MigrationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new PlanFileError(['the plan must be a JSON object'])
  }
  let value = raw as Record<string, unknown>
  const version = value['version']
  if (version === undefined) {
    throw new PlanFileError(['version is missing: this does not look like a plan file'])
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new PlanFileError([`version must be a whole number from 1 to ${PLAN_VERSION}`])
  }
  if (version > PLAN_VERSION) {
    throw new PlanFileError([
      `version ${version} was written by a newer OsteoPlan; this one reads versions 1 to ${PLAN_VERSION}`,
    ])
  }
  const applied: string[] = []
  for (let v = version; v < PLAN_VERSION; v++) {
    const step = MIGRATIONS.find((m) => m.from === v)
    if (!step) throw new PlanFileError([`no migration from version ${v}`])
    value = step.up(value)
    applied.push(step.describe)
  }
  return { value, fromVersion: version, applied }
}

/**
 * Brings any supported plan file up to date and validates it strictly; throws {@link PlanFileError} with
 * reasons. Unknown fields are errors here; `parsePlanFile` is the lenient reader that drops them with a
 * warning.
 */
export function migrate(raw: unknown): Plan {
  const { value } = migrateRaw(raw)
  const parsed = PlanSchema.safeParse(value, { error: planErrorMap, reportInput: true })
  if (!parsed.success) throw new PlanFileError(formatIssues(parsed.error.issues))
  return parsed.data
}
