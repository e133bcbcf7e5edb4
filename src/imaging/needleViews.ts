/**
 * Two extra ORTHOGRAPHIC Cornerstone viewports that follow the selected needle: the probe's-eye view
 * (a plane across the needle, looking from the entry towards the tip, at an adjustable depth) and the
 * in-plane view (a plane containing the whole needle, entry at the top). They join the MPR views'
 * rendering engine and tool group (found through the public `axial` viewport id), so they share the
 * volume's GPU texture and get window/level, pan, zoom and scroll.
 */
import {
  Enums,
  getEnabledElementByViewportId,
  setVolumesForViewports,
  type Types,
} from '@cornerstonejs/core'
import { ToolGroupManager } from '@cornerstonejs/tools'
import { cross, dot, normalize, scale, sub, add, length, type Vec3 } from '../lib/vec3'
import { windowRange } from '../lib/windowPresets'
import type { OverlayView } from './drawDevices'

/** The two needle views. */
export type NeedleViewKind = 'probeEye' | 'inPlane'

/** A camera of a needle view (LPS mm). */
export interface NeedleCamera {
  readonly focalPointMm: Vec3
  /** Unit normal pointing from the plane towards the viewer. */
  readonly viewPlaneNormal: Vec3
  readonly viewUp: Vec3
  /** Half the view height, mm. */
  readonly parallelScaleMm: number
}

const VIEWPORT_ID: Record<NeedleViewKind, string> = {
  probeEye: 'needleProbeEye',
  inPlane: 'needleInPlane',
}
/** Half-height of the probe's-eye field, mm: 60 mm across shows the target and its surroundings. */
const PROBE_EYE_HALF_MM = 30
/** Smallest half-height of the in-plane field, mm. */
const IN_PLANE_MIN_HALF_MM = 25
/** The in-plane field shows the needle with this much margin (half-height / needle length). */
const IN_PLANE_MARGIN = 0.75
/** Camera distance used when the viewport has none yet, mm (orthographic: only clipping depends on it). */
const DEFAULT_CAMERA_DISTANCE_MM = 500

/** `v` with its component along unit `a` removed, normalised; null when `v` is (nearly) parallel to `a`. */
function perpendicular(v: Vec3, a: Vec3): Vec3 | null {
  const p = sub(v, scale(a, dot(v, a)))
  return length(p) < 0.2 ? null : normalize(p)
}

/**
 * Cameras of both needle views for a needle entry→tip (LPS mm). Probe's-eye: looks along the needle from
 * the entry, focal point at `depth` (0 = entry, 1 = tip) of the way, patient superior up (anterior when
 * the needle runs craniocaudally). In-plane: the plane holding the needle and the patient's left–right
 * axis (or, with `isTurned`, the plane at 90° about the needle), entry at the top, needle centred.
 */
export function needleCameras(
  entryMm: Vec3,
  tipMm: Vec3,
  depth: number,
  isTurned: boolean,
): Record<NeedleViewKind, NeedleCamera> {
  const axis = normalize(sub(tipMm, entryMm))
  const lengthMm = length(sub(tipMm, entryMm))
  const up = perpendicular([0, 0, 1], axis) ?? perpendicular([0, -1, 0], axis) ?? [1, 0, 0]
  const side = perpendicular([1, 0, 0], axis) ?? perpendicular([0, 1, 0], axis) ?? [0, 0, 1]
  const n0 = normalize(cross(axis, side))
  const inPlaneNormal = isTurned ? normalize(cross(axis, n0)) : n0
  return {
    probeEye: {
      focalPointMm: add(entryMm, scale(axis, lengthMm * Math.min(1, Math.max(0, depth)))),
      viewPlaneNormal: scale(axis, -1),
      viewUp: up,
      parallelScaleMm: PROBE_EYE_HALF_MM,
    },
    inPlane: {
      focalPointMm: add(entryMm, scale(axis, lengthMm / 2)),
      viewPlaneNormal: inPlaneNormal,
      viewUp: scale(axis, -1),
      parallelScaleMm: Math.max(IN_PLANE_MIN_HALF_MM, IN_PLANE_MARGIN * lengthMm),
    },
  }
}

function mprEngine(): Types.IRenderingEngine | null {
  try {
    return getEnabledElementByViewportId('axial')?.renderingEngine ?? null
  } catch {
    return null
  }
}

function viewport(kind: NeedleViewKind): Types.IVolumeViewport | null {
  const vp = mprEngine()?.getViewport(VIEWPORT_ID[kind])
  return (vp as Types.IVolumeViewport | undefined) ?? null
}

/** Volume id shown by the axial view, or null. */
function mprVolumeId(): string | null {
  try {
    const vp = getEnabledElementByViewportId('axial')?.viewport as Types.IVolumeViewport | undefined
    return vp?.getVolumeId() ?? null
  } catch {
    return null
  }
}

const shownVolume: Record<NeedleViewKind, string | null> = { probeEye: null, inPlane: null }

/** Enables a needle view on `element` inside the MPR engine; false while the MPR views are not ready. */
export function attachNeedleView(kind: NeedleViewKind, element: HTMLDivElement): boolean {
  const engine = mprEngine()
  if (!engine) return false
  const id = VIEWPORT_ID[kind]
  engine.enableElement({
    viewportId: id,
    type: Enums.ViewportType.ORTHOGRAPHIC,
    element,
    defaultOptions: { background: [0, 0, 0] as Types.Point3 },
  })
  ToolGroupManager.getToolGroupForViewport('axial', engine.id)?.addViewport(id, engine.id)
  shownVolume[kind] = null
  return true
}

/** Disables a needle view. */
export function detachNeedleView(kind: NeedleViewKind): void {
  const engine = mprEngine()
  const id = VIEWPORT_ID[kind]
  shownVolume[kind] = null
  if (!engine?.getViewport(id)) return
  ToolGroupManager.getToolGroupForViewport(id, engine.id)?.removeViewports(engine.id, id)
  engine.disableElement(id)
}

/**
 * Points a needle view's camera (showing the MPR volume first if needed) and renders it. Resolves to
 * false when the view or the volume is not ready.
 */
export async function setNeedleCamera(
  kind: NeedleViewKind,
  cam: NeedleCamera,
  window: { width: number; level: number },
): Promise<boolean> {
  const engine = mprEngine()
  const volumeId = mprVolumeId()
  if (!engine || !volumeId || !viewport(kind)) return false
  if (shownVolume[kind] !== volumeId) {
    await setVolumesForViewports(engine, [{ volumeId }], [VIEWPORT_ID[kind]])
    shownVolume[kind] = volumeId
  }
  const vp = viewport(kind)
  if (!vp) return false
  vp.setProperties({ voiRange: windowRange(window) })
  const f = cam.focalPointMm
  const n = cam.viewPlaneNormal
  // Keep the distance Cornerstone chose when it fitted the volume: its clipping range was set for it.
  const now = vp.getCamera()
  const distanceMm =
    now.position && now.focalPoint
      ? Math.hypot(
          now.position[0] - now.focalPoint[0],
          now.position[1] - now.focalPoint[1],
          now.position[2] - now.focalPoint[2],
        )
      : DEFAULT_CAMERA_DISTANCE_MM
  vp.setCamera({
    focalPoint: [f[0], f[1], f[2]],
    position: [f[0] + n[0] * distanceMm, f[1] + n[1] * distanceMm, f[2] + n[2] * distanceMm],
    viewPlaneNormal: [n[0], n[1], n[2]],
    viewUp: [cam.viewUp[0], cam.viewUp[1], cam.viewUp[2]],
    parallelScale: cam.parallelScaleMm,
  })
  // Cornerstone re-orients the slab only when the focal point leaves the new plane or viewUp changes;
  // a needle view can turn without either (e.g. from looking along L to looking along P), so force it.
  const withClipping = vp as Types.IVolumeViewport & {
    updateCameraClippingPlanesAndRange?: () => void
  }
  withClipping.updateCameraClippingPlanesAndRange?.()
  vp.render()
  return true
}

/** A needle view as an overlay target for `drawDevices`, or null when it is not ready. */
export function needleOverlayView(kind: NeedleViewKind, element: HTMLElement): OverlayView | null {
  const vp = viewport(kind)
  if (!vp || shownVolume[kind] === null) return null
  const cam = vp.getCamera()
  if (!cam.focalPoint || !cam.viewPlaneNormal) return null
  const f = cam.focalPoint
  return {
    width: element.clientWidth,
    height: element.clientHeight,
    toCanvas: (p) => {
      const c = vp.worldToCanvas([p[0], p[1], p[2]])
      return [c[0], c[1]]
    },
    planePointMm: [f[0], f[1], f[2]],
    normal: [cam.viewPlaneNormal[0], cam.viewPlaneNormal[1], cam.viewPlaneNormal[2]],
  }
}

/** Calls `cb` when the MPR views get a new volume (a new case); returns the unsubscribe function. */
export function onMprVolumeChanged(cb: () => void): () => void {
  let element: HTMLDivElement | undefined
  try {
    element = getEnabledElementByViewportId('axial')?.viewport.element
  } catch {
    element = undefined
  }
  if (!element) return () => undefined
  const el = element
  el.addEventListener(Enums.Events.VOLUME_VIEWPORT_NEW_VOLUME, cb)
  return () => el.removeEventListener(Enums.Events.VOLUME_VIEWPORT_NEW_VOLUME, cb)
}

/** Resizes the needle views' canvases after a layout change. */
export function resizeNeedleViews(): void {
  const engine = mprEngine()
  if (engine && (viewport('probeEye') || viewport('inPlane'))) engine.resize(true, true)
}
