import { add, normalize, scale, sub, type Vec3 } from '../lib/vec3'
import type { DeviceOf } from './deviceSchemas'

/** Derived geometry of a focused-ultrasound transducer (LPS mm). */
export interface HifuGeometry {
  /** Geometric focus (= `tipMm`). */
  readonly focusMm: Vec3
  /** Unit beam direction from the acoustic window towards the focus. */
  readonly beamAxis: Vec3
  /** Apex (centre) of the spherical bowl: one radius of curvature behind the focus. */
  readonly apexMm: Vec3
  /** Focal length over aperture (F-number). */
  readonly fNumber: number
  /** Depth of the focus beyond the acoustic window, mm. */
  readonly focusDepthMm: number
}

/**
 * Focus, beam axis, bowl apex and F-number of a HIFU transducer. The beam axis is entry→tip (window →
 * focus), so it is stored once, in the two points, and can never disagree with them.
 */
export function hifuGeometry(device: DeviceOf<'hifuTransducer'>): HifuGeometry {
  const d = sub(device.tipMm, device.entryMm)
  const beamAxis = normalize(d)
  return {
    focusMm: device.tipMm,
    beamAxis,
    apexMm: add(device.tipMm, scale(beamAxis, -device.radiusOfCurvatureMm)),
    fNumber: device.radiusOfCurvatureMm / device.apertureMm,
    focusDepthMm: Math.hypot(d[0], d[1], d[2]),
  }
}
