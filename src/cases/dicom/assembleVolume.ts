/**
 * Turns decoded frames of stored values into an HU volume: applies the modality LUT (slope/intercept),
 * replaces Pixel Padding Value with air, resamples tilted or unevenly spaced stacks onto a regular grid
 * (or keeps them as they are, at the user's choice), and optionally halves the in-plane resolution for
 * volumes beyond the memory budget. Pure.
 */
import type { VolumeGeometry } from '../../lib/space'
import type { DiscoveredSeries } from './discoverSeries'
import { planResampling } from './planResampling'
import { PADDING_HU, clampToInt16Hu as clampHu, storedToHu } from './storedToHu'

export { PADDING_HU }

/** How to treat a stack that is tilted or not evenly spaced. */
export type StackMode = 'resample' | 'asIs'

/** Options of `assembleVolume`. */
export interface AssembleOptions {
  readonly mode: StackMode
  /** Average 2×2 pixels in-plane (for volumes over the memory budget). */
  readonly downsample: boolean
}

/** The assembled volume. */
export interface AssembledVolume {
  readonly geometry: VolumeGeometry
  readonly ct: Int16Array
  /** What was done, in plain words, for the user. */
  readonly notes: readonly string[]
}

/**
 * Frames given as RAW little-endian pixel cells (views on the file bytes, nothing copied): the stored value
 * is the low `bitsStored` bits, two's complement when `signed` (PS3.5 §8.1.1); high bits may hold junk.
 */
export interface RawFrameFormat {
  readonly bitsAllocated: 8 | 16
  readonly bitsStored: number
  readonly signed: boolean
}

/** The stored value of a raw pixel cell. */
export function rawToStored(raw: number, f: RawFrameFormat): number {
  const mask = f.bitsStored >= 32 ? -1 : 2 ** f.bitsStored - 1
  const v = raw & mask
  return f.signed && v >= 2 ** (f.bitsStored - 1) ? v - 2 ** f.bitsStored : v
}

/** Bytes the assembled Int16 volume will take (for the memory estimate shown before loading). */
export function estimateVolumeBytes(series: DiscoveredSeries, downsample: boolean): number {
  const f = downsample ? 4 : 1
  const slices = series.geometry?.dims[2] ?? series.sliceCount
  return (series.rows * series.columns * slices * 2) / f
}

/**
 * Builds the HU volume. `frames[s]` holds the stored values of `series.slices[s]` (row-major, columns
 * fastest), or, with `raw`, its raw pixel cells (Uint16Array / Uint8Array views on the file bytes), which
 * are read straight into the volume through one look-up table. Throws a readable error when a frame's size
 * does not match the series.
 */
export function assembleVolume(
  series: DiscoveredSeries,
  frames: readonly ArrayLike<number>[],
  options: AssembleOptions,
  raw?: RawFrameFormat,
): AssembledVolume {
  const { rows, columns } = series
  if (!series.stack || !series.geometry) {
    throw new Error('This series is not a volume and cannot be shown.')
  }
  if (frames.length !== series.slices.length) {
    throw new Error(`Expected ${series.slices.length} slices but ${frames.length} were decoded.`)
  }
  frames.forEach((f, s) => {
    if (f.length !== rows * columns) {
      throw new Error(
        `Slice ${s + 1} has ${f.length} pixels where the series has ${rows}×${columns}: the files do not belong together.`,
      )
    }
  })
  const slope = series.rescaleSlope
  const intercept = series.rescaleIntercept
  const pad = series.pixelPaddingValue
  const toHu = raw
    ? (cell: number): number => storedToHu(rawToStored(cell, raw), slope, intercept, pad)
    : (stored: number): number => storedToHu(stored, slope, intercept, pad)
  const notes: string[] = []
  if (pad !== undefined) {
    notes.push(`Padding pixels (stored value ${pad}) are shown as air (${PADDING_HU} HU).`)
  }

  let geometry: VolumeGeometry
  let ct: Int16Array
  if (series.needsResampling && options.mode === 'resample') {
    const plan = planResampling(series.stack)
    geometry = plan.geometry
    const nz = plan.slices.length
    ct = new Int16Array(rows * columns * nz)
    plan.slices.forEach((target, k) => {
      const [a, b] = target.sources
      const fa = frames[a.slice]!
      const fb = frames[b.slice]!
      const base = k * rows * columns
      for (let j = 0; j < rows; j++) {
        for (let i = 0; i < columns; i++) {
          const va = sampleBilinear(fa, rows, columns, i + a.shiftColumns, j + a.shiftRows, toHu)
          const vb = sampleBilinear(fb, rows, columns, i + b.shiftColumns, j + b.shiftRows, toHu)
          ct[base + i + columns * j] = clampHu(a.weight * va + b.weight * vb)
        }
      }
    })
    notes.push(
      `The stack was resampled to a regular grid of ${nz} slices every ${geometry.spacingMm[2].toFixed(2)} mm` +
        (series.tilt ? ' and the gantry tilt was corrected.' : '.'),
    )
  } else {
    geometry = series.geometry
    ct = new Int16Array(rows * columns * frames.length)
    if (raw) fillFromRaw(ct, frames, raw, toHu, rows * columns, slope, intercept, pad)
    // 16-bit and 8-bit integer frames go through a 65,536-entry look-up table of the same modality LUT.
    const lut = raw ? null : huLut(toHu)
    if (lut) {
      frames.forEach((f, k) => {
        const base = k * rows * columns
        const fast =
          f instanceof Int16Array ||
          f instanceof Uint16Array ||
          f instanceof Int8Array ||
          f instanceof Uint8Array
        if (fast) {
          for (let n = 0; n < rows * columns; n++) ct[base + n] = lut[f[n]! + 32768]!
        } else {
          for (let n = 0; n < rows * columns; n++) ct[base + n] = toHu(f[n]!)
        }
      })
    }
    if (series.needsResampling) {
      notes.push(
        'The stack was kept as acquired although it is tilted or unevenly spaced: distances and angles along the slice axis are approximate.',
      )
      geometry = { ...geometry, dims: [columns, rows, frames.length] }
    }
  }
  if (options.downsample) {
    const r = downsample2(geometry, ct)
    notes.push(`In-plane resolution was halved to fit in memory (${r.geometry.dims.join('×')}).`)
    return { ...r, notes }
  }
  return { geometry, ct, notes }
}

/** Bilinear sample of a frame at continuous (i, j); outside the frame reads as air. */
function sampleBilinear(
  f: ArrayLike<number>,
  rows: number,
  columns: number,
  i: number,
  j: number,
  toHu: (stored: number) => number,
): number {
  const i0 = Math.floor(i)
  const j0 = Math.floor(j)
  const di = i - i0
  const dj = j - j0
  let sum = 0
  let w = 0
  for (let b = 0; b < 2; b++) {
    for (let a = 0; a < 2; a++) {
      const ii = i0 + a
      const jj = j0 + b
      const wt = (a ? di : 1 - di) * (b ? dj : 1 - dj)
      if (wt === 0) continue
      const v =
        ii >= 0 && jj >= 0 && ii < columns && jj < rows ? toHu(f[ii + columns * jj]!) : PADDING_HU
      sum += wt * v
      w += wt
    }
  }
  return w > 0 ? sum / w : PADDING_HU
}

/** Averages 2×2 blocks in-plane; the origin moves to the centre of the first block. */
function downsample2(
  g: VolumeGeometry,
  ct: Int16Array,
): { geometry: VolumeGeometry; ct: Int16Array } {
  const [nx, ny, nz] = g.dims
  const mx = Math.floor(nx / 2)
  const my = Math.floor(ny / 2)
  const out = new Int16Array(mx * my * nz)
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < my; j++) {
      for (let i = 0; i < mx; i++) {
        const p = 2 * i + nx * (2 * j + ny * k)
        out[i + mx * (j + my * k)] = Math.round(
          (ct[p]! + ct[p + 1]! + ct[p + nx]! + ct[p + nx + 1]!) / 4,
        )
      }
    }
  }
  const [a, b] = g.direction
  const half = [g.spacingMm[0] / 2, g.spacingMm[1] / 2]
  return {
    geometry: {
      dims: [mx, my, nz],
      spacingMm: [g.spacingMm[0] * 2, g.spacingMm[1] * 2, g.spacingMm[2]],
      originMm: [
        g.originMm[0] + half[0]! * a[0] + half[1]! * b[0],
        g.originMm[1] + half[0]! * a[1] + half[1]! * b[1],
        g.originMm[2] + half[0]! * a[2] + half[1]! * b[2],
      ],
      direction: g.direction,
    },
    ct: out,
  }
}

/**
 * Raw cells → HU, straight from the file bytes into the volume: a plain copy when the cells already are HU
 * (signed 16-bit, slope 1, intercept 0, no padding: what OsteoPlan exports), otherwise one table look-up per
 * voxel over every possible cell value.
 */
function fillFromRaw(
  ct: Int16Array,
  frames: readonly ArrayLike<number>[],
  raw: RawFrameFormat,
  toHu: (cell: number) => number,
  count: number,
  slope: number,
  intercept: number,
  pad: number | undefined,
): void {
  const identity =
    raw.bitsAllocated === 16 &&
    raw.bitsStored === 16 &&
    raw.signed &&
    slope === 1 &&
    intercept === 0 &&
    pad === undefined
  const lut = new Int16Array(raw.bitsAllocated === 16 ? 65536 : 256)
  if (!identity) for (let v = 0; v < lut.length; v++) lut[v] = toHu(v)
  for (let k = 0; k < frames.length; k++) {
    const f = frames[k]
    if (!(f instanceof Uint16Array || f instanceof Uint8Array) || f.length !== count) {
      throw new Error('raw frames must be Uint16Array or Uint8Array cells of one slice each')
    }
    const base = k * count
    if (identity && f instanceof Uint16Array) {
      ct.set(new Int16Array(f.buffer, f.byteOffset, count), base)
      continue
    }
    for (let n = 0; n < count; n++) ct[base + n] = lut[f[n]!]!
  }
}

/** `toHu` of every value in [-32768, 65535 − 32768 … 65535], indexed by value + 32768 (covers Int16 and Uint16). */
function huLut(toHu: (stored: number) => number): Int16Array {
  const lut = new Int16Array(65536 + 32768)
  for (let v = -32768; v < 65536; v++) lut[v + 32768] = toHu(v)
  return lut
}
