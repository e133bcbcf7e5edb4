import { isThermalDetail, type ThermalDetail } from '../../../cases/simulate/thermal/detail'
import type { ProcedurePanelProps } from '../procedurePanelProps'
import { ProtectionSection } from './ProtectionSection'
import { ThermalRunOptions, ThermalSettings } from './ThermalSettings'
import { ThermocoupleSection } from './ThermocoupleSection'

/** What the last run simulated, in one line. */
function RunSummary({ detail }: { detail: ThermalDetail }) {
  const g = detail.grid
  return (
    <p className="hint" data-testid="thermal-summary">
      Last run: {detail.settings}. Simulated on {g.dims.join(' × ')} voxels of{' '}
      {g.spacingMm.map((s) => s.toFixed(2)).join(' × ')} mm around the device, {detail.frames}{' '}
      frames for the scrubber.
    </p>
  )
}

/**
 * The thermal procedure's own panel (`data-testid="thermal-panel"`): presets labelled by their source,
 * power/time or cryo protocol, options of the next run, thermocouples (at the crosshair or at the canal)
 * and protective measures. Results (verdict, charts, overlays) are shown by the simulation panel below.
 */
export function ThermalPanel({ device, result }: ProcedurePanelProps) {
  if (device.kind !== 'mwAntenna' && device.kind !== 'rfProbe' && device.kind !== 'cryoprobeSet') {
    return null
  }
  const detail = result && isThermalDetail(result.detail) ? result.detail : null
  return (
    <div className="thermal-panel" data-testid="thermal-panel">
      <ThermalSettings device={device} />
      <ThermalRunOptions device={device} />
      <ThermocoupleSection device={device} result={result} />
      <ProtectionSection device={device} detail={detail} />
      {detail ? <RunSummary detail={detail} /> : null}
    </div>
  )
}
