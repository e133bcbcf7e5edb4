/**
 * Plane quadrics for edge-collapse decimation (Garland & Heckbert 1997). A quadric is 10 doubles
 * [a00, a01, a02, a11, a12, a22, b0, b1, b2, c] for the error E(x) = xᵀAx + 2bᵀx + c, the area-weighted
 * sum of squared distances from x to the planes of the triangles around a vertex. Pure.
 */

function addPlane(
  Q: Float64Array,
  q: number,
  w: number,
  nx: number,
  ny: number,
  nz: number,
  d: number,
): void {
  Q[q] += w * nx * nx
  Q[q + 1] += w * nx * ny
  Q[q + 2] += w * nx * nz
  Q[q + 3] += w * ny * ny
  Q[q + 4] += w * ny * nz
  Q[q + 5] += w * nz * nz
  Q[q + 6] += w * d * nx
  Q[q + 7] += w * d * ny
  Q[q + 8] += w * d * nz
  Q[q + 9] += w * d * d
}

/** Quadric of every vertex from its incident triangles' planes, weighted by triangle area. */
export function createQuadrics(positions: Float64Array, indices: Uint32Array): Float64Array {
  const Q = new Float64Array((positions.length / 3) * 10)
  for (let t = 0; t < indices.length; t += 3) {
    const a = 3 * indices[t]
    const b = 3 * indices[t + 1]
    const c = 3 * indices[t + 2]
    const ux = positions[b] - positions[a]
    const uy = positions[b + 1] - positions[a + 1]
    const uz = positions[b + 2] - positions[a + 2]
    const vx = positions[c] - positions[a]
    const vy = positions[c + 1] - positions[a + 1]
    const vz = positions[c + 2] - positions[a + 2]
    let nx = uy * vz - uz * vy
    let ny = uz * vx - ux * vz
    let nz = ux * vy - uy * vx
    const l = Math.sqrt(nx * nx + ny * ny + nz * nz)
    if (!(l > 0)) continue
    const w = l / 2
    nx /= l
    ny /= l
    nz /= l
    const d = -(nx * positions[a] + ny * positions[a + 1] + nz * positions[a + 2])
    addPlane(Q, 10 * indices[t], w, nx, ny, nz, d)
    addPlane(Q, 10 * indices[t + 1], w, nx, ny, nz, d)
    addPlane(Q, 10 * indices[t + 2], w, nx, ny, nz, d)
  }
  return Q
}

/** E(x) of the quadric Qa + Qb at (x, y, z). */
function error(Q: Float64Array, a: number, b: number, x: number, y: number, z: number): number {
  const p = 10 * a
  const r = 10 * b
  return (
    (Q[p] + Q[r]) * x * x +
    2 * (Q[p + 1] + Q[r + 1]) * x * y +
    2 * (Q[p + 2] + Q[r + 2]) * x * z +
    (Q[p + 3] + Q[r + 3]) * y * y +
    2 * (Q[p + 4] + Q[r + 4]) * y * z +
    (Q[p + 5] + Q[r + 5]) * z * z +
    2 * ((Q[p + 6] + Q[r + 6]) * x + (Q[p + 7] + Q[r + 7]) * y + (Q[p + 8] + Q[r + 8]) * z) +
    Q[p + 9] +
    Q[r + 9]
  )
}

/**
 * Where the merged vertex of edge (a, b) should go and what it costs: the minimiser of Qa + Qb when the
 * 3×3 system is well conditioned and the point stays within one edge length of the edge midpoint,
 * otherwise the best of a, b and the midpoint (Garland & Heckbert 1997, §4). Writes the point to `out`
 * and returns the error (clamped at 0 against rounding).
 */
export function quadricPlacement(
  Q: Float64Array,
  P: Float64Array,
  a: number,
  b: number,
  out: Float64Array,
): number {
  const p = 10 * a
  const r = 10 * b
  const a00 = Q[p] + Q[r]
  const a01 = Q[p + 1] + Q[r + 1]
  const a02 = Q[p + 2] + Q[r + 2]
  const a11 = Q[p + 3] + Q[r + 3]
  const a12 = Q[p + 4] + Q[r + 4]
  const a22 = Q[p + 5] + Q[r + 5]
  const b0 = -(Q[p + 6] + Q[r + 6])
  const b1 = -(Q[p + 7] + Q[r + 7])
  const b2 = -(Q[p + 8] + Q[r + 8])
  const ax = P[3 * a]
  const ay = P[3 * a + 1]
  const az = P[3 * a + 2]
  const bx = P[3 * b]
  const by = P[3 * b + 1]
  const bz = P[3 * b + 2]
  const mx = (ax + bx) / 2
  const my = (ay + by) / 2
  const mz = (az + bz) / 2
  const len2 = (bx - ax) ** 2 + (by - ay) ** 2 + (bz - az) ** 2
  // Cofactors of the symmetric matrix A.
  const c00 = a11 * a22 - a12 * a12
  const c01 = a02 * a12 - a01 * a22
  const c02 = a01 * a12 - a02 * a11
  const det = a00 * c00 + a01 * c01 + a02 * c02
  const tr = a00 + a11 + a22
  // |det| relative to trace³ measures how far A is from singular (flat or cylindrical neighbourhoods).
  if (Math.abs(det) > 1e-6 * tr * tr * tr) {
    const c11 = a00 * a22 - a02 * a02
    const c12 = a01 * a02 - a00 * a12
    const c22 = a00 * a11 - a01 * a01
    const x = (c00 * b0 + c01 * b1 + c02 * b2) / det
    const y = (c01 * b0 + c11 * b1 + c12 * b2) / det
    const z = (c02 * b0 + c12 * b1 + c22 * b2) / det
    if ((x - mx) ** 2 + (y - my) ** 2 + (z - mz) ** 2 <= len2) {
      out[0] = x
      out[1] = y
      out[2] = z
      return Math.max(0, error(Q, a, b, x, y, z))
    }
  }
  const ea = error(Q, a, b, ax, ay, az)
  const eb = error(Q, a, b, bx, by, bz)
  const em = error(Q, a, b, mx, my, mz)
  if (em <= ea && em <= eb) {
    out[0] = mx
    out[1] = my
    out[2] = mz
    return Math.max(0, em)
  }
  if (ea <= eb) {
    out[0] = ax
    out[1] = ay
    out[2] = az
    return Math.max(0, ea)
  }
  out[0] = bx
  out[1] = by
  out[2] = bz
  return Math.max(0, eb)
}
