/** Pixel statistics of a screenshot, to prove a canvas shows something (a blank canvas is a failure). */
import { expect, type Locator } from '@playwright/test'
import { PNG } from 'pngjs'

/** Luminance statistics of a PNG. */
export interface PixelStats {
  readonly width: number
  readonly height: number
  /** Mean luminance 0–255. */
  readonly mean: number
  /** Standard deviation of luminance. */
  readonly sd: number
  /** Fraction of pixels whose luminance differs from the most common value by more than 8. */
  readonly nonBackground: number
  /** Number of distinct luminance levels (0–255) present. */
  readonly levels: number
}

/** Computes luminance statistics of a PNG buffer. */
export function pixelStats(png: Buffer): PixelStats {
  const img = PNG.sync.read(png)
  const n = img.width * img.height
  const hist = new Uint32Array(256)
  let sum = 0
  let sum2 = 0
  for (let p = 0; p < n; p++) {
    const y = Math.round(
      0.2126 * img.data[4 * p] + 0.7152 * img.data[4 * p + 1] + 0.0722 * img.data[4 * p + 2],
    )
    hist[y]++
    sum += y
    sum2 += y * y
  }
  let mode = 0
  for (let v = 1; v < 256; v++) if (hist[v] > hist[mode]) mode = v
  let near = 0
  let levels = 0
  for (let v = 0; v < 256; v++) {
    if (Math.abs(v - mode) <= 8) near += hist[v]
    if (hist[v] > 0) levels++
  }
  const mean = sum / n
  return {
    width: img.width,
    height: img.height,
    mean,
    sd: Math.sqrt(Math.max(0, sum2 / n - mean * mean)),
    nonBackground: 1 - near / n,
    levels,
  }
}

/**
 * Asserts that the element's pixels show an image, not a blank or uniform canvas: enough non-background
 * pixels, contrast and grey levels. Thresholds are loose on purpose (any real CT slice passes by far;
 * a cleared canvas has sd ≈ 0 and one level).
 */
export async function expectNotBlank(
  locator: Locator,
  what: string,
  path?: string,
): Promise<PixelStats> {
  const png = await locator.screenshot(path ? { path } : {})
  const s = pixelStats(png)
  expect(s.nonBackground, `${what}: share of non-background pixels`).toBeGreaterThan(0.03)
  expect(s.sd, `${what}: luminance standard deviation`).toBeGreaterThan(6)
  expect(s.levels, `${what}: distinct grey levels`).toBeGreaterThan(12)
  return s
}
