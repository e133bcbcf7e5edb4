import { findCatalogEntry } from '../../cases/catalog'
import type { GuidedCase } from '../../cases/guided'
import { appStore, useAppStore } from '../../store/appStore'

/** Briefing: the patient, the question and what the trainee will do. */
export function BriefingStep({ g }: { g: GuidedCase }) {
  const entry = findCatalogEntry(g.caseId)
  const attempt = useAppStore((s) => s.guided?.attempt ?? 1)
  return (
    <div>
      {entry?.patientLine ? <p className="patient-line">{entry.patientLine}</p> : null}
      <p>{entry?.briefing}</p>
      <p>
        <strong>Question:</strong> {g.question}
      </p>
      <p className="muted">
        Attempt {attempt}. You will find the lesion and {g.find.length - 1} critical structures,
        score {g.stability.system === 'sins' ? 'spinal stability (SINS)' : 'fracture risk (Mirels)'}
        , choose techniques, plan, simulate and get a debrief against the expert plan.
      </p>
    </div>
  )
}

/** Plan: the trainee plans with the plan panel below (or opens the expert plan to study it). */
export function PlanStep() {
  const devices = useAppStore((s) => s.plan.devices.length)
  return (
    <div>
      <p>
        Plan the treatment you chose with the <strong>Plan</strong> panel below: add devices from
        the palette and click entry and target in any view. You can also open the expert plan to
        study it, but your debrief then scores the expert plan.
      </p>
      <p data-testid="guided-plan-devices">
        Your plan has {devices} device{devices === 1 ? '' : 's'}.
      </p>
      <button
        type="button"
        data-testid="guided-open-expert"
        onClick={() => void appStore.getState().loadExpertPlan()}
      >
        Open the expert plan
      </button>
    </div>
  )
}

/** Simulate and score: the rubric score of the plan (and the simulation panel for the physics). */
export function SimulateStep() {
  const status = useAppStore((s) => s.scoreStatus)
  const scored = useAppStore((s) => s.guided?.scored ?? null)
  const planJson = useAppStore((s) => s.guided?.planJson ?? '')
  const fresh = scored !== null && scored.planJson === planJson
  return (
    <div>
      <p>
        Run each device&apos;s simulation in the <strong>Simulation</strong> panel (zones,
        temperatures, cement, fields) to see what the plan does, then score it against the
        case&apos;s rubric.
      </p>
      <button
        type="button"
        data-testid="guided-score"
        disabled={status === 'scoring'}
        onClick={() => void appStore.getState().guidedScorePlan()}
      >
        {status === 'scoring' ? 'Scoring…' : 'Score my plan'}
      </button>
      <p data-testid="guided-score-status" role="status" aria-live="polite">
        {fresh
          ? `Scored: ${scored.score} / ${scored.max} points. Go on to the debrief.`
          : scored
            ? 'The plan changed since it was scored.'
            : status === 'scoring'
              ? 'Scoring…'
              : 'Not scored yet.'}
      </p>
    </div>
  )
}
