/**
 * The beam-aligned frame of a HIFU simulation: regions whose k axis is the beam axis (LPS), so that the
 * acoustic field can be propagated plane by plane (src/sim/acoustic/angularSpectrum.ts), and nearest-
 * neighbour resampling of the case labels onto them. Pure; LPS millimetres, sim metres via
 * src/plan/simSpace.ts.
 */
import type { VolumeGeometry } from '../../../lib/space'
import { add, cross, normalize, scale, type Vec3 } from '../../../lib/vec3'
import { hifuGeometry, type DeviceOf } from '../../../plan'
import { resampleLabelsNearest } from '../../../sim/acoustic/gridOps'
import type { CtVolume } from '../../volume'

/** Orthonormal right-handed frame (u, v, axis) of a transducer, LPS. */
export interface BeamFrame {
  readonly focusMm: Vec3
  /** Unit beam direction (acoustic window → focus). */
  readonly axis: Vec3
  readonly u: Vec3
  readonly v: Vec3
}

/** The frame of a transducer: axis from `hifuGeometry`, u and v completing it. */
export function beamFrame(device: DeviceOf<'hifuTransducer'>): BeamFrame {
  const geo = hifuGeometry(device)
  const axis = geo.beamAxis
  const helper: Vec3 = Math.abs(axis[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0]
  const u = normalize(cross(axis, helper))
  return { focusMm: geo.focusMm, axis, u, v: cross(axis, u) }
}

/** A point given by beam coordinates (along u, v, axis, mm) from the focus. */
export const beamPoint = (f: BeamFrame, a: number, b: number, c: number): Vec3 =>
  add(f.focusMm, add(scale(f.u, a), add(scale(f.v, b), scale(f.axis, c))))

/**
 * A beam-aligned region: `dims` voxels of `spacingMm`, its centre at beam coordinates `centre` (mm from
 * the focus along u, v, axis).
 */
export function beamRegion(
  f: BeamFrame,
  dims: readonly [number, number, number],
  spacingMm: number,
  centre: Vec3 = [0, 0, 0],
): VolumeGeometry {
  const half = (n: number): number => 0.5 * (n - 1) * spacingMm
  return {
    dims,
    spacingMm: [spacingMm, spacingMm, spacingMm],
    originMm: beamPoint(
      f,
      centre[0] - half(dims[0]),
      centre[1] - half(dims[1]),
      centre[2] - half(dims[2]),
    ),
    direction: [f.u, f.v, f.axis],
  }
}

/** The case labels at each voxel centre of `g` (nearest voxel; outside the CT: 0, coupling water). */
export function resampleLabels(volume: CtVolume, g: VolumeGeometry): Uint8Array {
  if (!volume.labels) return new Uint8Array(g.dims[0] * g.dims[1] * g.dims[2])
  return resampleLabelsNearest(volume.labels, volume.geometry, g)
}
