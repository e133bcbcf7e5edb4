/**
 * Re-reads decoded pixels as the header declares them (PS3.5 §8.1.1: the stored value is the low
 * BitsStored bits, two's complement when PixelRepresentation is 1). Some JPEG 2000 streams are coded
 * unsigned while the header says signed (MANIFEST.md §7 `J2K_pixelrep_mismatch.dcm`,
 * `TOSHIBA_J2K_SIZ0_PixRep1.dcm`); the decoder then returns 63488 where the stored value is -2048. Values
 * already inside the declared range are left alone, so a decoder that honoured a signed codestream under an
 * unsigned header (`TOSHIBA_J2K_SIZ1_PixRep0.dcm`, whose correct result is signed) is trusted. Pure.
 */

/**
 * `pixels` itself when every value fits the declared signed range (or the data is unsigned), otherwise a
 * copy where out-of-range values are reduced to their low `bitsStored` bits read as two's complement.
 */
export function interpretStored(
  pixels: ArrayLike<number>,
  bitsStored: number,
  pixelRepresentation: number,
): ArrayLike<number> {
  if (pixelRepresentation !== 1 || bitsStored < 2 || bitsStored > 32) return pixels
  const span = 2 ** bitsStored
  const half = span / 2
  let out: Int32Array | null = null
  for (let n = 0; n < pixels.length; n++) {
    const v = pixels[n]!
    if (v < half && v >= -half) continue
    if (!out) out = Int32Array.from(pixels)
    const low = ((v % span) + span) % span
    out[n] = low >= half ? low - span : low
  }
  return out ?? pixels
}
