import { useAppStore } from '../store/appStore'

/** Loading status (`data-testid="status"`, `data-state` = loading | ready | error). */
export function StatusBadge() {
  const status = useAppStore((s) => s.status)
  const text = useAppStore((s) => s.statusText)
  return (
    <div
      className={`status status-${status}`}
      data-testid="status"
      data-state={status}
      aria-live="polite"
    >
      {text}
    </div>
  )
}
