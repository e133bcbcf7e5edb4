/**
 * The trajectory safety report of the selected device in plain words: a summary that is red and announced
 * (role=alert) when anything is critical, the findings worst first, and the structures along the path.
 * Everything is rendered as text.
 */
import { SEVERITIES, type DevicePathReport, type Finding, type Severity } from '../../plan'
import { worstSeverity } from '../../store/slices/planEdits'

const rank = (s: Severity): number => SEVERITIES.indexOf(s)
const SEVERITY_WORD: Record<Severity, string> = {
  info: 'Note',
  warning: 'Caution',
  critical: 'Critical',
}

function summaryText(worst: Severity, findings: readonly Finding[]): string {
  const critical = findings.filter((f) => f.severity === 'critical').length
  const warnings = findings.filter((f) => f.severity === 'warning').length
  if (worst === 'critical') {
    return `Critical: ${critical} critical finding${critical === 1 ? '' : 's'} on this path. Do not proceed as planned.`
  }
  if (worst === 'warning') {
    return `Caution: ${warnings} finding${warnings === 1 ? '' : 's'} to review.`
  }
  return 'Clear: the path crosses no critical structure and passes none dangerously close.'
}

/** Findings and crossings of every needle of a device. */
export function TrajectoryReport({
  reports,
  hasLabels,
}: {
  reports: readonly DevicePathReport[]
  hasLabels: boolean
}) {
  const worst = worstSeverity(reports)
  if (worst === null) {
    return (
      <p className="report-none" data-testid="trajectory-summary" data-severity="none">
        {hasLabels
          ? 'This device is not a straight needle, so there is no path check.'
          : 'This scan has no structure labels, so the path cannot be checked.'}
      </p>
    )
  }
  const findings = reports.flatMap((r) => r.report.findings.map((f) => ({ needle: r.needleId, f })))
  findings.sort((a, b) => rank(b.f.severity) - rank(a.f.severity))
  return (
    <div className="trajectory-report" data-testid="trajectory-report">
      <p
        className={`report-summary severity-${worst}`}
        role={worst === 'critical' ? 'alert' : 'status'}
        data-testid="trajectory-summary"
        data-severity={worst}
      >
        {summaryText(
          worst,
          findings.map((x) => x.f),
        )}
      </p>
      <ul className="findings" data-testid="trajectory-findings">
        {findings.map(({ needle, f }, n) => (
          <li key={n} className={`finding severity-${f.severity}`} data-severity={f.severity}>
            <span className="finding-tag">{SEVERITY_WORD[f.severity]}</span>{' '}
            {needle ? `${needle}: ` : ''}
            {f.message}
          </li>
        ))}
      </ul>
      <details className="crossings">
        <summary>Structures along the path</summary>
        {reports.map((r) => (
          <ol key={r.needleId ?? 'axis'} data-testid="trajectory-crossings">
            {r.report.crossings.map((c, n) => (
              <li key={n} className={`criticality-${c.criticality}`}>
                {r.needleId ? `${r.needleId}: ` : ''}
                {c.name} — {c.startMm.toFixed(0)}–{c.endMm.toFixed(0)} mm
                {c.meanHu === undefined ? '' : ` (${Math.round(c.meanHu)} HU)`}
              </li>
            ))}
          </ol>
        ))}
      </details>
    </div>
  )
}
