/**
 * How a regular LPS volume maps onto DICOM image-plane attributes (PS3.3 §C.7.6.2): slice k of the volume
 * is one image whose columns run along direction[0] (i) and rows along direction[1] (j).
 */
import type { VolumeGeometry } from '../../lib/space'
import { cross, dot, length, type Vec3 } from '../../lib/vec3'
import { assert } from '../../lib/assert'
import { formatDs } from './formatDs'

/** Tolerance for unit length and orthogonality of direction vectors (dimensionless). */
export const ORTHONORMAL_TOLERANCE = 1e-6

/** Image-plane attributes of one slice, already formatted as DICOM Decimal Strings. */
export interface SlicePlane {
  readonly imagePositionPatient: readonly [string, string, string]
  readonly imageOrientationPatient: readonly string[]
  /** [row spacing (between rows, along j), column spacing (along i)] — PS3.3 §10.7.1.3. */
  readonly pixelSpacing: readonly [string, string]
  /** IPP projected on the slice normal n = rowDir × colDir, in mm. */
  readonly sliceLocation: string
}

/** Throws unless the geometry's axes are orthonormal and k is along ±(i × j) (no sheared stacks). */
export function assertExportableGeometry(g: VolumeGeometry): void {
  const [r, c, s] = g.direction
  for (const v of [r, c, s]) {
    assert(Math.abs(length(v) - 1) < ORTHONORMAL_TOLERANCE, 'direction vectors must be unit length')
  }
  assert(
    Math.abs(dot(r, c)) < ORTHONORMAL_TOLERANCE,
    'row and column directions must be orthogonal',
  )
  assert(
    Math.abs(Math.abs(dot(cross(r, c), s)) - 1) < ORTHONORMAL_TOLERANCE,
    'slice direction must be perpendicular to the image plane',
  )
  assert(
    g.dims.every((d) => Number.isInteger(d) && d > 0),
    'dims must be positive integers',
  )
  assert(
    g.dims[0] <= 65535 && g.dims[1] <= 65535,
    'rows and columns must fit an unsigned 16-bit value',
  )
  assert(
    g.spacingMm.every((v) => v > 0 && Number.isFinite(v)),
    'spacing must be positive',
  )
}

/** World position (LPS mm) of the centre of the first pixel of slice k. */
export function slicePositionMm(g: VolumeGeometry, k: number): Vec3 {
  const s = g.direction[2]
  const d = k * g.spacingMm[2]
  return [g.originMm[0] + d * s[0], g.originMm[1] + d * s[1], g.originMm[2] + d * s[2]]
}

/** DICOM image-plane attributes of slice k. */
export function slicePlane(g: VolumeGeometry, k: number): SlicePlane {
  const [r, c] = g.direction
  const p = slicePositionMm(g, k)
  return {
    imagePositionPatient: [formatDs(p[0]), formatDs(p[1]), formatDs(p[2])],
    imageOrientationPatient: [...r, ...c].map(formatDs),
    pixelSpacing: [formatDs(g.spacingMm[1]), formatDs(g.spacingMm[0])],
    sliceLocation: formatDs(dot(p, cross(r, c))),
  }
}
