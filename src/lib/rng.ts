/**
 * Seeded pseudo-random numbers (mulberry32): deterministic across platforms, so the same seed gives
 * byte-identical phantoms and sampled variations.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number
  /** Standard normal (Box–Muller). */
  normal(): number
  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number
}

/** Creates a seeded generator. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0
  let spare: number | null = null
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    normal: () => {
      if (spare !== null) {
        const s = spare
        spare = null
        return s
      }
      // Box–Muller; 1 − u keeps the log argument in (0, 1].
      const u = 1 - next()
      const v = next()
      const r = Math.sqrt(-2 * Math.log(u))
      spare = r * Math.sin(2 * Math.PI * v)
      return r * Math.cos(2 * Math.PI * v)
    },
  }
}
