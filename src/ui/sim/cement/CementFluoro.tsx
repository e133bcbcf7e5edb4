import { useEffect, useMemo, useRef, useState } from 'react'
import type { CementDetail } from '../../../cases/simulate/cement/detail'
import { type FieldOverlay, frameAt } from '../../../lib/fieldOverlay'
import { useAppStore } from '../../../store/appStore'
import { getVolume } from '../../../store/volumeRegistry'
import { ProjectionCanvas } from '../ProjectionCanvas'
import { fluoroBase, fluoroFrame } from './fluoro'

/** One C-arm view: the cached CT projection plus the cement at the scrubber's time. */
function FluoroView({
  detail,
  overlay,
  angleDeg,
  label,
  testId,
}: {
  detail: CementDetail
  overlay: FieldOverlay
  angleDeg: number
  label: string
  testId: string
}) {
  const volumeId = useAppStore((s) => s.volumeId)
  const timeS = useAppStore((s) => s.simTimeS)
  const frame = frameAt(overlay, timeS)
  const volume = getVolume(volumeId)
  const base = useMemo(
    () => (volume ? fluoroBase(volume, detail, angleDeg) : null),
    [volume, detail, angleDeg],
  )
  const ones = useMemo(() => new Float32Array(frame.data.length).fill(1), [frame.data.length])
  const rendered = useMemo(
    () => (base ? fluoroFrame(base, detail, frame, overlay.grid.dims, ones) : null),
    [base, detail, frame, overlay.grid.dims, ones],
  )
  const timing = useRef<HTMLElement>(null)
  // Written to the DOM without a re-render. `frameMs`: this view's frame (cement added to the cached CT
  // projection). `shownMs`: from that start until this effect, after React's commit, by when the canvases
  // have drawn: an upper bound that also holds the other view's frame and both canvas uploads.
  useEffect(() => {
    const el = timing.current
    if (!el || !rendered || !base) return
    const shown = performance.now() - rendered.startedAt
    el.dataset.frameMs = rendered.frameMs.toFixed(2)
    el.dataset.shownMs = shown.toFixed(2)
    el.dataset.buildMs = base.buildMs.toFixed(0)
    el.textContent = `frame ${rendered.frameMs.toFixed(1)} ms (${rendered.image.width}×${rendered.image.height}); both views on screen ${shown.toFixed(0)} ms · CT projection ${base.buildMs.toFixed(0)} ms once per angle`
  }, [rendered, base])
  if (!base || !rendered) return <p className="hint">The CT is not loaded.</p>
  return (
    <div className="cement-fluoro-view">
      <ProjectionCanvas image={rendered.image} label={label} testId={testId} />
      <small ref={timing} className="muted" data-testid={`${testId}-timing`} />
    </div>
  )
}

/**
 * Simulated fluoroscopy: lateral and AP views of the CT with the cement radio-opaque at the scrubber's
 * time, the C-arm rotated about the long axis by a slider (both views turn together, as a biplane arm).
 */
export function CementFluoro({ detail, overlay }: { detail: CementDetail; overlay: FieldOverlay }) {
  const [rot, setRot] = useState(0)
  return (
    <div className="cement-fluoro" data-testid="cement-fluoro">
      <label className="inline">
        C-arm rotation
        <input
          type="range"
          data-testid="cement-carm-angle"
          min={-45}
          max={45}
          step={5}
          value={rot}
          onChange={(e) => setRot(Number(e.target.value))}
        />
        <output>{rot}°</output>
      </label>
      <div className="cement-fluoro-pair">
        <FluoroView
          detail={detail}
          overlay={overlay}
          angleDeg={90 + rot}
          label={`Lateral ${rot ? `${rot > 0 ? '+' : ''}${rot}°` : ''} (anterior to the right)`}
          testId="cement-fluoro-lateral"
        />
        <FluoroView
          detail={detail}
          overlay={overlay}
          angleDeg={rot}
          label={`AP ${rot ? `${rot > 0 ? '+' : ''}${rot}°` : ''} (patient's right to the left)`}
          testId="cement-fluoro-ap"
        />
      </div>
    </div>
  )
}
