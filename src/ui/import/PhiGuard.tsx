import { appStore, useAppStore } from '../../store/appStore'

/** The PHI guard: which identifying attributes were found, and the choice to scrub or cancel. */
export function PhiGuard() {
  const phi = useAppStore((s) => s.importPhi)
  return (
    <div data-testid="phi-guard" role="alert">
      <p>
        <strong>These files contain identifying information.</strong> OsteoPlan is for de-identified
        data. The following attributes were found (values masked):
      </p>
      <ul className="phi-list">
        {phi.map((p) => (
          <li key={`${p.tag}-${p.name}`}>
            {p.name} <code>{p.tag}</code> {p.preview}
          </li>
        ))}
      </ul>
      <p>
        Remove them in memory and continue? Nothing is sent anywhere, and exports never contain
        them.
      </p>
      <button
        type="button"
        data-testid="phi-scrub"
        onClick={() => void appStore.getState().answerPhi(true)}
      >
        Remove and continue
      </button>{' '}
      <button
        type="button"
        data-testid="phi-cancel"
        onClick={() => void appStore.getState().answerPhi(false)}
      >
        Cancel
      </button>
    </div>
  )
}
