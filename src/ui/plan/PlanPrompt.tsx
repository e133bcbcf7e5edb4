/**
 * Asks what to do with a plan from a file or a link that was made on another scan: switch to its built-in
 * case, open it on the shown scan anyway, or discard it. While its scan is still loading, says so.
 */
import { appStore, useAppStore } from '../../store/appStore'
import { describeScan } from '../../store/slices/planScan'

/** Switches the address bar to a built-in case (as the case picker does). */
function setCaseInUrl(caseId: string): void {
  const url = new URL(window.location.href)
  url.searchParams.set('case', caseId)
  url.searchParams.delete('crosshair')
  window.history.replaceState(null, '', url)
}

/** The pending-plan prompt (`plan-prompt`), or nothing. */
export function PlanPrompt() {
  const pending = useAppStore((s) => s.pendingPlan)
  const currentScan = useAppStore((s) => s.currentScan)
  if (!pending) return null
  const { plan, reason } = pending
  const from = pending.source === 'file' ? 'file' : 'link'
  if (reason === 'waiting') {
    return (
      <p className="plan-prompt" data-testid="plan-prompt" data-reason={reason} aria-live="polite">
        Opening the plan “{plan.title}” from the {from} once its scan is ready…
      </p>
    )
  }
  const s = appStore.getState()
  return (
    <div
      className="plan-prompt"
      role="alertdialog"
      aria-labelledby="plan-prompt-text"
      data-testid="plan-prompt"
      data-reason={reason}
    >
      <p id="plan-prompt-text">
        The plan “{plan.title}” from the {from} was made on {describeScan(plan.scan)}
        {currentScan ? `, not on ${describeScan(currentScan)}` : ''}.
        {reason === 'otherScan'
          ? ' Its geometry fingerprint does not match this scan, so its points may not line up.'
          : ''}
      </p>
      <div className="button-row">
        {plan.scan.kind === 'builtin' ? (
          <button
            type="button"
            data-testid="prompt-switch"
            onClick={() => {
              if (plan.scan.kind === 'builtin') setCaseInUrl(plan.scan.caseId)
              s.resolvePendingPlan('switchCase')
            }}
          >
            Switch to that case
          </button>
        ) : null}
        <button
          type="button"
          data-testid="prompt-open-anyway"
          onClick={() => s.resolvePendingPlan('openAnyway')}
        >
          Open on this scan
        </button>
        <button
          type="button"
          data-testid="prompt-discard"
          onClick={() => s.resolvePendingPlan('discard')}
        >
          Discard
        </button>
      </div>
    </div>
  )
}
