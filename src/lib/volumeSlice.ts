/** Extracts windowed axis-aligned slices from a volume, for textures and thumbnails. Pure. */
import type { VolumeGeometry } from './space'
import { windowToByte } from './windowPresets'

/** Index axis of a slice: 0 = i (sagittal for axial CT), 1 = j (coronal), 2 = k (axial). */
export type SliceAxis = 0 | 1 | 2

/** A 2-D greyscale image: `width` along the first remaining axis, `height` along the second. */
export interface SliceImage {
  readonly width: number
  readonly height: number
  /** Grey levels 0–255, row-major, first remaining axis fastest. */
  readonly bytes: Uint8Array
}

/**
 * Samples the slice `index` (clamped) perpendicular to `axis`. For axis 2 the image runs along i then j;
 * for axis 1 along i then k; for axis 0 along j then k.
 */
export function extractSlice(
  g: VolumeGeometry,
  ct: Int16Array,
  axis: SliceAxis,
  index: number,
  lower: number,
  upper: number,
): SliceImage {
  const [nx, ny] = g.dims
  const s = Math.min(Math.max(Math.round(index), 0), g.dims[axis] - 1)
  const width = axis === 0 ? ny : nx
  const height = axis === 2 ? ny : g.dims[2]
  const bytes = new Uint8Array(width * height)
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const idx =
        axis === 2
          ? u + nx * (v + ny * s)
          : axis === 1
            ? u + nx * (s + ny * v)
            : s + nx * (u + ny * v)
      bytes[u + width * v] = windowToByte(ct[idx] ?? -1024, lower, upper)
    }
  }
  return { width, height, bytes }
}
