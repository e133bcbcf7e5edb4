/**
 * The modality LUT of the import path, shared by `assembleVolume` and the decoding diagnostics: stored value →
 * HU through Rescale Slope/Intercept (PS3.3 §C.11.1), Pixel Padding Value shown as air, the result rounded
 * and clamped to the Int16 range of our volumes. Pure.
 */

/** HU written where the scanner marked padding (outside the reconstruction circle): air. */
export const PADDING_HU = -1024

const clampHu = (v: number): number => (v < -32768 ? -32768 : v > 32767 ? 32767 : Math.round(v))

/**
 * HU of one stored value: `PADDING_HU` when it equals `padding`, otherwise `stored × slope + intercept`
 * rounded to the nearest integer and clamped to [-32768, 32767].
 */
export function storedToHu(
  stored: number,
  slope: number,
  intercept: number,
  padding: number | undefined,
): number {
  return padding !== undefined && stored === padding
    ? PADDING_HU
    : clampHu(stored * slope + intercept)
}

/** Rounds and clamps an HU value to the Int16 range of our volumes (for interpolated values). */
export function clampToInt16Hu(v: number): number {
  return clampHu(v)
}
