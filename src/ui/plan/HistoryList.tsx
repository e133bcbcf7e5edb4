/** The undo history as a list: every edit in order, the current one marked; click a step to go to it. */
import { appStore, useAppStore } from '../../store/appStore'

/** History list (`history-list`); items are `history-item` buttons, the current has aria-current. */
export function HistoryList() {
  const history = useAppStore((s) => s.history)
  const index = useAppStore((s) => s.historyIndex)
  return (
    <details className="history" open>
      <summary>History ({history.length})</summary>
      <ol className="history-list" data-testid="history-list">
        {history.map((h, n) => (
          <li key={n} className={n > index ? 'is-undone' : undefined}>
            <button
              type="button"
              data-testid="history-item"
              aria-current={n === index ? 'step' : undefined}
              onClick={() => appStore.getState().goToHistory(n)}
            >
              {h.label}
            </button>
          </li>
        ))}
      </ol>
    </details>
  )
}
