/** Fixture builders for the surface tests: geometries and analytic fields on a grid. */
import { IDENTITY_DIRECTION, ijkToWorld, type VolumeGeometry } from '../../../src/lib/space'
import type { Vec3 } from '../../../src/lib/vec3'

/** A geometry with defaults (identity direction, origin 0, 1 mm). */
export function makeGeometry(
  over: Partial<VolumeGeometry> & Pick<VolumeGeometry, 'dims'>,
): VolumeGeometry {
  return {
    spacingMm: [1, 1, 1],
    originMm: [0, 0, 0],
    direction: IDENTITY_DIRECTION,
    ...over,
  }
}

/** Geometry just large enough for a ball of radius `rMm` plus a margin, centred off the grid. */
export function geometryAround(rMm: number, spacingMm: Vec3, marginMm = 3): VolumeGeometry {
  const dims = spacingMm.map((s) => Math.ceil((2 * (rMm + marginMm)) / s) + 1) as [
    number,
    number,
    number,
  ]
  return makeGeometry({ dims, spacingMm, originMm: [-10.3, 20.1, -5.7] })
}

/** Centre of the geometry's box nudged by a fraction of a voxel, so the surface is not grid-aligned. */
export function offCentre(g: VolumeGeometry): Vec3 {
  return ijkToWorld(g, [
    (g.dims[0] - 1) / 2 + 0.23,
    (g.dims[1] - 1) / 2 - 0.31,
    (g.dims[2] - 1) / 2 + 0.17,
  ])
}

/** Samples f(world point) at every voxel centre into an Int16 CT-like volume (rounded HU). */
export function sampleInt16(g: VolumeGeometry, f: (p: Vec3) => number): Int16Array {
  const out = new Int16Array(g.dims[0] * g.dims[1] * g.dims[2])
  let n = 0
  for (let k = 0; k < g.dims[2]; k++) {
    for (let j = 0; j < g.dims[1]; j++) {
      for (let i = 0; i < g.dims[0]; i++) out[n++] = Math.round(f(ijkToWorld(g, [i, j, k])))
    }
  }
  return out
}

/** Samples a predicate into a 0/1 label volume. */
export function sampleMask(g: VolumeGeometry, isIn: (p: Vec3, ijk: Vec3) => boolean): Uint8Array {
  const out = new Uint8Array(g.dims[0] * g.dims[1] * g.dims[2])
  let n = 0
  for (let k = 0; k < g.dims[2]; k++) {
    for (let j = 0; j < g.dims[1]; j++) {
      for (let i = 0; i < g.dims[0]; i++) {
        out[n++] = isIn(ijkToWorld(g, [i, j, k]), [i, j, k]) ? 1 : 0
      }
    }
  }
  return out
}

/**
 * A CT-like field that crosses `thresholdHu` exactly on the zero set of the signed distance `sd` (negative
 * inside), with a 100 HU/mm slope clamped to [−100, 1200] HU like a soft partial-volume edge.
 */
export const huFromDistance =
  (sd: (p: Vec3) => number, thresholdHu = 200) =>
  (p: Vec3): number =>
    Math.max(-100, Math.min(1200, thresholdHu - 100 * sd(p)))

/** Signed distance to a sphere. */
export const sphereSd =
  (c: Vec3, r: number) =>
  (p: Vec3): number =>
    Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]) - r

/** Relative error |a − b| / |b|. */
export const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b)
