import {
  reviewStability,
  stabilityItems,
  type GuidedAction,
  type GuidedCase,
  type StabilityFeedback,
} from '../../cases/guided'
import { appStore, useAppStore } from '../../store/appStore'

const SYSTEM_TITLE = {
  sins: 'SINS — Spinal Instability Neoplastic Score (0–18), FACTS.md §6.1',
  mirels: 'Mirels score for fracture risk (4–12), FACTS.md §6.2',
} as const

/** The case's answer beside the trainee's, item by item, with the reasons. */
function StabilityFeedbackView({ fb }: { fb: StabilityFeedback }) {
  return (
    <div
      className="guided-feedback"
      data-testid="guided-stability-feedback"
      data-correct={fb.allCorrect}
    >
      <p>
        Your total: <strong>{fb.traineeTotal ?? '—'}</strong> ({fb.traineeCategory ?? '—'}). The
        case: <strong data-testid="guided-stability-total">{fb.caseTotal}</strong> (
        {fb.caseCategory}).{' '}
        {fb.categoryCorrect ? 'Same category.' : 'A different category: look at the items below.'}
      </p>
      <ul className="guided-stability-items">
        {fb.items.map((i) => (
          <li key={i.item} className={i.ok ? 'pass' : 'fail'} data-ok={i.ok}>
            <strong>
              {i.ok ? '✓' : '✗'} {i.title}:
            </strong>{' '}
            you chose {i.chosen}
            {i.ok ? '' : `; the case is ${i.correct}`}. {i.reason}
          </li>
        ))}
      </ul>
      <p>{fb.consequence}</p>
      {fb.applicability ? <p className="warn">{fb.applicability}</p> : null}
    </div>
  )
}

/** The stability or fracture-risk score: the trainee scores each item, then sees the case's answer. */
export function StabilityStep({ g }: { g: GuidedCase }) {
  const draft = useAppStore((s) => s.guided?.stabilityDraft ?? {})
  const submitted = useAppStore((s) => s.guided?.stabilitySubmitted ?? false)
  const dispatch = (a: GuidedAction) => appStore.getState().guidedDispatch(a)
  const items = stabilityItems(g.stability.system)
  const fb = submitted ? reviewStability(g.stability, draft) : null
  return (
    <div>
      <p>
        <strong>{SYSTEM_TITLE[g.stability.system]}</strong>. Score each item from the images and the
        history.
      </p>
      <div className="guided-form">
        {items.map((it) => (
          <label key={it.item}>
            <span>{it.title}</span>
            <select
              data-testid={`guided-stability-${it.item}`}
              value={draft[it.item] ?? ''}
              onChange={(e) =>
                dispatch({ type: 'setStability', item: it.item, value: e.target.value })
              }
            >
              <option value="" disabled>
                Choose…
              </option>
              {it.choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <button
        type="button"
        data-testid="guided-stability-check"
        onClick={() => dispatch({ type: 'submitStability' })}
      >
        Check my score
      </button>
      {fb ? <StabilityFeedbackView fb={fb} /> : null}
    </div>
  )
}
