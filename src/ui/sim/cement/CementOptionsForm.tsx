import type { CementOptions } from '../../../cases/simulate/cement/injectionPlan'
import type { Device } from '../../../plan'
import { appStore, useAppStore } from '../../../store/appStore'

/**
 * What the next run injects: the volume to precompute (the scrubber and the injection controls reveal
 * it; "Stop here" ends earlier), the cement class and the start time after mixing. Empty = the trocar's.
 */
export function CementOptionsForm({ device }: { device: Device }) {
  const options = (useAppStore((s) => s.simOptions[device.id]) ?? {}) as CementOptions
  if (device.kind !== 'cementTrocar') return null
  const s = appStore.getState()
  const set = (patch: Partial<CementOptions>): void => {
    const next: Record<string, unknown> = { ...options, ...patch }
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k]
    // A new plan of injection forgets an earlier stop.
    delete next.stopAtMl
    s.setSimOptions(device.id, next)
  }
  return (
    <fieldset className="cement-options">
      <legend>Injection</legend>
      <label className="inline">
        Up to
        <input
          type="number"
          data-testid="cement-volume-input"
          min={0.5}
          max={30}
          step={0.5}
          value={options.volumeMl ?? device.volumeMl}
          onChange={(e) => {
            const v = Number(e.target.value)
            set({ volumeMl: Number.isFinite(v) && v > 0 ? v : undefined })
          }}
        />
        mL
      </label>
      <label className="inline">
        Cement
        <select
          data-testid="cement-viscosity"
          value={options.viscosity ?? device.viscosity}
          onChange={(e) => set({ viscosity: e.target.value as CementOptions['viscosity'] })}
        >
          <option value="low">low viscosity</option>
          <option value="medium">medium viscosity</option>
          <option value="high">high viscosity</option>
        </select>
      </label>
      <label className="inline">
        Start
        <input
          type="number"
          data-testid="cement-start-input"
          min={0}
          max={20}
          step={0.5}
          value={(options.startAfterMixingS ?? device.startAfterMixingS) / 60}
          onChange={(e) => {
            const v = Number(e.target.value)
            set({ startAfterMixingS: Number.isFinite(v) && v >= 0 ? v * 60 : undefined })
          }}
        />
        min after mixing
      </label>
      <p className="hint">
        {device.balloon
          ? `Kyphoplasty: a ${device.balloon.inflationVolumeMl} mL balloon cavity first. `
          : ''}
        Rate {device.rateMlPerMin} mL/min. Applies to the next run.
      </p>
    </fieldset>
  )
}
