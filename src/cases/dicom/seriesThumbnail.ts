/** A small greyscale preview of a slice, for the series picker. Pure. */
import { windowToByte } from '../../lib/windowPresets'
import { storedToHu } from './storedToHu'

/** A thumbnail: grey levels 0–255, row-major. */
export interface Thumbnail {
  readonly width: number
  readonly height: number
  readonly grey: Uint8Array
}

/**
 * Downsamples one decoded frame (stored values, columns fastest) to at most `size` pixels on its long
 * side (nearest sample), through the modality LUT and a soft-tissue-friendly CT window (W 1500 / L 300
 * shows bone and the body outline on any CT).
 */
export function makeThumbnail(
  frame: ArrayLike<number>,
  rows: number,
  columns: number,
  rescale: { slope: number; intercept: number; padding: number | undefined },
  size = 96,
): Thumbnail {
  const step = Math.max(1, Math.ceil(Math.max(rows, columns) / size))
  const width = Math.floor(columns / step)
  const height = Math.floor(rows / step)
  const grey = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const hu = storedToHu(
        frame[y * step * columns + x * step] ?? 0,
        rescale.slope,
        rescale.intercept,
        rescale.padding,
      )
      grey[x + width * y] = windowToByte(hu, -450, 1050)
    }
  }
  return { width, height, grey }
}
