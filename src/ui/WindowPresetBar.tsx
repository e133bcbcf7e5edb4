import { WINDOW_PRESETS, type WindowPresetId } from '../lib/windowPresets'
import { appStore, useAppStore } from '../store/appStore'

/** Window/level presets for the CT views. */
export function WindowPresetBar() {
  const current = useAppStore((s) => s.windowPreset)
  return (
    <div className="preset-bar" role="group" aria-label="Window presets">
      {(Object.keys(WINDOW_PRESETS) as WindowPresetId[]).map((id) => (
        <button
          key={id}
          type="button"
          aria-pressed={current === id}
          data-testid={`window-${id}`}
          title={`W ${WINDOW_PRESETS[id].width} / L ${WINDOW_PRESETS[id].level}`}
          onClick={() => appStore.getState().setWindowPreset(id)}
        >
          {WINDOW_PRESETS[id].name}
        </button>
      ))}
    </div>
  )
}
