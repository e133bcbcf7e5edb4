import { planToJson } from '../../plan'
import { appStore, useAppStore } from '../../store/appStore'
import { isPackageCaseId } from '../../store/packageRegistry'
import { hasExpert } from '../../workers/scoreApi'
import { ComparisonTableView } from './ComparisonTableView'

/**
 * Score of the current plan on the case's rubric, a reason for every point, and the expert plan beside it
 * (`data-testid="score-panel"`). Only built-in cases with a rubric can be scored.
 */
export function ScorePanel() {
  const caseId = useAppStore((s) => s.caseId)
  const status = useAppStore((s) => s.scoreStatus)
  const result = useAppStore((s) => s.scoreResult)
  const scoredJson = useAppStore((s) => s.scoredPlanJson)
  const plan = useAppStore((s) => s.plan)
  if (!hasExpert(caseId) && !isPackageCaseId(caseId)) return null
  const stale = result !== null && scoredJson !== planToJson(plan)
  const s = appStore.getState()
  return (
    <section className="panel-section" aria-labelledby="score-title" data-testid="score-panel">
      <h2 id="score-title">Score</h2>
      <div className="score-actions">
        <button
          type="button"
          data-testid="score-plan"
          disabled={status === 'scoring'}
          onClick={() => void s.scoreCurrentPlan()}
        >
          {status === 'scoring' ? 'Scoring…' : 'Score my plan'}
        </button>
        <button type="button" data-testid="load-expert" onClick={() => void s.loadExpertPlan()}>
          Open expert plan
        </button>
      </div>
      {result ? (
        <div
          className={stale ? 'score-result stale' : 'score-result'}
          data-testid="score-result"
          data-score={result.score.score}
          data-max={result.score.max}
        >
          <div className="score-total">
            {result.score.score} / {result.score.max} points{stale ? ' (plan changed since)' : ''}
          </div>
          <ul className="score-items">
            {result.score.items.map((i) => (
              <li
                key={i.id}
                data-testid={`score-item-${i.id}`}
                data-passed={i.passed}
                className={i.passed ? 'pass' : 'fail'}
              >
                <span className="pts">
                  {i.gained}/{i.max}
                </span>{' '}
                {i.reason}
              </li>
            ))}
          </ul>
          <p className="zone-model">Zones: {result.zoneModel}</p>
          {result.expert ? <ComparisonTableView table={result.expert.table} /> : null}
        </div>
      ) : null}
    </section>
  )
}
