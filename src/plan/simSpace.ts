/**
 * The plan → sim boundary (STYLE.md §3): LPS millimetres to sim metres on a volume's grid. Sim space has
 * its origin at the centre of voxel [0,0,0] and its axes along i, j, k (src/sim/bioheat/probeGeometry.ts,
 * src/sim/efield/rasteriseNeedle.ts). Every conversion from a plan to a simulator goes through here.
 */
import type { VolumeGeometry } from '../lib/space'
import { dot, sub, type Vec3 } from '../lib/vec3'
import { createGrid3, type Grid3 } from '../sim/grid/grid3'

/** Sim grid (metres) of a volume. */
export const simGridOf = (g: VolumeGeometry): Grid3 =>
  createGrid3(g.dims[0], g.dims[1], g.dims[2], [
    g.spacingMm[0] / 1000,
    g.spacingMm[1] / 1000,
    g.spacingMm[2] / 1000,
  ])

/** A point in LPS mm → sim metres: its offsets from voxel [0,0,0] along the (orthonormal) i, j, k axes. */
export function lpsToSimM(g: VolumeGeometry, pMm: Vec3): Vec3 {
  const d = sub(pMm, g.originMm)
  const [a, b, c] = g.direction
  return [dot(d, a) / 1000, dot(d, b) / 1000, dot(d, c) / 1000]
}

/** A direction in LPS → the same direction in sim axes (lengths are kept: the axes are orthonormal). */
export function lpsDirToSim(g: VolumeGeometry, v: Vec3): Vec3 {
  const [a, b, c] = g.direction
  return [dot(v, a), dot(v, b), dot(v, c)]
}
