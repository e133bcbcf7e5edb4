/**
 * Regenerates the data in `previewTables.ts` from the full models (minutes of CPU: run offline, e.g. from
 * a script, and paste the result). Pure.
 */
import { simulateCryoPhantom } from './cryoPhantom'
import type { AntennaType, MwFrequency } from './microwave'
import { simulateMwaZone } from './mwaZone'
import {
  CRYO_PREVIEW_PROBE_RADII_M,
  CRYO_PREVIEW_TIMES_S,
  MWA_PREVIEW_POWERS_W,
  MWA_PREVIEW_TIMES_S,
  RF_PREVIEW_LENGTHS_MM,
  RF_PREVIEW_SPACING_M,
  RF_PREVIEW_TIMES_S,
} from './previewTables'
import { simulateRfZones, type RfVariant } from './rfZone'

/** `MWA_PREVIEW_TABLE` rows for one antenna/frequency/state: per power, [L, D, distal] mm per time. */
export function buildMwaPreviewRows(
  type: AntennaType,
  frequency: MwFrequency,
  isPerfused: boolean,
): number[][] {
  return MWA_PREVIEW_POWERS_W.map((powerW) =>
    MWA_PREVIEW_TIMES_S.flatMap((durationS) => {
      const z = simulateMwaZone({
        powerW,
        durationS,
        type,
        frequency,
        isPerfused,
        spacingM: 0.0015,
      })
      return [z.lengthM, z.diameterM, z.distalM].map((m) => Math.round(m * 1e4) / 10)
    }),
  )
}

/** `CRYO_PREVIEW_PROFILES`: per probe radius and time, the single-probe T_min profile rounded to 0.1 °C. */
export function buildCryoPreviewProfiles(): number[][][] {
  return CRYO_PREVIEW_PROBE_RADII_M.map((probeRadiusM) =>
    CRYO_PREVIEW_TIMES_S.map((durationS) =>
      Array.from(
        simulateCryoPhantom({ nProbes: 1, probeRadiusM, durationS, spacingM: 0.0015 }).profileC,
        (v) => Math.round(v * 10) / 10,
      ),
    ),
  )
}

/** `RF_PREVIEW_TABLE` rows for one RF variant: per active length, [L, D, distal] mm per time node. */
export function buildRfPreviewRows(variant: RfVariant): number[][] {
  return RF_PREVIEW_LENGTHS_MM[variant].map((lengthMm) =>
    simulateRfZones({
      variant,
      activeLengthM: lengthMm / 1000,
      timesS: RF_PREVIEW_TIMES_S,
      spacingM: RF_PREVIEW_SPACING_M,
    }).flatMap((z) => [z.lengthM, z.diameterM, z.distalM].map((m) => Math.round(m * 1e4) / 10)),
  )
}
