import { describe, expect, it } from 'vitest'
import { IDENTITY_DIRECTION, type VolumeGeometry } from '../../../src/lib/space'
import {
  computeMetrics as computeMetricsFull,
  maskCount,
  maskFromField,
  sphereMask,
  ellipsoidMask,
  targetMask,
  voxelVolumeMl,
} from '../../../src/plan'

/** A cube of side `sideMm` centred on the origin, voxel centres on multiples of `h` (so shapes sit symmetric). */
function cubeGrid(sideMm: number, h: number): VolumeGeometry {
  const n = Math.round(sideMm / h) + 1
  const o = -((n - 1) * h) / 2
  return {
    dims: [n, n, n],
    spacingMm: [h, h, h],
    originMm: [o, o, o],
    direction: IDENTITY_DIRECTION,
  }
}

/** A box grid from loMm to hiMm (same on every axis unless given per axis), voxel centres on multiples of h. */
function boxGrid(
  lo: readonly [number, number, number],
  hi: readonly [number, number, number],
  h: number,
): VolumeGeometry {
  const dims = [0, 1, 2].map((a) => Math.round((hi[a] - lo[a]) / h) + 1) as [number, number, number]
  return {
    dims,
    spacingMm: [h, h, h],
    originMm: [lo[0], lo[1], lo[2]],
    direction: IDENTITY_DIRECTION,
  }
}

/** computeMetrics with a 2 mm distance box: enough for margins (the box keeps one outside layer), and fast. */
const computeMetrics = (input: Parameters<typeof computeMetricsFull>[0]) =>
  computeMetricsFull({ searchMm: 2, ...input })

/** Volume of the intersection of spheres r1, r2 whose centres are d apart (0 < d < r1 + r2). */
function lensVolume(r1: number, r2: number, d: number): number {
  if (d <= Math.abs(r1 - r2)) return (4 / 3) * Math.PI * Math.min(r1, r2) ** 3
  return (
    (Math.PI *
      (r1 + r2 - d) ** 2 *
      (d * d + 2 * d * r2 - 3 * r2 * r2 + 2 * d * r1 + 6 * r1 * r2 - 3 * r1 * r1)) /
    (12 * d)
  )
}

describe('computeMetrics on analytic shapes', () => {
  const g = cubeGrid(24, 0.5)

  it.each([
    [8, 12],
    [6, 8.5],
    [10, 10.5],
  ])(
    'concentric spheres R1 = %d, R2 = %d: full coverage and min margin R2 − R1 within one voxel',
    (r1, r2) => {
      const target = sphereMask(g, [0, 0, 0], r1)
      const treated = sphereMask(g, [0, 0, 0], r2)
      const m = computeMetrics({ geometry: g, target, treated })
      expect(m.coveragePercent).toBe(100)
      // One voxel (0.5 mm): both surfaces are voxelised to half a voxel each.
      expect(Math.abs(m.minMarginMm! - (r2 - r1))).toBeLessThanOrEqual(0.5)
      expect(Math.abs(m.meanMarginMm! - (r2 - r1))).toBeLessThanOrEqual(0.5)
      // Conservation: with the target inside the zone, healthy = zone − target, voxel for voxel.
      expect(m.treatedHealthyMl).toBeCloseTo(m.treatedVolumeMl - m.targetVolumeMl, 9)
      // Voxelised sphere volumes match the analytic ones to 2 % at R/h ≥ 12.
      const zone = ((4 / 3) * Math.PI * r2 ** 3) / 1000
      expect(Math.abs(m.treatedVolumeMl - zone) / zone).toBeLessThan(0.02)
    },
  )

  it('a zone smaller than the target gives a negative margin of −(R1 − R2)', () => {
    const g = cubeGrid(28, 0.5)
    const m = computeMetrics({
      geometry: g,
      target: sphereMask(g, [0, 0, 0], 12),
      treated: sphereMask(g, [0, 0, 0], 9),
    })
    expect(Math.abs(m.minMarginMm! + 3)).toBeLessThanOrEqual(0.5)
    const expected = 100 * (9 / 12) ** 3
    expect(Math.abs(m.coveragePercent - expected)).toBeLessThan(3)
  })

  it.each([
    [10, 10, 8],
    [8, 11, 6],
    [12, 9, 15],
    [10, 10, 3],
  ])(
    'offset spheres R1 = %d, R2 = %d, %d mm apart: coverage = analytic lens fraction within 3 points',
    (r1, r2, d) => {
      const target = sphereMask(g, [0, 0, 0], r1)
      const treated = sphereMask(g, [d * 0.6, d * 0.8, 0], r2)
      const m = computeMetrics({ geometry: g, target, treated })
      const expected = (100 * lensVolume(r1, r2, d)) / ((4 / 3) * Math.PI * r1 ** 3)
      // 3 percentage points: the brief's tolerance for voxelised lens volumes at 0.5 mm voxels.
      expect(Math.abs(m.coveragePercent - expected)).toBeLessThan(3)
      // The margin is set where the zone falls shortest: at the target point farthest from the zone centre.
      expect(Math.abs(m.minMarginMm! - (r2 - (r1 + d)))).toBeLessThanOrEqual(0.75)
    },
  )

  it('measures the gap to critical structures, negative when the zone reaches into them', () => {
    const g = boxGrid([-12, -12, -12], [26, 12, 12], 0.5)
    const treated = sphereMask(g, [0, 0, 0], 10)
    const target = sphereMask(g, [0, 0, 0], 6)
    const slab = (x0: number): Uint8Array => {
      const m = new Uint8Array(treated.length)
      const [nx] = g.dims
      for (let n = 0; n < m.length; n++) {
        if (g.originMm[0] + (n % nx) * g.spacingMm[0] >= x0) m[n] = 1
      }
      return m
    }
    const res = computeMetrics({
      geometry: g,
      target,
      treated,
      critical: [
        { key: 'near', mask: slab(15) },
        { key: 'into', mask: slab(8) },
        { key: 'far', mask: slab(23.5) },
        { key: 'none', mask: new Uint8Array(treated.length) },
      ],
      searchMm: 10,
    })
    const by = Object.fromEntries(res.critical.map((c) => [c.key, c]))
    // Sphere surface at x = 10, slab surface at x = 15: 5 mm, within one voxel.
    expect(Math.abs(by.near.distanceMm! - 5)).toBeLessThanOrEqual(0.5)
    expect(by.near.overlapMl).toBe(0)
    // Slab from x = 8 reaches 2 mm into the zone.
    expect(Math.abs(by.into.distanceMm! + 2)).toBeLessThanOrEqual(0.5)
    expect(by.into.overlapMl).toBeGreaterThan(0)
    // 13.5 mm away but the box is padded by only 10 mm beyond the zone: reported as beyond the search.
    expect(by.far).toEqual({ key: 'far', distanceMm: null, isBeyondSearch: true, overlapMl: 0 })
    expect(by.none).toEqual({ key: 'none', distanceMm: null, isBeyondSearch: false, overlapMl: 0 })
  })

  it('takes a field with a threshold, and reads exact trilinear values at named points', () => {
    const g = cubeGrid(16, 0.5)
    const [nx, ny] = g.dims
    const field = new Float32Array(g.dims[0] * g.dims[1] * g.dims[2])
    for (let n = 0; n < field.length; n++) {
      const x = g.originMm[0] + (n % nx) * g.spacingMm[0]
      const y = g.originMm[1] + (Math.floor(n / nx) % ny) * g.spacingMm[1]
      // Linear in x and y: trilinear interpolation reproduces it exactly (up to float32 storage).
      field[n] = 60 + 2 * x - 0.5 * y
    }
    const target = sphereMask(g, [0, 0, 0], 5)
    const viaField = computeMetrics({
      geometry: g,
      target,
      treated: { field, threshold: 60, above: true },
      points: [
        { name: 'A', mm: [1.3, -2.7, 0.2] },
        { name: 'outside', mm: [100, 0, 0] },
      ],
    })
    const viaMask = computeMetrics({ geometry: g, target, treated: maskFromField(field, 60, true) })
    expect(viaField.coveragePercent).toBe(viaMask.coveragePercent)
    expect(viaField.minMarginMm).toBe(viaMask.minMarginMm)
    // float32 storage of values ≤ ~110: absolute error below 1e-5.
    expect(viaField.points[0].value).toBeCloseTo(60 + 2 * 1.3 + 0.5 * 2.7, 4)
    expect(viaField.points[0].isTreated).toBe(true)
    expect(viaField.points[1]).toEqual({
      name: 'outside',
      value: null,
      isTreated: false,
      signedDistanceMm: null,
    })
    // The zone is the half-space 2x − 0.5y ≥ 0: about half the target is covered.
    expect(Math.abs(viaField.coveragePercent - 50)).toBeLessThan(3)
  })

  it('splits treated healthy tissue by label and reports empty inputs without NaN', () => {
    const small = cubeGrid(10, 1)
    const labels = new Uint8Array(small.dims[0] ** 3).fill(3)
    for (let n = 0; n < labels.length; n += 2) labels[n] = 7
    const treated = sphereMask(small, [0, 0, 0], 3)
    const m = computeMetrics({
      geometry: small,
      labels,
      target: new Uint8Array(labels.length),
      treated,
    })
    const total = m.treatedHealthyByStructure.reduce((s, x) => s + x.volumeMl, 0)
    expect(total).toBeCloseTo(maskCount(treated) * voxelVolumeMl(small), 12)
    expect(m.coveragePercent).toBe(0)
    expect(m.minMarginMm).toBeNull()
    const empty = computeMetrics({
      geometry: small,
      target: new Uint8Array(labels.length),
      treated: new Uint8Array(labels.length),
    })
    expect(empty.treatedVolumeMl).toBe(0)
    expect(empty.minMarginMm).toBeNull()
  })

  it('rejects masks of the wrong size', () => {
    expect(() =>
      computeMetrics({ geometry: g, target: new Uint8Array(5), treated: new Uint8Array(5) }),
    ).toThrow(/voxels/)
  })
})

describe('mask helpers', () => {
  it('a rotated ellipsoid holds the analytic volume within 2 percent and equals a sphere when radii agree', () => {
    const g = cubeGrid(40, 0.5)
    const c = Math.SQRT1_2
    const axes = [
      [c, c, 0],
      [-c, c, 0],
      [0, 0, 1],
    ] as const
    const e = ellipsoidMask(g, [1, -2, 0.5], [12, 6, 4], axes)
    const v = (maskCount(e) * voxelVolumeMl(g) * 1000) / ((4 / 3) * Math.PI * 12 * 6 * 4)
    expect(Math.abs(v - 1)).toBeLessThan(0.02)
    // With exactly representable (permuted) axes and equal radii the ellipsoid is the sphere, voxel for voxel.
    const permuted = [
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ] as const
    const a = ellipsoidMask(g, [0.25, 0, 0], [7, 7, 7], permuted)
    const b = sphereMask(g, [0.25, 0, 0], 7)
    let differ = 0
    for (let n = 0; n < a.length; n++) if (a[n] !== b[n]) differ++
    expect(differ).toBe(0)
    expect(maskCount(b)).toBeGreaterThan(0)
  })

  it('targetMask builds label, sphere and painted targets and refuses a painted target from another grid', () => {
    const g = cubeGrid(4, 1)
    const labels = new Uint8Array(125)
    labels[7] = 30
    labels[9] = 30
    expect(
      maskCount(
        targetMask({ kind: 'label', id: 't', label: '', labelId: 30 }, { geometry: g, labels }),
      ),
    ).toBe(2)
    const lesion = new Uint8Array(125)
    lesion[9] = 1
    expect(
      maskCount(
        targetMask(
          { kind: 'label', id: 't', label: '', labelId: 30, lesionId: 'b' },
          { geometry: g, labels },
          () => lesion,
        ),
      ),
    ).toBe(1)
    expect(
      maskCount(
        targetMask(
          { kind: 'sphere', id: 's', label: '', centreMm: [0, 0, 0], radiusMm: 1 },
          { geometry: g, labels },
        ),
      ),
    ).toBe(7)
    const painted = {
      kind: 'painted' as const,
      id: 'p',
      label: '',
      fingerprint: 'g1-0000000000000000',
      dims: [5, 5, 5] as [number, number, number],
      runs: [125],
    }
    expect(() => targetMask(painted, { geometry: g, labels })).toThrow(/painted on/)
  })
})
