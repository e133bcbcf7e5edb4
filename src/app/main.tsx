/** Composition root: reads the URL contract, opens the case and mounts the app. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { DEFAULT_CASE } from '../cases/catalog'
import { parseAppParams } from '../lib/urlParams'
import { appStore } from '../store/appStore'
import { App } from './App'
import { registerDecodeProbe } from './decodeProbe'
import './styles.css'

const search = new URLSearchParams(window.location.search)
const params = parseAppParams(search)
registerDecodeProbe(search)
if (params.problems.length > 0) appStore.getState().showError(params.problems.join(' '))
void appStore.getState().openCase(params.caseId ?? DEFAULT_CASE, params.crosshairMm)

window.addEventListener('unhandledrejection', (e) => {
  const reason: unknown = e.reason
  appStore
    .getState()
    .showError(`Unexpected problem: ${reason instanceof Error ? reason.message : String(reason)}`)
})

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
