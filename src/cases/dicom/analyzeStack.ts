/**
 * Geometry of a stack of parallel image planes from their ImagePositionPatient (IPP) values alone:
 * order along the slice normal n = rowDir × colDir, spacing regularity, missing slices, duplicate positions
 * and gantry tilt (a shear: IPP advancing off the normal). Never uses InstanceNumber, SliceLocation, file
 * names or the Gantry/Detector Tilt tag, which are unreliable (see shared/testdata/dicom/MANIFEST.md §3).
 */
import { cross, dot, normalize, sub, type Vec3 } from '../../lib/vec3'

/** Positions closer than this along n count as the same position, mm (IPP is written with ~1e-3 mm precision). */
export const DUPLICATE_POSITION_TOLERANCE_MM = 0.01
/** Absolute part of the spacing tolerance, mm. */
export const SPACING_TOLERANCE_MM = 0.01
/** Relative part of the spacing tolerance (fraction of the nominal spacing). */
export const SPACING_TOLERANCE_FRACTION = 0.01
/** In-plane drift of the IPP across the whole stack above which it is reported as tilt, in pixels. */
export const TILT_DRIFT_TOLERANCE_PX = 0.1

/** One irregular step between consecutive sorted slices. */
export interface SpacingGap {
  /** Index (in sorted order) of the slice before the gap. */
  readonly afterSlice: number
  readonly gapMm: number
  /** Slices missing in the gap when it is a whole multiple of the nominal spacing, else 0. */
  readonly missingSlices: number
}

/** Spacing along the normal. */
export interface SpacingReport {
  /** Median step, mm: the spacing most of the stack has. */
  readonly nominalMm: number
  readonly minMm: number
  readonly maxMm: number
  /** Every step within tolerance of the nominal one. */
  readonly isUniform: boolean
  /** Steps that are whole multiples (≥ 2) of the nominal spacing: missing slices. */
  readonly missing: readonly SpacingGap[]
  /** Steps that are neither nominal nor a multiple of it. */
  readonly irregular: readonly SpacingGap[]
  /** Distinct step sizes (clustered within tolerance) and how often each occurs. */
  readonly distinct: ReadonlyArray<{ readonly spacingMm: number; readonly count: number }>
}

/** In-plane shear of the stack (gantry tilt). */
export interface TiltReport {
  /** Angle between the IPP progression and the slice normal, degrees. */
  readonly angleDeg: number
  /** In-plane IPP displacement per mm along n: [along rowDir, along colDir]. */
  readonly shearPerMm: readonly [number, number]
  /** Total in-plane drift across the stack, mm. */
  readonly driftMm: number
}

/** Result of analysing one stack. */
export interface StackAnalysis {
  /** Unit normal n = rowDir × colDir. */
  readonly normal: Vec3
  /** Input indices in ascending order of position along n. */
  readonly order: readonly number[]
  /** Position of each sorted slice along n, mm (IPP·n). */
  readonly positionsMm: readonly number[]
  /** Groups of sorted indices that share one position (only groups of ≥ 2). */
  readonly duplicates: ReadonlyArray<readonly number[]>
  /** `null` when fewer than two distinct positions exist. */
  readonly spacing: SpacingReport | null
  /** `null` when the IPP progression follows n within tolerance. */
  readonly tilt: TiltReport | null
}

const median = (v: readonly number[]): number => {
  const s = [...v].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2
}

/** Clusters step sizes within `tol` (steps sorted; a new cluster starts when a step leaves the current one). */
function clusterSteps(
  steps: readonly number[],
  tol: number,
): Array<{ spacingMm: number; count: number }> {
  const s = [...steps].sort((a, b) => a - b)
  const out: Array<{ spacingMm: number; sum: number; count: number }> = []
  for (const v of s) {
    const last = out[out.length - 1]
    if (last && v - last.spacingMm <= tol) {
      last.sum += v
      last.count++
    } else out.push({ spacingMm: v, sum: v, count: 1 })
  }
  return out.map((c) => ({ spacingMm: c.sum / c.count, count: c.count }))
}

function analyzeSpacing(pos: readonly number[]): SpacingReport {
  const steps = pos.slice(1).map((p, i) => p - (pos[i] ?? 0))
  const nominal = median(steps)
  const tol = Math.max(SPACING_TOLERANCE_MM, SPACING_TOLERANCE_FRACTION * nominal)
  const missing: SpacingGap[] = []
  const irregular: SpacingGap[] = []
  steps.forEach((gap, k) => {
    if (Math.abs(gap - nominal) <= tol) return
    const m = Math.round(gap / nominal)
    if (m >= 2 && Math.abs(gap - m * nominal) <= tol * m) {
      missing.push({ afterSlice: k, gapMm: gap, missingSlices: m - 1 })
    } else irregular.push({ afterSlice: k, gapMm: gap, missingSlices: 0 })
  })
  return {
    nominalMm: nominal,
    minMm: Math.min(...steps),
    maxMm: Math.max(...steps),
    isUniform: missing.length === 0 && irregular.length === 0,
    missing,
    irregular,
    distinct: clusterSteps(steps, tol),
  }
}

/** Least-squares slope of y against x (with intercept). */
function slope(x: readonly number[], y: readonly number[]): number {
  const n = x.length
  const mx = x.reduce((a, b) => a + b, 0) / n
  const my = y.reduce((a, b) => a + b, 0) / n
  let sxy = 0
  let sxx = 0
  for (let i = 0; i < n; i++) {
    sxy += ((x[i] ?? 0) - mx) * ((y[i] ?? 0) - my)
    sxx += ((x[i] ?? 0) - mx) ** 2
  }
  return sxx > 0 ? sxy / sxx : 0
}

/**
 * Analyses a stack of image positions (LPS mm) sharing one orientation. `pixelSpacingMm` is
 * [row spacing, column spacing] and sets the tilt tolerance.
 */
export function analyzeStack(
  positions: readonly Vec3[],
  rowDirection: Vec3,
  columnDirection: Vec3,
  pixelSpacingMm: readonly [number, number],
): StackAnalysis {
  const normal = normalize(cross(rowDirection, columnDirection))
  const along = positions.map((p) => dot(p, normal))
  const order = along.map((_, i) => i).sort((a, b) => (along[a] ?? 0) - (along[b] ?? 0) || a - b)
  const sorted = order.map((i) => along[i] ?? 0)
  const duplicates: number[][] = []
  const distinct: number[] = []
  for (let k = 0; k < sorted.length; k++) {
    const prev = distinct[distinct.length - 1]
    if (
      k > 0 &&
      prev !== undefined &&
      (sorted[k] ?? 0) - (sorted[prev] ?? 0) < DUPLICATE_POSITION_TOLERANCE_MM
    ) {
      const group = duplicates[duplicates.length - 1]
      if (group && group[0] === prev) group.push(k)
      else duplicates.push([prev, k])
    } else distinct.push(k)
  }
  const spacing = distinct.length >= 2 ? analyzeSpacing(distinct.map((k) => sorted[k] ?? 0)) : null
  let tilt: TiltReport | null = null
  if (distinct.length >= 2) {
    const p0 = positions[order[0] ?? 0] ?? [0, 0, 0]
    const t = distinct.map((k) => (sorted[k] ?? 0) - (sorted[0] ?? 0))
    const inPlane = distinct.map((k) => sub(positions[order[k] ?? 0] ?? p0, p0))
    const a = slope(
      t,
      inPlane.map((d) => dot(d, rowDirection)),
    )
    const b = slope(
      t,
      inPlane.map((d) => dot(d, columnDirection)),
    )
    const shear = Math.hypot(a, b)
    const driftMm = shear * (t[t.length - 1] ?? 0)
    if (driftMm > TILT_DRIFT_TOLERANCE_PX * Math.min(pixelSpacingMm[0], pixelSpacingMm[1])) {
      tilt = { angleDeg: (Math.atan(shear) * 180) / Math.PI, shearPerMm: [a, b], driftMm }
    }
  }
  return { normal, order, positionsMm: sorted, duplicates, spacing, tilt }
}
