import { listCatalog } from '../cases/catalog'
import { appStore, useAppStore } from '../store/appStore'

/** Chooses a built-in case; the choice is reflected in the address bar so it can be shared. */
export function CasePicker() {
  const caseId = useAppStore((s) => s.caseId)
  const packages = useAppStore((s) => s.packages)
  return (
    <label className="case-picker">
      <span>Case</span>
      <select
        data-testid="case-picker"
        value={caseId}
        onChange={(e) => {
          const id = e.target.value
          const url = new URL(window.location.href)
          url.searchParams.set('case', id)
          url.searchParams.delete('crosshair')
          window.history.replaceState(null, '', url)
          void appStore.getState().openCase(id)
        }}
      >
        {caseId === 'loaded' ? (
          <option value="loaded" disabled>
            Your loaded CT
          </option>
        ) : null}
        {packages.map((p) => (
          <option key={p.caseId} value={p.caseId}>
            {p.title} (authored)
          </option>
        ))}
        {listCatalog().map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
    </label>
  )
}
