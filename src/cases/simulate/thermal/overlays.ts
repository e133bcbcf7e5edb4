/**
 * The overlays of a thermal result: temperature over time (heat or cold colour map), the ablation zone
 * (Arrhenius Ω = 1, or the lethal isotherm of the lowest temperature for cryo) as an MPR contour and a 3-D
 * surface, and its uncertainty band as dashed contours, each on a small crop of the ROI with its source
 * and uncertainty in figures. Pure.
 */
import type { ContourSpec, FieldOverlay } from '../../../lib/fieldOverlay'
import type { VolumeGeometry } from '../../../lib/space'
import { CEM43_NECROSIS_MIN, CRYO_ISOTHERMS_C } from '../../../sim/bioheat/damage'
import { blockFor, boxWhere, cropField, cropGeometry, type CropBox } from './crop'

/** Largest overlay grid, voxels per frame. */
const MAX_TEMP_VOXELS = 90_000
const MAX_ZONE_VOXELS = 160_000

/** Floor of the logarithmic dose fields (log₁₀ of 10⁻⁴). */
const LOG_FLOOR = -4

/** log₁₀ of a dose relative to its threshold, floored. */
const logRel = (v: number, threshold: number): number =>
  v > 0 ? Math.max(LOG_FLOOR, Math.log10(v / threshold)) : LOG_FLOOR

/**
 * The band field of two damage models a, b (log₁₀ of dose over threshold): negative outside both zones
 * (max(a, b)), rising 0 → 1 across the band where only one model calls the voxel dead (u / (u − l)), and
 * 1 + min(a, b) where both do. Continuous, so its 0 and 1 contours are the band's outer and inner edges.
 */
export function bandValue(a: number, b: number): number {
  const u = Math.max(a, b)
  const l = Math.min(a, b)
  if (u < 0) return u
  if (l >= 0) return 1 + l
  return u / (u - l)
}

/** The crop of a field that matters: where `isIn` holds at the end, padded; the whole ROI if nowhere. */
function crop(
  roi: VolumeGeometry,
  isIn: (q: number) => boolean,
  pad: number,
  maxVoxels: number,
): CropBox {
  const d = roi.dims
  const box = boxWhere(d, isIn, pad) ?? {
    lo: [0, 0, 0] as [number, number, number],
    hi: [d[0] - 1, d[1] - 1, d[2] - 1] as [number, number, number],
  }
  return { ...box, block: blockFor(box, maxVoxels) }
}

/** Shared parts of a heating result's overlays. */
export interface HeatOverlayInput {
  readonly roi: VolumeGeometry
  readonly frames: readonly {
    readonly timeS: number
    readonly tempC: Float32Array
    readonly omega: Float32Array
    readonly cem43Min: Float32Array
  }[]
  readonly maxTempC: Float32Array
  readonly source: string
  readonly temperatureUncertainty: string
  readonly zoneUncertainty: string
  readonly bandUncertainty: string
  /** Name of the damage model of the main zone, e.g. "Arrhenius, liver set". */
  readonly modelName: string
}

/** Temperature, zone (Ω = 1) and band (Ω = 1 vs 240 CEM43) overlays of a heating run. */
export function heatOverlays(inp: HeatOverlayInput): FieldOverlay[] {
  const last = inp.frames[inp.frames.length - 1]!
  const tBox = crop(inp.roi, (q) => inp.maxTempC[q]! >= 39, 1, MAX_TEMP_VOXELS)
  const zBox = crop(
    inp.roi,
    (q) => last.omega[q]! >= 1e-3 || last.cem43Min[q]! >= CEM43_NECROSIS_MIN * 1e-3,
    2,
    MAX_ZONE_VOXELS,
  )
  const zoneContours: ContourSpec[] = [
    { level: 0, color: '#ff3b30', label: `Ω = 1: ablation zone (${inp.modelName})`, show3d: true },
  ]
  return [
    {
      type: 'field',
      id: 'temperature',
      label: 'Temperature',
      unit: '°C',
      grid: cropGeometry(inp.roi, tBox),
      frames: inp.frames.map((f) => ({ timeS: f.timeS, data: cropField(inp.roi, f.tempC, tBox) })),
      colormap: 'heat',
      range: [40, 100],
      opacity: 0.55,
      contours: [{ level: 45, color: '#ffe14d', label: '45 °C: nerve limit', dashed: true }],
      source: inp.source,
      uncertainty: inp.temperatureUncertainty,
      visibleByDefault: true,
    },
    {
      type: 'field',
      id: 'zone',
      label: 'Ablation zone',
      unit: 'log₁₀ Ω',
      grid: cropGeometry(inp.roi, zBox),
      frames: inp.frames.map((f) => ({
        timeS: f.timeS,
        data: cropField(inp.roi, f.omega, zBox, (v) => logRel(v, 1)),
      })),
      colormap: null,
      range: [LOG_FLOOR, 2],
      opacity: 0,
      contours: zoneContours,
      source: inp.source,
      uncertainty: inp.zoneUncertainty,
      visibleByDefault: true,
    },
    {
      type: 'field',
      id: 'zone-band',
      label: 'Zone uncertainty band',
      unit: '',
      grid: cropGeometry(inp.roi, zBox),
      frames: inp.frames.map((f) => ({
        timeS: f.timeS,
        data: cropField(inp.roi, f.omega, zBox, (v, q) =>
          bandValue(logRel(v, 1), logRel(f.cem43Min[q]!, CEM43_NECROSIS_MIN)),
        ),
      })),
      colormap: null,
      range: [0, 1],
      opacity: 0,
      contours: [
        { level: 0, color: '#ff9f0a', label: 'Band outer edge: either model', dashed: true },
        { level: 1, color: '#bf5af2', label: 'Band inner edge: both models', dashed: true },
      ],
      source: inp.source,
      uncertainty: inp.bandUncertainty,
      visibleByDefault: true,
    },
  ]
}

/** Shared parts of a cryo result's overlays. */
export interface ColdOverlayInput {
  readonly roi: VolumeGeometry
  readonly frames: readonly {
    readonly timeS: number
    readonly tempC: Float32Array
    readonly minTempC: Float32Array
  }[]
  readonly lethalC: number
  readonly source: string
  readonly temperatureUncertainty: string
  readonly zoneUncertainty: string
}

/** Outer and inner edges of the cryo band, °C (FACTS §1.1 "Cold" [D]). */
export const CRYO_BAND_C = { outer: -10, inner: CRYO_ISOTHERMS_C.certain } as const

/** Temperature (cold map, 0 °C ice edge) and lowest-temperature (lethal isotherm + band) overlays. */
export function coldOverlays(inp: ColdOverlayInput): FieldOverlay[] {
  const last = inp.frames[inp.frames.length - 1]!
  const box = crop(inp.roi, (q) => last.minTempC[q]! <= 20, 2, MAX_TEMP_VOXELS)
  const grid = cropGeometry(inp.roi, box)
  return [
    {
      type: 'field',
      id: 'temperature',
      label: 'Temperature',
      unit: '°C',
      grid,
      frames: inp.frames.map((f) => ({ timeS: f.timeS, data: cropField(inp.roi, f.tempC, box) })),
      // A reversed range: colder than 20 °C is coloured, darkest at −60 °C (fieldOverlayLayer).
      colormap: 'cold',
      range: [20, -60],
      opacity: 0.5,
      contours: [
        {
          level: CRYO_ISOTHERMS_C.visibleIce,
          color: '#64d2ff',
          label: '0 °C: visible ice edge',
          show3d: true,
          below: true,
        },
        { level: 10, color: '#ffe14d', label: '10 °C: nerve limit', dashed: true, below: true },
      ],
      source: inp.source,
      uncertainty: inp.temperatureUncertainty,
      visibleByDefault: true,
    },
    {
      type: 'field',
      id: 'zone',
      label: 'Lethal zone (lowest temperature)',
      unit: '°C',
      grid,
      frames: inp.frames.map((f) => ({
        timeS: f.timeS,
        data: cropField(inp.roi, f.minTempC, box),
      })),
      colormap: null,
      range: [-60, 20],
      opacity: 0,
      contours: [
        {
          level: inp.lethalC,
          color: '#0a84ff',
          label: `${inp.lethalC} °C: lethal zone`,
          show3d: true,
          below: true,
        },
        {
          level: CRYO_BAND_C.outer,
          color: '#ff9f0a',
          label: `${CRYO_BAND_C.outer} °C: band outer edge`,
          dashed: true,
          below: true,
        },
        {
          level: CRYO_BAND_C.inner,
          color: '#bf5af2',
          label: `${CRYO_BAND_C.inner} °C: band inner edge`,
          dashed: true,
          below: true,
        },
      ],
      source: inp.source,
      uncertainty: inp.zoneUncertainty,
      visibleByDefault: true,
    },
  ]
}
