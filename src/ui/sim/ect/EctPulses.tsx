/** ECT pulse protocol: count, width and repetition rate (ESOPE, FACTS §4.1). */
import type { DeviceOf } from '../../../plan'
import { appStore } from '../../../store/appStore'
import { DraftInput } from '../../plan/DraftInput'

type EctDevice = DeviceOf<'ectElectrodeSet'>

/** Pulse protocol fields of an electrode set. */
export function EctPulses({ device }: { device: EctDevice }) {
  const set = (path: (string | number)[], value: unknown): string[] | null => {
    const r = appStore.getState().setParam(device.id, path, value)
    return r.ok ? null : r.errors
  }
  const freq = device.pulses.frequencyHz
  return (
    <>
      <fieldset>
        <legend>Pulses (ESOPE: 8 × 100 µs at 5 kHz or 1 Hz)</legend>
        <DraftInput
          type="number"
          label="Pulses"
          value={String(device.pulses.count)}
          min={1}
          max={100}
          step={1}
          testId="ect-pulse-count"
          onCommit={(v) => set(['pulses', 'count'], Number(v))}
        />
        <DraftInput
          type="number"
          label="Width"
          unit="µs"
          value={String(device.pulses.widthUs)}
          min={10}
          max={1000}
          testId="ect-pulse-width"
          onCommit={(v) => set(['pulses', 'widthUs'], Number(v))}
        />
        <label className="field">
          <span className="field-label">Repetition</span>
          <select
            value={freq === 5000 || freq === 1 ? String(freq) : 'other'}
            data-testid="ect-pulse-frequency"
            onChange={(e) => {
              if (e.target.value !== 'other') set(['pulses', 'frequencyHz'], Number(e.target.value))
            }}
          >
            <option value="5000">5 kHz</option>
            <option value="1">1 Hz</option>
            {freq !== 5000 && freq !== 1 ? <option value="other">{freq} Hz</option> : null}
          </select>
        </label>
      </fieldset>
    </>
  )
}
