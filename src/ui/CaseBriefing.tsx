import { findCatalogEntry } from '../cases/catalog'
import { useAppStore } from '../store/appStore'
import { getPackage } from '../store/packageRegistry'
import { getVolume } from '../store/volumeRegistry'

/** The current case's title, patient, briefing, lesions and learning objectives. */
export function CaseBriefing() {
  const caseId = useAppStore((s) => s.caseId)
  const volumeId = useAppStore((s) => s.volumeId)
  const pkg = getPackage(caseId)?.manifest
  const entry = pkg
    ? {
        title: pkg.title,
        patientLine: pkg.question ? `Question: ${pkg.question}` : '',
        briefing: pkg.briefing,
        objectives: pkg.objectives,
      }
    : findCatalogEntry(caseId)
  if (!entry) return null
  const lesions = getVolume(volumeId)?.lesions ?? []
  return (
    <section className="panel-section" aria-labelledby="briefing-title">
      <h2 id="briefing-title">{entry.title}</h2>
      {entry.patientLine ? <p className="patient-line">{entry.patientLine}</p> : null}
      <p className="briefing" data-testid="case-briefing">
        {entry.briefing}
      </p>
      {lesions.length > 0 ? (
        <ul className="lesion-list" data-testid="case-lesions">
          {lesions.map((l) => (
            <li key={l.id}>{l.description}</li>
          ))}
        </ul>
      ) : null}
      {entry.objectives && entry.objectives.length > 0 ? (
        <details className="objectives">
          <summary>Learning objectives</summary>
          <ul>
            {entry.objectives.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  )
}
