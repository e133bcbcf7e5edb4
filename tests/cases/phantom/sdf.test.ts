/** SDF primitives against closed-form distances, and the union's lower-bound property. */
import { describe, expect, it } from 'vitest'
import {
  capsule,
  ellipsoid,
  ellipticTube,
  intersect,
  roundBox,
  roundCone,
  smoothUnion,
  sphere,
  subtract,
  union,
  type Shape,
} from '../../../src/cases/phantom/sdf'
import { createRng } from '../../../src/lib/rng'

const I = {
  o: [0, 0, 0] as const,
  u: [1, 0, 0] as const,
  v: [0, 1, 0] as const,
  w: [0, 0, 1] as const,
}
const rng = createRng(11)
const pts = Array.from(
  { length: 400 },
  () => [rng.uniform(-40, 40), rng.uniform(-40, 40), rng.uniform(-40, 40)] as const,
)

describe('exact primitives (1e-9: closed forms, rounding only)', () => {
  it('sphere and capsule', () => {
    const s = sphere([1, 2, 3], 5)
    const c = capsule([0, 0, -10], [0, 0, 10], 4)
    for (const [x, y, z] of pts) {
      expect(s.f(x, y, z)).toBeCloseTo(Math.hypot(x - 1, y - 2, z - 3) - 5, 9)
      const zc = Math.min(Math.max(z, -10), 10)
      expect(c.f(x, y, z)).toBeCloseTo(Math.hypot(x, y, z - zc) - 4, 9)
    }
  })

  it('round cone with equal radii is the capsule; with unequal radii it is exact on its axis', () => {
    const a = roundCone([0, 0, -10], 4, [0, 0, 10], 4)
    const c = capsule([0, 0, -10], [0, 0, 10], 4)
    for (const [x, y, z] of pts) expect(a.f(x, y, z)).toBeCloseTo(c.f(x, y, z), 9)
    const cone = roundCone([0, 0, 0], 6, [0, 0, 30], 2)
    expect(cone.f(0, 0, -10)).toBeCloseTo(4, 9)
    expect(cone.f(0, 0, 40)).toBeCloseTo(8, 9)
  })

  it('rounded box', () => {
    const b = roundBox(I, 10, 6, 4, 1)
    for (const [x, y, z] of pts) {
      const q = [Math.abs(x) - 9, Math.abs(y) - 5, Math.abs(z) - 3]
      const out = Math.hypot(Math.max(q[0], 0), Math.max(q[1], 0), Math.max(q[2], 0))
      expect(b.f(x, y, z)).toBeCloseTo(out + Math.min(Math.max(q[0], q[1], q[2]), 0) - 1, 9)
    }
  })
})

describe('approximate primitives', () => {
  it('ellipsoid is zero on its surface and signed correctly (1e-9 on the surface)', () => {
    const e = ellipsoid(I, 20, 10, 5)
    for (let i = 0; i < 100; i++) {
      const t = rng.uniform(0, Math.PI),
        f = rng.uniform(0, 2 * Math.PI)
      const p = [
        20 * Math.sin(t) * Math.cos(f),
        10 * Math.sin(t) * Math.sin(f),
        5 * Math.cos(t),
      ] as const
      expect(Math.abs(e.f(...p))).toBeLessThan(1e-9)
      expect(e.f(p[0] * 0.9, p[1] * 0.9, p[2] * 0.9)).toBeLessThan(0)
      expect(e.f(p[0] * 1.1, p[1] * 1.1, p[2] * 1.1)).toBeGreaterThan(0)
    }
  })

  it('a straight elliptic tube equals the elliptic cylinder distance in its section (1e-9)', () => {
    const t = ellipticTube(
      [
        { p: [0, 0, -30], a: 8, b: 5 },
        { p: [0, 0, 0], a: 8, b: 5 },
        { p: [0, 0, 30], a: 8, b: 5 },
      ],
      [1, 0, 0],
    )
    for (const [x, y] of [
      [8, 0],
      [0, 5],
      [-8, 0],
    ] as const) {
      expect(Math.abs(t.f(x, y, 7))).toBeLessThan(1e-9)
    }
    expect(t.f(0, 0, 40)).toBeCloseTo(10, 9)
  })
})

describe('operators', () => {
  const a = sphere([0, 0, 0], 10)
  const b = sphere([12, 0, 0], 6)
  it('union, intersection and subtraction are min / max / max(a, −b) (1e-9)', () => {
    const u = union([a, b])
    const i = intersect(a, b)
    const s = subtract(a, b)
    for (const [x, y, z] of pts) {
      const da = a.f(x, y, z),
        db = b.f(x, y, z)
      // Far from both boxes the union returns a lower bound; near them it is exact.
      if (Math.min(da, db) < 4) expect(u.f(x, y, z)).toBeCloseTo(Math.min(da, db), 9)
      else expect(u.f(x, y, z)).toBeLessThanOrEqual(Math.min(da, db) + 1e-9)
      if (da <= 2) expect(i.f(x, y, z)).toBeCloseTo(Math.max(da, db), 9)
      expect(s.f(x, y, z)).toBeCloseTo(Math.max(da, -db), 9)
    }
  })

  it('smooth union is never above the hard union and equals it where parts are ≥ k apart', () => {
    const k = 4
    const u = smoothUnion([a, b], k)
    for (const [x, y, z] of pts) {
      const da = a.f(x, y, z),
        db = b.f(x, y, z)
      expect(u.f(x, y, z)).toBeLessThanOrEqual(Math.min(da, db) + 1e-9)
      if (Math.abs(da - db) >= k && Math.min(da, db) < 4) {
        expect(u.f(x, y, z)).toBeCloseTo(Math.min(da, db), 9)
      }
    }
  })

  it('a binned union of many parts is a lower bound everywhere and exact near its parts', () => {
    const parts: Shape[] = Array.from({ length: 40 }, (_, i) =>
      sphere([Math.cos(i) * 30, Math.sin(i) * 30, i - 20], 3),
    )
    const u = union(parts)
    for (const [x, y, z] of pts) {
      const exact = Math.min(...parts.map((s) => s.f(x, y, z)))
      const got = u.f(x, y, z)
      expect(got).toBeLessThanOrEqual(exact + 1e-9)
      if (exact < 4) expect(got).toBeCloseTo(exact, 9)
    }
  })
})
