import { appStore, useAppStore } from '../store/appStore'

/** The current user-facing error (`data-testid="error"`), dismissible. */
export function ErrorBanner() {
  const error = useAppStore((s) => s.error)
  return (
    <div
      className="error-banner"
      data-testid="error"
      role={error ? 'alert' : undefined}
      hidden={!error}
    >
      {error ? <span>{error}</span> : null}
      {error ? (
        <button
          type="button"
          aria-label="Dismiss message"
          onClick={() => appStore.getState().clearError()}
        >
          ×
        </button>
      ) : null}
    </div>
  )
}
