/** Round lengths for the views' scale bars. */

/** The largest 1, 2 or 5 × 10^k millimetres not above `maxMm` (at least 1 mm). */
export function scaleBarLength(maxMm: number): number {
  if (!(maxMm > 1)) return 1
  const decade = 10 ** Math.floor(Math.log10(maxMm))
  for (const m of [5, 2, 1]) if (m * decade <= maxMm) return m * decade
  return decade
}
