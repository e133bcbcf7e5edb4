import { appStore, useAppStore } from '../../store/appStore'
import { PhiGuard } from './PhiGuard'
import { SeriesChooser } from './SeriesChooser'

/** Progress, series choice and the PHI guard while loading the user's DICOM (`data-testid="import-dialog"`). */
export function ImportDialog() {
  const phase = useAppStore((s) => s.importPhase)
  const progress = useAppStore((s) => s.importProgress)
  const notes = useAppStore((s) => s.importNotes)
  if (phase === 'idle') return null
  const cancel = () => appStore.getState().cancelImport()
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-title"
        data-testid="import-dialog"
        data-phase={phase}
      >
        <h2 id="import-title">Load CT</h2>
        {progress ? (
          <div className="progress" data-testid="import-progress">
            <div>
              {progress.label}: {progress.done} / {progress.total}
            </div>
            <progress max={progress.total} value={progress.done} />
          </div>
        ) : null}
        {phase === 'chooseSeries' ? <SeriesChooser /> : null}
        {phase === 'confirmPhi' ? <PhiGuard /> : null}
        {notes.length > 0 ? (
          <details className="import-notes">
            <summary>{notes.length} note(s)</summary>
            <ul>
              {notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          </details>
        ) : null}
        {phase !== 'confirmPhi' ? (
          <button type="button" onClick={cancel} data-testid="import-cancel">
            Cancel
          </button>
        ) : null}
      </div>
    </div>
  )
}
