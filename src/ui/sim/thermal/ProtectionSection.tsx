import { useState } from 'react'
import type { OptionProtection } from '../../../cases/simulate/thermal/options'
import type { ThermalDetail } from '../../../cases/simulate/thermal/detail'
import type { Device } from '../../../plan'
import { appStore, useAppStore } from '../../../store/appStore'
import { applyEdit, without, withProtection } from '../../plan/targetEdits'

const KIND_NAMES = {
  hydrodissection: 'Hydrodissection (saline)',
  co2: 'CO₂ dissection',
  thermalSaline: 'Circulating saline',
} as const

/**
 * Protective measures: hydrodissection and CO₂ dissection at the crosshair go into the plan (they are part
 * of the plan and its score); circulating warm or cool saline held at a temperature is an option of the
 * next run. Lists what the last run applied and how many voxels each pocket filled.
 */
export function ProtectionSection({
  device,
  detail,
}: {
  device: Device
  detail: ThermalDetail | null
}) {
  const protections = useAppStore((s) => s.plan.protections)
  const options = useAppStore((s) => s.simOptions[device.id]) ?? {}
  const extra = (
    Array.isArray(options.protections) ? options.protections : []
  ) as OptionProtection[]
  const s = appStore.getState()
  const setExtra = (next: OptionProtection[]): void =>
    s.setSimOptions(device.id, { ...options, protections: next })
  const planned = protections.filter((p) => p.kind !== 'thermocouple')
  return (
    <fieldset className="thermal-protections" data-testid="thermal-protections">
      <legend>Protective measures</legend>
      <PlanPocketButtons />
      <SalineControls
        onAdd={(p) => setExtra([...extra, { ...p, id: `saline-${extra.length + 1}` }])}
        coldDevice={device.kind === 'cryoprobeSet'}
      />
      <ul className="thermal-protection-list">
        {planned.map((p) => (
          <li key={p.id}>
            {p.label} ({'volumeMl' in p ? `${p.volumeMl} mL` : ''}, in the plan){' '}
            {detailVoxels(detail, p.id)}
            <button
              type="button"
              aria-label={`Remove ${p.label}`}
              onClick={() => applyEdit(without(s.plan, p.id, p.label))}
            >
              ✕
            </button>
          </li>
        ))}
        {extra.map((p, n) => (
          <li key={p.id}>
            {
              KIND_NAMES[
                p.kind === 'saline' ? 'hydrodissection' : p.kind === 'co2' ? 'co2' : 'thermalSaline'
              ]
            }{' '}
            {p.tempC !== undefined ? `at ${p.tempC} °C` : ''}, {p.radiusMm} mm (next run){' '}
            {detailVoxels(detail, p.id)}
            <button
              type="button"
              aria-label={`Remove saline ${n + 1}`}
              onClick={() => setExtra(extra.filter((_, m) => m !== n))}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      <p className="hint">
        Fluid and gas replace soft tissue and fat in a ball around the point (never bone, vessels,
        tumour, nerves or the thecal sac). Changes apply when the simulation runs again.
      </p>
    </fieldset>
  )
}

/** The crosshair as a mutable point. */
const here = (): [number, number, number] => {
  const c = appStore.getState().crosshairMm
  return [c[0], c[1], c[2]]
}

/** Hydrodissection and CO₂ dissection at the crosshair, added to the plan (undoable). */
function PlanPocketButtons() {
  const add = (kind: 'hydrodissection' | 'co2Dissection'): void =>
    applyEdit(withProtection(appStore.getState().plan, kind, here()))
  return (
    <div className="button-row">
      <button type="button" data-testid="thermal-hydro" onClick={() => add('hydrodissection')}>
        Hydrodissection at crosshair
      </button>
      <button type="button" data-testid="thermal-co2" onClick={() => add('co2Dissection')}>
        CO₂ at crosshair
      </button>
    </div>
  )
}

/** Circulating warm or cool saline at the crosshair: temperature and radius (an option of the next run). */
function SalineControls({
  onAdd,
  coldDevice,
}: {
  onAdd: (p: Omit<OptionProtection, 'id'>) => void
  coldDevice: boolean
}) {
  const [radiusMm, setRadius] = useState(5)
  const [tempC, setTemp] = useState(coldDevice ? 40 : 20)
  return (
    <div className="button-row">
      <label className="inline">
        Saline
        <input
          type="number"
          data-testid="thermal-saline-temp"
          min={0}
          max={50}
          step={1}
          value={tempC}
          onChange={(e) => setTemp(Number(e.target.value))}
        />
        °C,
        <input
          type="number"
          data-testid="thermal-saline-radius"
          min={1}
          max={30}
          step={1}
          value={radiusMm}
          onChange={(e) => setRadius(Number(e.target.value))}
        />
        mm
      </label>
      <button
        type="button"
        data-testid="thermal-saline"
        onClick={() =>
          onAdd({
            kind: 'thermalSaline',
            pointMm: here(),
            radiusMm: Math.min(30, Math.max(1, radiusMm)),
            tempC: Math.min(50, Math.max(0, tempC)),
          })
        }
      >
        {tempC >= 37 ? 'Warm' : 'Cool'} saline at crosshair
      </button>
    </div>
  )
}

function detailVoxels(detail: ThermalDetail | null, id: string): string {
  const p = detail?.protections.find((x) => x.id === id)
  if (!p) return ''
  return p.voxels > 0 ? `· last run: ${p.voxels} voxels filled` : '· last run: outside the region'
}
