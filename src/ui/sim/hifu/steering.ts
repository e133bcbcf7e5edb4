/** Steering of a sonication offset against the transducer's beam axis (LPS mm). */
import { dot, type Vec3 } from '../../../lib/vec3'
import { hifuGeometry, type DeviceOf } from '../../../plan'
import { STEERING_LIMITS_M } from '../../../sim/acoustic/bowlTransducer'

/** Electronic steering limits, mm (src/sim/acoustic). */
export const STEERING_LIMITS_MM = {
  lateral: STEERING_LIMITS_M.lateral * 1000,
  axial: STEERING_LIMITS_M.axial * 1000,
} as const

/** Lateral and axial parts of an offset and whether electronic steering reaches it. */
export function steeringOf(
  device: DeviceOf<'hifuTransducer'>,
  offsetMm: Vec3,
): { lateralMm: number; axialMm: number; isWithin: boolean } {
  const axis = hifuGeometry(device).beamAxis
  const axialMm = dot(offsetMm, axis)
  const lateralMm = Math.sqrt(Math.max(0, dot(offsetMm, offsetMm) - axialMm * axialMm))
  return {
    lateralMm,
    axialMm,
    isWithin:
      lateralMm <= STEERING_LIMITS_MM.lateral + 1e-9 &&
      Math.abs(axialMm) <= STEERING_LIMITS_MM.axial + 1e-9,
  }
}
