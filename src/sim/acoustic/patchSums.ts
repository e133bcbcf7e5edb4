/**
 * The lossless Rayleigh sum of each sub-aperture (patch) at a point, in the reference medium: the kernel
 * shared by the direct field evaluation and the angular-spectrum source plane. Phases come from a
 * 16384-entry float32 cos/sin table (nearest bin, phase error ≤ π/16384 rad). Pure; SI units.
 */
import type { BowlElements } from './bowlTransducer'

const TABLE_BITS = 14
const TABLE_SIZE = 1 << TABLE_BITS
const TABLE_MASK = TABLE_SIZE - 1
const COS = new Float32Array(TABLE_SIZE)
const SIN = new Float32Array(TABLE_SIZE)
for (let i = 0; i < TABLE_SIZE; i++) {
  // Nodes at bin centres: nearest-bin lookup then errs by at most half a bin, π/16384 rad.
  COS[i] = Math.cos((2 * Math.PI * (i + 0.5)) / TABLE_SIZE)
  SIN[i] = Math.sin((2 * Math.PI * (i + 0.5)) / TABLE_SIZE)
}

/** Elements packed patch-contiguously: [x, y, z, wRe, wIm] per element, with patch offsets. */
export interface PackedElements {
  readonly data: Float64Array
  /** Element range of patch q: [start[q], start[q + 1]). */
  readonly start: Int32Array
  readonly patchCount: number
  /** Table bins per metre of path: k/(2π)·TABLE_SIZE. */
  readonly phaseScale: number
}

/** Packs a discretised bowl patch by patch for the sums. */
export function packElements(el: BowlElements): PackedElements {
  const start = new Int32Array(el.patchCount + 1)
  for (let e = 0; e < el.count; e++) start[el.patch[e] + 1]++
  for (let q = 0; q < el.patchCount; q++) start[q + 1] += start[q]
  const fill = Int32Array.from(start)
  const data = new Float64Array(5 * el.count)
  for (let e = 0; e < el.count; e++) {
    const o = 5 * fill[el.patch[e]]++
    data[o] = el.x[e]
    data[o + 1] = el.y[e]
    data[o + 2] = el.z[e]
    data[o + 3] = el.wRe[e]
    data[o + 4] = el.wIm[e]
  }
  return {
    data,
    start,
    patchCount: el.patchCount,
    phaseScale: (el.wavenumberPerM / (2 * Math.PI)) * TABLE_SIZE,
  }
}

/**
 * Writes each patch's complex pressure Σ w e^{−ikr}/r at (px, py, pz) into `re[q][at]`, `im[q][at]`
 * (up to the common factor i of the Rayleigh integral), Pa.
 */
export function sumPatchesAt(
  pk: PackedElements,
  px: number,
  py: number,
  pz: number,
  re: readonly Float64Array[],
  im: readonly Float64Array[],
  at: number,
): void {
  const data = pk.data
  const start = pk.start
  const phaseScale = pk.phaseScale
  for (let q = 0; q < pk.patchCount; q++) {
    let pre = 0
    let pim = 0
    for (let o = 5 * start[q], e = 5 * start[q + 1]; o < e; o += 5) {
      const dx = px - data[o]
      const dy = py - data[o + 1]
      const dz = pz - data[o + 2]
      const r = Math.sqrt(dx * dx + dy * dy + dz * dz)
      const t = ((r * phaseScale) | 0) & TABLE_MASK
      const inv = 1 / r
      // e^{−ikr}/r = (cos kr − i sin kr)/r, times the complex element weight.
      const c = COS[t] * inv
      const s = -SIN[t] * inv
      const wr = data[o + 3]
      const wi = data[o + 4]
      pre += wr * c - wi * s
      pim += wr * s + wi * c
    }
    re[q][at] = pre
    im[q][at] = pim
  }
}
