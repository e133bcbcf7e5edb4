/**
 * Signed distance functions (SDFs) in world LPS millimetres: negative inside, positive outside, with a
 * world-space bounding box so the rasterizer evaluates a shape only where it can be.
 *
 * Pure and allocation-free per call: every constructor precomputes its constants into the closure. Exact
 * distances are used where a closed form exists (capsule, round cone, rounded box); ellipsoids and ellipses
 * use Quilez's first-order approximation k0(k0 − 1)/k1, which is exact on the surface and close to it, which
 * is all the partial-volume ramp needs. Approximations can overestimate the distance a little far away, so
 * the rasterizer culls with a safety factor (rasterize.ts).
 *
 * `aux` is a side channel: compound shapes write the local shell thickness and a sub-part index into it
 * during a call, and the rasterizer reads it right after. It is module state, but single-threaded and
 * written before every read, so results stay deterministic.
 */
import type { Vec3 } from '../../lib/vec3'
import {
  boxAround,
  boxDistance,
  EMPTY_BOX,
  growBox,
  intersectBox,
  unionBox,
  type Box,
} from './sdfBox'

export {
  boxAround,
  boxDistance,
  EMPTY_BOX,
  growBox,
  intersectBox,
  unionBox,
  type Box,
} from './sdfBox'

/** A distance function over world millimetres. */
export type DistanceFn = (x: number, y: number, z: number) => number

/** A shape: its distance function and a box outside which it is certainly positive. */
export interface Shape {
  readonly f: DistanceFn
  readonly box: Box
}

/** Orthonormal local frame: origin `o`, axes `u`, `v`, `w` (world unit vectors). */
export interface Frame {
  readonly o: Vec3
  readonly u: Vec3
  readonly v: Vec3
  readonly w: Vec3
}

/** Side channel written by compound shapes: shell thickness (mm) and sub-part index at the last query. */
export const aux = { shellMm: 0, sub: 0 }

/** World box of an oriented box with local half-extents (hu, hv, hw). */
function orientedBox(fr: Frame, hu: number, hv: number, hw: number): Box {
  const e = (i: 0 | 1 | 2): number =>
    Math.abs(fr.u[i] * hu) + Math.abs(fr.v[i] * hv) + Math.abs(fr.w[i] * hw)
  return boxAround(fr.o, e(0), e(1), e(2))
}

/**
 * 2-D ellipse distance (Quilez approximation). Inside, the approximation overstates the depth along the
 * major axis of an elongated ellipse (at the centre it gives −a instead of −b), so it is clamped to
 * −(1 − k0)·min(a, b): the gap between the ellipse and its copy scaled by k0 through the point, which
 * never exceeds the true depth. Depths are therefore conservative, which keeps block culling safe.
 */
export function ellipse2(x: number, y: number, a: number, b: number): number {
  const k0 = Math.sqrt((x * x) / (a * a) + (y * y) / (b * b))
  const k1 = Math.sqrt((x * x) / (a * a * a * a) + (y * y) / (b * b * b * b))
  const m = Math.min(a, b)
  if (k1 < 1e-9) return -m
  const d = (k0 * (k0 - 1)) / k1
  return k0 < 1 ? Math.max(d, -(1 - k0) * m) : d
}

/** Ellipsoid with semi-axes a, b, c along the frame's u, v, w (Quilez approximation, conservative inside). */
export function ellipsoid(fr: Frame, a: number, b: number, c: number): Shape {
  const [ox, oy, oz] = fr.o
  const [ux, uy, uz] = fr.u
  const [vx, vy, vz] = fr.v
  const [wx, wy, wz] = fr.w
  const ia = 1 / a,
    ib = 1 / b,
    ic = 1 / c
  const m = -Math.min(a, b, c)
  return {
    box: orientedBox(fr, a, b, c),
    f: (x, y, z) => {
      const px = x - ox,
        py = y - oy,
        pz = z - oz
      const lu = (px * ux + py * uy + pz * uz) * ia
      const lv = (px * vx + py * vy + pz * vz) * ib
      const lw = (px * wx + py * wy + pz * wz) * ic
      const k0 = Math.sqrt(lu * lu + lv * lv + lw * lw)
      const k1 = Math.sqrt(lu * lu * ia * ia + lv * lv * ib * ib + lw * lw * ic * ic)
      if (k1 < 1e-9) return m
      const d = (k0 * (k0 - 1)) / k1
      // Inside, clamp the depth to the conservative (1 − k0)·min(a, b, c) (see ellipse2).
      return k0 < 1 ? Math.max(d, (1 - k0) * m) : d
    },
  }
}

/** Sphere. */
export function sphere(c: Vec3, r: number): Shape {
  const [cx, cy, cz] = c
  return {
    box: boxAround(c, r, r, r),
    f: (x, y, z) => Math.sqrt((x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2) - r,
  }
}

/**
 * Round cone: the convex hull of two spheres (a, ra) and (b, rb); a capsule when ra = rb. Exact
 * (Quilez, "sdRoundCone" with arbitrary endpoints).
 */
export function roundCone(a: Vec3, ra: number, b: Vec3, rb: number): Shape {
  const [ax, ay, az] = a
  const bax = b[0] - a[0],
    bay = b[1] - a[1],
    baz = b[2] - a[2]
  const l2 = bax * bax + bay * bay + baz * baz
  const rr = ra - rb
  const a2 = l2 - rr * rr
  const il2 = 1 / Math.max(l2, 1e-12)
  const box = unionBox(boxAround(a, ra, ra, ra), boxAround(b, rb, rb, rb))
  if (l2 < 1e-9 || a2 <= 0) {
    // One sphere contains the other: the hull is the bigger sphere.
    return ra >= rb ? sphere(a, ra) : sphere(b, rb)
  }
  const srr = Math.sign(rr)
  return {
    box,
    f: (x, y, z) => {
      const pax = x - ax,
        pay = y - ay,
        paz = z - az
      const yy = pax * bax + pay * bay + paz * baz
      const zz = yy - l2
      const qx = pax * l2 - bax * yy,
        qy = pay * l2 - bay * yy,
        qz = paz * l2 - baz * yy
      const x2 = qx * qx + qy * qy + qz * qz
      const y2 = yy * yy * l2
      const z2 = zz * zz * l2
      const k = srr * rr * rr * x2
      if (Math.sign(zz) * a2 * z2 > k) return Math.sqrt(x2 + z2) * il2 - rb
      if (Math.sign(yy) * a2 * y2 < k) return Math.sqrt(x2 + y2) * il2 - ra
      return (Math.sqrt(x2 * a2 * il2) + yy * rr) * il2 - ra
    },
  }
}

/** Capsule of radius r between a and b. */
export const capsule = (a: Vec3, b: Vec3, r: number): Shape => roundCone(a, r, b, r)

/** Box with half-extents (hu, hv, hw) along the frame axes and edges rounded by r (exact). */
export function roundBox(fr: Frame, hu: number, hv: number, hw: number, r: number): Shape {
  const [ox, oy, oz] = fr.o
  const [ux, uy, uz] = fr.u
  const [vx, vy, vz] = fr.v
  const [wx, wy, wz] = fr.w
  const rr = Math.min(r, hu, hv, hw)
  const bu = hu - rr,
    bv = hv - rr,
    bw = hw - rr
  return {
    box: orientedBox(fr, hu, hv, hw),
    f: (x, y, z) => {
      const px = x - ox,
        py = y - oy,
        pz = z - oz
      const qu = Math.abs(px * ux + py * uy + pz * uz) - bu
      const qv = Math.abs(px * vx + py * vy + pz * vz) - bv
      const qw = Math.abs(px * wx + py * wy + pz * wz) - bw
      const mu = Math.max(qu, 0),
        mv = Math.max(qv, 0),
        mw = Math.max(qw, 0)
      return Math.sqrt(mu * mu + mv * mv + mw * mw) + Math.min(Math.max(qu, qv, qw), 0) - rr
    },
  }
}

/**
 * Elliptic cylinder along the frame's w axis: semi-axes a (u) and b (v), half-length h, edges rounded
 * by r.
 */
export function ellipticCylinder(fr: Frame, a: number, b: number, h: number, r: number): Shape {
  const [ox, oy, oz] = fr.o
  const [ux, uy, uz] = fr.u
  const [vx, vy, vz] = fr.v
  const [wx, wy, wz] = fr.w
  const rr = Math.min(r, a * 0.9, b * 0.9, h)
  return {
    box: orientedBox(fr, a, b, h),
    f: (x, y, z) => {
      const px = x - ox,
        py = y - oy,
        pz = z - oz
      const d2 = ellipse2(px * ux + py * uy + pz * uz, px * vx + py * vy + pz * vz, a, b) + rr
      const dz = Math.abs(px * wx + py * wy + pz * wz) - h + rr
      const mu = Math.max(d2, 0),
        mw = Math.max(dz, 0)
      return Math.sqrt(mu * mu + mw * mw) + Math.min(Math.max(d2, dz), 0) - rr
    },
  }
}

/**
 * Parts of a union are evaluated only within their box grown by the blend radius plus this margin (mm);
 * elsewhere their box distance (≥ the margin) stands in. So a union stays exact wherever it is within
 * the margin of a part, and `offset` by up to this much keeps the right sign everywhere.
 */
export const EVAL_MARGIN_MM = 4

/** Union (hard minimum) of shapes; each part is evaluated only near its own box. */
export function union(parts: readonly Shape[]): Shape {
  return smoothUnion(parts, 0)
}

/**
 * Smooth union with blend radius k (polynomial smooth minimum, Quilez). Parts are looked up in a uniform
 * grid of cells over the union's box; only parts whose grown box contains the point are evaluated. Every
 * other part is represented by a lower bound on its distance (box distance plus the margin, or the
 * cell's precomputed bound), which keeps the result a lower bound where nothing was evaluated and cannot
 * change the blend where something was (those parts are ≥ k away).
 */
export function smoothUnion(parts: readonly Shape[], k: number): Shape {
  const fs = parts.map((p) => p.f)
  const grid = partGrid(
    parts.map((p) => p.box),
    k,
  )
  const { boxes, items, start, count, bound } = grid
  return {
    box: grid.box,
    f: (x, y, z) => {
      const c = grid.cell(x, y, z)
      // Outside the grid every part is ≥ k + margin away; distance to the grown box + margin is a lower bound.
      if (c < 0) return boxDistance(grid.outer, x, y, z) + EVAL_MARGIN_MM
      let d = Infinity
      let skipped = bound[c]!
      const e = start[c]! + count[c]!
      for (let q = start[c]!; q < e; q++) {
        const i = items[q]!
        const bb = boxes[i]!
        if (x < bb.x0 || x > bb.x1 || y < bb.y0 || y > bb.y1 || z < bb.z0 || z > bb.z1) {
          const bd = boxDistance(bb, x, y, z) + EVAL_MARGIN_MM
          if (bd < skipped) skipped = bd
          continue
        }
        d = smin(d, fs[i]!(x, y, z), k)
      }
      return Math.min(d, skipped)
    },
  }
}

/** Spatial index of part boxes (see smoothUnion). */
interface PartGrid {
  readonly box: Box
  /** Part boxes grown by k + EVAL_MARGIN_MM. */
  readonly boxes: readonly Box[]
  readonly items: Int32Array
  readonly start: Int32Array
  readonly count: Int32Array
  /** Lower bound on the distance to every part not listed in the cell. */
  readonly bound: Float64Array
  /** The grid's extent: the union box grown by k + margin. */
  readonly outer: Box
  /** Cell index of a point, −1 outside the grid. */
  cell(x: number, y: number, z: number): number
}

function partGrid(partBoxes: readonly Box[], k: number): PartGrid {
  const boxes = partBoxes.map((b) => growBox(b, k + EVAL_MARGIN_MM))
  let box = EMPTY_BOX
  for (const b of partBoxes) box = unionBox(box, b)
  const outer = growBox(box, k + EVAL_MARGIN_MM)
  const n = boxes.length
  const ext = Math.max(outer.x1 - outer.x0, outer.y1 - outer.y0, outer.z1 - outer.z0, 1)
  const cellMm = n <= 8 ? ext + 1 : Math.min(Math.max(ext / 12, 8), 40)
  const nx = Math.max(1, Math.ceil((outer.x1 - outer.x0) / cellMm))
  const ny = Math.max(1, Math.ceil((outer.y1 - outer.y0) / cellMm))
  const nz = Math.max(1, Math.ceil((outer.z1 - outer.z0) / cellMm))
  const nc = nx * ny * nz
  const lists: number[][] = Array.from({ length: nc }, () => [])
  const bound = new Float64Array(nc).fill(Infinity)
  for (let cz = 0; cz < nz; cz++) {
    for (let cy = 0; cy < ny; cy++) {
      for (let cx = 0; cx < nx; cx++) {
        const c = cx + nx * (cy + ny * cz)
        const cb: Box = {
          x0: outer.x0 + cx * cellMm,
          y0: outer.y0 + cy * cellMm,
          z0: outer.z0 + cz * cellMm,
          x1: outer.x0 + (cx + 1) * cellMm,
          y1: outer.y0 + (cy + 1) * cellMm,
          z1: outer.z0 + (cz + 1) * cellMm,
        }
        for (let i = 0; i < n; i++) {
          const b = boxes[i]!
          const gx = Math.max(b.x0 - cb.x1, 0, cb.x0 - b.x1)
          const gy = Math.max(b.y0 - cb.y1, 0, cb.y0 - b.y1)
          const gz = Math.max(b.z0 - cb.z1, 0, cb.z0 - b.z1)
          if (gx === 0 && gy === 0 && gz === 0) lists[c]!.push(i)
          else {
            bound[c] = Math.min(bound[c]!, Math.sqrt(gx * gx + gy * gy + gz * gz) + EVAL_MARGIN_MM)
          }
        }
      }
    }
  }
  const start = new Int32Array(nc)
  const count = new Int32Array(nc)
  let total = 0
  for (let c = 0; c < nc; c++) {
    start[c] = total
    count[c] = lists[c]!.length
    total += lists[c]!.length
  }
  const items = new Int32Array(total)
  for (let c = 0; c < nc; c++) items.set(lists[c]!, start[c])
  const inv = 1 / cellMm
  return {
    box,
    outer,
    boxes,
    items,
    start,
    count,
    bound,
    cell: (x, y, z) => {
      const cx = Math.floor((x - outer.x0) * inv),
        cy = Math.floor((y - outer.y0) * inv),
        cz = Math.floor((z - outer.z0) * inv)
      if (cx < 0 || cy < 0 || cz < 0 || cx >= nx || cy >= ny || cz >= nz) return -1
      return cx + nx * (cy + ny * cz)
    },
  }
}

/** Polynomial smooth minimum with radius k (k = 0: hard minimum). */
export function smin(a: number, b: number, k: number): number {
  if (k <= 0) return a < b ? a : b
  const h = Math.max(k - Math.abs(a - b), 0) / k
  return Math.min(a, b) - h * h * k * 0.25
}

/**
 * Distance beyond which an intersection does not evaluate its second shape: max(a, b) ≥ a, so returning
 * a alone keeps a lower bound (safe for culling) and cannot change coverage or labels, which only look
 * at points within half a voxel of the surface (voxels ≤ 2 mm).
 */
const INTERSECT_EARLY_MM = 2

/** Intersection (maximum). Put the cheaper, more selective shape first: `b` is skipped where `a` > 2 mm. */
export function intersect(a: Shape, b: Shape): Shape {
  const fa = a.f,
    fb = b.f
  return {
    box: intersectBox(a.box, b.box),
    f: (x, y, z) => {
      const da = fa(x, y, z)
      if (da > INTERSECT_EARLY_MM) return da
      const db = fb(x, y, z)
      return da > db ? da : db
    },
  }
}

/** Subtraction a − b, optionally smoothed by k. */
export function subtract(a: Shape, b: Shape, k = 0): Shape {
  const fa = a.f,
    fb = b.f
  const bb = growBox(b.box, k + 1e-6)
  return {
    box: a.box,
    f: (x, y, z) => {
      const da = fa(x, y, z)
      if (x < bb.x0 || x > bb.x1 || y < bb.y0 || y > bb.y1 || z < bb.z0 || z > bb.z1) return da
      return -smin(-da, fb(x, y, z), k)
    },
  }
}

/** Half-space {p : (p − o)·n ≤ 0} with unit normal n, clipped to a finite box for culling. */
export function halfSpace(o: Vec3, n: Vec3, box: Box): Shape {
  const [ox, oy, oz] = o
  const [nx, ny, nz] = n
  return { box, f: (x, y, z) => (x - ox) * nx + (y - oy) * ny + (z - oz) * nz }
}

/** Shape grown (0 < r ≤ EVAL_MARGIN_MM) or shrunk (r < 0) by r mm. */
export function offset(s: Shape, r: number): Shape {
  if (r > EVAL_MARGIN_MM) throw new Error(`offset: ${r} mm exceeds the union evaluation margin`)
  const f = s.f
  return { box: growBox(s.box, Math.max(r, 0)), f: (x, y, z) => f(x, y, z) - r }
}

/**
 * One part of a tracked compound: its shape, shell thickness and sub-part index. A NaN `shellMm` marks a
 * part that reports its own shell and sub-part through `aux` (e.g. a vertebral body: endplate vs wall).
 */
export interface TrackedPart {
  readonly shape: Shape
  readonly shellMm: number
  readonly sub: number
}

/**
 * Smooth union that also reports, through `aux`, the shell thickness blended with the same weights as
 * the distance and the sub-part index of the nearest part. Used for bones whose cortex differs between
 * pieces (a 0.4 mm body shell blending into a 1.5 mm pedicle cortex).
 */
export function trackedUnion(parts: readonly TrackedPart[], k: number): Shape {
  const fs = parts.map((p) => p.shape.f)
  const shells = parts.map((p) => p.shellMm)
  const dynamic = parts.map((p) => Number.isNaN(p.shellMm))
  const subs = parts.map((p) => p.sub)
  const grid = partGrid(
    parts.map((p) => p.shape.box),
    k,
  )
  const { boxes, items, start, count, bound } = grid
  return {
    box: grid.box,
    f: (x, y, z) => {
      let d = Infinity
      let t = shells[0] ?? 0
      let sub = subs[0] ?? 0
      let best = Infinity
      const c = grid.cell(x, y, z)
      // Outside the grid every part is ≥ k + margin away; distance to the grown box + margin is a lower bound.
      if (c < 0) return boxDistance(grid.outer, x, y, z) + EVAL_MARGIN_MM
      let skipped = bound[c]!
      const e = start[c]! + count[c]!
      for (let q = start[c]!; q < e; q++) {
        const i = items[q]!
        const bb = boxes[i]!
        if (x < bb.x0 || x > bb.x1 || y < bb.y0 || y > bb.y1 || z < bb.z0 || z > bb.z1) {
          const bd = boxDistance(bb, x, y, z) + EVAL_MARGIN_MM
          if (bd < skipped) skipped = bd
          continue
        }
        const di = fs[i]!(x, y, z)
        const ti = dynamic[i] ? aux.shellMm : shells[i]!
        const si = dynamic[i] ? aux.sub : subs[i]!
        if (d === Infinity) {
          d = di
          t = ti
        } else {
          // Weight of the new part in the blend (0 far, 1 when it dominates).
          const h = k > 0 ? Math.min(Math.max(0.5 + (0.5 * (d - di)) / k, 0), 1) : di < d ? 1 : 0
          t = t + (ti - t) * h
          d = smin(d, di, k)
        }
        if (di < best) {
          best = di
          sub = si
        }
      }
      aux.shellMm = t
      aux.sub = sub
      return Math.min(d, skipped)
    },
  }
}

/** Shape whose distance is computed by `f` with an explicit box (for bespoke shapes). */
export const custom = (box: Box, f: DistanceFn): Shape => ({ box, f })

export { ellipticTube, tube, type TubeNode } from './sdfTube'
