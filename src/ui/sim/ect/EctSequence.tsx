/** ECT activation sequence: each pair's voltage. */
import type { DeviceOf } from '../../../plan'
import { appStore } from '../../../store/appStore'
import { DraftInput } from '../../plan/DraftInput'

type EctDevice = DeviceOf<'ectElectrodeSet'>

/** Activation sequence of an electrode set, one voltage per pair. */
export function EctSequence({ device }: { device: EctDevice }) {
  const set = (path: (string | number)[], value: unknown): string[] | null => {
    const r = appStore.getState().setParam(device.id, path, value)
    return r.ok ? null : r.errors
  }
  return (
    <>
      <fieldset>
        <legend>Activation sequence (anode → cathode, voltage)</legend>
        <ol className="ect-sequence" data-testid="ect-sequence">
          {device.sequence.map((p, q) => (
            <li key={q}>
              <DraftInput
                type="number"
                label={`${device.electrodes[p.anode]?.id ?? p.anode} → ${device.electrodes[p.cathode]?.id ?? p.cathode}`}
                unit="V"
                value={String(p.voltageV)}
                min={50}
                max={3000}
                testId={`ect-voltage-${q}`}
                onCommit={(v) => set(['sequence', q, 'voltageV'], Number(v))}
              />
            </li>
          ))}
        </ol>
      </fieldset>
    </>
  )
}
