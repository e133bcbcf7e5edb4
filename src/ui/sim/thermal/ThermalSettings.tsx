import type { Device } from '../../../plan'
import { appStore, useAppStore } from '../../../store/appStore'
import { applyEdit } from '../../plan/targetEdits'
import { CRYO_PRESETS, MW_PRESETS, RF_PRESETS, type ThermalPreset } from './presets'

type ThermalKind = 'mwAntenna' | 'rfProbe' | 'cryoprobeSet'

/** Applies a patch to one device as a single undoable plan edit (validated; invalid values explained). */
export function editDevice(deviceId: string, patch: Record<string, unknown>, label: string): void {
  const plan = appStore.getState().plan
  applyEdit({
    plan: {
      ...plan,
      devices: plan.devices.map((d) => (d.id === deviceId ? { ...d, ...patch } : d)),
    },
    label,
  })
}

/** A number field that edits one device parameter when it changes. */
function NumberField(props: {
  testid: string
  label: string
  unit: string
  value: number
  min: number
  max: number
  step: number
  onValue: (v: number) => void
}) {
  const commit = (text: string): void => {
    const v = Number(text)
    if (text !== '' && Number.isFinite(v) && v !== props.value) props.onValue(v)
  }
  return (
    <label className="inline thermal-field" style={{ marginRight: '0.8em' }}>
      {props.label}{' '}
      <input
        // Re-mounts when the device changes elsewhere (undo, presets); commits on blur or Enter.
        key={props.value}
        type="number"
        data-testid={props.testid}
        min={props.min}
        max={props.max}
        step={props.step}
        defaultValue={props.value}
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value)
        }}
      />{' '}
      {props.unit}{' '}
    </label>
  )
}

function PresetList<K extends ThermalKind>({
  deviceId,
  presets,
}: {
  deviceId: string
  presets: readonly ThermalPreset<K>[]
}) {
  return (
    <ul className="thermal-presets" data-testid="thermal-presets">
      {presets.map((p) => (
        <li key={p.id}>
          <button
            type="button"
            data-testid={`thermal-preset-${p.id}`}
            title={p.source}
            onClick={() => editDevice(deviceId, p.params, `Preset: ${p.label}`)}
          >
            {p.label}
          </button>
          <small className="hint"> {p.source}</small>
        </li>
      ))}
    </ul>
  )
}

/** Presets, power and time of an antenna or RF probe. */
function HeatSettings({ device }: { device: Device & { kind: 'mwAntenna' | 'rfProbe' } }) {
  const what = device.kind === 'mwAntenna' ? 'antenna' : 'probe'
  return (
    <fieldset className="thermal-settings" data-testid="thermal-settings">
      <legend>Presets and settings</legend>
      {device.kind === 'mwAntenna' ? (
        <PresetList deviceId={device.id} presets={MW_PRESETS} />
      ) : (
        <PresetList deviceId={device.id} presets={RF_PRESETS} />
      )}
      <NumberField
        testid="thermal-power"
        label={device.kind === 'rfProbe' ? 'Power up to' : 'Power'}
        unit="W"
        value={device.powerW}
        min={1}
        max={device.kind === 'rfProbe' ? 250 : 200}
        step={5}
        onValue={(v) => editDevice(device.id, { powerW: v }, `${what} power ${v} W`)}
      />
      <NumberField
        testid="thermal-duration"
        label="Time"
        unit="s"
        value={device.durationS}
        min={10}
        max={1800}
        step={30}
        onValue={(v) => editDevice(device.id, { durationS: v }, `${what} time ${v} s`)}
      />
      {device.kind === 'rfProbe' ? (
        <NumberField
          testid="thermal-target-temp"
          label="Tip set point"
          unit="°C"
          value={device.targetTipTempC}
          min={40}
          max={110}
          step={5}
          onValue={(v) => editDevice(device.id, { targetTipTempC: v }, `RF set point ${v} °C`)}
        />
      ) : null}
    </fieldset>
  )
}

/** Presets and freeze–thaw–freeze protocol of a cryoprobe set. */
function CryoSettings({ device }: { device: Device & { kind: 'cryoprobeSet' } }) {
  const p = device.protocol
  const setProtocol = (patch: Partial<typeof p>, label: string): void =>
    editDevice(device.id, { protocol: { ...p, ...patch } }, label)
  return (
    <fieldset className="thermal-settings" data-testid="thermal-settings">
      <legend>Presets and protocol</legend>
      <PresetList deviceId={device.id} presets={CRYO_PRESETS} />
      <NumberField
        testid="thermal-freeze1"
        label="Freeze"
        unit="min"
        value={p.freeze1Min}
        min={1}
        max={30}
        step={1}
        onValue={(v) => setProtocol({ freeze1Min: v }, `First freeze ${v} min`)}
      />
      <NumberField
        testid="thermal-thaw"
        label="Thaw"
        unit="min"
        value={p.thawMin}
        min={0}
        max={20}
        step={1}
        onValue={(v) => setProtocol({ thawMin: v }, `Thaw ${v} min`)}
      />
      <NumberField
        testid="thermal-freeze2"
        label="Freeze"
        unit="min"
        value={p.freeze2Min}
        min={0}
        max={30}
        step={1}
        onValue={(v) => setProtocol({ freeze2Min: v }, `Second freeze ${v} min`)}
      />
      <label className="inline">
        <select
          data-testid="thermal-thaw-mode"
          value={p.thawMode}
          onChange={(e) =>
            setProtocol(
              { thawMode: e.target.value === 'active' ? 'active' : 'passive' },
              `${e.target.value} thaw`,
            )
          }
        >
          <option value="passive">passive thaw</option>
          <option value="active">active thaw</option>
        </select>
      </label>
    </fieldset>
  )
}

/** Presets and the device's own power/time or protocol, edited in the plan (undoable). */
export function ThermalSettings({ device }: { device: Device }) {
  if (device.kind === 'mwAntenna' || device.kind === 'rfProbe') {
    return <HeatSettings device={device} />
  }
  if (device.kind === 'cryoprobeSet') return <CryoSettings device={device} />
  return null
}

/** Options of the next run that are not part of the plan: cooling time and damage parameter set. */
export function ThermalRunOptions({ device }: { device: Device }) {
  const options = useAppStore((s) => s.simOptions[device.id]) ?? {}
  const s = appStore.getState()
  const set = (patch: Record<string, unknown>): void => {
    const next: Record<string, unknown> = { ...options, ...patch }
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k]
    s.setSimOptions(device.id, next)
  }
  const cool = typeof options.coolDownS === 'number' ? options.coolDownS : undefined
  const set3 = typeof options.arrheniusSet === 'string' ? options.arrheniusSet : 'liver'
  return (
    <fieldset className="thermal-options">
      <legend>Next run</legend>
      <label className="inline">
        Then follow
        <input
          type="number"
          data-testid="thermal-cooldown"
          min={0}
          max={1800}
          step={30}
          value={cool ?? (device.kind === 'cryoprobeSet' ? 0 : 120)}
          onChange={(e) => {
            const v = Number(e.target.value)
            set({ coolDownS: Number.isFinite(v) && v >= 0 ? v : undefined })
          }}
        />
        s after the {device.kind === 'cryoprobeSet' ? 'last freeze' : 'power stops'}
      </label>
      {device.kind !== 'cryoprobeSet' ? (
        <label className="inline">
          Damage model
          <select
            data-testid="thermal-arrhenius"
            value={set3}
            onChange={(e) => set({ arrheniusSet: e.target.value })}
            title="Arrhenius parameter sets (FACTS.md §1.1); no bone set exists [G]"
          >
            <option value="liver">Arrhenius, liver set</option>
            <option value="fat">Arrhenius, fat set</option>
            <option value="prostate">Arrhenius, prostate set</option>
          </select>
        </label>
      ) : null}
    </fieldset>
  )
}
