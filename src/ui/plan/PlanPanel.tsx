/** The planning section of the side panel: toolbar, palette, devices, the selected device, history. */
import { useAppStore } from '../../store/appStore'
import { DeviceList } from './DeviceList'
import { DevicePalette } from './DevicePalette'
import { HistoryList } from './HistoryList'
import { PlanPrompt } from './PlanPrompt'
import { PlanToolbar } from './PlanToolbar'
import { SelectedDevice } from './SelectedDevice'
import { usePlanLink } from './usePlanLink'
import { usePlanShortcuts } from './usePlanShortcuts'

/** Plan editing: place devices, read their trajectory reports, undo/redo, save, load and share. */
export function PlanPanel() {
  usePlanShortcuts()
  usePlanLink()
  const notice = useAppStore((s) => s.planNotice)
  return (
    <>
      <section
        className="panel-section plan-panel"
        aria-labelledby="plan-title"
        data-testid="plan-panel"
      >
        <h2 id="plan-title">Plan</h2>
        <PlanPrompt />
        <PlanToolbar />
        {notice ? (
          <p className="plan-notice" data-testid="plan-notice" aria-live="polite">
            {notice}
          </p>
        ) : null}
        <DevicePalette />
        <DeviceList />
      </section>
      <SelectedDevice />
      <section className="panel-section">
        <HistoryList />
      </section>
    </>
  )
}
