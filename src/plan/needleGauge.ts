/**
 * Nominal outer diameters of needle gauges (ISO 9626 / Stubs table, [U] standard table not re-read here).
 * The brief's anchors 17 G = 1.47 mm and 13 G = 2.41 mm ("2.4 mm" cryoprobes, FACTS.md §1.4 Littrup 2009)
 * agree with it. Devices with a gauge outside this table are rejected by the schema.
 */
export const GAUGE_OUTER_DIAMETER_MM: Readonly<Record<number, number>> = {
  10: 3.4,
  11: 3.05,
  12: 2.77,
  13: 2.41,
  14: 2.11,
  15: 1.83,
  16: 1.65,
  17: 1.47,
  18: 1.27,
  19: 1.07,
  20: 0.91,
  21: 0.82,
  22: 0.72,
}

/** Smallest and largest gauge number in the table. */
export const GAUGE_RANGE = { min: 10, max: 22 } as const

/** Outer diameter (mm) of a needle of the given gauge; throws for a gauge outside the table. */
export function gaugeOuterDiameterMm(gauge: number): number {
  const d = GAUGE_OUTER_DIAMETER_MM[gauge]
  if (d === undefined) {
    throw new Error(
      `gaugeOuterDiameterMm: no diameter for ${gauge} G (known ${GAUGE_RANGE.min}–${GAUGE_RANGE.max} G)`,
    )
  }
  return d
}
