import { useEffect, useMemo, useRef, useState } from 'react'
import type { CementDetail } from '../../../cases/simulate/cement/detail'
import type { CtVolume } from '../../../cases/volume'
import { type FieldOverlay, frameAt } from '../../../lib/fieldOverlay'
import { useAppStore } from '../../../store/appStore'
import { getVolume } from '../../../store/volumeRegistry'
import { isDrrAbort } from '../../../workers/drrClient'
import { ProjectionCanvas } from '../ProjectionCanvas'
import {
  cachedFluoroBase,
  type FluoroBase,
  type FluoroBaseResult,
  fluoroBase,
  fluoroFrame,
} from './fluoro'

/**
 * The CT projection for a view: the cached one at once, otherwise requested from the DRR worker while the
 * last one received stays on screen. `computing` is true until the wanted angle's projection arrives.
 */
function useFluoroBase(
  volume: CtVolume | undefined,
  detail: CementDetail,
  angleDeg: number,
  slot: string,
): { base: FluoroBase | null; waitMs: number; computing: boolean; error: string | null } {
  const [last, setLast] = useState<FluoroBaseResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!volume) return
    let live = true
    fluoroBase(volume, detail, angleDeg, slot).then(
      (r) => {
        if (!live) return
        setLast(r)
        setError(null)
      },
      (e: unknown) => {
        if (live && !isDrrAbort(e)) setError(e instanceof Error ? e.message : String(e))
      },
    )
    return () => {
      live = false
    }
  }, [volume, detail, angleDeg, slot])
  const cached = volume ? cachedFluoroBase(volume, detail, angleDeg) : null
  const base = cached ?? last?.base ?? null
  return {
    base,
    waitMs: cached && last?.base === cached ? last.waitMs : 0,
    computing: cached === null,
    error,
  }
}

/** One C-arm view: the CT projection (from the worker) plus the cement at the scrubber's time. */
function FluoroView({
  detail,
  overlay,
  angleDeg,
  labelFor,
  testId,
}: {
  detail: CementDetail
  overlay: FieldOverlay
  angleDeg: number
  /** The caption for the angle actually shown. */
  labelFor: (angleDeg: number) => string
  testId: string
}) {
  const volumeId = useAppStore((s) => s.volumeId)
  const timeS = useAppStore((s) => s.simTimeS)
  const frame = frameAt(overlay, timeS)
  const volume = getVolume(volumeId)
  const { base, waitMs, computing, error } = useFluoroBase(volume, detail, angleDeg, testId)
  const ones = useMemo(() => new Float32Array(frame.data.length).fill(1), [frame.data.length])
  const rendered = useMemo(
    () => (base ? fluoroFrame(base, detail, frame, overlay.grid.dims, ones) : null),
    [base, detail, frame, overlay.grid.dims, ones],
  )
  const timing = useRef<HTMLElement>(null)
  // Written to the DOM without a re-render. `frameMs`: this view's frame (cement added to the CT
  // projection, main thread). `shownMs`: from that start until this effect, after React's commit, by when
  // the canvases have drawn. `buildMs`: the CT projection in the worker; `waitMs`: request → arrival.
  useEffect(() => {
    const el = timing.current
    if (!el || !rendered || !base) return
    const shown = performance.now() - rendered.startedAt
    el.dataset.frameMs = rendered.frameMs.toFixed(2)
    el.dataset.shownMs = shown.toFixed(2)
    el.dataset.buildMs = base.buildMs.toFixed(0)
    if (waitMs > 0) el.dataset.waitMs = waitMs.toFixed(0)
    el.textContent = `frame ${rendered.frameMs.toFixed(1)} ms (${rendered.image.width}×${rendered.image.height}); both views on screen ${shown.toFixed(0)} ms · CT projection ${base.buildMs.toFixed(0)} ms per angle, in a worker`
  }, [rendered, base, waitMs])
  if (!volume) return <p className="hint">The CT is not loaded.</p>
  if (error) return <p className="hint">The fluoroscopy projection failed: {error}</p>
  const shownAngle = base?.projector.view.angleDeg
  return (
    <div
      className="cement-fluoro-view"
      data-testid={`${testId}-view`}
      data-state={computing ? 'computing' : 'ready'}
      data-angle={shownAngle ?? ''}
      style={{ position: 'relative' }}
    >
      {rendered && shownAngle !== undefined ? (
        <div style={{ opacity: computing ? 0.55 : 1 }}>
          <ProjectionCanvas image={rendered.image} label={labelFor(shownAngle)} testId={testId} />
        </div>
      ) : null}
      {computing ? (
        <p className="hint" role="status" data-testid={`${testId}-computing`}>
          computing projection…
        </p>
      ) : null}
      <small ref={timing} className="muted" data-testid={`${testId}-timing`} />
    </div>
  )
}

const signed = (rot: number): string => (rot ? `${rot > 0 ? '+' : ''}${rot}°` : '')

/**
 * Simulated fluoroscopy: lateral and AP views of the CT with the cement radio-opaque at the scrubber's
 * time, the C-arm rotated about the long axis by a slider (both views turn together, as a biplane arm).
 * The CT projection of a new angle is computed in a worker; the previous image stays, dimmed, meanwhile.
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
          labelFor={(a) => `Lateral ${signed(a - 90)} (anterior to the right)`}
          testId="cement-fluoro-lateral"
        />
        <FluoroView
          detail={detail}
          overlay={overlay}
          angleDeg={rot}
          labelFor={(a) => `AP ${signed(a)} (patient's right to the left)`}
          testId="cement-fluoro-ap"
        />
      </div>
    </div>
  )
}
