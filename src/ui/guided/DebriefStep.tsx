import {
  reviewStability,
  reviewTechniques,
  type AttemptRecord,
  type GuidedCase,
  type GuidedState,
} from '../../cases/guided'
import { appStore, useAppStore } from '../../store/appStore'
import { ComparisonTableView } from '../score/ComparisonTableView'
import { refText } from './refText'
import { techniqueName } from './TechniquesStep'

/** The trainee's stability score and technique choices against the case's. */
function AnswersSummary({ g, flow }: { g: GuidedCase; flow: GuidedState }) {
  const stability = reviewStability(g.stability, flow.stabilityDraft)
  const techniques = reviewTechniques(g.techniques, flow.techniques)
  return (
    <>
      <h3>Your answers</h3>
      <p data-testid="guided-debrief-stability">
        {g.stability.system === 'sins' ? 'SINS' : 'Mirels'}: you {stability.traineeTotal ?? '—'},
        case {stability.caseTotal} ({stability.caseCategory}).{' '}
        {stability.allCorrect
          ? 'Every item right.'
          : `${stability.items.filter((i) => !i.ok).length} item(s) differ.`}
      </p>
      <p data-testid="guided-debrief-techniques">
        Techniques:{' '}
        {techniques.allCorrect
          ? 'the recommended combination.'
          : [
              techniques.missed.length
                ? `left out ${techniques.missed.map((o) => techniqueName(o.technique)).join(', ')}`
                : '',
              techniques.wrong.length
                ? `chose ${techniques.wrong.map((o) => techniqueName(o.technique)).join(', ')}, which this case should avoid`
                : '',
            ]
              .filter(Boolean)
              .join('; ') + '.'}{' '}
        {g.combination}
      </p>
    </>
  )
}

/** Every finished attempt on this case. */
function AttemptHistory({ g, history }: { g: GuidedCase; history: readonly AttemptRecord[] }) {
  const title = (id: string) => g.mistakes.find((m) => m.id === id)?.title ?? id
  return (
    <>
      <h3>Your attempts</h3>
      <table className="guided-table" data-testid="guided-history">
        <thead>
          <tr>
            <th scope="col">Attempt</th>
            <th scope="col">Score</th>
            <th scope="col">Mistakes</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.attempt}>
              <td>{h.attempt}</td>
              <td>
                {h.score} / {h.max}
              </td>
              <td>{h.mistakes.length ? h.mistakes.map(title).join('; ') : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

/** Debrief: the rubric with a reason for every point, the expert plan beside it, the mistakes, the literature. */
export function DebriefStep({ g }: { g: GuidedCase }) {
  const flow = useAppStore((s) => s.guided)
  const result = useAppStore((s) => s.scoreResult)
  const scoredJson = useAppStore((s) => s.scoredPlanJson)
  if (!flow?.scored) return <p>Score your plan first.</p>
  const scored = flow.scored
  const rubric = result && scoredJson === scored.planJson ? result : null
  const mistakes = g.mistakes.filter((m) => scored.mistakes.includes(m.id))
  const s = appStore.getState()
  return (
    <div data-testid="guided-debrief">
      <p
        className="guided-total"
        data-testid="guided-debrief-score"
        data-score={scored.score}
        data-max={scored.max}
      >
        {scored.score} / {scored.max} points
      </p>
      <h3>Every point, with its reason</h3>
      {rubric ? (
        <ul className="score-items" data-testid="guided-rubric">
          {rubric.score.items.map((i) => (
            <li key={i.id} data-passed={i.passed} className={i.passed ? 'pass' : 'fail'}>
              <span className="pts">
                {i.gained}/{i.max}
              </span>{' '}
              {i.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          The rubric of this score is no longer loaded; score again to see it.
        </p>
      )}
      <h3>Mistakes the debrief recognised</h3>
      {mistakes.length ? (
        <ul className="guided-mistakes" data-testid="guided-mistakes">
          {mistakes.map((m) => (
            <li key={m.id} data-mistake={m.id}>
              <strong>{m.title}.</strong> {m.explanation} <cite>({refText(m.ref)})</cite>
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="guided-mistakes-none">None of the common mistakes on this case.</p>
      )}
      <h3>Your plan beside the expert plan</h3>
      {rubric?.expert ? <ComparisonTableView table={rubric.expert.table} /> : null}
      <button
        type="button"
        data-testid="guided-show-expert"
        onClick={() => void s.compareWithExpert()}
        title="Draws the expert plan as dashed ghosts in the same views, beside your plan"
      >
        Show the expert plan in the views
      </button>
      <AnswersSummary g={g} flow={flow} />
      <h3>What the literature says</h3>
      <ul className="guided-literature" data-testid="guided-literature">
        {g.literature.map((l) => (
          <li key={l.text}>
            {l.text} <cite>({refText(l.ref)})</cite>
          </li>
        ))}
      </ul>
      <AttemptHistory g={g} history={flow.history} />
      <button
        type="button"
        data-testid="guided-try-again"
        onClick={() => s.guidedDispatch({ type: 'tryAgain', at: new Date().toISOString() })}
      >
        Try again
      </button>
    </div>
  )
}
