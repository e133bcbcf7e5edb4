/** The plan's devices: select one, see its worst severity at a glance, delete it. */
import { appStore, useAppStore } from '../../store/appStore'
import { deviceColor, worstSeverity } from '../../store/slices/planEdits'

const SEVERITY_WORDS = { info: 'clear', warning: 'caution', critical: 'critical' } as const

/** One row per device (`device-item-<id>`), with a delete button (`device-delete-<id>`). */
export function DeviceList() {
  const devices = useAppStore((s) => s.plan.devices)
  const reports = useAppStore((s) => s.reports)
  const selectedId = useAppStore((s) => s.selectedDeviceId)
  if (devices.length === 0) {
    return (
      <p className="muted small" data-testid="device-list-empty">
        No devices yet. Choose one above, then click its entry point and its target in any view.
      </p>
    )
  }
  return (
    <ul className="device-list" data-testid="device-list">
      {devices.map((d) => {
        const r = reports[d.id] ?? []
        const worst = worstSeverity(r)
        return (
          <li key={d.id} className={d.id === selectedId ? 'is-selected' : undefined}>
            <button
              type="button"
              className="device-item"
              data-testid={`device-item-${d.id}`}
              aria-pressed={d.id === selectedId}
              onClick={() => appStore.getState().selectDevice(d.id === selectedId ? null : d.id)}
            >
              <span className="severity-dot" style={{ background: deviceColor(r) }} />
              <span className="device-name">{d.label}</span>
              <span className="muted small">{d.id}</span>
              {worst ? (
                <span className={`severity-word severity-${worst}`}>{SEVERITY_WORDS[worst]}</span>
              ) : null}
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Delete ${d.label} (${d.id})`}
              data-testid={`device-delete-${d.id}`}
              onClick={() => appStore.getState().removeDevice(d.id)}
            >
              ×
            </button>
          </li>
        )
      })}
    </ul>
  )
}
