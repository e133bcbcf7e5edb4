import { describe, expect, it } from 'vitest'
import { ijkToWorld } from '../../../src/lib/space'
import { add, cross, dot, scale, type Vec3 } from '../../../src/lib/vec3'
import { analyzeStack } from '../../../src/cases/dicom/analyzeStack'
import { planResampling, type ResamplingPlan, type StackInput } from '../../../src/cases/dicom'

/** A world-linear field: linear along n and bilinear in-plane interpolation reproduce it exactly. */
const grad: Vec3 = [0.7, -1.3, 2.1]
const field = (p: Vec3): number => 5 + dot(grad, p)

function sourceImages(stack: StackInput): Float64Array[] {
  const [rowSp, colSp] = stack.pixelSpacingMm
  return stack.slicePositions.map((ipp) => {
    const img = new Float64Array(stack.rows * stack.columns)
    for (let row = 0; row < stack.rows; row++) {
      for (let col = 0; col < stack.columns; col++) {
        const p = add(
          add(ipp, scale(stack.rowDirection, col * colSp)),
          scale(stack.columnDirection, row * rowSp),
        )
        img[col + stack.columns * row] = field(p)
      }
    }
    return img
  })
}

/** Applies a plan the way its TSDoc specifies; NaN where a sample falls outside a source image. */
function applyPlan(plan: ResamplingPlan, stack: StackInput, src: Float64Array[]): Float64Array {
  const [nx, ny, nz] = plan.geometry.dims
  const out = new Float64Array(nx * ny * nz)
  const bilinear = (img: Float64Array, x: number, y: number): number => {
    if (x < 0 || y < 0 || x > stack.columns - 1 || y > stack.rows - 1) return NaN
    const x0 = Math.min(Math.floor(x), stack.columns - 2)
    const y0 = Math.min(Math.floor(y), stack.rows - 2)
    const fx = x - x0
    const fy = y - y0
    const v = (i: number, j: number): number => img[i + stack.columns * j]
    return (
      (v(x0, y0) * (1 - fx) + v(x0 + 1, y0) * fx) * (1 - fy) +
      (v(x0, y0 + 1) * (1 - fx) + v(x0 + 1, y0 + 1) * fx) * fy
    )
  }
  plan.slices.forEach((sl, t) => {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        let v = 0
        for (const s of sl.sources) {
          v +=
            s.weight === 0
              ? 0
              : s.weight * bilinear(src[s.slice], i + s.shiftColumns, j + s.shiftRows)
        }
        out[i + nx * (j + ny * t)] = v
      }
    }
  })
  return out
}

/** Largest |resampled − field| over target voxels whose samples fell inside the sources, and their count. */
function maxError(plan: ResamplingPlan, stack: StackInput): { err: number; checked: number } {
  const out = applyPlan(plan, stack, sourceImages(stack))
  const [nx, ny, nz] = plan.geometry.dims
  let err = 0
  let checked = 0
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const v = out[i + nx * (j + ny * k)]
        if (Number.isNaN(v)) continue
        checked++
        err = Math.max(err, Math.abs(v - field(ijkToWorld(plan.geometry, [i, j, k]))))
      }
    }
  }
  return { err, checked }
}

describe('planResampling', () => {
  // GE-like tilted acquisition: IOP tilted by θ about x, table moves along z with non-uniform steps.
  const theta = (18.5 * Math.PI) / 180
  const r: Vec3 = [1, 0, 0]
  const c: Vec3 = [0, Math.cos(theta), -Math.sin(theta)]
  const z = [0, 4, 8, 12, 13.1, 20.5, 27.9, 35.3]
  const tilted: StackInput = {
    slicePositions: z.map((zz) => [-10, -8, 3 + zz] as Vec3),
    rowDirection: r,
    columnDirection: c,
    pixelSpacingMm: [0.9, 0.6],
    rows: 30,
    columns: 24,
  }

  it('reproduces a world-linear field exactly on a tilted, non-uniform stack', () => {
    const plan = planResampling(tilted)
    const { err, checked } = maxError(plan, tilted)
    // Exact arithmetic for a linear field; 1e-9 covers float rounding of values ~1e2.
    expect(err).toBeLessThan(1e-9)
    expect(checked).toBeGreaterThan(
      0.5 * plan.geometry.dims[0] * plan.geometry.dims[1] * plan.geometry.dims[2],
    )
    const n = cross(r, c)
    plan.geometry.direction[2].forEach((v, a) => expect(Math.abs(v - n[a])).toBeLessThan(1e-15))
  })

  it('undoes the shear: the shift of each source grows linearly with its distance along n', () => {
    const plan = planResampling(tilted)
    const a = analyzeStack(tilted.slicePositions, r, c, tilted.pixelSpacingMm)
    for (const sl of plan.slices) {
      for (const s of sl.sources) {
        const ds = a.positionsMm[s.slice] - a.positionsMm[0]
        // In-plane offset per mm along n is −tan θ along c (IPP moves along z only); shift undoes it.
        expect(Math.abs(s.shiftRows - (Math.tan(theta) * ds) / 0.9)).toBeLessThan(1e-9)
        expect(Math.abs(s.shiftColumns)).toBeLessThan(1e-12)
      }
      expect(Math.abs(sl.sources[0].weight + sl.sources[1].weight - 1)).toBeLessThan(1e-15)
      for (const s of sl.sources) expect(s.weight >= 0 && s.weight <= 1).toBe(true)
    }
  })

  it('is the identity on a uniform, untilted stack', () => {
    const uniform: StackInput = {
      ...tilted,
      columnDirection: [0, 1, 0],
      slicePositions: [0, 1, 2, 3, 4].map((k) => [1, 2, 3 + 2.5 * k] as Vec3),
    }
    const plan = planResampling(uniform)
    expect(plan.geometry.dims).toEqual([24, 30, 5])
    expect(plan.geometry.spacingMm).toEqual([0.6, 0.9, 2.5])
    plan.slices.forEach((sl, t) => {
      const used = sl.sources.filter((s) => s.weight > 0)
      expect(used).toHaveLength(1)
      expect(used[0]).toEqual({ slice: t, weight: 1, shiftColumns: 0, shiftRows: 0 })
    })
  })

  it('honours a requested target spacing: count = ⌊range / Δ⌋ + 1', () => {
    const plan = planResampling(tilted, { targetSpacingMm: 1 })
    const range = 35.3 * Math.cos(theta)
    expect(plan.geometry.dims[2]).toBe(Math.floor(range) + 1)
    expect(maxError(plan, tilted).err).toBeLessThan(1e-9)
  })

  it('refuses fewer than two slices or positions that do not increase', () => {
    expect(() => planResampling({ ...tilted, slicePositions: [[0, 0, 0]] })).toThrow(/two slices/)
    expect(() =>
      planResampling({
        ...tilted,
        slicePositions: [
          [0, 0, 1],
          [0, 0, 0],
        ],
      }),
    ).toThrow(/increase/)
  })
})
