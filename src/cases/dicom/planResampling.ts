/**
 * Pure resampling plan for stacks that are not a regular grid (non-uniform spacing, missing slices, gantry
 * tilt): the target uniform grid and, per target slice, the two source slices to blend linearly along the
 * normal, with the in-plane shift that undoes the tilt shear for each. The lead's imaging code applies it
 * to decoded pixels: target(i, j, t) = Σ weight · source[slice](i + shiftColumns, j + shiftRows), sampled
 * bilinearly, padding outside the source image.
 */
import type { VolumeGeometry } from '../../lib/space'
import { assert } from '../../lib/assert'
import { cross, dot, normalize, scale, sub, type Vec3 } from '../../lib/vec3'

/** A stack of parallel images, positions sorted ascending along n = rowDir × colDir. */
export interface StackInput {
  /** IPP of each image in sorted order, LPS mm. */
  readonly slicePositions: readonly Vec3[]
  readonly rowDirection: Vec3
  readonly columnDirection: Vec3
  /** [row spacing, column spacing], mm. */
  readonly pixelSpacingMm: readonly [number, number]
  readonly rows: number
  readonly columns: number
}

/** One contribution to a target slice. */
export interface ResampleSource {
  /** Index into `slicePositions`. */
  readonly slice: number
  /** Linear-interpolation weight along n; the two weights of a target slice sum to 1. */
  readonly weight: number
  /** Sample the source at column i + shiftColumns (pixels) to undo its in-plane offset. */
  readonly shiftColumns: number
  /** Sample the source at row j + shiftRows (pixels). */
  readonly shiftRows: number
}

/** One slice of the target grid. */
export interface ResampleSlice {
  /** Distance from the first source slice along n, mm. */
  readonly offsetMm: number
  readonly sources: readonly [ResampleSource, ResampleSource]
}

/** The plan: target geometry plus per-slice sources. */
export interface ResamplingPlan {
  /** Regular target grid: origin at the first source IPP, direction [rowDir, colDir, n]. */
  readonly geometry: VolumeGeometry
  readonly slices: readonly ResampleSlice[]
}

/**
 * Plans resampling onto a uniform grid with spacing `targetSpacingMm` along n (default: the median source
 * step). The target spans the source range; the last target slice is the last whole step inside it.
 */
export function planResampling(
  stack: StackInput,
  options: { readonly targetSpacingMm?: number } = {},
): ResamplingPlan {
  const p = stack.slicePositions
  assert(p.length >= 2, 'planResampling: need at least two slices')
  const r = stack.rowDirection
  const c = stack.columnDirection
  const n = normalize(cross(r, c))
  const p0 = p[0] ?? [0, 0, 0]
  const s = p.map((q) => dot(sub(q, p0), n))
  for (let k = 1; k < s.length; k++) {
    assert(
      (s[k] ?? 0) > (s[k - 1] ?? 0),
      'planResampling: positions must strictly increase along n',
    )
  }
  const steps = s
    .slice(1)
    .map((v, k) => v - (s[k] ?? 0))
    .sort((a, b) => a - b)
  const mid = steps.length >> 1
  const median =
    steps.length % 2 ? (steps[mid] ?? 0) : ((steps[mid - 1] ?? 0) + (steps[mid] ?? 0)) / 2
  const dz = options.targetSpacingMm ?? median
  assert(dz > 0, 'planResampling: target spacing must be positive')
  const range = s[s.length - 1] ?? 0
  // 1e-9 relative slack so a stack whose range is an exact multiple of dz keeps its last slice.
  const count = Math.floor(range / dz + 1e-9) + 1
  const [rowSpacing, colSpacing] = stack.pixelSpacingMm
  // `|| 0` turns −0 into 0, so an untilted stack has exactly zero shifts.
  const shifts = p.map((q, k) => {
    const offset = sub(sub(q, p0), scale(n, s[k] ?? 0))
    return {
      shiftColumns: -dot(offset, r) / colSpacing || 0,
      shiftRows: -dot(offset, c) / rowSpacing || 0,
    }
  })

  const slices: ResampleSlice[] = []
  let j = 0
  for (let t = 0; t < count; t++) {
    const at = t * dz
    while (j < s.length - 2 && (s[j + 1] ?? 0) < at) j++
    const s0 = s[j] ?? 0
    const s1 = s[j + 1] ?? 0
    const w1 = Math.min(1, Math.max(0, (at - s0) / (s1 - s0)))
    const src = (k: number, weight: number): ResampleSource => ({
      slice: k,
      weight,
      ...(shifts[k] ?? { shiftColumns: 0, shiftRows: 0 }),
    })
    slices.push({ offsetMm: at, sources: [src(j, 1 - w1), src(j + 1, w1)] })
  }
  return {
    geometry: {
      dims: [stack.columns, stack.rows, count],
      spacingMm: [colSpacing, rowSpacing, dz],
      originMm: p0,
      direction: [r, c, n],
    },
    slices,
  }
}
