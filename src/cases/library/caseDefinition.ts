/**
 * A built-in teaching case: the patient, the phantom that shows them, the treatment intent and what the
 * trainee should learn. Plain data; the phantom is generated on demand from `phantom.spec` and `seed`.
 */
import type { StructureKey } from '../../lib/anatomy'
import type { PhantomSpec, Region, Sex } from '../phantom'

/** Treatment options a case invites the trainee to consider. */
export type Technique =
  | 'radiofrequencyAblation'
  | 'microwaveAblation'
  | 'cryoablation'
  | 'thermalProtection'
  | 'vertebroplasty'
  | 'kyphoplasty'
  | 'cementoplasty'
  | 'acetabuloplasty'
  | 'mrgfus'
  | 'electrochemotherapy'
  | 'embolization'
  | 'radiotherapy'
  | 'surgery'

/** Why the procedure is done. */
export type Intent = 'palliative' | 'curative'

/** The patient in the vignette. */
export interface PatientSummary {
  readonly ageYears: number
  readonly sex: Sex
  readonly primaryCancer: string
  /** Worst pain on a 0–10 visual analogue scale. */
  readonly painVas: number
  /** Pain in words (mechanical, night pain, radicular …). */
  readonly pain: string
  readonly priorTreatment: readonly string[]
}

/** One case of the library. */
export interface CaseDefinition {
  readonly id: string
  readonly title: string
  readonly patient: PatientSummary
  readonly region: Region
  /** Phantom to generate (region, patient and lesions) and its seed. */
  readonly phantom: { readonly spec: PhantomSpec; readonly seed: number }
  readonly intent: Intent
  readonly learningObjectives: readonly string[]
  readonly techniques: readonly Technique[]
  /** Structures whose injury the plan must avoid or protect against. */
  readonly criticalStructures: readonly StructureKey[]
  /** Briefing shown before planning (patient terms, no answers). */
  readonly briefing: string
  /** Expert plan for comparison, added once the plan model exists. */
  readonly expertPlanId?: string
}
