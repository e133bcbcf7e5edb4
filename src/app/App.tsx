import { ErrorBanner } from '../ui/ErrorBanner'
import { ErrorBoundary } from '../ui/ErrorBoundary'
import { SidePanel } from '../ui/SidePanel'
import { TopBar } from '../ui/TopBar'
import { Workspace } from '../ui/Workspace'
import { appStore } from '../store/appStore'
import { useImagingSync } from './useImagingSync'

const onError = (m: string) => appStore.getState().showError(m)

/** The application shell: top bar, four-panel workspace, side panel. */
export function App() {
  useImagingSync()
  return (
    <div className="app">
      <TopBar />
      <ErrorBanner />
      <div className="body">
        <ErrorBoundary area="the workspace" onError={onError}>
          <Workspace />
        </ErrorBoundary>
        <ErrorBoundary area="the side panel" onError={onError}>
          <SidePanel />
        </ErrorBoundary>
      </div>
    </div>
  )
}
