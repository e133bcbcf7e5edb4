/**
 * The one transform between DICOM LPS millimetres and 3-D scene coordinates. The scene keeps LPS axes and
 * millimetre units (x = patient left, y = posterior, z = superior; right-handed, camera up = +z) and only
 * moves the origin to the volume centre so that float32 positions keep their precision.
 */
import type { Vec3 } from './vec3'

/** A scene frame anchored at `centreMm` (LPS). */
export interface SceneFrame {
  readonly centreMm: Vec3
}

/** LPS mm → scene units. */
export const lpsToScene = (f: SceneFrame, p: Vec3): Vec3 => [
  p[0] - f.centreMm[0],
  p[1] - f.centreMm[1],
  p[2] - f.centreMm[2],
]

/** Scene units → LPS mm. */
export const sceneToLps = (f: SceneFrame, p: Vec3): Vec3 => [
  p[0] + f.centreMm[0],
  p[1] + f.centreMm[1],
  p[2] + f.centreMm[2],
]

/** Scene "up": patient superior. */
export const SCENE_UP: Vec3 = [0, 0, 1]
