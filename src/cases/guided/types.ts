/**
 * A guided case: the content of every step of the guided flow for one built-in case (the question, the
 * structures to find, the case's true stability score with a reason per item, the technique choices, the
 * literature and the seeded novice mistakes the debrief catches). Plain data plus the mistakes' plan
 * builders (pure functions of the expert plan and the phantom).
 */
import type { StructureKey } from '../../lib/anatomy'
import type { DeviceKind, Plan } from '../../plan'
import type { MirelsInputs, SinsInputs } from '../../plan/teaching'
import type { Technique } from '../library'
import type { Phantom } from '../phantom'

/** A reference to FACTS.md: a section and, where it helps, the source it quotes. */
export interface FactsRef {
  /** Section, e.g. '§6.1'. */
  readonly section: string
  /** The study or document, e.g. 'Fisher et al., Spine 2010'. */
  readonly source: string
}

/** A structure the trainee must find by clicking it. `lesion` means any tumour label of the case lesion. */
export interface FindTarget {
  /** 'lesion' or a structure key of src/lib/anatomy.ts. */
  readonly key: 'lesion' | StructureKey
  /** What the button says: "This is the …". */
  readonly name: string
  /** Why it matters for this case. */
  readonly why: string
  /**
   * A click counts when a voxel with the label lies within this distance of the clicked point, mm (small
   * structures such as roots are hard to hit exactly on a 1–3 mm grid).
   */
  readonly toleranceMm: number
}

/** Why an item of the stability score has its value in this case. */
export type ItemReasons<K extends string> = Readonly<Record<K, string>>

/** The case's true stability score. */
export type StabilityAnswer =
  | {
      readonly system: 'sins'
      readonly inputs: SinsInputs
      readonly reasons: ItemReasons<keyof SinsInputs>
      /** What the score means for this patient. */
      readonly consequence: string
      readonly ref: FactsRef
    }
  | {
      readonly system: 'mirels'
      readonly inputs: MirelsInputs
      readonly reasons: ItemReasons<keyof MirelsInputs>
      readonly consequence: string
      /** Mirels is validated on long bones; a pelvic case applies it by analogy and says so. */
      readonly applicability: string
      readonly ref: FactsRef
    }

/** How a technique fits this case. */
export type TechniqueVerdict = 'recommended' | 'acceptable' | 'avoid'

/** One technique the trainee may choose, with what the literature says for this case. */
export interface TechniqueOption {
  readonly technique: Technique
  readonly verdict: TechniqueVerdict
  readonly indications: string
  readonly contraindications: string
  /** Why the verdict, for this patient. */
  readonly reason: string
  readonly ref: FactsRef
}

/** How the debrief recognises a seeded mistake in a plan and its score. */
export interface MistakeSignature {
  /** Rubric items (ids of the case's rubric) that must all have failed. */
  readonly failedItems: readonly string[]
  /**
   * Rubric items that must have passed: they tell this mistake from a neighbouring one that fails the
   * same items (e.g. one probe in the lesion vs a probe outside it, both under-covering).
   */
  readonly passedItems?: readonly string[]
  /** Device kinds none of which may be in the plan (e.g. no ablation device). */
  readonly lacksDevices?: readonly DeviceKind[]
  /** Device kinds at least one of which must be in the plan. */
  readonly hasDevices?: readonly DeviceKind[]
}

/** A seeded novice mistake: a concrete wrong plan and the debrief's explanation of it. */
export interface SeededMistake {
  readonly id: string
  /** Short name, e.g. "Trocar through the medial pedicle wall". */
  readonly title: string
  /** Builds the wrong plan from the expert plan (edits only). */
  readonly build: (expert: Plan, phantom: Phantom) => Plan
  readonly signature: MistakeSignature
  /** What went wrong and why it matters, with the numbers that say so. */
  readonly explanation: string
  readonly ref: FactsRef
}

/** A literature outcome shown at the debrief. */
export interface OutcomeFact {
  readonly text: string
  readonly ref: FactsRef
}

/** The guided path through one built-in case. */
export interface GuidedCase {
  readonly caseId: string
  /** The question the briefing asks. */
  readonly question: string
  /** Structures to find, lesion first. */
  readonly find: readonly FindTarget[]
  readonly stability: StabilityAnswer
  readonly techniques: readonly TechniqueOption[]
  /** How the recommended techniques combine (order, why together). */
  readonly combination: string
  readonly literature: readonly OutcomeFact[]
  readonly mistakes: readonly SeededMistake[]
}
