/**
 * Owns the Cornerstone3D rendering engine, the three MPR viewports, their tool group and the volume shown.
 * React components register their elements here; the store drives the crosshair and the window; camera
 * changes caused by the user (scroll) flow back to the store's crosshair. No Cornerstone type leaves this
 * folder.
 */
import {
  Enums,
  RenderingEngine,
  cache,
  setVolumesForViewports,
  utilities as csUtils,
  volumeLoader,
  type Types,
} from '@cornerstonejs/core'
import { ToolGroupManager } from '@cornerstonejs/tools'
import type { CtVolume } from '../cases/volume'
import type { Vec3 } from '../lib/vec3'
import { add, dot, scale, sub } from '../lib/vec3'
import { windowRange } from '../lib/windowPresets'
import { initCornerstone } from './initCornerstone'
import { MPR_TOOL_GROUP_ID as TOOL_GROUP_ID, createMprToolGroup } from './mprTools'

/** The three planar views. */
export type MprOrientation = 'axial' | 'sagittal' | 'coronal'

const ENGINE_ID = 'osteoplanMpr'
const ORIENT: Record<MprOrientation, Enums.OrientationAxis> = {
  axial: Enums.OrientationAxis.AXIAL,
  sagittal: Enums.OrientationAxis.SAGITTAL,
  coronal: Enums.OrientationAxis.CORONAL,
}

/** Callbacks from the viewers to the app. */
export interface MprListener {
  /** The user moved a view's slice (scroll): the crosshair should follow along that view's normal. */
  onCrosshairFromView(p: Vec3): void
  /** A view's camera changed: overlays must be redrawn. */
  onCameraChanged(orientation: MprOrientation): void
}

let engine: RenderingEngine | null = null
let shownCsVolumeId: string | null = null
let volumeSerial = 0
let crosshair: Vec3 = [0, 0, 0]
let voi = { lower: -450, upper: 1050 }
const elements = new Map<MprOrientation, HTMLDivElement>()
let listener: MprListener | null = null
let volumeReady = false

/** Sets who hears about view changes. */
export function setMprListener(l: MprListener | null): void {
  listener = l
}

const volumeListeners = new Set<(csVolumeId: string) => Promise<void>>()

/**
 * Subscribes to the volume shown: `cb` gets its Cornerstone id once the MPR views show it, and is awaited
 * before the previous volume is released. Returns an unsubscribe function.
 */
export function subscribeMprVolume(cb: (csVolumeId: string) => Promise<void>): () => void {
  volumeListeners.add(cb)
  return () => volumeListeners.delete(cb)
}

/** The Cornerstone id of the volume the MPR views show, or null before one is ready. */
export function getMprVolumeId(): string | null {
  return volumeReady ? shownCsVolumeId : null
}

/** The rendering engine shared by every Cornerstone view (started on first use). */
export function getMprEngine(): Promise<RenderingEngine> {
  return getEngine()
}

async function getEngine(): Promise<RenderingEngine> {
  await initCornerstone()
  if (!engine) {
    engine = new RenderingEngine(ENGINE_ID)
    addToolsOnce()
  }
  return engine
}

function addToolsOnce(): void {
  createMprToolGroup()
}

function viewport(o: MprOrientation): Types.IVolumeViewport | null {
  if (!engine) return null
  return engine.getViewport<Types.IVolumeViewport>(o) ?? null
}

const attachSeq: Record<MprOrientation, number> = { axial: 0, sagittal: 0, coronal: 0 }
const cameraHandlers = new Map<MprOrientation, () => void>()

/**
 * Registers a view's element (called by the React component on mount). A detach, or a newer attach, that
 * happens while the engine is starting wins (React StrictMode mounts twice, stack.md P12).
 */
export async function attachMprElement(o: MprOrientation, element: HTMLDivElement): Promise<void> {
  const token = ++attachSeq[o]
  const e = await getEngine()
  if (token !== attachSeq[o]) return
  elements.set(o, element)
  e.enableElement({
    viewportId: o,
    type: Enums.ViewportType.ORTHOGRAPHIC,
    element,
    defaultOptions: { orientation: ORIENT[o], background: [0, 0, 0] },
  })
  ToolGroupManager.getToolGroup(TOOL_GROUP_ID)?.addViewport(o, ENGINE_ID)
  const handler = () => onCamera(o)
  cameraHandlers.set(o, handler)
  element.addEventListener(Enums.Events.CAMERA_MODIFIED, handler)
  if (shownCsVolumeId) await showOn([o])
}

/** Unregisters a view's element. */
export function detachMprElement(o: MprOrientation): void {
  attachSeq[o]++
  const element = elements.get(o)
  const handler = cameraHandlers.get(o)
  if (element && handler) element.removeEventListener(Enums.Events.CAMERA_MODIFIED, handler)
  cameraHandlers.delete(o)
  if (!elements.has(o)) return
  elements.delete(o)
  ToolGroupManager.getToolGroup(TOOL_GROUP_ID)?.removeViewports(ENGINE_ID, o)
  engine?.disableElement(o)
}

/** Shows a volume in every registered view (replacing the previous one, whose memory is released). */
export async function showVolume(v: CtVolume): Promise<void> {
  // Nothing may touch the viewports' cameras until the new volume is attached.
  volumeReady = false
  // No await once the engine exists: an await here lets the rest of the app's reactions to the new
  // volume (3D hand-off, React renders) run first, delaying the volume by 35–300 ms (measured).
  if (!engine) await getEngine()
  const previous = shownCsVolumeId
  // No ':' in local volume ids: Cornerstone would try to load slices through an image loader (stack.md P7).
  const id = `osteoplan_${v.id.replace(/[^A-Za-z0-9_]/g, '_')}_${++volumeSerial}`
  const g = v.geometry
  volumeLoader.createLocalVolume(id, {
    scalarData: v.ct,
    dimensions: [g.dims[0], g.dims[1], g.dims[2]],
    spacing: [g.spacingMm[0], g.spacingMm[1], g.spacingMm[2]],
    origin: [g.originMm[0], g.originMm[1], g.originMm[2]],
    direction: g.direction.flat() as unknown as Types.Mat3,
    metadata: {
      BitsAllocated: 16,
      BitsStored: 16,
      HighBit: 15,
      SamplesPerPixel: 1,
      PixelRepresentation: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Modality: 'CT',
      FrameOfReferenceUID: `osteoplan.${id}`,
      ImageOrientationPatient: [...g.direction[0], ...g.direction[1]],
      PixelSpacing: [g.spacingMm[1], g.spacingMm[0]],
      Columns: g.dims[0],
      Rows: g.dims[1],
      voiLut: [],
      VOILUTFunction: 'LINEAR',
    } as unknown as Types.Metadata,
  })
  shownCsVolumeId = id
  await showOn([...elements.keys()])
  volumeReady = true
  // Other views of this engine (3D volume rendering) switch before the previous volume is released.
  for (const l of volumeListeners) await l(id)
  if (previous && cache.getVolume(previous)) cache.removeVolumeLoadObject(previous)
}

async function showOn(orientations: MprOrientation[]): Promise<void> {
  if (!engine || !shownCsVolumeId || orientations.length === 0) return
  await setVolumesForViewports(engine, [{ volumeId: shownCsVolumeId }], orientations)
  for (const o of orientations) {
    const vp = viewport(o)
    if (!vp) continue
    vp.setProperties({ voiRange: voi })
    vp.resetCamera()
  }
  applyCrosshair()
  renderSoon()
  // The first frame after attaching a local volume can be stale (uniform grey); render once more on the
  // next frame (stack.md P5).
  requestAnimationFrame(() => renderSoon())
}

/** Moves every view's slice to contain the point (LPS mm). */
export function setMprCrosshair(p: Vec3): void {
  crosshair = p
  // While a new volume is being attached the viewports are in between; showOn applies the crosshair.
  if (!volumeReady) return
  applyCrosshair()
  renderSoon()
}

function applyCrosshair(): void {
  for (const o of elements.keys()) {
    const vp = viewport(o)
    if (!vp) continue
    const cam = vp.getCamera()
    if (!cam.focalPoint || !cam.position || !cam.viewPlaneNormal) continue
    const n = cam.viewPlaneNormal
    const d = dot(sub(crosshair, cam.focalPoint), n)
    if (Math.abs(d) < 1e-6) continue
    const shift = scale(n, d)
    vp.setCamera({
      focalPoint: add(cam.focalPoint, shift) as Types.Point3,
      position: add(cam.position, shift) as Types.Point3,
    })
  }
}

/** Sets the display window (HU) on every view. */
export function setMprWindow(w: { width: number; level: number }): void {
  voi = windowRange(w)
  if (!volumeReady) return
  for (const o of elements.keys()) viewport(o)?.setProperties({ voiRange: voi })
  renderSoon()
}

function onCamera(o: MprOrientation): void {
  listener?.onCameraChanged(o)
  if (!volumeReady) return
  const vp = viewport(o)
  const cam = vp?.getCamera()
  if (!cam?.focalPoint || !cam.viewPlaneNormal) return
  const n = cam.viewPlaneNormal
  const d = dot(sub(cam.focalPoint, crosshair), n)
  // A scroll moved this view's plane: carry the crosshair along the view normal so every view agrees.
  if (Math.abs(d) > 1e-3) listener?.onCrosshairFromView(add(crosshair, scale(n, d)))
}

let renderQueued = false
function renderSoon(): void {
  if (renderQueued) return
  renderQueued = true
  requestAnimationFrame(() => {
    renderQueued = false
    // Only the planar views: a volume-rendering view of the same engine is slow and renders on its own.
    engine?.renderViewports([...elements.keys()])
  })
}

/** Maps a point on a view's canvas (CSS px) to LPS mm, or null before the view is ready. */
export function canvasToWorldMm(o: MprOrientation, x: number, y: number): Vec3 | null {
  const vp = viewport(o)
  if (!vp || !volumeReady) return null
  const p = vp.canvasToWorld([x, y])
  return [p[0], p[1], p[2]]
}

/** Maps LPS mm to a view's canvas (CSS px). */
export function worldToCanvasPx(o: MprOrientation, p: Vec3): [number, number] | null {
  const vp = viewport(o)
  if (!vp || !volumeReady) return null
  const c = vp.worldToCanvas([p[0], p[1], p[2]])
  return [c[0], c[1]]
}

/** The camera's up and normal vectors (for orientation letters), or null. */
export function viewVectors(o: MprOrientation): { up: Vec3; normal: Vec3 } | null {
  const cam = viewport(o)?.getCamera()
  if (!cam?.viewUp || !cam.viewPlaneNormal) return null
  return { up: cam.viewUp as unknown as Vec3, normal: cam.viewPlaneNormal }
}

/** Resizes the engine's canvases after a layout change, keeping each camera. */
export function resizeMpr(): void {
  engine?.resize(true, true)
  if (volumeReady) applyCrosshair()
  renderSoon()
}

let resizeQueued = false
/** Coalesces resize requests from several views into one resize on the next frame. */
export function requestMprResize(after?: () => void): void {
  if (resizeQueued) {
    if (after) requestAnimationFrame(() => requestAnimationFrame(after))
    return
  }
  resizeQueued = true
  requestAnimationFrame(() => {
    resizeQueued = false
    resizeMpr()
    after?.()
  })
}

/** Back to the initial view: every camera reset (zoom, pan), the window of the current preset, the crosshair kept. */
export function resetMprViews(): void {
  if (!volumeReady) return
  for (const o of elements.keys()) {
    const vp = viewport(o)
    if (!vp) continue
    vp.resetCamera()
    vp.setProperties({ voiRange: voi })
  }
  applyCrosshair()
  renderSoon()
}

/** Multiplies every view's zoom by `factor` (> 1 magnifies). */
export function zoomMprViews(factor: number): void {
  if (!volumeReady) return
  for (const o of elements.keys()) {
    const vp = viewport(o)
    if (vp) vp.setZoom(vp.getZoom() * factor)
  }
  renderSoon()
}

/** Moves a view by `delta` slices along its normal (the crosshair follows through the camera event). */
export function scrollMprView(o: MprOrientation, delta: number): void {
  const vp = viewport(o)
  if (!vp || !volumeReady) return
  // scroll() is typed for its own Viewport classes; the volume viewport is one of them at runtime.
  csUtils.scroll(vp as unknown as Parameters<typeof csUtils.scroll>[0], { delta })
}

/** Millimetres per canvas CSS pixel of a view (for the scale bar), or null before the view is ready. */
export function mmPerCanvasPixel(o: MprOrientation): number | null {
  const vp = viewport(o)
  if (!vp || !volumeReady) return null
  const a = vp.canvasToWorld([0, 0])
  const b = vp.canvasToWorld([100, 0])
  const d = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]) / 100
  return d > 0 && Number.isFinite(d) ? d : null
}

let activeView: MprOrientation = 'axial'
/** Records the view under the pointer (keyboard scrolling acts on it). */
export function setActiveMprView(o: MprOrientation): void {
  activeView = o
}
/** The view keyboard scrolling acts on: the last one under the pointer, axial at first. */
export function getActiveMprView(): MprOrientation {
  return activeView
}
