import { procedureOf } from '../../cases/simulate/procedures'
import type { ProcedureResult, SimMetric } from '../../cases/simulate/types'
import { appStore, useAppStore } from '../../store/appStore'
import { isSimStale } from '../../store/slices/simSlice'
import { PROCEDURE_NAMES, PROCEDURE_PANELS } from './procedurePanels'
import { SeriesChart } from './SeriesChart'
import { TimeScrubber } from './TimeScrubber'

const fmt = (m: SimMetric) => {
  const d = m.digits ?? 1
  const band = m.band ? ` (${m.band[0].toFixed(d)}–${m.band[1].toFixed(d)})` : ''
  return `${m.value.toFixed(d)}${m.unit ? ` ${m.unit}` : ''}${band}`
}

/** Overlay toggles with each overlay's source and uncertainty. */
function OverlayList({ deviceId, result }: { deviceId: string; result: ProcedureResult }) {
  const visibility = useAppStore((s) => s.overlayVisibility)
  const s = appStore.getState()
  return (
    <ul className="sim-overlays">
      {result.overlays.map((o) => {
        const key = `${deviceId}/${o.id}`
        const on = visibility[key] ?? o.visibleByDefault
        return (
          <li key={o.id}>
            <label>
              <input
                type="checkbox"
                checked={on}
                data-testid={`sim-overlay-toggle-${o.id}`}
                onChange={(e) => s.setOverlayVisible(key, e.target.checked)}
              />
              {o.label}
            </label>
            <details>
              <summary>Source and uncertainty</summary>
              <p>{o.source}</p>
              <p>{o.uncertainty}</p>
            </details>
          </li>
        )
      })}
    </ul>
  )
}

/** The results of a device's simulation: verdict, metrics, warnings, charts, overlays and the scrubber. */
function ResultView({
  deviceId,
  result,
  stale,
}: {
  deviceId: string
  result: ProcedureResult
  stale: boolean
}) {
  const timeS = useAppStore((s) => s.simTimeS)
  return (
    <div className={stale ? 'sim-result stale' : 'sim-result'} data-testid="sim-result">
      <p
        className={result.acceptable ? 'sim-verdict ok' : 'sim-verdict bad'}
        data-testid="sim-verdict"
        data-acceptable={result.acceptable}
      >
        {result.verdict}
        {stale ? ' (the device has moved since: run again)' : ''}
      </p>
      <TimeScrubber durationS={result.durationS} />
      {result.warnings.length > 0 ? (
        <ul className="sim-warnings" data-testid="sim-warnings">
          {result.warnings.map((w, n) => (
            <li key={n} className={`sev-${w.severity}`} data-severity={w.severity}>
              {w.message}
            </li>
          ))}
        </ul>
      ) : null}
      <table className="sim-metrics" data-testid="sim-metrics">
        <tbody>
          {result.metrics.map((m) => (
            <tr key={m.label} title={m.source}>
              <th scope="row">{m.label}</th>
              <td>{fmt(m)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.series.map((series) => (
        <SeriesChart
          key={series.id}
          series={series}
          cursorX={series.xUnit === 's' ? timeS : series.xUnit === 'min' ? timeS / 60 : undefined}
        />
      ))}
      <OverlayList deviceId={deviceId} result={result} />
      <details className="sim-model">
        <summary>Model, assumptions and sources</summary>
        <p>{result.modelNote}</p>
      </details>
    </div>
  )
}

/**
 * Simulation of the selected device (or the plan's first): run with progress and cancel, the procedure's
 * own controls, and the results (`data-testid="sim-panel"`).
 */
export function SimulationPanel() {
  const devices = useAppStore((s) => s.plan.devices)
  const selectedId = useAppStore((s) => s.selectedDeviceId)
  const device = devices.find((d) => d.id === selectedId) ?? devices[0]
  const run = useAppStore((s) => (device ? s.simRuns[device.id] : undefined))
  const result = useAppStore((s) => (device ? s.simResults[device.id] : undefined))
  const stale = useAppStore((s) => (device ? isSimStale(s, device.id) : true))
  const palette = useAppStore((s) => s.overlayPalette)
  if (!device) return null
  const procedure = procedureOf(device.kind)
  const Panel = PROCEDURE_PANELS[procedure]
  const s = appStore.getState()
  const running = run?.state === 'running'
  return (
    <section
      className="panel-section"
      aria-labelledby="sim-title"
      data-testid="sim-panel"
      data-procedure={procedure}
    >
      <h2 id="sim-title">
        Simulate: {PROCEDURE_NAMES[procedure]} · {device.label}
      </h2>
      <div className="button-row">
        <button
          type="button"
          data-testid="sim-run"
          disabled={running}
          onClick={() => void s.runDeviceSimulation(device.id)}
        >
          {result ? 'Run again' : 'Run simulation'}
        </button>
        {running ? (
          <button
            type="button"
            data-testid="sim-cancel"
            onClick={() => s.cancelSimulation(device.id)}
          >
            Cancel
          </button>
        ) : null}
        <label className="inline">
          <input
            type="checkbox"
            data-testid="sim-colorblind"
            checked={palette === 'colorblind'}
            onChange={(e) => s.setOverlayPalette(e.target.checked ? 'colorblind' : 'standard')}
          />
          Colour-blind-safe colours
        </label>
      </div>
      {run ? (
        <div className="sim-status" data-testid="sim-status" data-state={run.state}>
          {running ? <progress max={1} value={run.progress} data-testid="sim-progress" /> : null}
          <span>{run.message}</span>
        </div>
      ) : null}
      <Panel device={device} result={result} stale={stale} />
      {result ? <ResultView deviceId={device.id} result={result} stale={stale} /> : null}
    </section>
  )
}
