/** Integral measures of a closed triangle mesh: enclosed volume, area, bounds. Pure. */

/** Positions and triangles of any indexed mesh (e.g. a SurfaceMesh). */
export interface IndexedMesh {
  readonly positions: ArrayLike<number>
  readonly indices: ArrayLike<number>
}

/**
 * Enclosed volume in mm³ by the divergence theorem: V = Σ (a · (b × c)) / 6 over triangles (a, b, c).
 * Positive for a closed mesh with outward (counter-clockwise) triangles, negative if inverted. Positions
 * are taken relative to the first vertex to limit cancellation far from the origin.
 */
export function meshVolumeMm3(mesh: IndexedMesh): number {
  const { positions: p, indices: ix } = mesh
  if (ix.length === 0) return 0
  const ox = p[0]
  const oy = p[1]
  const oz = p[2]
  let sum = 0
  for (let t = 0; t < ix.length; t += 3) {
    const a = 3 * ix[t]
    const b = 3 * ix[t + 1]
    const c = 3 * ix[t + 2]
    const ax = p[a] - ox
    const ay = p[a + 1] - oy
    const az = p[a + 2] - oz
    const bx = p[b] - ox
    const by = p[b + 1] - oy
    const bz = p[b + 2] - oz
    const cx = p[c] - ox
    const cy = p[c + 1] - oy
    const cz = p[c + 2] - oz
    sum += ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx)
  }
  return sum / 6
}

/** Total triangle area in mm². */
export function meshAreaMm2(mesh: IndexedMesh): number {
  const { positions: p, indices: ix } = mesh
  let sum = 0
  for (let t = 0; t < ix.length; t += 3) {
    const a = 3 * ix[t]
    const b = 3 * ix[t + 1]
    const c = 3 * ix[t + 2]
    const ux = p[b] - p[a]
    const uy = p[b + 1] - p[a + 1]
    const uz = p[b + 2] - p[a + 2]
    const vx = p[c] - p[a]
    const vy = p[c + 1] - p[a + 1]
    const vz = p[c + 2] - p[a + 2]
    const nx = uy * vz - uz * vy
    const ny = uz * vx - ux * vz
    const nz = ux * vy - uy * vx
    sum += Math.sqrt(nx * nx + ny * ny + nz * nz)
  }
  return sum / 2
}

/** Axis-aligned bounds of the vertices in LPS mm; an empty mesh gives min = +∞, max = −∞. */
export function meshBounds(mesh: IndexedMesh): {
  min: [number, number, number]
  max: [number, number, number]
} {
  const p = mesh.positions
  const min: [number, number, number] = [Infinity, Infinity, Infinity]
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity]
  for (let v = 0; v + 2 < p.length; v += 3) {
    for (let a = 0; a < 3; a++) {
      const x = p[v + a]
      if (x < min[a]) min[a] = x
      if (x > max[a]) max[a] = x
    }
  }
  return { min, max }
}
