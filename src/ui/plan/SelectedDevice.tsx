/** The selected device: its readout, trajectory report and parameter form. */
import { DEVICE_NAMES } from '../../plan'
import { useAppStore } from '../../store/appStore'
import { getVolume } from '../../store/volumeRegistry'
import { DeviceForm } from './DeviceForm'
import { TrajectoryReadout } from './TrajectoryReadout'
import { TrajectoryReport } from './TrajectoryReport'

/** Readout, report and form of the selected device, or nothing when none is selected. */
export function SelectedDevice() {
  const device = useAppStore((s) => s.plan.devices.find((d) => d.id === s.selectedDeviceId))
  const reports = useAppStore((s) =>
    s.selectedDeviceId ? s.reports[s.selectedDeviceId] : undefined,
  )
  const hasLabels = useAppStore((s) => getVolume(s.volumeId)?.labels !== undefined)
  if (!device) return null
  const first = reports?.[0]
  return (
    <section
      className="panel-section selected-device"
      aria-labelledby="selected-device-title"
      data-testid="selected-device"
      data-device-id={device.id}
    >
      <h2 id="selected-device-title">
        {device.label} <span className="muted">({DEVICE_NAMES[device.kind]})</span>
      </h2>
      {first ? <TrajectoryReadout report={first.report} /> : null}
      {first?.needleId ? <p className="muted small">Readout of {first.needleId}.</p> : null}
      <TrajectoryReport reports={reports ?? []} hasLabels={hasLabels} />
      <DeviceForm key={device.id} device={device} />
    </section>
  )
}
