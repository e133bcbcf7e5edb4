/**
 * The sonication list: the plan's sonications with editable power, duration and cooling, their steering
 * against the limits, and the choice between the plan's list and an automatic grid on the bone surface.
 */
import { STEERING_LIMITS_MM, steeringOf } from './steering'
import type { DeviceOf } from '../../../plan'
import { appStore, useAppStore } from '../../../store/appStore'
import { DraftInput } from '../../plan/DraftInput'

type Key = 'acousticPowerW' | 'durationS' | 'coolingS'

const COLUMNS: readonly { key: Key; label: string; unit: string; step: number }[] = [
  { key: 'acousticPowerW', label: 'Power', unit: 'W', step: 1 },
  { key: 'durationS', label: 'Duration', unit: 's', step: 1 },
  { key: 'coolingS', label: 'Cooling', unit: 's', step: 5 },
]

/** Editable sonication list (`hifu-sonications`, `hifu-son-<n>-<key>`, `hifu-auto-grid`). */
export function HifuSonications({ device }: { device: DeviceOf<'hifuTransducer'> }) {
  const options = useAppStore((s) => s.simOptions[device.id])
  const isAuto = options?.autoGrid === true
  const s = appStore.getState()
  const commit = (n: number, key: Key, draft: string): string[] | null => {
    const v = Number(draft)
    if (draft.trim() === '' || !Number.isFinite(v)) return ['enter a number']
    const r = s.setParam(device.id, ['sonications', n, key], v)
    return r.ok ? null : r.errors
  }
  return (
    <fieldset className="field-group" data-testid="hifu-sonications">
      <legend>Sonications</legend>
      <label className="field-check">
        <input
          type="checkbox"
          checked={isAuto}
          data-testid="hifu-auto-grid"
          onChange={(e) => s.setSimOptions(device.id, e.target.checked ? { autoGrid: true } : {})}
        />
        Automatic grid on the bone surface facing the beam (5 mm apart, up to 9; next run)
      </label>
      <p className="hint">
        Steering limits ±{STEERING_LIMITS_MM.lateral} mm lateral, ±{STEERING_LIMITS_MM.axial} mm
        axial; beyond them the transducer is moved.
      </p>
      {isAuto ? null : (
        <ol className="hifu-sonication-list">
          {device.sonications.map((son, n) => {
            const st = steeringOf(device, son.offsetMm)
            return (
              <li key={n} data-testid={`hifu-son-${n}`}>
                <span className={st.isWithin ? 'hint' : 'hint warn'}>
                  {st.lateralMm.toFixed(1)} mm lateral, {st.axialMm.toFixed(1)} mm axial
                  {st.isWithin ? '' : ' (beyond steering: moved)'}
                </span>
                {COLUMNS.map((c) => (
                  <DraftInput
                    key={c.key}
                    type="number"
                    label={c.label}
                    unit={c.unit}
                    step={c.step}
                    value={String(son[c.key])}
                    testId={`hifu-son-${n}-${c.key}`}
                    onCommit={(d) => commit(n, c.key, d)}
                  />
                ))}
              </li>
            )
          })}
        </ol>
      )}
    </fieldset>
  )
}
