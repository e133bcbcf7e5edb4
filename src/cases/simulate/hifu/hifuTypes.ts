/**
 * Options and result detail of the HIFU simulation (plain data: options come from the panel, the detail
 * goes to the panel through the worker). LPS millimetres.
 */
import { z } from 'zod'
import type { Vec3 } from '../../../lib/vec3'

const finite = (lo: number, hi: number) => z.number().min(lo).max(hi)

/** One sonication as the panel edits it: a focus offset from the transducer focus and its timing. */
const SonicationSpecSchema = z.strictObject({
  offsetMm: z.tuple([finite(-50, 50), finite(-50, 50), finite(-50, 50)]),
  /** Acoustic power, W (the device schema's bounds). */
  acousticPowerW: finite(1, 500),
  durationS: finite(1, 120),
  coolingS: finite(0, 600),
})

/** Options of a HIFU run (all optional). */
export const HifuOptionsSchema = z.strictObject({
  /** Replaces the device's sonication list for this run. */
  sonications: z.array(SonicationSpecSchema).min(1).max(40).optional(),
  /** Places an automatic grid over the target bone surface instead (ignored when `sonications` is set). */
  autoGrid: z.boolean().optional(),
  /** Spacing of the automatic grid, mm. */
  gridSpacingMm: finite(2, 15).optional(),
  /** Most sonications of the automatic grid. */
  maxSonications: z.number().int().min(1).max(25).optional(),
})

export type HifuSonicationSpec = z.infer<typeof SonicationSpecSchema>
export type HifuOptions = z.infer<typeof HifuOptionsSchema>

/** Reads a run's options, with a plain message on bad input. */
export function parseHifuOptions(options: unknown): HifuOptions {
  const r = HifuOptionsSchema.safeParse(options ?? {})
  if (r.success) return r.data
  const first = r.error.issues[0]
  const where = first?.path.join('.') ?? ''
  throw new Error(
    `HIFU options rejected: ${where ? `${where}: ` : ''}${first?.message ?? 'invalid'}`,
  )
}

/** How a sonication's focus is reached. */
export type FocusMode = 'steered' | 'moved'

/** One simulated sonication. */
export interface HifuSonicationResult {
  readonly offsetMm: Vec3
  readonly acousticPowerW: number
  readonly durationS: number
  readonly coolingS: number
  readonly startS: number
  readonly energyJ: number
  /** Electronic steering within the limits, or a mechanical move of the transducer. */
  readonly mode: FocusMode
  /** Intensity efficiency of the steering (1 when moved or unsteered). */
  readonly steeringEfficiency: number
  /** Peak pressure in the region, MPa. */
  readonly peakPressureMPa: number
  /** Peak temperature in the region at the end of the sonication, °C. */
  readonly peakTempC: number
  /** Wall time of the field solve, ms. */
  readonly fieldMs: number
}

/** Detail payload of a HIFU result, for the HIFU panel. */
export interface HifuDetail {
  readonly frequencyMHz: number
  readonly apertureMm: number
  readonly radiusOfCurvatureMm: number
  readonly fNumber: number
  readonly steeringLimitsMm: { readonly lateral: number; readonly axial: number }
  /** Where the sonication list came from. */
  readonly sonicationSource: 'plan' | 'options' | 'auto'
  readonly sonications: readonly HifuSonicationResult[]
  readonly totalEnergyJ: number
  /** Field method, grid and source elements. */
  readonly field: {
    readonly method: string
    readonly dims: readonly [number, number, number]
    readonly spacingMm: number
    readonly elements: number
    /** Mean field solve time per sonication, ms. */
    readonly meanMs: number
  }
  /** Structures the beam cone crosses (bowl → 3 mm before the focus). */
  readonly crossings: readonly {
    readonly name: string
    readonly coneFraction: number
    readonly nearestToFocusMm: number
  }[]
  /** True when the cone crosses bowel gas (or any gas or lung). */
  readonly crossesGas: boolean
  readonly incidenceDeg: number | null
  readonly criticalAngleDeg: number | null
  /** Target bone-surface voxels (facing the beam, within steering reach) at ≥ 240 CEM43, fraction. */
  readonly surfaceCoveredFraction: number
}
