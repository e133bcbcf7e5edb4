/**
 * The case package format (`*.osteoplan-case.zip`): a teaching case authored on a de-identified scan.
 * The zip holds `case.json` (this manifest), `plan.osteoplan.json` (the expert plan), `ct/*.dcm` (the CT
 * series, uncompressed) and `seg.dcm` (a DICOM SEG of the marked structures). The manifest is validated
 * with zod: every text is bounded and sanitised, label ids are known structures.
 */
import { z } from 'zod'
import { STRUCTURES } from '../../lib/anatomy'
import { RubricSchema } from '../../plan'
import { boundedNumber, idString, pointMm, safeText } from '../../plan/schemaPrimitives'

/** The manifest's file name inside the zip. */
export const MANIFEST_FILE = 'case.json'
export const PLAN_FILE = 'plan.osteoplan.json'
export const SEG_FILE = 'seg.dcm'
export const CT_FOLDER = 'ct/'
/** Format tag and version. */
export const PACKAGE_FORMAT = 'osteoplan-case'
export const PACKAGE_VERSION = 1

const labelId = z
  .number()
  .int()
  .refine((v) => STRUCTURES.some((s) => s.id === v && v > 0), 'is not a structure label id')

export const CaseManifestSchema = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  version: z.literal(PACKAGE_VERSION),
  /** Short id, letters/digits/dashes (used in the case picker and links). */
  id: idString,
  title: safeText(120, { minLength: 1 }),
  briefing: safeText(4000, { minLength: 1 }),
  /** The question put to the trainee. */
  question: safeText(500),
  objectives: z.array(safeText(300, { minLength: 1 })).max(20),
  /** The lesion(s): where, how big, which label marks it. */
  lesions: z
    .array(
      z.strictObject({
        id: idString,
        label: labelId,
        centreMm: pointMm,
        sizeMm: boundedNumber(1, 300, 'mm'),
        description: safeText(300),
      }),
    )
    .min(1)
    .max(10),
  /** Structures marked in the SEG, by label id, with the author's names. */
  structures: z
    .array(z.strictObject({ label: labelId, name: safeText(64, { minLength: 1 }) }))
    .min(1)
    .max(64),
  /** Structure keys whose distance to the zones is measured (src/lib/anatomy.ts keys). */
  criticalKeys: z
    .array(z.string().refine((k) => STRUCTURES.some((s) => s.key === k), 'is not a structure key'))
    .max(32),
  rubric: RubricSchema,
})

export type CaseManifest = z.infer<typeof CaseManifestSchema>
