/** The entry and tip of the selected device as editable "L, P, S" millimetre fields. */
import type { Device } from '../../plan'
import { appStore } from '../../store/appStore'
import { DraftInput } from './DraftInput'
import { parsePoint, pointText } from './formatPoint'

/** Entry and tip coordinates (LPS mm); each commit is one undo step. */
export function PointFields({ device }: { device: Device }) {
  const field = (handle: 'entry' | 'tip', label: string) => (
    <DraftInput
      label={label}
      unit="mm"
      value={pointText(handle === 'entry' ? device.entryMm : device.tipMm)}
      testId={`point-${handle}`}
      hint="Patient coordinates L, P, S in millimetres (DICOM LPS)"
      onCommit={(draft) => {
        const p = parsePoint(draft)
        if (!p) return ['enter three numbers in mm: L, P, S']
        const r = appStore.getState().moveHandle(device.id, handle, p)
        return r.ok ? null : r.errors
      }}
    />
  )
  return (
    <div className="point-fields">
      {field('entry', 'Entry (L, P, S)')}
      {field('tip', device.kind === 'hifuTransducer' ? 'Focus (L, P, S)' : 'Tip (L, P, S)')}
    </div>
  )
}
