import { guidedCase } from '../../cases/guided'
import { appStore, useAppStore } from '../../store/appStore'

/** Top-bar button that enters or leaves guided-case mode on the current case (`guided-start`). */
export function GuidedStartButton() {
  const active = useAppStore((s) => s.guided !== null)
  const caseId = useAppStore((s) => s.caseId)
  const available = guidedCase(caseId) !== undefined
  return (
    <button
      type="button"
      data-testid="guided-start"
      aria-pressed={active}
      disabled={!available && !active}
      title={
        available
          ? 'Work through this case step by step: find, score, choose, plan, simulate, debrief'
          : 'Open a built-in teaching case to start a guided case'
      }
      onClick={() => {
        const s = appStore.getState()
        if (active) s.exitGuided()
        else void s.startGuidedCase()
      }}
    >
      {active ? 'Leave guided case' : 'Guided case'}
    </button>
  )
}
