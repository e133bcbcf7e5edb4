/**
 * Colour maps for simulation overlays and projection images, as 256-entry RGB look-up tables built from a
 * few control points (linear in sRGB). The colour-blind-safe palette swaps the rainbow-like maps for
 * perceptually ordered ones readable with deuteranopia and protanopia (viridis/cividis-like control
 * points) and contour colours for the Okabe–Ito set.
 */
import type { ColormapId } from './fieldOverlay'

type Stop = readonly [t: number, r: number, g: number, b: number]

const STOPS: Record<ColormapId, readonly Stop[]> = {
  heat: [
    [0, 40, 0, 90],
    [0.3, 200, 0, 60],
    [0.6, 255, 120, 0],
    [0.85, 255, 220, 40],
    [1, 255, 255, 220],
  ],
  cold: [
    [0, 230, 250, 255],
    [0.4, 80, 180, 255],
    [1, 20, 30, 160],
  ],
  field: [
    [0, 20, 20, 120],
    [0.35, 0, 140, 220],
    [0.65, 60, 220, 120],
    [0.85, 250, 230, 50],
    [1, 255, 80, 40],
  ],
  dose: [
    [0, 60, 0, 80],
    [0.5, 220, 40, 120],
    [1, 255, 230, 120],
  ],
  cement: [
    [0, 200, 200, 200],
    [1, 255, 255, 255],
  ],
  contrast: [
    [0, 255, 255, 255],
    [1, 0, 0, 0],
  ],
  diverging: [
    [0, 30, 60, 200],
    [0.5, 240, 240, 240],
    [1, 200, 30, 30],
  ],
}

const VIRIDIS: readonly Stop[] = [
  [0, 68, 1, 84],
  [0.25, 59, 82, 139],
  [0.5, 33, 145, 140],
  [0.75, 94, 201, 98],
  [1, 253, 231, 37],
]
const CIVIDIS: readonly Stop[] = [
  [0, 0, 32, 77],
  [0.5, 124, 123, 120],
  [1, 255, 234, 70],
]

/** Okabe–Ito colours, distinguishable with the common colour-vision deficiencies. */
export const OKABE_ITO = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#FFFFFF',
] as const

/** Overlay palette choice. */
export type OverlayPalette = 'standard' | 'colorblind'

function buildLut(stops: readonly Stop[]): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 3)
  for (let n = 0; n < 256; n++) {
    const t = n / 255
    let k = 0
    while (k < stops.length - 2 && stops[k + 1]![0] < t) k++
    const a = stops[k]!
    const b = stops[k + 1] ?? a
    const f = b[0] > a[0] ? Math.min(1, Math.max(0, (t - a[0]) / (b[0] - a[0]))) : 0
    lut[3 * n] = a[1] + (b[1] - a[1]) * f
    lut[3 * n + 1] = a[2] + (b[2] - a[2]) * f
    lut[3 * n + 2] = a[3] + (b[3] - a[3]) * f
  }
  return lut
}

const cache = new Map<string, Uint8ClampedArray>()

/** The RGB look-up table (256 × 3 bytes) of a colour map under a palette. */
export function colormapLut(
  id: ColormapId,
  palette: OverlayPalette = 'standard',
): Uint8ClampedArray {
  const key = `${id}/${palette}`
  let lut = cache.get(key)
  if (!lut) {
    const safe = palette === 'colorblind'
    const stops =
      safe && (id === 'heat' || id === 'field' || id === 'dose')
        ? VIRIDIS
        : safe && (id === 'diverging' || id === 'cold')
          ? CIVIDIS
          : STOPS[id]
    lut = buildLut(stops)
    cache.set(key, lut)
  }
  return lut
}

/** A contour's colour under a palette: its own, or the n-th Okabe–Ito colour. */
export const contourColor = (color: string, n: number, palette: OverlayPalette): string =>
  palette === 'colorblind' ? OKABE_ITO[n % OKABE_ITO.length]! : color

/** CSS `rgb()` of the colour map at t ∈ [0, 1]. */
export function colormapCss(
  id: ColormapId,
  t: number,
  palette: OverlayPalette = 'standard',
): string {
  const lut = colormapLut(id, palette)
  const n = Math.round(Math.min(1, Math.max(0, t)) * 255)
  return `rgb(${lut[3 * n]}, ${lut[3 * n + 1]}, ${lut[3 * n + 2]})`
}
