/**
 * Seeded, position-hashed randomness for the phantom: white CT noise, a separable blur that correlates it
 * like a reconstruction kernel, and smooth value noise for trabecular texture. Every value depends only on
 * (seed, voxel index or lattice point), never on evaluation order, so output is byte-reproducible.
 */

/** 32-bit integer hash (lowbias32 by Chris Wellons): good avalanche at a few multiplies. */
export function hash32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0
  x = Math.imul(x, 0x7feb352d) >>> 0
  x = (x ^ (x >>> 15)) >>> 0
  x = Math.imul(x, 0x846ca68b) >>> 0
  return (x ^ (x >>> 16)) >>> 0
}

/** Hash of a lattice point and seed, mapped to [−1, 1]. */
function latticeValue(i: number, j: number, k: number, seed: number): number {
  const h = hash32((i * 73856093) ^ hash32((j * 19349663) ^ hash32((k * 83492791) ^ seed)))
  return h / 2147483647.5 - 1
}

/**
 * Value noise in [−1, 1]: trilinear interpolation (smoothstep-weighted) of hashed lattice values on a
 * cubic lattice of `cellMm`. Band-limited to about one cell, it gives bone marrow a mottled texture.
 */
export function valueNoise3(x: number, y: number, z: number, cellMm: number, seed: number): number {
  const fx = x / cellMm,
    fy = y / cellMm,
    fz = z / cellMm
  const i = Math.floor(fx),
    j = Math.floor(fy),
    k = Math.floor(fz)
  let tx = fx - i,
    ty = fy - j,
    tz = fz - k
  tx = tx * tx * (3 - 2 * tx)
  ty = ty * ty * (3 - 2 * ty)
  tz = tz * tz * (3 - 2 * tz)
  const c000 = latticeValue(i, j, k, seed)
  const c100 = latticeValue(i + 1, j, k, seed)
  const c010 = latticeValue(i, j + 1, k, seed)
  const c110 = latticeValue(i + 1, j + 1, k, seed)
  const c001 = latticeValue(i, j, k + 1, seed)
  const c101 = latticeValue(i + 1, j, k + 1, seed)
  const c011 = latticeValue(i, j + 1, k + 1, seed)
  const c111 = latticeValue(i + 1, j + 1, k + 1, seed)
  const x00 = c000 + (c100 - c000) * tx
  const x10 = c010 + (c110 - c010) * tx
  const x01 = c001 + (c101 - c001) * tx
  const x11 = c011 + (c111 - c011) * tx
  const y0 = x00 + (x10 - x00) * ty
  const y1 = x01 + (x11 - x01) * ty
  return y0 + (y1 - y0) * tz
}

/**
 * Standard deviation of a sum of four uniform bytes (Irwin–Hall, n = 4, each byte uniform on 0…255):
 * √(4 · (256² − 1) / 12).
 */
const BYTE_SUM_SD = Math.sqrt((4 * (256 * 256 - 1)) / 12)

/**
 * Factor by which a separable 3-tap kernel [w, 1 − 2w, w] applied along all three axes scales the SD of
 * white noise: (√(2w² + (1 − 2w)²))³.
 */
export const blurNoiseGain = (w: number): number =>
  Math.pow(Math.sqrt(2 * w * w + (1 - 2 * w) ** 2), 3)

/**
 * Adds seeded Gaussian-like noise to `hu`, blurs it with the separable kernel [w, 1 − 2w, w] along i, j
 * and k (edges clamped) and writes the result, rounded and clamped to [huMin, huMax], into `out`. The white
 * noise is scaled by 1 / blurNoiseGain(w) so that the SD after the blur equals `sdHu` in a uniform region.
 * Each voxel's noise is the sum of the four bytes of a hash of its index (Irwin–Hall, n = 4), close to
 * Gaussian after the 27-tap blur, for one hash per voxel. The i and j passes run in place on `hu` with
 * row buffers (so `hu` is overwritten); the k pass writes straight into `out`.
 */
export function addNoiseBlurQuantize(
  hu: Float32Array,
  dims: readonly [number, number, number],
  sdHu: number,
  blurW: number,
  seed: number,
  out: Int16Array,
  huMin: number,
  huMax: number,
): void {
  const [nx, ny, nz] = dims
  const w = Math.max(0, blurW)
  const c = 1 - 2 * w
  const gain = w > 0 ? blurNoiseGain(w) : 1
  const scaleHu = sdHu > 0 ? sdHu / gain / BYTE_SUM_SD : 0
  const s = hash32(seed ^ 0x9e3779b9)
  const mix = Math.imul(s, 0x632be5ab)
  const row = new Float32Array(nx)
  const prev = new Float32Array(nx)
  for (let k = 0; k < nz; k++) {
    // i pass with the noise added on the fly.
    for (let j = 0; j < ny; j++) {
      const base = nx * (j + ny * k)
      if (scaleHu > 0) {
        for (let i = 0; i < nx; i++) {
          const idx = base + i
          const h = hash32((idx ^ s) + mix)
          row[i] =
            hu[idx]! +
            ((h & 255) + ((h >>> 8) & 255) + ((h >>> 16) & 255) + (h >>> 24) - 510) * scaleHu
        }
      } else {
        for (let i = 0; i < nx; i++) row[i] = hu[base + i]!
      }
      let left = row[0]!
      for (let i = 0; i < nx; i++) {
        const v = row[i]!
        const right = i < nx - 1 ? row[i + 1]! : v
        hu[base + i] = c * v + w * (left + right)
        left = v
      }
    }
    // j pass in place: keep the original previous row.
    const plane = nx * ny * k
    for (let i = 0; i < nx; i++) prev[i] = hu[plane + i]!
    for (let j = 0; j < ny; j++) {
      const base = plane + nx * j
      const last = j === ny - 1
      for (let i = 0; i < nx; i++) {
        const v = hu[base + i]!
        const nv = last ? v : hu[base + nx + i]!
        hu[base + i] = c * v + w * (prev[i]! + nv)
        prev[i] = v
      }
    }
  }
  // k pass into the output, rounded and clamped.
  const np = nx * ny
  for (let k = 0; k < nz; k++) {
    const pk = np * k
    const pm = k > 0 ? pk - np : pk
    const pp = k < nz - 1 ? pk + np : pk
    for (let q = 0; q < np; q++) {
      let v = c * hu[pk + q]! + w * (hu[pm + q]! + hu[pp + q]!)
      v = v < huMin ? huMin : v > huMax ? huMax : v
      // Int16 stores truncate towards zero, so ±0.5 rounds half away from zero.
      out[pk + q] = v >= 0 ? v + 0.5 : v - 0.5
    }
  }
}
