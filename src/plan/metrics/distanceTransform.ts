/**
 * Exact Euclidean distance transform on an anisotropic grid (Felzenszwalb & Huttenlocher, "Distance
 * Transforms of Sampled Functions", Theory of Computing 8 (2012), algorithm DT(f) §2.1): the squared
 * distance is separable, so three 1-D lower-envelope-of-parabolas passes (i, then j, then k) give the exact
 * result in O(N). Distances are between voxel centres, in millimetres. Layout i fastest.
 */

/** Grid shape and voxel size of a distance transform. */
export interface DtGrid {
  readonly dims: readonly [number, number, number]
  readonly spacingMm: readonly [number, number, number]
}

/** Scratch buffers, sized for the longest axis and the largest slab, reused across lines and passes. */
interface Scratch {
  readonly v: Int32Array
  readonly z: Float64Array
  readonly slabIn: Float64Array
  readonly slabOut: Float64Array
}

/**
 * 1-D squared distance transform of the sampled function f = src[srcOff … srcOff + n) with sample pitch
 * s mm into dst[dstOff …): d[q] = min_p ((q − p)·s)² + f[p]. Samples with f = ∞ take no part in the
 * envelope; if every sample is ∞ the output is ∞ everywhere.
 */
function dt1d(
  src: Float64Array,
  srcOff: number,
  dst: Float64Array,
  dstOff: number,
  n: number,
  s: number,
  sc: Scratch,
): void {
  const { v, z } = sc
  const s2 = s * s
  let k = -1
  for (let q = 0; q < n; q++) {
    const fq = src[srcOff + q]!
    if (fq === Infinity) continue
    if (k < 0) {
      k = 0
      v[0] = q
      z[0] = -Infinity
      z[1] = Infinity
      continue
    }
    // Intersection of parabola q with the envelope's rightmost one, in index units (FH §2.1). The loop ends
    // at k = 0 at the latest because z[0] = −∞ and x is finite (q > v[k], s > 0).
    let vk = v[k]!
    let x = (fq + q * q * s2 - (src[srcOff + vk]! + vk * vk * s2)) / (2 * s2 * (q - vk))
    while (x <= z[k]!) {
      k--
      vk = v[k]!
      x = (fq + q * q * s2 - (src[srcOff + vk]! + vk * vk * s2)) / (2 * s2 * (q - vk))
    }
    k++
    v[k] = q
    z[k] = x
    z[k + 1] = Infinity
  }
  if (k < 0) {
    dst.fill(Infinity, dstOff, dstOff + n)
    return
  }
  let j = 0
  for (let q = 0; q < n; q++) {
    while (z[j + 1]! < q) j++
    const p = v[j]!
    const a = (q - p) * s
    dst[dstOff + q] = a * a + src[srcOff + p]!
  }
}

/**
 * First pass along i on a binary feature map (0 or ∞): the 1-D result is just the squared distance to the
 * nearest feature in the row, found by a forward and a backward scan.
 */
function passBinaryI(g: Float64Array, nx: number, rows: number, s: number): void {
  for (let r = 0; r < rows; r++) {
    const base = r * nx
    let last = -1
    for (let q = 0; q < nx; q++) {
      if (g[base + q] === 0) last = q
      else if (last >= 0) {
        const a = (q - last) * s
        g[base + q] = a * a
      }
    }
    last = -1
    for (let q = nx - 1; q >= 0; q--) {
      const here = g[base + q]!
      if (here === 0) last = q
      else if (last >= 0) {
        const a = (last - q) * s
        const d = a * a
        if (d < here) g[base + q] = d
      }
    }
  }
}

/**
 * Runs the 1-D transform along j (axis 1) or k (axis 2) in place. Lines along those axes are strided in
 * memory, so each slab (all i for one k, or one j) is first transposed into a contiguous buffer: reads and
 * writes then walk memory in order, which keeps the k pass from missing the cache on every sample.
 */
function passStrided(
  g: Float64Array,
  dims: readonly [number, number, number],
  axis: 1 | 2,
  s: number,
  sc: Scratch,
): void {
  const [nx, ny, nz] = dims
  const n = axis === 1 ? ny : nz
  const stride = axis === 1 ? nx : nx * ny
  const slabs = axis === 1 ? nz : ny
  const slabStep = axis === 1 ? nx * ny : nx
  const { slabIn, slabOut } = sc
  for (let b = 0; b < slabs; b++) {
    const base = b * slabStep
    let isAllInf = true
    for (let q = 0; q < n; q++) {
      const row = base + q * stride
      for (let i = 0; i < nx; i++) {
        const val = g[row + i]!
        slabIn[i * n + q] = val
        if (val !== Infinity) isAllInf = false
      }
    }
    if (isAllInf) continue
    for (let i = 0; i < nx; i++) dt1d(slabIn, i * n, slabOut, i * n, n, s, sc)
    for (let q = 0; q < n; q++) {
      const row = base + q * stride
      for (let i = 0; i < nx; i++) g[row + i] = slabOut[i * n + q]!
    }
  }
}

/**
 * Squared Euclidean distance (mm²) from each voxel centre to the nearest voxel centre whose mask value is
 * set (non-zero), or — with `isInverted` — unset. Voxels in the feature set get 0; an empty feature set gives
 * ∞ everywhere. Exact up to floating-point rounding.
 */
export function squaredDistanceTransform(
  mask: Uint8Array,
  grid: DtGrid,
  isInverted = false,
): Float64Array {
  const [nx, ny, nz] = grid.dims
  const n = nx * ny * nz
  if (mask.length !== n) {
    throw new Error(`squaredDistanceTransform: mask has ${mask.length} voxels, dims need ${n}`)
  }
  const g = new Float64Array(n)
  for (let i = 0; i < n; i++) g[i] = (mask[i] !== 0) !== isInverted ? 0 : Infinity
  const longest = Math.max(ny, nz)
  const sc: Scratch = {
    v: new Int32Array(longest),
    z: new Float64Array(longest + 1),
    slabIn: new Float64Array(nx * longest),
    slabOut: new Float64Array(nx * longest),
  }
  passBinaryI(g, nx, ny * nz, grid.spacingMm[0])
  passStrided(g, grid.dims, 1, grid.spacingMm[1], sc)
  passStrided(g, grid.dims, 2, grid.spacingMm[2], sc)
  return g
}
