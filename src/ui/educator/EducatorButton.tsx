/** The top bar's switch into (and out of) educator mode. */
import { appStore, useAppStore } from '../../store/appStore'

export function EducatorButton() {
  const on = useAppStore((s) => s.educatorMode)
  return (
    <button
      type="button"
      className="educator-mode-button"
      data-testid="educator-mode"
      aria-pressed={on}
      title={
        on
          ? 'Leave educator mode (Esc)'
          : 'Presentation layout, laser pointer, step-through, reports'
      }
      onClick={() => appStore.getState().setEducatorMode(!on)}
    >
      {on ? 'Leave educator mode' : 'Educator mode'}
    </button>
  )
}
