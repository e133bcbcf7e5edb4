import { lazy, Suspense } from 'react'
import { appStore } from '../store/appStore'
import { ErrorBanner } from '../ui/ErrorBanner'
import { ErrorBoundary } from '../ui/ErrorBoundary'
import { ImportDialog } from '../ui/import/ImportDialog'
import { SidePanel } from '../ui/SidePanel'
import { TopBar } from '../ui/TopBar'

const LinkedWorkspace = lazy(() => import('./LinkedWorkspace'))
// Loaded with the viewers (it drives Cornerstone), so Cornerstone stays out of the start-up chunk.
const ViewerToolbar = lazy(() =>
  import('../ui/ViewerToolbar').then((m) => ({ default: m.ViewerToolbar })),
)
const onError = (m: string) => appStore.getState().showError(m)

/** The application shell: top bar, four-panel workspace, side panel. */
export function App() {
  return (
    <div className="app">
      <TopBar />
      <ErrorBanner />
      <Suspense fallback={<div className="viewer-toolbar" />}>
        <ViewerToolbar />
      </Suspense>
      <ImportDialog />
      <div className="body">
        <ErrorBoundary area="the workspace" onError={onError}>
          <Suspense
            fallback={<main className="workspace workspace-loading">Loading viewers…</main>}
          >
            <LinkedWorkspace />
          </Suspense>
        </ErrorBoundary>
        <ErrorBoundary area="the side panel" onError={onError}>
          <SidePanel />
        </ErrorBoundary>
      </div>
    </div>
  )
}
