/**
 * One mesh per structure group (each vertebra, pelvis, femur, cord, vessels, lesion …) from the label and
 * part volumes of a case. One pass finds every id's bounding box, so each group is meshed over its own box
 * rather than the whole volume. Pure.
 */
import type { VolumeGeometry } from '../../lib/space'
import { downsampleVolume } from './downsampleVolume'
import { downsampleFactor, type SurfaceOptions } from './extractSurface'
import { reportStage, surfaceFromMask, type SurfaceProgress } from './surfaceFromMask'
import { emptySurfaceMesh, type SurfaceMesh } from './surfaceMesh'
import { clampBox, idLut, isEmptyBox, labelMask, thresholdMask, type VoxelBox } from './volumeMask'

/** A structure to mesh: voxels whose label is in `labelIds` and whose part is in `partIds`. */
export interface LabelSurfaceGroup {
  /** Stable key for the caller (e.g. 'L3', 'cord'). */
  readonly id: string
  /** Display name. */
  readonly name: string
  /** Display colour, sRGB hex. */
  readonly color: string
  /** Accepted label ids (src/lib/anatomy.ts `S.*`); omitted = any label. */
  readonly labelIds?: readonly number[]
  /** Accepted part ids (the case's part volume); omitted = any part. */
  readonly partIds?: readonly number[]
}

/** One group's mesh. */
export interface LabelSurface {
  readonly id: string
  readonly name: string
  readonly color: string
  /** Closed, outward-oriented mesh in LPS mm; empty when the group has no voxel. */
  readonly mesh: SurfaceMesh
}

/** Per-id bounding boxes of an id volume: 6 ints per id (min i, j, k, max i, j, k); min > max if absent. */
function idBoxes(
  ids: Uint8Array | Uint16Array,
  dims: readonly [number, number, number],
): Int32Array {
  const size = ids instanceof Uint8Array ? 256 : 65536
  const box = new Int32Array(6 * size)
  for (let id = 0; id < size; id++) {
    box[6 * id] = box[6 * id + 1] = box[6 * id + 2] = 0x7fffffff
    box[6 * id + 3] = box[6 * id + 4] = box[6 * id + 5] = -1
  }
  const [nx, ny, nz] = dims
  const close = (id: number, i0: number, i1: number, j: number, k: number): void => {
    const b = 6 * id
    if (i0 < box[b]) box[b] = i0
    if (j < box[b + 1]) box[b + 1] = j
    if (k < box[b + 2]) box[b + 2] = k
    if (i1 > box[b + 3]) box[b + 3] = i1
    if (j > box[b + 4]) box[b + 4] = j
    if (k > box[b + 5]) box[b + 5] = k
  }
  // Row by row, run by run: bounds are updated once per run of equal ids, not per voxel.
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const base = (j + ny * k) * nx
      let prev = ids[base]
      let runStart = 0
      for (let i = 1; i < nx; i++) {
        const id = ids[base + i]
        if (id === prev) continue
        close(prev, runStart, i - 1, j, k)
        prev = id
        runStart = i
      }
      close(prev, runStart, nx - 1, j, k)
    }
  }
  return box
}

/** Union of the boxes of `ids`; null when none is present. */
function unionBox(boxes: Int32Array, ids: readonly number[]): VoxelBox | null {
  const min = [Infinity, Infinity, Infinity]
  const max = [-Infinity, -Infinity, -Infinity]
  for (const id of ids) {
    const b = 6 * id
    if (!(id >= 0 && b + 5 < boxes.length) || boxes[b + 3] < 0) continue
    for (let a = 0; a < 3; a++) {
      min[a] = Math.min(min[a], boxes[b + a])
      max[a] = Math.max(max[a], boxes[b + 3 + a])
    }
  }
  if (min[0] === Infinity) return null
  return { min: [min[0], min[1], min[2]], max: [max[0], max[1], max[2]] }
}

function intersect(a: VoxelBox, b: VoxelBox): VoxelBox {
  return {
    min: [Math.max(a.min[0], b.min[0]), Math.max(a.min[1], b.min[1]), Math.max(a.min[2], b.min[2])],
    max: [Math.min(a.max[0], b.max[0]), Math.min(a.max[1], b.max[1]), Math.min(a.max[2], b.max[2])],
  }
}

/**
 * Extracts one closed mesh per group. `options.threshold` and `options.region` are ignored (masks are
 * binary; regions come from the groups). Groups are processed in order; progress covers all of them.
 * @param parts the case's part volume; required when a group lists partIds
 */
export function extractLabelSurfaces(
  labels: Uint8Array | Uint16Array,
  parts: Uint8Array | Uint16Array | null | undefined,
  geometry: VolumeGeometry,
  groups: readonly LabelSurfaceGroup[],
  options: SurfaceOptions = {},
  onProgress?: SurfaceProgress,
): LabelSurface[] {
  const dims = geometry.dims
  const n = dims[0] * dims[1] * dims[2]
  if (labels.length !== n) {
    throw new Error(`extractLabelSurfaces: labels have ${labels.length} voxels, geometry ${n}`)
  }
  if (parts && parts.length !== n) {
    throw new Error(`extractLabelSurfaces: parts have ${parts.length} voxels, geometry ${n}`)
  }
  const needsParts = groups.some((g) => g.partIds !== undefined)
  if (needsParts && !parts) {
    throw new Error('extractLabelSurfaces: a group lists partIds but no part volume was given')
  }
  const labelBoxes = groups.some((g) => g.labelIds !== undefined) ? idBoxes(labels, dims) : null
  const partBoxes = needsParts && parts ? idBoxes(parts, dims) : null
  const lutSize = (a: Uint8Array | Uint16Array): number => (a instanceof Uint8Array ? 256 : 65536)

  const out: LabelSurface[] = []
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi]
    const span = (f: number, stage: Parameters<SurfaceProgress>[1]): void => {
      if (onProgress) onProgress((gi + f) / groups.length, stage)
    }
    let box: VoxelBox | null = { min: [0, 0, 0], max: [dims[0] - 1, dims[1] - 1, dims[2] - 1] }
    if (g.labelIds !== undefined && labelBoxes) {
      const b = unionBox(labelBoxes, g.labelIds)
      box = b && intersect(box, b)
    }
    if (box && g.partIds !== undefined && partBoxes) {
      const b = unionBox(partBoxes, g.partIds)
      box = b && intersect(box, b)
    }
    if (!box || isEmptyBox(clampBox(box, dims))) {
      out.push({ id: g.id, name: g.name, color: g.color, mesh: emptySurfaceMesh() })
      continue
    }
    box = clampBox(box, dims)
    const labelLut = g.labelIds !== undefined ? idLut(g.labelIds, lutSize(labels)) : null
    const partLut = g.partIds !== undefined && parts ? idLut(g.partIds, lutSize(parts)) : null
    const voxels =
      (box.max[0] - box.min[0] + 1) * (box.max[1] - box.min[1] + 1) * (box.max[2] - box.min[2] + 1)
    const f = downsampleFactor(voxels, options)
    let mesh: SurfaceMesh
    if (f > 1) {
      const small = downsampleVolume(
        { kind: 'labels', labels, parts: parts ?? null, labelLut, partLut },
        geometry,
        f,
        box,
      )
      reportStage(span, 'downsample', 1)
      const mask = thresholdMask(small.values, small.geometry.dims, 0.5)
      reportStage(span, 'mask', 1)
      mesh = surfaceFromMask(
        mask,
        small.geometry,
        { values: small.values, threshold: 0.5 },
        options,
        span,
      )
    } else {
      const mask = labelMask(labels, parts ?? null, dims, labelLut, partLut, box)
      reportStage(span, 'mask', 1)
      mesh = surfaceFromMask(mask, geometry, null, options, span)
    }
    out.push({ id: g.id, name: g.name, color: g.color, mesh })
  }
  if (onProgress) onProgress(1, 'normals')
  return out
}
