import {
  type CementDetail,
  isCementDetail,
  LEAK_NAMES,
} from '../../../cases/simulate/cement/detail'
import type { FieldOverlay } from '../../../lib/fieldOverlay'
import { appStore, useAppStore } from '../../../store/appStore'
import type { ProcedurePanelProps } from '../procedurePanelProps'
import { CementFluoro } from './CementFluoro'
import { frameIndexFor, timeForVolume } from './cementTime'
import { CementOptionsForm } from './CementOptionsForm'

/** Injection controls: inject (play), pause, +0.5 mL, stop here (final volume, metrics recomputed). */
function InjectionControls({ deviceId, detail }: { deviceId: string; detail: CementDetail }) {
  const timeS = useAppStore((s) => s.simTimeS)
  const playing = useAppStore((s) => s.simPlaying)
  const options = useAppStore((s) => s.simOptions[deviceId])
  const s = appStore.getState()
  const info = detail.frames[frameIndexFor(detail.frames, timeS)]
  const last = detail.frames[detail.frames.length - 1]
  if (!info || !last) return null
  const atEnd = timeS >= last.timeS
  return (
    <div className="button-row cement-controls">
      <button
        type="button"
        data-testid="cement-inject"
        disabled={playing || atEnd}
        onClick={() => s.setSimPlaying(true)}
      >
        Inject
      </button>
      <button
        type="button"
        data-testid="cement-pause"
        disabled={!playing}
        onClick={() => s.setSimPlaying(false)}
      >
        Pause
      </button>
      <button
        type="button"
        data-testid="cement-step"
        disabled={atEnd}
        onClick={() => {
          s.setSimPlaying(false)
          s.setSimTime(timeForVolume(detail.frames, info.volumeMl + 0.5))
        }}
      >
        +0.5 mL
      </button>
      {detail.stoppedAtMl === null ? (
        <button
          type="button"
          data-testid="cement-stop"
          disabled={info.volumeMl <= 0}
          onClick={() => {
            s.setSimPlaying(false)
            s.setSimOptions(deviceId, {
              ...options,
              stopAtMl: Math.round(info.volumeMl * 100) / 100,
            })
            void s.runDeviceSimulation(deviceId)
          }}
        >
          Stop here
        </button>
      ) : (
        <button
          type="button"
          data-testid="cement-resume"
          onClick={() => {
            const { stopAtMl: _x, ...rest } = options ?? {}
            s.setSimOptions(deviceId, rest)
            void s.runDeviceSimulation(deviceId)
          }}
        >
          Undo stop
        </button>
      )}
    </div>
  )
}

/** The state at the scrubber's time: volume, fill, leaks, pressure, canal distance. */
function FrameMetrics({ detail }: { detail: CementDetail }) {
  const timeS = useAppStore((s) => s.simTimeS)
  const f = detail.frames[frameIndexFor(detail.frames, timeS)]
  if (!f) return null
  const leaks = Object.entries(f.leakMl) as [keyof typeof LEAK_NAMES, number][]
  return (
    <table
      className="sim-metrics cement-frame-metrics"
      data-testid="cement-frame-metrics"
      data-ml={f.volumeMl.toFixed(2)}
    >
      <caption>
        {detail.stoppedAtMl !== null ? `Stopped at ${detail.stoppedAtMl.toFixed(2)} mL · ` : ''}
        now
      </caption>
      <tbody>
        <tr>
          <th scope="row">Injected</th>
          <td data-testid="cement-volume">
            {f.volumeMl.toFixed(2)} / {detail.plannedVolumeMl.toFixed(1)} mL
          </td>
        </tr>
        <tr>
          <th scope="row">Lesion filled</th>
          <td>{f.lesionFillPct.toFixed(0)} %</td>
        </tr>
        <tr>
          <th scope="row">Cancellous bone filled</th>
          <td>{f.bodyFillPct.toFixed(0)} %</td>
        </tr>
        <tr>
          <th scope="row">Leaks</th>
          <td data-testid="cement-leaks">
            {leaks.length === 0
              ? 'none'
              : leaks.map(([p, ml]) => `${LEAK_NAMES[p]} ${ml.toFixed(2)} mL`).join('; ')}
          </td>
        </tr>
        <tr>
          <th scope="row">Tip pressure</th>
          <td>{f.tipPressureKPa.toFixed(1)} kPa</td>
        </tr>
        {f.canalDistanceMm !== null ? (
          <tr>
            <th scope="row">Cement–canal distance</th>
            <td>{f.canalDistanceMm.toFixed(1)} mm</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  )
}

/**
 * The cementoplasty panel: injection options, simulated lateral and AP fluoroscopy following the
 * scrubber, injection controls and the state at the current volume.
 */
export function CementPanel({ device, result }: ProcedurePanelProps) {
  const detail = result && isCementDetail(result.detail) ? result.detail : null
  const overlay = detail
    ? result?.overlays.find(
        (o): o is FieldOverlay => o.id === detail.overlayId && o.type === 'field',
      )
    : undefined
  return (
    <div className="cement-panel" data-testid="cement-panel">
      <CementOptionsForm device={device} />
      {detail && overlay ? (
        <>
          <InjectionControls deviceId={device.id} detail={detail} />
          <CementFluoro detail={detail} overlay={overlay} />
          <FrameMetrics detail={detail} />
        </>
      ) : null}
    </div>
  )
}
