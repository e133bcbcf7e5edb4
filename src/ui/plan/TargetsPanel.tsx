import { useState } from 'react'
import { structureById } from '../../lib/anatomy'
import type { Plan } from '../../plan'
import { appStore, useAppStore } from '../../store/appStore'
import { getVolume } from '../../store/volumeRegistry'
import {
  applyEdit,
  withLesionTarget,
  withProtection,
  withSphereTarget,
  without,
} from './targetEdits'

const fmt = (p: readonly number[]) => p.map((v) => v.toFixed(1)).join(', ')
const describe = (t: Plan['targets'][number]) =>
  t.kind === 'label'
    ? t.label || structureById(t.labelId).name
    : t.kind === 'sphere'
      ? `${t.label} at ${fmt(t.centreMm)}`
      : t.label

/**
 * The plan's targets (the case's lesion, or a sphere drawn at the crosshair) and protections
 * (thermocouples, hydro- and CO₂ dissection at the crosshair), each removable; every change is an undo
 * step (`data-testid="targets-panel"`).
 */
export function TargetsPanel() {
  const plan = useAppStore((s) => s.plan)
  const volumeId = useAppStore((s) => s.volumeId)
  const [radius, setRadius] = useState(10)
  const lesion = getVolume(volumeId)?.lesions?.[0]
  const here = () => appStore.getState().crosshairMm
  const items = [
    ...plan.targets.map((t) => ({
      id: t.id,
      text: describe(t),
      label: t.label,
      testid: `target-${t.id}`,
    })),
    ...plan.protections.map((p) => ({
      id: p.id,
      text: `${p.label} at ${fmt(p.pointMm)}`,
      label: p.label,
      testid: `protection-${p.id}`,
    })),
  ]
  return (
    <section className="panel-section" aria-labelledby="targets-title" data-testid="targets-panel">
      <h2 id="targets-title">Targets and protection</h2>
      <ul className="target-list">
        {items.map((i) => (
          <li key={i.id} data-testid={i.testid}>
            {i.text}{' '}
            <button
              type="button"
              aria-label={`Remove ${i.label}`}
              onClick={() => applyEdit(without(plan, i.id, i.label))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="target-actions">
        {lesion ? (
          <button
            type="button"
            data-testid="add-lesion-target"
            onClick={() => applyEdit(withLesionTarget(plan, lesion))}
          >
            Target the lesion
          </button>
        ) : null}
        <label>
          Sphere r{' '}
          <input
            type="number"
            min={1}
            max={100}
            value={radius}
            aria-label="Sphere radius in mm"
            data-testid="sphere-radius"
            onChange={(e) => setRadius(Math.max(1, Math.min(100, Number(e.target.value) || 1)))}
          />{' '}
          mm
        </label>
        <button
          type="button"
          data-testid="add-sphere-target"
          onClick={() => applyEdit(withSphereTarget(plan, here(), radius))}
        >
          Sphere at crosshair
        </button>
      </div>
      <ProtectionButtons plan={plan} at={here} />
    </section>
  )
}

/** Buttons placing a protection at the crosshair. */
function ProtectionButtons({
  plan,
  at: here,
}: {
  plan: Plan
  at: () => readonly [number, number, number]
}) {
  return (
    <div className="target-actions">
      <button
        type="button"
        data-testid="add-thermocouple"
        onClick={() => applyEdit(withProtection(plan, 'thermocouple', here()))}
      >
        Thermocouple at crosshair
      </button>
      <button
        type="button"
        data-testid="add-hydrodissection"
        onClick={() => applyEdit(withProtection(plan, 'hydrodissection', here()))}
      >
        Hydrodissection
      </button>
      <button
        type="button"
        data-testid="add-co2"
        onClick={() => applyEdit(withProtection(plan, 'co2Dissection', here()))}
      >
        CO₂
      </button>
    </div>
  )
}
