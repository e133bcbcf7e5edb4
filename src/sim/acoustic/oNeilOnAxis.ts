/**
 * O'Neil's exact on-axis pressure of a uniformly vibrating spherical bowl (the Rayleigh integral on the
 * axis in closed form; O'Neil, J Acoust Soc Am 21:516, 1949; `focusedBowlONeil` in k-Wave, FACTS §3.5 [U]).
 * Pure; SI units.
 */
import { WATER, impedanceRayl, type AcousticMedium } from './acousticMedia'
import type { BowlTransducer } from './bowlTransducer'

/**
 * Pressure amplitude on the axis at signed distance `wM` from the geometric focus (positive beyond the
 * focus), for a bowl with uniform normal velocity `uMPerS` in a lossless medium:
 * |p| = ρc·u·(R/|w|)·|e^{−ik r₂} − e^{−ik r₁}|, with r₁, r₂ the distances from the point to the inner and
 * outer rims; at w = 0 the limit is ρc·u·k·R·(cos θ₁ − cos θ₂).
 */
export function oNeilOnAxisPressurePa(
  t: BowlTransducer,
  uMPerS: number,
  wM: number,
  medium: AcousticMedium = WATER,
): number {
  const r = t.radiusOfCurvatureM
  const k = (2 * Math.PI * t.frequencyHz) / medium.speedMPerS
  const cosIn = Math.sqrt(1 - (t.holeDiameterM / (2 * r)) ** 2)
  const cosOut = Math.sqrt(1 - (t.apertureDiameterM / (2 * r)) ** 2)
  const zc = impedanceRayl(medium)
  if (Math.abs(wM) < 1e-9 * r) return zc * uMPerS * k * r * (cosIn - cosOut)
  // Distance from the axis point (w from the focus) to a rim at polar angle θ: √(w² + 2wR cos θ + R²).
  const r1 = Math.sqrt(wM * wM + 2 * wM * r * cosIn + r * r)
  const r2 = Math.sqrt(wM * wM + 2 * wM * r * cosOut + r * r)
  return zc * uMPerS * Math.abs(r / wM) * 2 * Math.abs(Math.sin((k * (r1 - r2)) / 2))
}
