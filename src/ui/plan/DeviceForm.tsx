/** The parameter form of the selected device, generated from its zod schema (ranges and units). */
import type { Device } from '../../plan'
import { appStore } from '../../store/appStore'
import { deviceFields, type FieldPath } from './deviceFields'
import { ParamField } from './ParamField'
import { PointFields } from './PointFields'

/** Points and parameters of a device; every accepted change is one undo step. */
export function DeviceForm({ device }: { device: Device }) {
  const commit = (path: FieldPath, value: unknown) =>
    appStore.getState().setParam(device.id, path, value)
  return (
    <form
      className="device-form"
      data-testid="device-form"
      aria-label={`Parameters of ${device.label}`}
      onSubmit={(e) => e.preventDefault()}
    >
      <PointFields device={device} />
      {deviceFields(device.kind).map((f) => (
        <ParamField key={f.path.join('.')} spec={f} device={device} commit={commit} />
      ))}
    </form>
  )
}
