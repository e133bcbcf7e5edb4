/**
 * Optional 3D volume rendering of the current CT (issue 4): one Cornerstone VOLUME_3D viewport in the MPR
 * rendering engine, showing the MPR views' volume with our bone transfer function (`VR_PRESET`). Left drag rotates
 * (TrackballRotate), the wheel and right drag zoom, middle drag pans. It renders on demand only (camera
 * changes, volume changes, resizes): ray casting on SwiftShader costs about a second a frame (stack.md
 * P10), so the planar views never re-render it (mprController renders only their viewports).
 */
import {
  Enums,
  setVolumesForViewports,
  utilities as csUtilities,
  type RenderingEngine,
  type Types,
} from '@cornerstonejs/core'
import {
  Enums as ToolEnums,
  PanTool,
  ToolGroupManager,
  TrackballRotateTool,
  ZoomTool,
  addTool,
} from '@cornerstonejs/tools'
import { getMprEngine, getMprVolumeId, subscribeMprVolume } from './mprController'
import { VR_PRESET } from './vrPreset'

/** Viewport id of the volume-rendering view in the shared engine. */
export const VR_VIEWPORT_ID = 'volume3d'
/** Its tool group (rotation and zoom; none of the MPR tools). */
export const VR_TOOL_GROUP_ID = 'osteoplanVrTools'

/**
 * Ray step as a multiple of Cornerstone's default (mean spacing / 2). 4 brings a 300 px frame on
 * SwiftShader from 2–8 s to about 0.7 s at a visible but acceptable loss of detail (stack.md §2).
 */
export const VR_SAMPLE_DISTANCE_MULTIPLIER = 4

const B = ToolEnums.MouseBindings

let attachSeq = 0
let engine: RenderingEngine | null = null
let element: HTMLDivElement | null = null
let unsubscribe: (() => void) | null = null

function createVrToolGroup(): void {
  if (ToolGroupManager.getToolGroup(VR_TOOL_GROUP_ID)) return
  for (const T of [TrackballRotateTool, ZoomTool, PanTool]) addTool(T)
  const group = ToolGroupManager.createToolGroup(VR_TOOL_GROUP_ID)
  if (!group) return
  const bindings = [
    [TrackballRotateTool, [B.Primary]],
    [ZoomTool, [B.Wheel, B.Secondary]],
    [PanTool, [B.Auxiliary]],
  ] as const
  for (const [T, buttons] of bindings) {
    // Cornerstone declares `toolName` without a type; every tool class sets it to a string.
    const name = String(T.toolName)
    group.addTool(name)
    group.setToolActive(name, { bindings: buttons.map((mouseButton) => ({ mouseButton })) })
  }
}

function vrViewport(): Types.IVolumeViewport | null {
  if (!engine || !element) return null
  return engine.getViewport<Types.IVolumeViewport>(VR_VIEWPORT_ID) ?? null
}

/** Shows a cached Cornerstone volume in the VR view with the bone preset, camera reset to its default. */
async function showOnVr(csVolumeId: string): Promise<void> {
  const token = attachSeq
  if (!engine || !vrViewport()) return
  await setVolumesForViewports(engine, [{ volumeId: csVolumeId }], [VR_VIEWPORT_ID])
  const vp = vrViewport()
  if (token !== attachSeq || !vp) return
  vp.setProperties({ sampleDistanceMultiplier: VR_SAMPLE_DISTANCE_MULTIPLIER })
  // A VOLUME_3D viewport's default actor is its vtkVolume.
  const entry = vp.getDefaultActor()
  if (entry && csUtilities.actorIsA(entry, 'vtkVolume')) {
    csUtilities.applyPreset(entry.actor as Types.VolumeActor, VR_PRESET)
  }
  vp.resetCamera()
  vp.render()
  // The first frame after attaching a local volume can be stale: render once more (stack.md P5).
  requestAnimationFrame(() => {
    if (token === attachSeq) vrViewport()?.render()
  })
}

/**
 * Enables the volume-rendering view on `element` and shows the current volume there (now, and again
 * whenever the MPR views show another one). A detach, or a newer attach, that happens while the engine
 * is starting wins (React StrictMode mounts twice, stack.md P12).
 */
export async function attachVolumeRendering(el: HTMLDivElement): Promise<void> {
  const token = ++attachSeq
  const e = await getMprEngine()
  if (token !== attachSeq) return
  engine = e
  element = el
  e.enableElement({
    viewportId: VR_VIEWPORT_ID,
    type: Enums.ViewportType.VOLUME_3D,
    element: el,
    // Coronal: looking from the front, like the surface view's default AP camera.
    defaultOptions: { orientation: Enums.OrientationAxis.CORONAL, background: [0, 0, 0] },
  })
  createVrToolGroup()
  ToolGroupManager.getToolGroup(VR_TOOL_GROUP_ID)?.addViewport(VR_VIEWPORT_ID, e.id)
  unsubscribe = subscribeMprVolume((id) =>
    showOnVr(id).catch((err: unknown) => {
      // A failed VR view must not stop the planar views from showing the new volume.
      console.error('Volume rendering could not show the new volume', err)
    }),
  )
  const id = getMprVolumeId()
  if (id) await showOnVr(id)
}

/** Disables the volume-rendering view and releases its viewport (the volume stays cached for the MPR views). */
export function detachVolumeRendering(): void {
  attachSeq++
  unsubscribe?.()
  unsubscribe = null
  if (!engine || !element) return
  ToolGroupManager.getToolGroup(VR_TOOL_GROUP_ID)?.removeViewports(engine.id, VR_VIEWPORT_ID)
  engine.disableElement(VR_VIEWPORT_ID)
  element = null
}
