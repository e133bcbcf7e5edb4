/**
 * The plan's devices in the 3-D view, plus point picking on the slice planes while a device is being
 * placed. Re-renders only when the committed plan, its reports or the selection change.
 */
import type { SceneFrame } from '../../lib/sceneFrame'
import { useAppStore } from '../../store/appStore'
import { deviceColor } from '../../store/slices/planEdits'
import { DeviceMesh } from './DeviceMesh'
import { PlacementPicker } from './PlacementPicker'

/** Every device of the plan, coloured by severity. */
export function Devices({ frame }: { frame: SceneFrame }) {
  const devices = useAppStore((s) => s.plan.devices)
  const reports = useAppStore((s) => s.reports)
  const selectedId = useAppStore((s) => s.selectedDeviceId)
  return (
    <group name="devices">
      {devices.map((d) => (
        <DeviceMesh
          key={d.id}
          device={d}
          color={deviceColor(reports[d.id] ?? [])}
          isSelected={d.id === selectedId}
          frame={frame}
        />
      ))}
      <PlacementPicker frame={frame} />
    </group>
  )
}
