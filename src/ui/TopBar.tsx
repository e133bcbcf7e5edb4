import { AuthorButtons } from './authoring/AuthorButtons'
import { CasePicker } from './CasePicker'
import { EducatorButton } from './educator/EducatorButton'
import { GuidedStartButton } from './guided/GuidedStartButton'
import { DicomWebBrowser } from './import/DicomWebBrowser'
import { OpenDicom } from './import/OpenDicom'
import { StatusBadge } from './StatusBadge'
import { WindowPresetBar } from './WindowPresetBar'

/** Title, not-for-clinical-use notice, case picker, window presets and status. */
export function TopBar() {
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ◆
        </span>
        OsteoPlan
      </div>
      <div className="notice" data-testid="clinical-notice" role="note">
        Teaching tool, not for clinical use
      </div>
      <CasePicker />
      <OpenDicom />
      <DicomWebBrowser />
      <AuthorButtons />
      <WindowPresetBar />
      <EducatorButton />
      <GuidedStartButton />
      <StatusBadge />
    </header>
  )
}
