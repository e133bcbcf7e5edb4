/** Builds the quad of an axis-aligned slice in scene coordinates, for any volume direction. */
import { BufferAttribute, BufferGeometry, type DataTexture } from 'three'
import type { CtVolume } from '../cases/volume'
import type { SceneFrame } from '../lib/sceneFrame'
import { lpsToScene } from '../lib/sceneFrame'
import { ijkToWorld, type VolumeGeometry } from '../lib/space'
import { extractSlice, type SliceAxis } from '../lib/volumeSlice'
import type { Vec3 } from '../lib/vec3'

/** The four voxel-edge corners (ijk) of slice `s` perpendicular to `axis`, in texture order. */
export function sliceCornersIjk(
  dims: readonly [number, number, number],
  axis: SliceAxis,
  s: number,
): Vec3[] {
  const [a, b, c] = [dims[0] - 0.5, dims[1] - 0.5, dims[2] - 0.5]
  const lo = -0.5
  if (axis === 2) {
    return [
      [lo, lo, s],
      [a, lo, s],
      [a, b, s],
      [lo, b, s],
    ]
  }
  if (axis === 1) {
    return [
      [lo, s, lo],
      [a, s, lo],
      [a, s, c],
      [lo, s, c],
    ]
  }
  return [
    [s, lo, lo],
    [s, b, lo],
    [s, b, c],
    [s, lo, c],
  ]
}

/** Writes the slice quad's positions into `geom` (created with `createSliceGeometry`). */
export function updateSliceGeometry(
  geom: BufferGeometry,
  g: VolumeGeometry,
  frame: SceneFrame,
  axis: SliceAxis,
  s: number,
): void {
  const pos = geom.getAttribute('position') as BufferAttribute
  sliceCornersIjk(g.dims, axis, s).forEach((p, n) => {
    const q = lpsToScene(frame, ijkToWorld(g, p))
    pos.setXYZ(n, q[0], q[1], q[2])
  })
  pos.needsUpdate = true
  geom.computeBoundingSphere()
}

/** A two-triangle quad with texture coordinates matching `extractSlice`'s image layout. */
export function createSliceGeometry(): BufferGeometry {
  const geom = new BufferGeometry()
  geom.setAttribute('position', new BufferAttribute(new Float32Array(12), 3))
  geom.setAttribute('uv', new BufferAttribute(new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]), 2))
  geom.setIndex([0, 1, 2, 0, 2, 3])
  return geom
}

/** One slice plane's three.js resources and the slice it currently shows. */
export interface SlicePlane {
  readonly axis: SliceAxis
  readonly geometry: BufferGeometry
  readonly texture: DataTexture
  slice: number
}

/** Moves a plane to slice `index` (clamped) and refills its texture through the window. Mutates `plane`. */
export function updateSlicePlane(
  plane: SlicePlane,
  volume: CtVolume,
  frame: SceneFrame,
  index: number,
  lower: number,
  upper: number,
): void {
  const g = volume.geometry
  const idx = Math.min(Math.max(index, 0), g.dims[plane.axis] - 1)
  plane.slice = idx
  const img = extractSlice(g, volume.ct, plane.axis, idx, lower, upper)
  const rgba = plane.texture.image.data as Uint8Array
  for (let n = 0; n < img.bytes.length; n++) {
    const v = img.bytes[n]!
    rgba[4 * n] = v
    rgba[4 * n + 1] = v
    rgba[4 * n + 2] = v
    rgba[4 * n + 3] = 255
  }
  plane.texture.needsUpdate = true
  updateSliceGeometry(plane.geometry, g, frame, plane.axis, idx)
}
