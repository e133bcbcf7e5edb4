import { useEffect, useRef } from 'react'
import {
  GUIDED_STEPS,
  GUIDED_STEP_TITLES,
  advanceBlocker,
  guidedCase,
  type GuidedAction,
  type GuidedCase,
  type GuidedStep,
} from '../../cases/guided'
import { planToJson } from '../../plan'
import { appStore, useAppStore } from '../../store/appStore'
import { DebriefStep } from './DebriefStep'
import { BriefingStep, PlanStep, SimulateStep } from './EarlySteps'
import { FindStep } from './FindStep'
import { ProgressExport } from './ProgressExport'
import { StabilityStep } from './StabilityStep'
import { TechniquesStep } from './TechniquesStep'

function StepBody({ step, g }: { step: GuidedStep; g: GuidedCase }) {
  switch (step) {
    case 'briefing':
      return <BriefingStep g={g} />
    case 'find':
      return <FindStep g={g} />
    case 'stability':
      return <StabilityStep g={g} />
    case 'techniques':
      return <TechniquesStep g={g} />
    case 'plan':
      return <PlanStep />
    case 'simulate':
      return <SimulateStep />
    case 'debrief':
      return <DebriefStep g={g} />
  }
}

/** The seven steps; those already reached in this attempt can be revisited. */
function StepList({
  step,
  reached,
  dispatch,
}: {
  step: GuidedStep
  reached: number
  dispatch: (a: GuidedAction) => void
}) {
  return (
    <ol className="guided-steps" aria-label="Steps">
      {GUIDED_STEPS.map((s, i) => (
        <li key={s}>
          <button
            type="button"
            data-testid={`guided-goto-${s}`}
            aria-current={s === step ? 'step' : undefined}
            disabled={i > reached}
            onClick={() => dispatch({ type: 'goto', step: s })}
          >
            {i + 1}. {GUIDED_STEP_TITLES[s]}
          </button>
        </li>
      ))}
    </ol>
  )
}

/**
 * The guided-case step panel (`guided-panel`), shown at the top of the side panel while guided mode is on:
 * the step list, the current step (`guided-step[data-step]`), what it still needs, Back and Next.
 */
export function GuidedPanel() {
  const flow = useAppStore((s) => s.guided)
  const plan = useAppStore((s) => s.plan)
  const caseId = useAppStore((s) => s.caseId)
  const heading = useRef<HTMLHeadingElement>(null)
  const step = flow?.step
  // The flow needs to know the plan (device count, and whether the score is stale).
  useEffect(() => {
    if (!appStore.getState().guided) return
    appStore.getState().guidedDispatch({
      type: 'planChanged',
      devices: plan.devices.length,
      planJson: planToJson(plan),
    })
  }, [plan])
  // A different case ends the guided flow of the previous one.
  useEffect(() => {
    const f = appStore.getState().guided
    if (f && f.caseId !== caseId) appStore.getState().exitGuided()
  }, [caseId])
  // Keyboard and screen-reader users land on the new step's heading.
  useEffect(() => {
    if (step) heading.current?.focus()
  }, [step])
  if (!flow) return null
  const g = guidedCase(flow.caseId)
  if (!g) return null
  const blocker = advanceBlocker(flow, g)
  const idx = GUIDED_STEPS.indexOf(flow.step)
  const reached = GUIDED_STEPS.indexOf(flow.reached)
  const dispatch = (a: GuidedAction) => appStore.getState().guidedDispatch(a)
  return (
    <section
      className="panel-section guided-panel"
      data-testid="guided-panel"
      aria-labelledby="guided-title"
    >
      <h2 id="guided-title">Guided case · attempt {flow.attempt}</h2>
      <StepList step={flow.step} reached={reached} dispatch={dispatch} />
      <div className="guided-step" data-testid="guided-step" data-step={flow.step}>
        <h3 ref={heading} tabIndex={-1}>
          Step {idx + 1} of {GUIDED_STEPS.length}: {GUIDED_STEP_TITLES[flow.step]}
        </h3>
        <StepBody step={flow.step} g={g} />
      </div>
      {flow.step !== 'debrief' && blocker ? (
        <p
          id="guided-blocker-text"
          className="muted small"
          data-testid="guided-blocker"
          role="status"
          aria-live="polite"
        >
          {blocker}
        </p>
      ) : null}
      <div className="guided-nav">
        <button
          type="button"
          data-testid="guided-back"
          disabled={idx === 0}
          onClick={() => dispatch({ type: 'back' })}
        >
          ← Back
        </button>
        {flow.step !== 'debrief' ? (
          <button
            type="button"
            data-testid="guided-next"
            disabled={blocker !== null}
            aria-describedby={blocker ? 'guided-blocker-text' : undefined}
            onClick={() => dispatch({ type: 'next' })}
          >
            Next →
          </button>
        ) : null}
      </div>
      <ProgressExport />
    </section>
  )
}
