import { squaredDistanceTransform, type DtGrid } from './distanceTransform'

/**
 * Where a mask's surface is taken to lie beyond its outermost voxel centres: half the smallest voxel
 * spacing, mm. Exact for isotropic voxels on axis-aligned faces; on anisotropic grids it under-states the
 * half-extent along the coarse axes by at most (s_max − s_min)/2.
 */
export const halfVoxelMm = (spacingMm: readonly [number, number, number]): number =>
  0.5 * Math.min(spacingMm[0], spacingMm[1], spacingMm[2])

/**
 * Signed distance (mm) from each voxel centre to the surface of `mask`: positive outside, negative inside.
 * Outside: distance to the nearest set voxel centre minus the half-voxel {@link halfVoxelMm}; inside: minus
 * (distance to the nearest unset voxel centre minus the half-voxel). So |value| ≥ half a voxel and the
 * surface sits between the two layers of boundary voxels. An empty mask is +∞ everywhere, a full one −∞.
 */
export function signedDistanceMm(mask: Uint8Array, grid: DtGrid): Float32Array {
  const toSet = squaredDistanceTransform(mask, grid)
  const toUnset = squaredDistanceTransform(mask, grid, true)
  const h = halfVoxelMm(grid.spacingMm)
  const out = new Float32Array(mask.length)
  for (let i = 0; i < mask.length; i++) {
    out[i] = mask[i] !== 0 ? -(Math.sqrt(toUnset[i]!) - h) : Math.sqrt(toSet[i]!) - h
  }
  return out
}
