/**
 * The probe's-eye and in-plane views of the selected needle, shown while a device with a straight axis is
 * selected. Cameras and overlays follow the store imperatively (drags included), never through React
 * state (STYLE.md 3.6).
 */
import { useEffect, useRef } from 'react'
import { WINDOW_PRESETS } from '../lib/windowPresets'
import type { Device } from '../plan'
import { appStore, useAppStore, type AppState } from '../store/appStore'
import { axisLengthMm } from '../store/slices/planEdits'
import { drawnDevices } from './deviceOverlay'
import { drawDevices } from './drawDevices'
import {
  attachNeedleView,
  detachNeedleView,
  needleCameras,
  needleOverlayView,
  onMprVolumeChanged,
  resizeNeedleViews,
  setNeedleCamera,
  type NeedleViewKind,
} from './needleViews'

const KINDS: readonly NeedleViewKind[] = ['probeEye', 'inPlane']
/** How often to retry attaching while the MPR engine starts, ms. */
const ATTACH_RETRY_MS = 250

/** The selected device as drawn (its drag preview while dragged), when it has a straight axis. */
function selectedAxisDevice(s: AppState): Device | null {
  const id = s.selectedDeviceId
  if (!id) return null
  const d = s.dragPreview?.id === id ? s.dragPreview : s.plan.devices.find((x) => x.id === id)
  return d && d.kind !== 'embolizationCatheter' ? d : null
}

/** Probe's-eye and in-plane views of the selected needle (`data-testid="needle-views"`). */
export function NeedleViews() {
  const isShown = useAppStore((s) => selectedAxisDevice(s) !== null)
  const probeEl = useRef<HTMLDivElement>(null)
  const inPlaneEl = useRef<HTMLDivElement>(null)
  const probeSvg = useRef<SVGSVGElement>(null)
  const inPlaneSvg = useRef<SVGSVGElement>(null)
  const depthText = useRef<HTMLSpanElement>(null)
  /** View settings changed by the controls (not React state: they only move cameras). */
  const view = useRef({ depth: 1, isTurned: false, update: (): void => undefined })

  useEffect(() => {
    if (!isShown) return
    const els = { probeEye: probeEl.current, inPlane: inPlaneEl.current }
    const overlays = { probeEye: probeSvg.current, inPlane: inPlaneSvg.current }
    let attached = false
    let retry = 0
    let frame = 0
    let serial = 0
    let stopVolumeWatch = (): void => undefined
    const redrawOverlays = () => {
      const s = appStore.getState()
      for (const k of KINDS) {
        const el = els[k]
        const svg = overlays[k]
        const v = el ? needleOverlayView(k, el) : null
        if (svg && v) drawDevices(svg, v, drawnDevices(s), null)
      }
    }
    const update = () => {
      frame = 0
      const s = appStore.getState()
      const d = selectedAxisDevice(s)
      if (!attached || !d) return
      const lengthMm = axisLengthMm(d)
      if (depthText.current) {
        depthText.current.textContent = `${(lengthMm * view.current.depth).toFixed(0)} of ${lengthMm.toFixed(0)} mm`
      }
      const cams = needleCameras(d.entryMm, d.tipMm, view.current.depth, view.current.isTurned)
      const mine = ++serial
      const w = WINDOW_PRESETS[s.windowPreset]
      void Promise.all(KINDS.map((k) => setNeedleCamera(k, cams[k], w))).then(() => {
        if (mine === serial) redrawOverlays()
      })
    }
    const schedule = () => {
      frame ||= requestAnimationFrame(update)
    }
    const settings = view.current
    settings.update = schedule
    const attach = () => {
      const a = els.probeEye
      const b = els.inPlane
      if (!a || !b) return
      if (attachNeedleView('probeEye', a) && attachNeedleView('inPlane', b)) {
        attached = true
        stopVolumeWatch = onMprVolumeChanged(schedule)
        schedule()
      } else {
        retry = window.setTimeout(attach, ATTACH_RETRY_MS)
      }
    }
    attach()
    const unsub = appStore.subscribe((s, prev) => {
      if (
        s.plan !== prev.plan ||
        s.dragPreview !== prev.dragPreview ||
        s.selectedDeviceId !== prev.selectedDeviceId ||
        s.windowPreset !== prev.windowPreset ||
        s.reports !== prev.reports
      ) {
        schedule()
      }
    })
    const onCamera = () => requestAnimationFrame(redrawOverlays)
    for (const k of KINDS) els[k]?.addEventListener('CORNERSTONE_CAMERA_MODIFIED', onCamera)
    const ro = new ResizeObserver(() => {
      resizeNeedleViews()
      schedule()
    })
    for (const k of KINDS) if (els[k]) ro.observe(els[k])
    return () => {
      unsub()
      stopVolumeWatch()
      ro.disconnect()
      window.clearTimeout(retry)
      if (frame) cancelAnimationFrame(frame)
      for (const k of KINDS) els[k]?.removeEventListener('CORNERSTONE_CAMERA_MODIFIED', onCamera)
      settings.update = () => undefined
      if (attached) for (const k of KINDS) detachNeedleView(k)
    }
  }, [isShown])

  return (
    <div className="needle-views" data-testid="needle-views" hidden={!isShown}>
      <div className="viewport needle-view" data-testid="needle-view-probe-eye">
        <div className="viewport-element" ref={probeEl} />
        <svg className="viewport-overlay device-overlay" ref={probeSvg} aria-hidden="true" />
        <div className="viewport-title">Probe's-eye</div>
        <label className="needle-view-control">
          <span>Depth</span>
          <input
            type="range"
            min={0}
            max={100}
            defaultValue={100}
            aria-label="Depth of the probe's-eye plane along the needle"
            data-testid="needle-depth"
            onInput={(e) => {
              view.current.depth = Number(e.currentTarget.value) / 100
              view.current.update()
            }}
          />
          <span ref={depthText} className="needle-depth-text" />
        </label>
      </div>
      <div className="viewport needle-view" data-testid="needle-view-in-plane">
        <div className="viewport-element" ref={inPlaneEl} />
        <svg className="viewport-overlay device-overlay" ref={inPlaneSvg} aria-hidden="true" />
        <div className="viewport-title">In-plane (entry at top)</div>
        <button
          type="button"
          className="needle-view-control"
          data-testid="needle-turn"
          aria-pressed={false}
          onClick={(e) => {
            view.current.isTurned = !view.current.isTurned
            e.currentTarget.setAttribute('aria-pressed', String(view.current.isTurned))
            view.current.update()
          }}
        >
          Turn 90°
        </button>
      </div>
    </div>
  )
}
