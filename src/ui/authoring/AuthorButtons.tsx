import { appStore, useAppStore } from '../../store/appStore'

/**
 * Top-bar controls: start authoring a case on the current scan, and open a case package (`open-package`,
 * an `input[type=file]`; the file is read here, never uploaded).
 */
export function AuthorButtons() {
  const authoring = useAppStore((s) => s.authoring)
  const ready = useAppStore((s) => s.status === 'ready')
  const s = appStore.getState()
  return (
    <div className="author-buttons">
      <button
        type="button"
        data-testid="author-start"
        aria-pressed={authoring}
        disabled={!ready}
        onClick={() => (authoring ? s.stopAuthoring() : s.startAuthoring())}
      >
        Author
      </button>
      <label className="button-like">
        Open case
        <input
          type="file"
          className="visually-hidden"
          accept=".zip,application/zip"
          data-testid="open-package"
          onChange={(e) => {
            const f = e.target.files?.[0]
            e.target.value = ''
            if (!f) return
            void f.arrayBuffer().then((b) => s.openPackage(new Uint8Array(b), f.name))
          }}
        />
      </label>
    </div>
  )
}
