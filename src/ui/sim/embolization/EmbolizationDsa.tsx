import { useMemo, useState } from 'react'
import { type EmbolizationDetail, dsaImage } from '../../../cases/simulate/embolization'
import type { DsaViewSpec } from '../../../cases/simulate/embolization/detail'
import { useAppStore } from '../../../store/appStore'
import { ProjectionCanvas, type ProjectionImage } from '../ProjectionCanvas'

/** Renders one DSA frame and measures how long it took (ms). */
function timedDsa(
  detail: EmbolizationDetail,
  transport: EmbolizationDetail['transport'],
  angleDeg: number,
  timeS: number,
): { image: ProjectionImage; ms: number } {
  const t0 = performance.now()
  const img = dsaImage(detail, transport, angleDeg, timeS)
  const image: ProjectionImage = {
    width: img.width,
    height: img.height,
    data: img.data,
    window: [0, 1],
  }
  return { image, ms: performance.now() - t0 }
}

/** One DSA projection at the shared scrubber time, with its render time (not asserted anywhere). */
function DsaView({
  detail,
  view,
  after,
}: {
  detail: EmbolizationDetail
  view: DsaViewSpec
  after: boolean
}) {
  const timeS = useAppStore((s) => s.simTimeS)
  const transport = after && detail.transportAfter ? detail.transportAfter : detail.transport
  const rendered = useMemo(
    () => timedDsa(detail, transport, view.angleDeg, timeS),
    [detail, transport, view.angleDeg, timeS],
  )
  const testId = `embo-dsa-${view.id}`
  return (
    <div className="embo-dsa-view">
      <ProjectionCanvas
        image={rendered.image}
        label={`${view.label}${after ? ' (control after embolization)' : ''} · ${timeS.toFixed(1)} s`}
        testId={testId}
      />
      <small data-testid={`${testId}-timing`} data-frame-ms={rendered.ms.toFixed(2)}>
        frame {rendered.ms.toFixed(1)} ms
      </small>
    </div>
  )
}

/**
 * Simulated DSA: contrast injected at the tip fills the downstream vessels and blushes the tumour, AP and
 * LAO 30°, animated by the shared scrubber; after an embolization, the control run.
 */
export function EmbolizationDsa({ detail }: { detail: EmbolizationDetail }) {
  const [after, setAfter] = useState(false)
  const hasAfter = detail.transportAfter !== null
  return (
    <div className="embo-dsa" data-testid="embo-dsa">
      <div className="button-row">
        <label className="inline">
          <input
            type="checkbox"
            data-testid="embo-dsa-after"
            checked={after && hasAfter}
            disabled={!hasAfter}
            onChange={(e) => setAfter(e.target.checked)}
          />
          Control run after embolization
        </label>
      </div>
      <div className="embo-dsa-pair">
        {detail.views.map((v) => (
          <DsaView key={v.id} detail={detail} view={v} after={after && hasAfter} />
        ))}
      </div>
      {after && hasAfter && !detail.transportAfter?.concentration.some((c) => c > 0) ? (
        <p className="hint" data-testid="embo-dsa-stasis">
          Stasis: nothing flows from the tip any more (the end point of the embolization).
        </p>
      ) : null}
      <p className="hint">
        Contrast {detail.injectionMlPerS} mL/s for {detail.injectionS} s at the tip; subtracted
        image (bone removed). Play or drag the time to watch it fill.
      </p>
    </div>
  )
}
