/**
 * In-place iterative radix-2 complex FFT on split real/imaginary Float64Arrays, for the angular-spectrum
 * propagator. Pure; no allocation per call (tables are built once per size).
 */

/** A prepared FFT of one power-of-two length. */
export interface Fft {
  readonly n: number
  /**
   * Transforms `re`/`im` in place: forward X[k] = Σ x[n] e^{−2πikn/N}; inverse x[n] = (1/N) Σ X[k]
   * e^{+2πikn/N}.
   */
  transform(re: Float64Array, im: Float64Array, inverse: boolean): void
}

/** True when `n` is a positive power of two. */
export const isPowerOfTwo = (n: number): boolean => n > 0 && (n & (n - 1)) === 0

/** Smallest power of two ≥ n. */
export function nextPowerOfTwo(n: number): number {
  let p = 1
  while (p < n) p *= 2
  return p
}

/** Builds the bit-reversal and twiddle tables of an n-point FFT (n a power of two). */
export function createFft(n: number): Fft {
  if (!isPowerOfTwo(n)) throw new Error(`createFft: ${n} is not a power of two`)
  const rev = new Uint32Array(n)
  let bits = 0
  while (1 << bits < n) bits++
  for (let i = 0; i < n; i++) {
    let r = 0
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b)
    rev[i] = r
  }
  // Twiddles e^{−2πik/n} for k < n/2, computed directly (no recurrence drift).
  const half = n >> 1
  const cosT = new Float64Array(Math.max(1, half))
  const sinT = new Float64Array(Math.max(1, half))
  for (let k = 0; k < half; k++) {
    cosT[k] = Math.cos((2 * Math.PI * k) / n)
    sinT[k] = -Math.sin((2 * Math.PI * k) / n)
  }
  return {
    n,
    transform(re: Float64Array, im: Float64Array, inverse: boolean): void {
      for (let i = 0; i < n; i++) {
        const j = rev[i]
        if (j > i) {
          const tr = re[i]
          re[i] = re[j]
          re[j] = tr
          const ti = im[i]
          im[i] = im[j]
          im[j] = ti
        }
      }
      const sgn = inverse ? -1 : 1
      for (let size = 2; size <= n; size <<= 1) {
        const h = size >> 1
        const step = n / size
        for (let start = 0; start < n; start += size) {
          for (let k = 0; k < h; k++) {
            const wr = cosT[k * step]
            const wi = sgn * sinT[k * step]
            const a = start + k
            const b = a + h
            const xr = re[b] * wr - im[b] * wi
            const xi = re[b] * wi + im[b] * wr
            re[b] = re[a] - xr
            im[b] = im[a] - xi
            re[a] += xr
            im[a] += xi
          }
        }
      }
      if (inverse) {
        const s = 1 / n
        for (let i = 0; i < n; i++) {
          re[i] *= s
          im[i] *= s
        }
      }
    },
  }
}
