/**
 * Angular-spectrum propagation of each sub-aperture's lossless field through a region whose z axis is the
 * beam axis: the Rayleigh sum is evaluated on one plane only (the region's upstream layer, widened to a
 * power-of-two window that holds the beam footprint), Fourier-transformed, and carried layer by layer
 * with the exact homogeneous propagator e^{−i·k_z·Δz}, k_z = √(k² − k_x² − k_y²). Evanescent components
 * (k_t ≥ k) are dropped: from a bowl 5–15 cm away they carry nothing, and dropping them lets the inverse
 * transform skip every column with |k_x| ≥ k. This is exact for the homogeneous reference medium when the sampled
 * plane holds the field (Nyquist on k·sin θ_max, window wider than the beam); the periodic window is the
 * only approximation (Goodman, Introduction to Fourier Optics, §3.10; Zeng & McGough, JASA 123:68, 2008).
 * Pure; SI units; the region frame is the sim frame.
 */
import type { BowlElements } from './bowlTransducer'
import { createFft, nextPowerOfTwo, type Fft } from './fft'
import { packElements, sumPatchesAt } from './patchSums'
import type { FieldRegion } from './pathFactors'

/** Window limits of the propagator. */
export const ASM_LIMITS = {
  /** Largest transverse FFT size (per axis). */
  maxFftSize: 512,
  /** Extra window beyond the geometric beam footprint on each side, m (edge-diffraction ringing). */
  footprintMarginM: 0.003,
  /** Smallest clearance between the bowl and the source plane, in wavelengths. */
  sourceClearanceWavelengths: 1,
} as const

/** Produces the per-patch lossless field of the region, one layer at a time, in propagation order. */
export interface PlaneSource {
  /** Transverse FFT sizes used. */
  readonly fftSize: readonly [number, number]
  /**
   * Writes the next layer's field of each patch (nx·ny values, i fastest) into `re[q]`, `im[q]` and
   * returns the layer index k. Call it nz times.
   */
  next(re: readonly Float64Array[], im: readonly Float64Array[]): number
}

/** Either a ready propagator or the reason why the method does not apply to this bowl and region. */
export type PlaneSourceResult =
  | { readonly ok: true; readonly source: PlaneSource }
  | { readonly ok: false; readonly reason: string }

interface Window {
  readonly n: number
  /** Region index 0 sits at window index `pad`. */
  readonly pad: number
}

/** A power-of-two window along one transverse axis covering the region and the beam footprint. */
function windowAlong(
  originM: number,
  count: number,
  spacingM: number,
  centreM: number,
  halfWidthM: number,
): Window {
  const lo = Math.min(originM, centreM - halfWidthM)
  const hi = Math.max(originM + (count - 1) * spacingM, centreM + halfWidthM)
  const n = nextPowerOfTwo(Math.ceil((hi - lo) / spacingM) + 1)
  const start = 0.5 * (lo + hi) - 0.5 * (n - 1) * spacingM
  const pad = Math.min(n - count, Math.max(0, Math.round((originM - start) / spacingM)))
  return { n, pad }
}

/**
 * Prepares the propagator, or says why it does not apply: the beam axis must be the region's ±z axis, the
 * transverse spacing must sample the beam's steepest plane waves (s ≤ λ / (2 sin θ_max)), the bowl must
 * lie wholly upstream of the region and the window must stay under `ASM_LIMITS.maxFftSize`.
 */
export function angularSpectrumPlanes(el: BowlElements, region: FieldRegion): PlaneSourceResult {
  const g = region.grid
  const [sx, sy, sz] = g.spacingM
  const axis = el.axisUnit
  if (Math.abs(axis[2]) < 1 - 1e-6) {
    return { ok: false, reason: 'the beam axis is not along the region z axis' }
  }
  const dir = axis[2] > 0 ? 1 : -1
  const k = el.wavenumberPerM
  const lambda = (2 * Math.PI) / k
  const sinMax = Math.min(1, el.apertureDiameterM / (2 * el.radiusOfCurvatureM))
  if (Math.max(sx, sy) > lambda / (2 * sinMax)) {
    return {
      ok: false,
      reason: `transverse spacing above λ/(2 sin θ) = ${((lambda / (2 * sinMax)) * 1e3).toFixed(2)} mm`,
    }
  }
  const ks = dir > 0 ? 0 : g.nz - 1
  const zs = region.originM[2] + ks * sz
  let upstream = -Infinity
  for (let e = 0; e < el.count; e++) upstream = Math.max(upstream, dir * el.z[e])
  if (upstream > dir * zs - ASM_LIMITS.sourceClearanceWavelengths * lambda) {
    return { ok: false, reason: 'the bowl reaches into the region' }
  }
  const sf = el.steeredFocusM
  const zEnd = region.originM[2] + (g.nz - 1 - ks) * sz
  const axial = Math.max(Math.abs(zs - sf[2]), Math.abs(zEnd - sf[2]))
  const half =
    (0.5 * el.apertureDiameterM * axial) / el.radiusOfCurvatureM + ASM_LIMITS.footprintMarginM
  const wx = windowAlong(region.originM[0], g.nx, sx, sf[0], half)
  const wy = windowAlong(region.originM[1], g.ny, sy, sf[1], half)
  if (Math.max(wx.n, wy.n) > ASM_LIMITS.maxFftSize) {
    return { ok: false, reason: `the beam needs a window over ${ASM_LIMITS.maxFftSize} samples` }
  }
  return { ok: true, source: buildSource(el, region, wx, wy, ks, dir, zs) }
}

function buildSource(
  el: BowlElements,
  region: FieldRegion,
  wx: Window,
  wy: Window,
  ks: number,
  dir: number,
  zs: number,
): PlaneSource {
  const g = region.grid
  const [sx, sy, sz] = g.spacingM
  const nX = wx.n
  const nY = wy.n
  const size = nX * nY
  const nPatch = el.patchCount
  const pk = packElements(el)
  const specRe: Float64Array[] = []
  const specIm: Float64Array[] = []
  for (let q = 0; q < nPatch; q++) {
    specRe.push(new Float64Array(size))
    specIm.push(new Float64Array(size))
  }
  const x0 = region.originM[0] - wx.pad * sx
  const y0 = region.originM[1] - wy.pad * sy
  for (let jj = 0; jj < nY; jj++) {
    for (let ii = 0; ii < nX; ii++) {
      sumPatchesAt(pk, x0 + ii * sx, y0 + jj * sy, zs, specRe, specIm, ii + nX * jj)
    }
  }
  const fx = createFft(nX)
  const fy = nY === nX ? fx : createFft(nY)
  const col = { re: new Float64Array(nY), im: new Float64Array(nY) }
  const row = { re: new Float64Array(nX), im: new Float64Array(nX) }
  const { hRe, hIm, cols } = propagator(el.wavenumberPerM, nX, nY, sx, sy, sz)
  const allCols = Int32Array.from({ length: nX }, (_, i) => i)
  for (let q = 0; q < nPatch; q++) {
    fft2(specRe[q], specIm[q], fx, fy, row, col, false, allCols, 0, nY)
    // Band limit: zero the evanescent part once (hRe = hIm = 0 there keeps it zero).
    for (let t = 0; t < size; t++) {
      if (hRe[t] === 0 && hIm[t] === 0) {
        specRe[q][t] = 0
        specIm[q][t] = 0
      }
    }
  }
  const workRe = new Float64Array(size)
  const workIm = new Float64Array(size)
  let m = 0
  return {
    fftSize: [nX, nY],
    next(re: readonly Float64Array[], im: readonly Float64Array[]): number {
      const layer = ks + dir * m
      for (let q = 0; q < nPatch; q++) {
        const sr = specRe[q]
        const si = specIm[q]
        if (m > 0) {
          for (let t = 0; t < size; t++) {
            const a = sr[t]
            const b = si[t]
            sr[t] = a * hRe[t] - b * hIm[t]
            si[t] = a * hIm[t] + b * hRe[t]
          }
        }
        workRe.set(sr)
        workIm.set(si)
        fft2(workRe, workIm, fx, fy, row, col, true, cols, wy.pad, wy.pad + g.ny)
        const outRe = re[q]
        const outIm = im[q]
        for (let j = 0; j < g.ny; j++) {
          const src = (wy.pad + j) * nX + wx.pad
          for (let i = 0; i < g.nx; i++) {
            outRe[i + g.nx * j] = workRe[src + i]
            outIm[i + g.nx * j] = workIm[src + i]
          }
        }
      }
      m++
      return layer
    },
  }
}

/**
 * One-layer propagator e^{−i k_z Δz} on the FFT grid, zero on the evanescent part, and the columns
 * (k_x indices) that hold any propagating component.
 */
function propagator(
  k: number,
  nX: number,
  nY: number,
  sx: number,
  sy: number,
  sz: number,
): { hRe: Float64Array; hIm: Float64Array; cols: Int32Array } {
  const hRe = new Float64Array(nX * nY)
  const hIm = new Float64Array(nX * nY)
  const k2 = k * k
  for (let jj = 0; jj < nY; jj++) {
    const ky = (2 * Math.PI * (jj < nY / 2 ? jj : jj - nY)) / (nY * sy)
    for (let ii = 0; ii < nX; ii++) {
      const kx = (2 * Math.PI * (ii < nX / 2 ? ii : ii - nX)) / (nX * sx)
      const kt2 = kx * kx + ky * ky
      const t = ii + nX * jj
      if (kt2 < k2) {
        const kz = Math.sqrt(k2 - kt2)
        hRe[t] = Math.cos(kz * sz)
        hIm[t] = -Math.sin(kz * sz)
      }
    }
  }
  const cols: number[] = []
  for (let ii = 0; ii < nX; ii++) {
    const kx = (2 * Math.PI * (ii < nX / 2 ? ii : ii - nX)) / (nX * sx)
    if (kx * kx < k2) cols.push(ii)
  }
  return { hRe, hIm, cols: Int32Array.from(cols) }
}

/**
 * 2-D FFT in place: along y for the listed columns, then along x for rows [rowFrom, rowTo) only (the
 * forward transform needs every row and column; the inverse only the region's rows and the columns that
 * hold a non-zero spectrum). Forward order is x then y (same result).
 */
function fft2(
  re: Float64Array,
  im: Float64Array,
  fx: Fft,
  fy: Fft,
  row: { re: Float64Array; im: Float64Array },
  col: { re: Float64Array; im: Float64Array },
  inverse: boolean,
  cols: Int32Array,
  rowFrom: number,
  rowTo: number,
): void {
  const nX = fx.n
  const nY = fy.n
  const rows = (from: number, to: number): void => {
    for (let j = from; j < to; j++) {
      const o = j * nX
      row.re.set(re.subarray(o, o + nX))
      row.im.set(im.subarray(o, o + nX))
      fx.transform(row.re, row.im, inverse)
      re.set(row.re, o)
      im.set(row.im, o)
    }
  }
  if (!inverse) rows(0, nY)
  for (let c = 0; c < cols.length; c++) {
    const i = cols[c]
    for (let j = 0; j < nY; j++) {
      col.re[j] = re[i + j * nX]
      col.im[j] = im[i + j * nX]
    }
    fy.transform(col.re, col.im, inverse)
    for (let j = 0; j < nY; j++) {
      re[i + j * nX] = col.re[j]
      im[i + j * nX] = col.im[j]
    }
  }
  if (inverse) rows(rowFrom, rowTo)
}
