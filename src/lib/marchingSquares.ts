/**
 * Iso-lines of a sampled 2-D scalar image by marching squares, as line segments in sample coordinates
 * (x along columns, y along rows). NaN samples (outside a field) break the line. Saddles are split by the
 * cell's centre value, so contours of a smooth field do not cross.
 */

/**
 * Segments of the iso-line `level` of `values` (`w` × `h`, row-major): a flat array x0,y0,x1,y1,…
 */
export function isoSegments(
  values: Float32Array,
  w: number,
  h: number,
  level: number,
): Float32Array {
  const out: number[] = []
  const lerp = (a: number, b: number) => (level - a) / (b - a)
  for (let y = 0; y + 1 < h; y++) {
    for (let x = 0; x + 1 < w; x++) {
      const i = y * w + x
      const a = values[i]! // top-left
      const b = values[i + 1]! // top-right
      const c = values[i + w + 1]! // bottom-right
      const d = values[i + w]! // bottom-left
      if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(c) || Number.isNaN(d)) continue
      const code =
        (a >= level ? 8 : 0) | (b >= level ? 4 : 0) | (c >= level ? 2 : 0) | (d >= level ? 1 : 0)
      if (code === 0 || code === 15) continue
      // Edge points: top (a–b), right (b–c), bottom (d–c), left (a–d).
      const top = () => [x + lerp(a, b), y] as const
      const right = () => [x + 1, y + lerp(b, c)] as const
      const bottom = () => [x + lerp(d, c), y + 1] as const
      const left = () => [x, y + lerp(a, d)] as const
      const seg = (p: readonly [number, number], q: readonly [number, number]) =>
        out.push(p[0], p[1], q[0], q[1])
      switch (code) {
        case 1:
        case 14:
          seg(left(), bottom())
          break
        case 2:
        case 13:
          seg(bottom(), right())
          break
        case 3:
        case 12:
          seg(left(), right())
          break
        case 4:
        case 11:
          seg(top(), right())
          break
        case 6:
        case 9:
          seg(top(), bottom())
          break
        case 7:
        case 8:
          seg(left(), top())
          break
        case 5:
        case 10: {
          const centreAbove = (a + b + c + d) / 4 >= level
          // 5: b and d above; 10: a and c above.
          if ((code === 5) === centreAbove) {
            seg(left(), top())
            seg(bottom(), right())
          } else {
            seg(left(), bottom())
            seg(top(), right())
          }
          break
        }
      }
    }
  }
  return Float32Array.from(out)
}
