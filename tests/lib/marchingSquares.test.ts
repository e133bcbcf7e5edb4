import { describe, expect, it } from 'vitest'
import { isoSegments } from '../../src/lib/marchingSquares'

/** Samples f on a w × h lattice. */
function lattice(w: number, h: number, f: (x: number, y: number) => number): Float32Array {
  const out = new Float32Array(w * h)
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = f(x, y)
  return out
}

describe('isoSegments', () => {
  it('puts every segment end of a circle on the circle within the interpolation error', () => {
    const w = 64
    const r = 20
    const v = lattice(w, w, (x, y) => Math.hypot(x - 31.5, y - 31.5))
    const seg = isoSegments(v, w, w, r)
    expect(seg.length).toBeGreaterThan(4 * 50)
    let maxErr = 0
    let length = 0
    for (let s = 0; s < seg.length; s += 4) {
      for (const e of [0, 2]) {
        maxErr = Math.max(
          maxErr,
          Math.abs(Math.hypot(seg[s + e] - 31.5, seg[s + e + 1] - 31.5) - r),
        )
      }
      length += Math.hypot(seg[s + 2] - seg[s], seg[s + 3] - seg[s + 1])
    }
    // Linear interpolation of a distance field on a unit lattice: error well under a sample.
    expect(maxErr).toBeLessThan(0.05)
    // The polygon's length approaches the circumference (chords are slightly shorter).
    expect(length / (2 * Math.PI * r)).toBeGreaterThan(0.99)
    expect(length / (2 * Math.PI * r)).toBeLessThan(1.001)
  })

  it('gives nothing for a constant field and for NaN cells', () => {
    expect(
      isoSegments(
        lattice(8, 8, () => 3),
        8,
        8,
        1,
      ),
    ).toHaveLength(0)
    expect(
      isoSegments(
        lattice(8, 8, () => NaN),
        8,
        8,
        1,
      ),
    ).toHaveLength(0)
  })

  it('closes the contour of a blob: every end point is shared by exactly two segments', () => {
    const w = 32
    const v = lattice(w, w, (x, y) => Math.exp(-((x - 12) ** 2 + (y - 17) ** 2) / 30))
    const seg = isoSegments(v, w, w, 0.5)
    const count = new Map<string, number>()
    for (let s = 0; s < seg.length; s += 2) {
      const k = `${seg[s].toFixed(4)},${seg[s + 1].toFixed(4)}`
      count.set(k, (count.get(k) ?? 0) + 1)
    }
    expect([...count.values()].every((c) => c === 2)).toBe(true)
  })

  it('resolves saddles by the centre value without crossing lines', () => {
    // a, c above; b, d below; centre above → a and c are joined: two segments cutting off b and d.
    const v = Float32Array.from([1, 0, 0.2, 1]) // rows: [a b; d c] = [1 0; 0.2 1]
    const seg = isoSegments(v, 2, 2, 0.5)
    expect(seg.length).toBe(8)
    // Cut off d (bottom-left) from the left edge to the bottom edge, and b (top-right) from the top edge
    // to the right edge; a and c stay joined through the centre.
    const ends = [...seg].map((n) => Number(n.toFixed(3)))
    expect(ends).toEqual([0, 0.625, 0.375, 1, 0.5, 0, 1, 0.5].map((n) => Number(n.toFixed(3))))
  })
})
