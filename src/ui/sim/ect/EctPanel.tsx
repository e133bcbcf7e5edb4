/** The electrochemotherapy panel: set-up, the live coverage while dragging, and the result's ECT detail. */
import { useSyncExternalStore } from 'react'
import type { EctDetail } from '../../../cases/simulate/ect/ectSummary'
import { getEctPreview, subscribeEctPreview } from '../../../cases/simulate/ect/previewStats'
import { appStore, useAppStore } from '../../../store/appStore'
import type { ProcedurePanelProps } from '../procedurePanelProps'
import { EctResultView } from './EctResultView'
import { EctSetup } from './EctSetup'

/** Live coverage from the drag preview (shown while a preview is drawn). */
function LiveCoverage({ deviceId }: { deviceId: string }) {
  const previewing = useAppStore((s) => Boolean(s.simPreviews[deviceId]))
  const stats = useSyncExternalStore(subscribeEctPreview, getEctPreview)
  if (!previewing || !stats || stats.deviceId !== deviceId) return null
  return (
    <p
      className="ect-live"
      data-testid="ect-live-coverage"
      data-coverage={stats.coveragePct.toFixed(2)}
      data-frame-ms={stats.frameMs}
      data-frames={stats.frames}
    >
      Live trend (coarse linear preview): ≈ {stats.coveragePct.toFixed(0)} % of the tumour ≥ 400
      V/cm · {stats.frameMs} ms a frame. A trend only: the full result (with electroporation)
      follows when you let go.
    </p>
  )
}

const isDetail = (d: unknown): d is EctDetail =>
  typeof d === 'object' && d !== null && 'coveragePct' in d && 'pairs' in d

/** The ECT procedure's own controls and results. */
export function EctPanel({ device, result, stale }: ProcedurePanelProps) {
  const nonlinear = useAppStore((s) => s.simOptions[device.id]?.['nonlinear'] !== false)
  if (device.kind !== 'ectElectrodeSet') return null
  const detail = result && isDetail(result.detail) ? result.detail : null
  return (
    <div className="ect-panel" data-testid="ect-panel">
      <EctSetup key={device.id} device={device} />
      <label className="inline">
        <input
          type="checkbox"
          checked={nonlinear}
          data-testid="ect-nonlinear"
          onChange={(e) =>
            appStore.getState().setSimOptions(device.id, { nonlinear: e.target.checked })
          }
        />
        Conductivity rises with the field (electroporation, slower)
      </label>
      <LiveCoverage deviceId={device.id} />
      {detail ? (
        <div className={stale ? 'stale' : undefined}>
          <EctResultView detail={detail} />
        </div>
      ) : null}
    </div>
  )
}
