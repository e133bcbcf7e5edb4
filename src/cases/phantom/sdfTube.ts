/**
 * Swept tubes for vessels, nerves, ribs and bowel: an elliptic section along a polyline, and a round tube
 * with per-node radii. Split from sdf.ts (same conventions: LPS mm, signed distance, bounded boxes).
 */
import type { Vec3 } from '../../lib/vec3'
import { ellipse2, roundCone, union, type Shape } from './sdf'
import { boxAround, EMPTY_BOX, unionBox } from './sdfBox'

/** A node of a swept elliptic tube: centre and semi-axes along the node frame's u and v. */
export interface TubeNode {
  readonly p: Vec3
  readonly a: number
  readonly b: number
}

/**
 * Tube with an elliptic section swept along a polyline. Node frames: w = tangent (central difference),
 * u = `uHint` made orthogonal to w, v = w × u. Within a segment the frame and semi-axes are interpolated
 * linearly; past a segment's end the longitudinal overshoot is added, and both ends are capped flat. The
 * union over segments is exact on straight runs and slightly notched on the outside of sharp bends.
 */
export function ellipticTube(nodes: readonly TubeNode[], uHint: Vec3): Shape {
  const n = nodes.length
  if (n < 2) throw new Error('ellipticTube: needs at least two nodes')
  const P = nodes.map((q) => q.p)
  const W: Vec3[] = P.map((_, i) => {
    const a = P[Math.max(0, i - 1)]!,
      b = P[Math.min(n - 1, i + 1)]!
    const d: Vec3 = [b[0] - a[0], b[1] - a[1], b[2] - a[2]]
    const l = Math.hypot(d[0], d[1], d[2])
    return [d[0] / l, d[1] / l, d[2] / l]
  })
  const U: Vec3[] = W.map((w) => {
    const k = uHint[0] * w[0] + uHint[1] * w[1] + uHint[2] * w[2]
    const u: Vec3 = [uHint[0] - k * w[0], uHint[1] - k * w[1], uHint[2] - k * w[2]]
    const l = Math.hypot(u[0], u[1], u[2])
    return [u[0] / l, u[1] / l, u[2] / l]
  })
  const V: Vec3[] = W.map((w, i) => {
    const u = U[i]!
    return [w[1] * u[2] - w[2] * u[1], w[2] * u[0] - w[0] * u[2], w[0] * u[1] - w[1] * u[0]]
  })
  const segs: Shape[] = []
  let box = EMPTY_BOX
  for (let i = 0; i + 1 < n; i++) {
    const n0 = nodes[i]!,
      n1 = nodes[i + 1]!
    const [x0, y0, z0] = n0.p
    const dx = n1.p[0] - x0,
      dy = n1.p[1] - y0,
      dz = n1.p[2] - z0
    const len2 = dx * dx + dy * dy + dz * dz
    const len = Math.sqrt(len2)
    const u0 = U[i]!,
      u1 = U[i + 1]!,
      v0 = V[i]!,
      v1 = V[i + 1]!
    const r = Math.max(n0.a, n0.b, n1.a, n1.b)
    const sb = unionBox(boxAround(n0.p, r, r, r), boxAround(n1.p, r, r, r))
    box = unionBox(box, sb)
    const first = i === 0,
      last = i + 2 === n
    const w0 = W[0]!,
      wn = W[n - 1]!
    const pn = P[n - 1]!
    segs.push({
      box: sb,
      f: (x, y, z) => {
        const px = x - x0,
          py = y - y0,
          pz = z - z0
        const tr = (px * dx + py * dy + pz * dz) / len2
        const t = tr < 0 ? 0 : tr > 1 ? 1 : tr
        const ox = px - dx * t,
          oy = py - dy * t,
          oz = pz - dz * t
        const ux = u0[0] + (u1[0] - u0[0]) * t,
          uy = u0[1] + (u1[1] - u0[1]) * t,
          uz = u0[2] + (u1[2] - u0[2]) * t
        const vx = v0[0] + (v1[0] - v0[0]) * t,
          vy = v0[1] + (v1[1] - v0[1]) * t,
          vz = v0[2] + (v1[2] - v0[2]) * t
        const a = n0.a + (n1.a - n0.a) * t,
          b = n0.b + (n1.b - n0.b) * t
        let d = ellipse2(ox * ux + oy * uy + oz * uz, ox * vx + oy * vy + oz * vz, a, b)
        const dl = tr < 0 ? -tr * len : tr > 1 ? (tr - 1) * len : 0
        if (dl > 0) d = d > 0 ? Math.sqrt(d * d + dl * dl) : Math.max(d, dl)
        if (first) d = Math.max(d, -(px * w0[0] + py * w0[1] + pz * w0[2]))
        if (last) d = Math.max(d, (x - pn[0]) * wn[0] + (y - pn[1]) * wn[1] + (z - pn[2]) * wn[2])
        return d
      },
    })
  }
  const u = union(segs)
  return { box, f: u.f }
}

/** Round-cone tube through points with radii (circular section, exact per segment). */
export function tube(points: readonly Vec3[], radii: readonly number[]): Shape {
  const segs: Shape[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    segs.push(roundCone(points[i]!, radii[i]!, points[i + 1]!, radii[i + 1]!))
  }
  return union(segs)
}
