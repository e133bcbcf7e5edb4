/** ECT set-up: electrode template and spacing, pulse protocol, voltage per pair, activation sequence. */
import { useState } from 'react'
import {
  applyEctTemplate,
  ectSpacingMm,
  type EctTemplate,
} from '../../../cases/simulate/ect/templates'
import type { DeviceOf } from '../../../plan'
import { appStore } from '../../../store/appStore'
import { EctPulses } from './EctPulses'
import { EctSequence } from './EctSequence'

type EctDevice = DeviceOf<'ectElectrodeSet'>

/** Template, protocol and sequence of an electrode set; every edit goes through the plan store. */
export function EctSetup({ device }: { device: EctDevice }) {
  const [template, setTemplate] = useState<EctTemplate>(
    device.template === 'linear' ? 'linear' : 'hexagonal',
  )
  const [spacing, setSpacing] = useState(() => ectSpacingMm(device).toFixed(1))
  const [ratio, setRatio] = useState('1000')
  const [error, setError] = useState<string | null>(null)
  const s = appStore.getState()
  const apply = () => {
    const sp = Number(spacing)
    const vr = Number(ratio)
    if (!(sp >= 2 && sp <= 30)) return setError('Spacing must be 2–30 mm.')
    if (!(vr >= 100 && vr <= 3000)) return setError('Voltage ÷ distance must be 100–3000 V/cm.')
    const r = s.setParam(device.id, [], applyEctTemplate(device, template, sp, vr))
    setError(r.ok ? null : r.errors.join('; '))
  }
  return (
    <div className="ect-setup" data-testid="ect-setup">
      <fieldset>
        <legend>Electrode template</legend>
        <label className="field">
          <span className="field-label">Template</span>
          <select
            value={template}
            data-testid="ect-template"
            onChange={(e) => setTemplate(e.target.value === 'linear' ? 'linear' : 'hexagonal')}
          >
            <option value="hexagonal">Hexagonal (6 + centre)</option>
            <option value="linear">Linear (two rows of 4)</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Spacing (mm)</span>
          <input
            type="number"
            min={2}
            max={30}
            step={0.1}
            value={spacing}
            data-testid="ect-spacing"
            onChange={(e) => setSpacing(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">Voltage ÷ distance (V/cm)</span>
          <input
            type="number"
            min={100}
            max={3000}
            step={10}
            value={ratio}
            data-testid="ect-ratio"
            onChange={(e) => setRatio(e.target.value)}
          />
        </label>
        <button type="button" data-testid="ect-apply-template" onClick={apply}>
          Lay out electrodes
        </button>
        {error ? (
          <p className="field-error" role="alert" data-testid="ect-template-error">
            {error}
          </p>
        ) : null}
      </fieldset>
      <EctPulses device={device} />
      <EctSequence device={device} />
    </div>
  )
}
