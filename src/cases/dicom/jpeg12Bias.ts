/**
 * Correction of a known level-shift error in Cornerstone3D 5.14's 12-bit JPEG decoder (its pdf.js-derived
 * `codecs/jpeg.js`, used for transfer syntaxes 1.2.840.10008.1.2.4.51/.53/.55 with 16-bit allocation).
 *
 * After the inverse DCT, a sample q carries 4 fractional bits. The decoder writes
 *   (q + 2056 / c) >> 4   with c = 255 / (2^P − 1)   (P = the frame's sample precision),
 * which is right for P = 8 (2056 = 16·128 + 8: level shift plus rounding) but for P = 12 adds
 * 2056·4095/255 = 33016.94 instead of 16·2048 + 8 = 32776: every sample comes out
 * (33016.94 − 32776) / 16 = 15.06 units high (+30 HU on a 2.00024-slope CT). Subtracting 15 restores
 * floor((q + 32776) / 16) exactly for 94 % of samples and leaves the rest 1 unit high (the lost fraction
 * cannot be recovered); saturated samples stay saturated. Verified against GDCM/IJG decodes in the browser
 * conformance tests and by enumerating the decoder's arithmetic in tests/cases/dicom/jpeg12Bias.test.ts.
 * Since our own IJG-exact decoder (jpeg/jpegDct.ts, via jpegFrame.ts) takes these syntaxes, this correction
 * only applies to the streams it declines (several components) and Cornerstone then decodes. Pure.
 */
import { dicomParser } from './parseDicomHeader'

/** Transfer syntaxes Cornerstone decodes with that 12-bit path. */
export const CORNERSTONE_JPEG12_SYNTAXES: ReadonlySet<string> = new Set([
  '1.2.840.10008.1.2.4.51',
  '1.2.840.10008.1.2.4.53',
  '1.2.840.10008.1.2.4.55',
])

/** The decoder's excess in output units for precision P (0 for P = 8). */
export function jpegLevelShiftExcess(precision: number): number {
  const used = 2056 * ((2 ** precision - 1) / 255)
  const right = 16 * 2 ** (precision - 1) + 8
  return (used - right) / 16
}

/** Sample precision P of the first JPEG frame header (SOF0–SOF3) in `bytes`, or null. */
export function jpegSofPrecision(bytes: Uint8Array): number | null {
  for (let i = 0; i + 4 < bytes.length; i++) {
    if (bytes[i] !== 0xff) continue
    const m = bytes[i + 1]!
    // SOF0 baseline, SOF1 extended, SOF2 progressive, SOF3 lossless (not DHT 0xC4, JPG 0xC8, DAC 0xCC).
    if (m >= 0xc0 && m <= 0xc3) return bytes[i + 4]!
  }
  return null
}

/** Removes the excess from samples decoded by that path (in place); returns the samples. */
export function correctJpeg12Bias<T extends { [n: number]: number; readonly length: number }>(
  samples: T,
  precision: number,
): T {
  const shift = Math.floor(jpegLevelShiftExcess(precision))
  if (shift <= 0) return samples
  const max = 2 ** precision - 1
  for (let n = 0; n < samples.length; n++) {
    const v = samples[n]!
    if (v < max) samples[n] = v > shift ? v - shift : 0
  }
  return samples
}

/**
 * The JPEG precision to correct for when Cornerstone decodes this Part-10 file with its 12-bit path, or
 * null when it does not (other transfer syntaxes, 8-bit precision, unreadable header).
 */
export function cornerstoneJpeg12Precision(part10: ArrayBuffer): number | null {
  const u8 = new Uint8Array(part10)
  try {
    const meta = dicomParser.readPart10Header(u8)
    if (!CORNERSTONE_JPEG12_SYNTAXES.has(meta.string('x00020010') ?? '')) return null
    const ds = dicomParser.parseDicom(u8)
    const pixel = ds.elements.x7fe00010
    if (!pixel || (ds.uint16('x00280100') ?? 0) !== 16) return null
    const start = pixel.fragments?.[0]?.position ?? pixel.dataOffset
    const p = jpegSofPrecision(u8.subarray(start, Math.min(u8.length, start + 4096)))
    return p !== null && p > 8 ? p : null
  } catch {
    return null
  }
}
