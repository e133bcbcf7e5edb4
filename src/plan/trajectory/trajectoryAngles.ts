import { normalize, sub, type Vec3 } from '../../lib/vec3'
import type { TrajectoryAngles } from './trajectoryTypes'

const DEG = 180 / Math.PI

/**
 * Angles of the needle direction d = (tip − entry)/|tip − entry| in LPS (+x left, +y posterior, +z
 * superior), in degrees:
 * - craniocaudal = asin(d_z): angle between the path and the axial plane; positive when the needle
 *   advances towards the head (the tip is superior to the entry).
 * - mediolateral = asin(d_x): angle between the path and the sagittal plane; positive when the needle
 *   advances towards the patient's left. (For a right-sided transpedicular approach a medial, converging
 *   path is therefore positive; for a left-sided one, negative.)
 * - axialInPlane = atan2(d_x, |d_y|): the angle a trainee measures on an axial slice, from the AP axis.
 * - sagittalInPlane = atan2(d_z, |d_y|): the angle measured on a sagittal slice, from the AP axis.
 * In-plane angles use |d_y| so that anterior and posterior approaches read alike; a path with no AP
 * component (d_y = 0) gives ±90° or 0°.
 */
export function trajectoryAngles(entryMm: Vec3, tipMm: Vec3): TrajectoryAngles {
  const d = normalize(sub(tipMm, entryMm))
  const clamp = (v: number): number => Math.max(-1, Math.min(1, v))
  const ay = Math.abs(d[1])
  return {
    craniocaudalDeg: Math.asin(clamp(d[2])) * DEG,
    mediolateralDeg: Math.asin(clamp(d[0])) * DEG,
    axialInPlaneDeg: Math.atan2(d[0], ay) * DEG,
    sagittalInPlaneDeg: Math.atan2(d[2], ay) * DEG,
  }
}
