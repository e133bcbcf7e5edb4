/**
 * The plan file: a versioned, serialisable, plain-data description of a trainee's plan (VolView
 * `io/state-file/schema.ts` pattern). All points are DICOM LPS millimetres; parameters carry units in their
 * names. Plans hold no pixel data and no patient data: a loaded scan is referred to by its geometry
 * fingerprint only.
 */
import { z } from 'zod'
import { DeviceSchema } from './deviceSchemas'
import {
  boundedInt,
  boundedNumber,
  fingerprintString,
  idString,
  pointMm,
  safeText,
  UNIT_TOLERANCE,
  unitVector,
} from './schemaPrimitives'

/** The version this code writes. `migrate` brings older files up to it. */
export const PLAN_VERSION = 2

/** The scan a plan was made on: a built-in teaching case, or a loaded scan identified by geometry. */
export const ScanRefSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('builtin'), caseId: idString }),
  z.strictObject({ kind: z.literal('loaded'), fingerprint: fingerprintString }),
])

const targetBase = { id: idString, label: safeText(60) }

/** Largest painted-mask run list accepted (keeps a plan file small; ~1.6 MB of JSON at most). */
export const MAX_MASK_RUNS = 200_000

/**
 * A target: the case's lesion label, a drawn sphere or ellipsoid, or a painted region stored as a
 * run-length-encoded mask (see `encodeMaskRle`) with the fingerprint of the grid it was painted on.
 */
export const TargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('label'),
    ...targetBase,
    labelId: boundedInt(0, 255),
    /** Which lesion of that label, when a case has several (the case's lesion id). */
    lesionId: idString.optional(),
  }),
  z.strictObject({
    kind: z.literal('sphere'),
    ...targetBase,
    centreMm: pointMm,
    radiusMm: boundedNumber(0.5, 150, 'mm'),
  }),
  z
    .strictObject({
      kind: z.literal('ellipsoid'),
      ...targetBase,
      centreMm: pointMm,
      /** Semi-axis lengths along `axes[0..2]`. */
      radiiMm: z.tuple([
        boundedNumber(0.5, 150, 'mm'),
        boundedNumber(0.5, 150, 'mm'),
        boundedNumber(0.5, 150, 'mm'),
      ]),
      /** Orthonormal semi-axis directions in LPS. */
      axes: z.tuple([unitVector, unitVector, unitVector]),
    })
    .superRefine((t, ctx) => {
      const [a, b, c] = t.axes
      const dots: [number, number, number][] = [
        [0, 1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]],
        [0, 2, a[0] * c[0] + a[1] * c[1] + a[2] * c[2]],
        [1, 2, b[0] * c[0] + b[1] * c[1] + b[2] * c[2]],
      ]
      for (const [i, j, d] of dots) {
        if (Math.abs(d) > UNIT_TOLERANCE) {
          ctx.addIssue({
            code: 'custom',
            message: `must be perpendicular to axes[${i}]`,
            path: ['axes', j],
          })
        }
      }
    }),
  z
    .strictObject({
      kind: z.literal('painted'),
      ...targetBase,
      fingerprint: fingerprintString,
      dims: z.tuple([boundedInt(1, 4096), boundedInt(1, 4096), boundedInt(1, 4096)]),
      /** Alternating run lengths, starting with a run of 0s (possibly empty), i fastest. */
      runs: z
        .array(boundedInt(0, 2 ** 31 - 1))
        .max(MAX_MASK_RUNS, { error: `must hold at most ${MAX_MASK_RUNS} runs` }),
    })
    .superRefine((t, ctx) => {
      const total = t.runs.reduce((s, r) => s + r, 0)
      const n = t.dims[0] * t.dims[1] * t.dims[2]
      if (total !== n) {
        ctx.addIssue({
          code: 'custom',
          message: `must add up to the voxel count ${n} of dims ${t.dims.join('×')} (got ${total})`,
          path: ['runs'],
        })
      }
    }),
])

/**
 * Thermoprotection and monitoring: hydrodissection or CO₂ dissection at a point with a volume, and
 * thermocouples as named points (FACTS.md §1.5, Tsoumakidou 2013, Buy 2009).
 */
export const ProtectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('hydrodissection'),
    id: idString,
    label: safeText(60),
    pointMm: pointMm,
    volumeMl: boundedNumber(1, 200, 'mL'),
    fluid: z.enum(['saline', 'dextrose5']),
  }),
  z.strictObject({
    kind: z.literal('co2Dissection'),
    id: idString,
    label: safeText(60),
    pointMm: pointMm,
    volumeMl: boundedNumber(5, 1000, 'mL'),
  }),
  z.strictObject({
    kind: z.literal('thermocouple'),
    id: idString,
    /** The point's name, e.g. "Left L3 foramen". */
    label: safeText(60, { minLength: 1 }),
    pointMm: pointMm,
    /** Alarm threshold; nerves should stay between 10 and 45 °C (FACTS.md §1.1, Sag & Husain 2022). */
    alarmLowC: boundedNumber(-20, 40, '°C'),
    alarmHighC: boundedNumber(38, 60, '°C'),
  }),
])

/** Most items of each list a plan may hold. */
export const PLAN_LIMITS = { targets: 20, devices: 20, protections: 40 } as const

/** The whole plan file. */
export const PlanSchema = z
  .strictObject({
    version: z.literal(PLAN_VERSION, { error: `must be ${PLAN_VERSION}` }),
    title: safeText(120, { minLength: 1 }),
    notes: safeText(2000, { isMultiLine: true }),
    scan: ScanRefSchema,
    targets: z
      .array(TargetSchema)
      .max(PLAN_LIMITS.targets, { error: `must hold at most ${PLAN_LIMITS.targets} targets` }),
    devices: z
      .array(DeviceSchema)
      .max(PLAN_LIMITS.devices, { error: `must hold at most ${PLAN_LIMITS.devices} devices` }),
    protections: z.array(ProtectionSchema).max(PLAN_LIMITS.protections, {
      error: `must hold at most ${PLAN_LIMITS.protections} protections`,
    }),
  })
  .superRefine((plan, ctx) => {
    for (const list of ['targets', 'devices', 'protections'] as const) {
      const seen = new Set<string>()
      plan[list].forEach((item, i) => {
        if (seen.has(item.id)) {
          ctx.addIssue({
            code: 'custom',
            message: `repeats the id "${item.id}"; ids must be unique`,
            path: [list, i, 'id'],
          })
        }
        seen.add(item.id)
      })
    }
    plan.targets.forEach((t, i) => {
      if (
        t.kind === 'painted' &&
        plan.scan.kind === 'loaded' &&
        t.fingerprint !== plan.scan.fingerprint
      ) {
        ctx.addIssue({
          code: 'custom',
          message: `was painted on a different scan (${t.fingerprint}) than the plan's (${plan.scan.fingerprint})`,
          path: ['targets', i, 'fingerprint'],
        })
      }
    })
    plan.protections.forEach((p, i) => {
      if (p.kind === 'thermocouple' && p.alarmLowC >= p.alarmHighC) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be above alarmLowC',
          path: ['protections', i, 'alarmHighC'],
        })
      }
    })
  })

/** A validated plan. */
export type Plan = z.infer<typeof PlanSchema>
/** A plan target. */
export type Target = z.infer<typeof TargetSchema>
/** A protection or monitoring point. */
export type Protection = z.infer<typeof ProtectionSchema>
/** The scan reference of a plan. */
export type ScanRef = z.infer<typeof ScanRefSchema>
