/**
 * Places a unit cylinder (height 1 along +Y, radius 1, centred on the origin) on a segment between two
 * scene points. Scratch vectors are allocated once (three.js style), so a drag allocates nothing.
 */
import { Vector3, type Object3D } from 'three'
import { lpsToScene, type SceneFrame } from '../../lib/sceneFrame'
import type { Vec3 } from '../../lib/vec3'

const Y_AXIS = new Vector3(0, 1, 0)
const _a = new Vector3()
const _b = new Vector3()
const _dir = new Vector3()

/** Moves, turns and scales `cylinder` to span entry→tip (LPS mm) with the given radius (mm). */
export function placeCylinder(
  cylinder: Object3D,
  frame: SceneFrame,
  entryMm: Vec3,
  tipMm: Vec3,
  radiusMm: number,
): void {
  const a = lpsToScene(frame, entryMm)
  const b = lpsToScene(frame, tipMm)
  _a.set(a[0], a[1], a[2])
  _b.set(b[0], b[1], b[2])
  _dir.subVectors(_b, _a)
  const lengthMm = _dir.length()
  cylinder.position.addVectors(_a, _b).multiplyScalar(0.5)
  if (lengthMm > 0) cylinder.quaternion.setFromUnitVectors(Y_AXIS, _dir.divideScalar(lengthMm))
  cylinder.scale.set(radiusMm, Math.max(lengthMm, 1e-3), radiusMm)
}

/** Moves a unit sphere to a point (LPS mm) and scales it to `radiusMm`. */
export function placeSphere(
  sphere: Object3D,
  frame: SceneFrame,
  pMm: Vec3,
  radiusMm: number,
): void {
  const p = lpsToScene(frame, pMm)
  sphere.position.set(p[0], p[1], p[2])
  sphere.scale.setScalar(radiusMm)
}
