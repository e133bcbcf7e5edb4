/**
 * Binary inside/outside masks for surface extraction, padded by one voxel of "outside" on every side so
 * that surfaces touching the volume border still close. Pure; indices follow src/lib/space.ts (i fastest).
 */

/** Any typed array of scalar voxels (HU, masks, fractions). */
export type ScalarArray =
  | Int16Array
  | Uint16Array
  | Uint8Array
  | Int8Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array

/** Inclusive voxel index box (i, j, k). */
export interface VoxelBox {
  readonly min: readonly [number, number, number]
  readonly max: readonly [number, number, number]
}

/** A padded binary mask of a region of interest. */
export interface PaddedMask {
  /** 1 inside, 0 outside, i fastest; the outermost layer is always 0. */
  readonly data: Uint8Array
  /** Padded dims: the region's size plus 2 along each axis. */
  readonly dims: readonly [number, number, number]
  /** Volume index (i, j, k) of padded cell (0, 0, 0), i.e. the region's minimum − 1. */
  readonly origin: readonly [number, number, number]
  /**
   * Per padded row r = J + dims[1]·K: the lowest and highest I holding a 1 (rowMin > rowMax when the row is
   * empty). Editing the mask may leave these as a superset of the true range, which is all callers need.
   */
  readonly rowMin: Int32Array
  readonly rowMax: Int32Array
}

/** The whole volume as a box. */
export const fullBox = (dims: readonly [number, number, number]): VoxelBox => ({
  min: [0, 0, 0],
  max: [dims[0] - 1, dims[1] - 1, dims[2] - 1],
})

/** True when the box holds no voxel. */
export const isEmptyBox = (b: VoxelBox): boolean =>
  b.max[0] < b.min[0] || b.max[1] < b.min[1] || b.max[2] < b.min[2]

/** Clamps a box to the volume. */
export function clampBox(b: VoxelBox, dims: readonly [number, number, number]): VoxelBox {
  return {
    min: [Math.max(0, b.min[0]), Math.max(0, b.min[1]), Math.max(0, b.min[2])],
    max: [
      Math.min(dims[0] - 1, b.max[0]),
      Math.min(dims[1] - 1, b.max[1]),
      Math.min(dims[2] - 1, b.max[2]),
    ],
  }
}

function allocMask(box: VoxelBox): PaddedMask {
  const px = box.max[0] - box.min[0] + 3
  const py = box.max[1] - box.min[1] + 3
  const pz = box.max[2] - box.min[2] + 3
  const rows = py * pz
  return {
    data: new Uint8Array(px * py * pz),
    dims: [px, py, pz],
    origin: [box.min[0] - 1, box.min[1] - 1, box.min[2] - 1],
    rowMin: new Int32Array(rows).fill(px),
    rowMax: new Int32Array(rows).fill(-1),
  }
}

/**
 * Mask of voxels with value ≥ `threshold` inside `box` (default: the whole volume).
 * @param dims volume dims (i, j, k) of `values`
 */
export function thresholdMask(
  values: ScalarArray,
  dims: readonly [number, number, number],
  threshold: number,
  box: VoxelBox = fullBox(dims),
): PaddedMask {
  const m = allocMask(box)
  const [px, py] = m.dims
  const { data, rowMin, rowMax } = m
  const nx = dims[0]
  const nxy = dims[0] * dims[1]
  const i0 = box.min[0]
  const ni = box.max[0] - box.min[0] + 1
  for (let k = box.min[2]; k <= box.max[2]; k++) {
    const K = k - box.min[2] + 1
    for (let j = box.min[1]; j <= box.max[1]; j++) {
      const J = j - box.min[1] + 1
      const src = i0 + j * nx + k * nxy
      const dst = 1 + J * px + K * px * py
      let first = -1
      let last = -1
      for (let n = 0; n < ni; n++) {
        if (values[src + n] >= threshold) {
          data[dst + n] = 1
          if (first < 0) first = n
          last = n
        }
      }
      if (first >= 0) {
        rowMin[J + K * py] = first + 1
        rowMax[J + K * py] = last + 1
      }
    }
  }
  return m
}

/**
 * Mask of voxels whose label is accepted by `labelLut` and whose part is accepted by `partLut` (either
 * lookup may be null, meaning "any"), inside `box`.
 * @param labelLut 1 at each accepted label id (length ≥ max label + 1)
 * @param partLut 1 at each accepted part id
 */
export function labelMask(
  labels: Uint8Array | Uint16Array,
  parts: Uint8Array | Uint16Array | null,
  dims: readonly [number, number, number],
  labelLut: Uint8Array | null,
  partLut: Uint8Array | null,
  box: VoxelBox = fullBox(dims),
): PaddedMask {
  const m = allocMask(box)
  const [px, py] = m.dims
  const { data, rowMin, rowMax } = m
  const nx = dims[0]
  const nxy = dims[0] * dims[1]
  const i0 = box.min[0]
  const ni = box.max[0] - box.min[0] + 1
  for (let k = box.min[2]; k <= box.max[2]; k++) {
    const K = k - box.min[2] + 1
    for (let j = box.min[1]; j <= box.max[1]; j++) {
      const J = j - box.min[1] + 1
      const src = i0 + j * nx + k * nxy
      const dst = 1 + J * px + K * px * py
      let first = -1
      let last = -1
      for (let n = 0; n < ni; n++) {
        const isIn =
          (labelLut === null || labelLut[labels[src + n]] === 1) &&
          (partLut === null || parts === null || partLut[parts[src + n]] === 1)
        if (isIn) {
          data[dst + n] = 1
          if (first < 0) first = n
          last = n
        }
      }
      if (first >= 0) {
        rowMin[J + K * py] = first + 1
        rowMax[J + K * py] = last + 1
      }
    }
  }
  return m
}

/** Number of inside voxels. */
export function maskVoxelCount(m: PaddedMask): number {
  const px = m.dims[0]
  let n = 0
  for (let r = 0; r < m.rowMin.length; r++) {
    const base = r * px
    for (let I = m.rowMin[r]; I <= m.rowMax[r]; I++) n += m.data[base + I]
  }
  return n
}

/** A lookup table with 1 at each listed id; `size` must exceed every id. */
export function idLut(ids: readonly number[], size: number): Uint8Array {
  const lut = new Uint8Array(size)
  for (const id of ids) {
    if (Number.isInteger(id) && id >= 0 && id < size) lut[id] = 1
  }
  return lut
}
