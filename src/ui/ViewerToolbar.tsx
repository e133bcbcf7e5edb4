/**
 * Tools of the image views: which tool the left button drives, a reset, and the shortcut list. The keyboard
 * shortcuts (viewerShortcuts.ts) are installed here for the toolbar's lifetime.
 */
import { useEffect, useState, useSyncExternalStore } from 'react'
import {
  getActiveMprView,
  getMprTool,
  MPR_TOOLS,
  resetMprViews,
  scrollMprView,
  setMprTool,
  subscribeMprTool,
  zoomMprViews,
  type MprToolId,
} from '../imaging'
import { appStore } from '../store/appStore'
import { SHORTCUT_ROWS, viewerActionFor, type ViewerAction } from './viewerShortcuts'

const TOOL_LABELS: Record<MprToolId, { label: string; key: string; testId: string }> = {
  windowLevel: { label: 'Crosshair / W-L', key: 'W', testId: 'tool-window-level' },
  length: { label: 'Length', key: 'L', testId: 'tool-length' },
  angle: { label: 'Angle', key: 'A', testId: 'tool-angle' },
  probe: { label: 'HU probe', key: 'P', testId: 'tool-probe' },
}

/** True when the key event belongs to a text field, select or editable element. */
function isTyping(e: KeyboardEvent): boolean {
  const t = e.target
  if (!(t instanceof HTMLElement)) return false
  return t.isContentEditable || t.matches('input, textarea, select')
}

function run(a: ViewerAction, toggleHelp: () => void): void {
  switch (a.kind) {
    case 'tool':
      setMprTool(a.tool)
      return
    case 'reset':
      resetMprViews()
      return
    case 'preset':
      appStore.getState().setWindowPreset(a.preset)
      return
    case 'zoom':
      zoomMprViews(a.factor)
      return
    case 'scroll':
      scrollMprView(getActiveMprView(), a.delta)
      return
    case 'help':
      toggleHelp()
      return
  }
}

/** The tool bar of the MPR views, with the shortcut list it opens. */
export function ViewerToolbar() {
  const tool = useSyncExternalStore(subscribeMprTool, getMprTool)
  const [help, setHelp] = useState(false)

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setHelp(false)
        return
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) return
      const a = viewerActionFor(e.key)
      if (!a) return
      e.preventDefault()
      run(a, () => setHelp((h) => !h))
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  return (
    <div className="viewer-toolbar" role="toolbar" aria-label="Image view tools">
      {MPR_TOOLS.map((id) => (
        <button
          key={id}
          type="button"
          aria-pressed={tool === id}
          data-testid={TOOL_LABELS[id].testId}
          title={`${TOOL_LABELS[id].label} (${TOOL_LABELS[id].key})`}
          onClick={() => setMprTool(id)}
        >
          {TOOL_LABELS[id].label}
        </button>
      ))}
      <button type="button" data-testid="reset-view" title="Reset view (R)" onClick={resetMprViews}>
        Reset view
      </button>
      <button
        type="button"
        data-testid="shortcuts-toggle"
        aria-expanded={help}
        title="Keyboard shortcuts (?)"
        onClick={() => setHelp((h) => !h)}
      >
        ?
      </button>
      {help && (
        <div
          className="shortcuts-help"
          data-testid="shortcuts-help"
          role="dialog"
          aria-label="Keyboard shortcuts"
        >
          <div className="shortcuts-head">
            <strong>Keyboard shortcuts</strong>
            <button type="button" aria-label="Close" onClick={() => setHelp(false)}>
              ×
            </button>
          </div>
          <table>
            <tbody>
              {SHORTCUT_ROWS.map((r) => (
                <tr key={r.keys}>
                  <th scope="row">
                    <kbd>{r.keys}</kbd>
                  </th>
                  <td>{r.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
