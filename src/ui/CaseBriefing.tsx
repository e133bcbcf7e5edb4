import { findCatalogEntry } from '../cases/catalog'
import { useAppStore } from '../store/appStore'

/** The current case's title and briefing. */
export function CaseBriefing() {
  const caseId = useAppStore((s) => s.caseId)
  const entry = findCatalogEntry(caseId)
  if (!entry) return null
  return (
    <section className="panel-section" aria-labelledby="briefing-title">
      <h2 id="briefing-title">{entry.title}</h2>
      <p className="briefing" data-testid="case-briefing">
        {entry.briefing}
      </p>
    </section>
  )
}
