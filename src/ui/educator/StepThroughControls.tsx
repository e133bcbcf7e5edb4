/**
 * Step-through of the edited plan: play/pause, stop, the current step with its progress, and the list of
 * steps (each a button that jumps to it).
 */
import { appStore, useAppStore } from '../../store/appStore'

export function StepThroughControls() {
  const st = useAppStore((s) => s.stepThrough)
  const timeS = useAppStore((s) => s.simTimeS)
  const s = appStore.getState()
  const step = st?.steps[st.index]
  const isPlaying = st?.playing ?? false
  return (
    <section className="step-through" aria-label="Step through the plan">
      <div className="educator-row">
        <button
          type="button"
          data-testid="educator-play"
          aria-pressed={isPlaying}
          onClick={() => (isPlaying ? s.pauseStepThrough() : s.startStepThrough())}
        >
          {isPlaying ? 'Pause' : st ? 'Play' : 'Step through the plan'}
        </button>
        {st ? (
          <button type="button" data-testid="educator-stop" onClick={() => s.stopStepThrough()}>
            Stop
          </button>
        ) : null}
        {st && step ? (
          <span
            className="educator-step"
            data-testid="educator-step"
            data-step={st.index}
            data-kind={step.kind}
            data-fraction={st.fraction.toFixed(3)}
            role="status"
          >
            Step {st.index + 1}/{st.steps.length}: {step.label}
            {step.kind === 'simulate' && !st.waiting ? ` · t = ${timeS.toFixed(0)} s` : ''}
            {st.waiting ? ` · ${st.waiting}` : ''}
            {st.note ? ` · ${st.note}` : ''}
            <progress max={1} value={st.fraction} aria-label="Step progress" />
          </span>
        ) : null}
      </div>
      {st ? (
        <ol className="educator-steps" data-testid="educator-steps">
          {st.steps.map((x, i) => (
            <li key={`${x.kind}-${x.deviceId}`}>
              <button
                type="button"
                aria-current={i === st.index ? 'step' : undefined}
                data-done={i < st.index || (i === st.index && st.fraction >= 1)}
                onClick={() => s.goToStep(i)}
              >
                {i + 1}. {x.label}
              </button>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  )
}
