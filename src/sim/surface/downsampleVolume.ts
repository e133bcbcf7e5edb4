/**
 * Block-mean downsampling for very large volumes: each output voxel is the mean of an f×f×f block, so a
 * label mask becomes an inside fraction whose 0.5 level is a smoother surface than the blocky mask would
 * give. Pure.
 */
import { ijkToWorld, type VolumeGeometry } from '../../lib/space'
import { fullBox, type ScalarArray, type VoxelBox } from './volumeMask'

/** A downsampled volume and its geometry (LPS mm). */
export interface DownsampledVolume {
  readonly values: Float32Array
  readonly geometry: VolumeGeometry
}

/** Where the samples come from: scalar values, or a label/part predicate (1 inside, 0 outside). */
export type DownsampleInput =
  | { readonly kind: 'scalar'; readonly values: ScalarArray }
  | {
      readonly kind: 'labels'
      readonly labels: Uint8Array | Uint16Array
      readonly parts: Uint8Array | Uint16Array | null
      readonly labelLut: Uint8Array | null
      readonly partLut: Uint8Array | null
    }

/**
 * Means over f×f×f blocks of `box` (default: the whole volume). The output grid's voxel (0,0,0) sits at the
 * centre of the first block, spacing × f; blocks cut by the far border average the voxels they have, so
 * their centres are off by at most (f − 1)/2 input voxels there.
 */
export function downsampleVolume(
  input: DownsampleInput,
  geometry: VolumeGeometry,
  factor: number,
  box: VoxelBox = fullBox(geometry.dims),
): DownsampledVolume {
  const f = Math.max(1, Math.floor(factor))
  const [nx, ny] = geometry.dims
  const nxy = nx * ny
  const [i0, j0, k0] = box.min
  const si = box.max[0] - i0 + 1
  const sj = box.max[1] - j0 + 1
  const sk = box.max[2] - k0 + 1
  const dx = Math.ceil(si / f)
  const dy = Math.ceil(sj / f)
  const dz = Math.ceil(sk / f)
  const sum = new Float64Array(dx * dy * dz)
  const count = new Float64Array(dx * dy * dz)
  for (let k = 0; k < sk; k++) {
    const ok = ((k / f) | 0) * dx * dy
    for (let j = 0; j < sj; j++) {
      const oj = ok + ((j / f) | 0) * dx
      const src = i0 + (j + j0) * nx + (k + k0) * nxy
      for (let i = 0; i < si; i++) {
        const o = oj + ((i / f) | 0)
        let v: number
        if (input.kind === 'scalar') {
          v = input.values[src + i]
        } else {
          const isIn =
            (input.labelLut === null || input.labelLut[input.labels[src + i]] === 1) &&
            (input.partLut === null ||
              input.parts === null ||
              input.partLut[input.parts[src + i]] === 1)
          v = isIn ? 1 : 0
        }
        sum[o] += v
        count[o]++
      }
    }
  }
  const values = new Float32Array(sum.length)
  for (let o = 0; o < sum.length; o++) values[o] = sum[o] / count[o]
  const half = (f - 1) / 2
  return {
    values,
    geometry: {
      dims: [dx, dy, dz],
      spacingMm: [geometry.spacingMm[0] * f, geometry.spacingMm[1] * f, geometry.spacingMm[2] * f],
      originMm: ijkToWorld(geometry, [i0 + half, j0 + half, k0 + half]),
      direction: geometry.direction,
    },
  }
}
