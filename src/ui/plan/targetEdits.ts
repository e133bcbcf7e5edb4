/** Plan edits for targets and protections; each returns the next plan and a history label. */
import { PlanSchema, type Plan } from '../../plan'
import { appStore } from '../../store/appStore'
import type { Vec3 } from '../../lib/vec3'

type Edit = { plan: Plan; label: string }

function nextId(prefix: string, taken: readonly { id: string }[]): string {
  let n = 1
  while (taken.some((t) => t.id === `${prefix}-${n}`)) n++
  return `${prefix}-${n}`
}

/** Applies an edit as one undoable step; an invalid plan is explained, never applied. */
export function applyEdit({ plan, label }: Edit): void {
  const r = PlanSchema.safeParse(plan)
  if (!r.success) {
    appStore
      .getState()
      .showError(`That change is not valid: ${r.error.issues.map((i) => i.message).join('; ')}`)
    return
  }
  appStore.getState().loadPlan(r.data, label)
}

/** Adds the case's lesion (its label and id) as a target. */
export const withLesionTarget = (plan: Plan, lesion: { label: number; id: string }): Edit => ({
  plan: {
    ...plan,
    targets: [
      ...plan.targets,
      {
        kind: 'label',
        id: nextId('target', plan.targets),
        label: 'Case lesion',
        labelId: lesion.label,
        lesionId: lesion.id,
      },
    ],
  },
  label: 'Added the case lesion as target',
})

/** Adds a sphere target. */
export const withSphereTarget = (plan: Plan, centreMm: Vec3, radiusMm: number): Edit => ({
  plan: {
    ...plan,
    targets: [
      ...plan.targets,
      {
        kind: 'sphere',
        id: nextId('target', plan.targets),
        label: `Sphere ${radiusMm} mm`,
        centreMm: [...centreMm],
        radiusMm,
      },
    ],
  },
  label: `Added a ${radiusMm} mm sphere target`,
})

/** Adds a thermocouple, hydrodissection or CO₂ dissection at a point, with teaching defaults. */
export function withProtection(
  plan: Plan,
  kind: 'thermocouple' | 'hydrodissection' | 'co2Dissection',
  pointMm: Vec3,
): Edit {
  const id = nextId(
    kind === 'thermocouple' ? 'tc' : kind === 'hydrodissection' ? 'hydro' : 'co2',
    plan.protections,
  )
  const p: Plan['protections'][number] =
    kind === 'thermocouple'
      ? {
          kind,
          id,
          label: `Thermocouple ${id}`,
          pointMm: [...pointMm],
          alarmLowC: 10,
          alarmHighC: 45,
        }
      : kind === 'hydrodissection'
        ? {
            kind,
            id,
            label: `Hydrodissection ${id}`,
            pointMm: [...pointMm],
            volumeMl: 20,
            fluid: 'saline',
          }
        : { kind, id, label: `CO2 dissection ${id}`, pointMm: [...pointMm], volumeMl: 60 }
  return { plan: { ...plan, protections: [...plan.protections, p] }, label: `Added ${p.label}` }
}

/** Removes a target or a protection by id. */
export const without = (plan: Plan, id: string, label: string): Edit => ({
  plan: {
    ...plan,
    targets: plan.targets.filter((t) => t.id !== id),
    protections: plan.protections.filter((p) => p.id !== id),
  },
  label: `Removed ${label}`,
})
