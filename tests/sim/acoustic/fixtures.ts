import type { Vec3 } from '../../../src/lib/vec3'
import type { BowlTransducer } from '../../../src/sim/acoustic/bowlTransducer'

/** Relative error |a − b| / |b|. */
export const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b)

/**
 * Builds a bowl with defaults: the FACTS §8 case 12 geometry (R = 13 cm, aperture 15.4 cm, 1 MHz),
 * focus at the origin, beam along +z, 50 W.
 */
export function makeBowl(over: Partial<BowlTransducer> = {}): BowlTransducer {
  return {
    frequencyHz: 1e6,
    radiusOfCurvatureM: 0.13,
    apertureDiameterM: 0.154,
    holeDiameterM: 0,
    powerW: 50,
    focusM: [0, 0, 0] as Vec3,
    axisUnit: [0, 0, 1] as Vec3,
    ...over,
  }
}

/** A smaller bowl (R = 8 cm, aperture 8 cm, F# 1) with about 1–4 thousand elements at λ/2–λ. */
export function makeSmallBowl(over: Partial<BowlTransducer> = {}): BowlTransducer {
  return makeBowl({ radiusOfCurvatureM: 0.08, apertureDiameterM: 0.08, ...over })
}

/**
 * −6 dB full width of a sampled profile around its maximum (linear interpolation of the crossings), in
 * the units of `step`.
 */
export function minus6dbWidth(profile: ArrayLike<number>, step: number): number {
  let iMax = 0
  for (let i = 1; i < profile.length; i++) if (profile[i] > profile[iMax]) iMax = i
  const half = profile[iMax] / 2
  let l = iMax
  while (l > 0 && profile[l - 1] >= half) l--
  let r = iMax
  while (r < profile.length - 1 && profile[r + 1] >= half) r++
  const left = l > 0 ? l - (profile[l] - half) / (profile[l] - profile[l - 1]) : l
  const right = r < profile.length - 1 ? r + (profile[r] - half) / (profile[r] - profile[r + 1]) : r
  return (right - left) * step
}
