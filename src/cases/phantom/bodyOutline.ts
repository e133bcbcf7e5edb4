/**
 * The trunk's outer surface: a rounded cross-section whose size and position vary along z through a few
 * control rows, flatter behind (the patient lies supine on the table). Thighs are joined below the hips
 * with a smooth union.
 */
import type { Vec3 } from '../../lib/vec3'
import { ellipse2, smin, type Shape } from './sdf'

/** One control row of the trunk outline. */
export interface OutlineRow {
  readonly z: number
  readonly apMm: number
  readonly latMm: number
  /** World y of the posterior skin at the midline. */
  readonly yPost: number
}

/** A thigh: elliptic section around a line from `top` to `bottom`. */
export interface Thigh {
  readonly top: Vec3
  readonly bottom: Vec3
  readonly apMm: number
  readonly latMm: number
}

/**
 * Trunk outline through `rows` (any order), ending smoothly (20 mm blend) at `zBottom` if given, joined to
 * the thighs with a 25 mm smooth union. The section is a blend of an ellipse and a rounded rectangle with
 * the same half-axes: weight `box` on the rectangle gives the squarer belly of a supine abdomen (a cheap
 * stand-in for a superellipse; 0 = ellipse). The back (y > centre) uses a larger weight: it is flattened
 * by the table. A blend of distance functions stays 1-Lipschitz.
 */
export function trunkOutline(
  rowsIn: readonly OutlineRow[],
  box: number,
  zBottom: number | null,
  thighs: readonly Thigh[],
): Shape {
  const rows = [...rowsIn].sort((p, q) => p.z - q.z)
  const first = rows[0]!
  const last = rows[rows.length - 1]!
  let maxHalf = 0
  for (const r of rows) maxHalf = Math.max(maxHalf, r.apMm / 2, r.latMm / 2)
  const row = { z: NaN, a: 0, b: 0, cy: 0, r: 0 }
  const at = (z: number): void => {
    if (z === row.z) return
    let lo = first,
      hi = first
    if (z <= first.z) lo = hi = first
    else if (z >= last.z) lo = hi = last
    else {
      for (let i = 1; i < rows.length; i++) {
        if (rows[i]!.z >= z) {
          lo = rows[i - 1]!
          hi = rows[i]!
          break
        }
      }
    }
    const t = hi.z > lo.z ? (z - lo.z) / (hi.z - lo.z) : 0
    const ap = lo.apMm + (hi.apMm - lo.apMm) * t
    row.z = z
    row.a = (lo.latMm + (hi.latMm - lo.latMm) * t) / 2
    row.b = ap / 2
    row.cy = lo.yPost + (hi.yPost - lo.yPost) * t - ap / 2
    row.r = 0.55 * Math.min(row.a, row.b)
  }
  const boxBack = Math.min(1, box + 0.35)
  const trunk = (x: number, y: number, z: number): number => {
    at(z)
    const yy = y - row.cy
    const de = ellipse2(x, yy, row.a, row.b)
    const qx = Math.abs(x) - row.a + row.r,
      qy = Math.abs(yy) - row.b + row.r
    const mx = Math.max(qx, 0),
      my = Math.max(qy, 0)
    const db = Math.sqrt(mx * mx + my * my) + Math.min(Math.max(qx, qy), 0) - row.r
    const wgt = yy > 0 ? boxBack : box
    const d2 = de + (db - de) * wgt
    return zBottom === null ? d2 : smax(d2, zBottom - z, 20)
  }
  const thighFs = thighs.map((t) => thighDistance(t))
  const thighTop = Math.max(-Infinity, ...thighs.map((t) => t.top[2])) + 40
  const top = last.z + 50
  const bottom = Math.min(first.z, ...thighs.map((t) => t.bottom[2])) - 50
  return {
    box: { x0: -maxHalf - 5, x1: maxHalf + 5, y0: -1000, y1: 1000, z0: bottom, z1: top },
    f: (x, y, z) => {
      let d = trunk(x, y, z)
      if (z < thighTop) for (const tf of thighFs) d = smin(d, tf(x, y, z), 25)
      return d
    },
  }
}

const smax = (a: number, b: number, k: number): number => -smin(-a, -b, k)

function thighDistance(t: Thigh): (x: number, y: number, z: number) => number {
  const [tx, ty, tz] = t.top
  const dx = t.bottom[0] - tx,
    dy = t.bottom[1] - ty,
    dz = t.bottom[2] - tz
  const len = Math.hypot(dx, dy, dz)
  const a = t.latMm / 2,
    b = t.apMm / 2
  return (x, y, z) => {
    const s = Math.min(
      Math.max(((x - tx) * dx + (y - ty) * dy + (z - tz) * dz) / (len * len), 0),
      1,
    )
    const px = x - (tx + dx * s),
      py = y - (ty + dy * s)
    const k0 = Math.hypot(px / a, py / b)
    const k1 = Math.hypot(px / (a * a), py / (b * b))
    const d2 = k1 < 1e-9 ? -Math.min(a, b) : (k0 * (k0 - 1)) / k1
    // Rounded top cap: the thigh only exists below its top point.
    return Math.max(d2, z - tz)
  }
}
