/**
 * OHIF-like keyboard shortcuts of the image views: one table drives both the key handler and the on-screen
 * list. They use no Ctrl/Alt/Meta, so they never meet the planning shortcuts (Ctrl+Z, Ctrl+Y, Delete, Esc).
 */
import type { MprToolId } from '../imaging'
import { WINDOW_PRESETS, type WindowPresetId } from '../lib/windowPresets'

/** What a shortcut does. */
export type ViewerAction =
  | { readonly kind: 'tool'; readonly tool: MprToolId }
  | { readonly kind: 'reset' }
  | { readonly kind: 'preset'; readonly preset: WindowPresetId }
  | { readonly kind: 'zoom'; readonly factor: number }
  | { readonly kind: 'scroll'; readonly delta: number }
  | { readonly kind: 'help' }

/** One row of the on-screen list. */
export interface ShortcutRow {
  /** Keys as shown to the user. */
  readonly keys: string
  readonly label: string
}

const PRESET_ORDER = Object.keys(WINDOW_PRESETS) as WindowPresetId[]
const ZOOM_STEP = 1.25

/** The action of a key (`KeyboardEvent.key`), or null. */
export function viewerActionFor(key: string): ViewerAction | null {
  switch (key) {
    case 'w':
    case 'W':
      return { kind: 'tool', tool: 'windowLevel' }
    case 'l':
    case 'L':
      return { kind: 'tool', tool: 'length' }
    case 'a':
    case 'A':
      return { kind: 'tool', tool: 'angle' }
    case 'p':
    case 'P':
      return { kind: 'tool', tool: 'probe' }
    case 'r':
    case 'R':
      return { kind: 'reset' }
    case '+':
    case '=':
      return { kind: 'zoom', factor: ZOOM_STEP }
    case '-':
    case '_':
      return { kind: 'zoom', factor: 1 / ZOOM_STEP }
    case 'ArrowUp':
    case 'PageUp':
      return { kind: 'scroll', delta: -1 }
    case 'ArrowDown':
    case 'PageDown':
      return { kind: 'scroll', delta: 1 }
    case '?':
      return { kind: 'help' }
  }
  const n = Number(key)
  const preset = Number.isInteger(n) && n >= 1 ? PRESET_ORDER[n - 1] : undefined
  return preset ? { kind: 'preset', preset } : null
}

/** The on-screen list. */
export const SHORTCUT_ROWS: readonly ShortcutRow[] = [
  { keys: 'W', label: 'Window/level on the left button (a click sets the crosshair)' },
  { keys: 'L', label: 'Length (mm) on the left button' },
  { keys: 'A', label: 'Angle (°) on the left button' },
  { keys: 'P', label: 'HU probe on the left button' },
  { keys: 'Shift + left drag', label: 'Window/level, whatever the tool' },
  { keys: 'R', label: 'Reset the views (zoom, pan, window of the preset)' },
  ...PRESET_ORDER.map((id, i) => ({
    keys: String(i + 1),
    label: `${WINDOW_PRESETS[id].name} window`,
  })),
  { keys: '+ / −', label: 'Zoom in / out' },
  { keys: '↑ / ↓', label: 'Previous / next slice in the view under the pointer' },
  { keys: 'Middle drag · right drag · wheel', label: 'Pan · zoom · scroll' },
  {
    keys: 'Ctrl+Z · Ctrl+Y · Delete · Esc',
    label: 'Planning: undo · redo · delete device · cancel',
  },
  { keys: '?', label: 'Show or hide this list (Esc closes it)' },
]
