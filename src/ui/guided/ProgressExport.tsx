import { appStore, useAppStore } from '../../store/appStore'
import { progressStorage, summariseProgress } from '../../store/progress'

/** Saves the progress export (JSON) through a download link; nothing is sent anywhere. */
function download(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = 'osteoplan-progress.json'
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** Attempts per case and the export button (`progress-export`). */
export function ProgressExport() {
  const progress = useAppStore((s) => s.progress)
  const rows = summariseProgress(progress)
  return (
    <details className="guided-progress" data-testid="guided-progress">
      <summary>Your progress ({rows.reduce((n, r) => n + r.attempts, 0)} attempts)</summary>
      <ul>
        {rows.map((r) => (
          <li key={r.caseId}>
            {r.caseId}: {r.attempts} attempt{r.attempts === 1 ? '' : 's'}, best{' '}
            {Math.round(r.best * 100)} %, latest {Math.round(r.latest * 100)} %
          </li>
        ))}
      </ul>
      <p className="muted small">
        Kept only in this browser (
        {progressStorage().kind === 'indexedDB' ? 'IndexedDB' : 'memory, lost on reload'}
        ); nothing leaves it.
      </p>
      <button
        type="button"
        data-testid="progress-export"
        onClick={() => download(appStore.getState().exportProgress())}
      >
        Export progress (JSON)
      </button>
    </details>
  )
}
