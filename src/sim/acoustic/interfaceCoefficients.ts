/**
 * Plane-wave reflection and transmission at a flat interface between two fluids (compressional waves
 * only). Intensity coefficients are ratios of power per unit interface area, so R + T = 1 exactly.
 * Shear waves in bone are not modelled: beyond the compressional critical angle all power is booked as
 * reflected (FACTS §3.4: in reality shear mode conversion carries some power into bone). Pure.
 */

/** Intensity reflection and transmission of one interface crossing. */
export interface InterfaceCoefficients {
  /** Reflected / incident power through the interface. */
  readonly reflectedI: number
  /** Transmitted / incident power through the interface (1 − reflectedI). */
  readonly transmittedI: number
  /** Angle of the refracted compressional wave, rad (NaN beyond the critical angle). */
  readonly refractedRad: number
  /** True when the incidence angle exceeds the compressional critical angle. */
  readonly isBeyondCritical: boolean
}

/**
 * Normal-incidence intensity reflection R = ((Z₂ − Z₁)/(Z₂ + Z₁))² (FACTS §3.4 "Reflection and critical
 * angle"); transmission 4Z₁Z₂/(Z₁ + Z₂)².
 */
export function normalIncidenceReflection(z1Rayl: number, z2Rayl: number): number {
  const r = (z2Rayl - z1Rayl) / (z2Rayl + z1Rayl)
  return r * r
}

/** Compressional critical angle asin(c₁/c₂), rad; NaN when c₂ ≤ c₁ (no critical angle). */
export function criticalAngleRad(c1MPerS: number, c2MPerS: number): number {
  return c2MPerS > c1MPerS ? Math.asin(c1MPerS / c2MPerS) : NaN
}

/**
 * Oblique-incidence fluid–fluid coefficients (Snell's law sin θt / c₂ = sin θi / c₁; pressure reflection
 * r = (Z₂ cos θi − Z₁ cos θt)/(Z₂ cos θi + Z₁ cos θt); power transmission T = 1 − r²). Beyond the critical
 * angle the compressional wave is totally reflected.
 * @param incidenceRad angle between the ray and the interface normal, 0 … π/2.
 */
export function interfaceCoefficients(
  z1Rayl: number,
  c1MPerS: number,
  z2Rayl: number,
  c2MPerS: number,
  incidenceRad: number,
): InterfaceCoefficients {
  const sinT = (Math.sin(incidenceRad) * c2MPerS) / c1MPerS
  if (sinT >= 1) {
    return { reflectedI: 1, transmittedI: 0, refractedRad: NaN, isBeyondCritical: true }
  }
  const cosI = Math.cos(incidenceRad)
  const cosT = Math.sqrt(1 - sinT * sinT)
  const a = z2Rayl * cosI
  const b = z1Rayl * cosT
  const r = (a - b) / (a + b)
  const reflectedI = r * r
  return {
    reflectedI,
    transmittedI: 1 - reflectedI,
    refractedRad: Math.asin(sinT),
    isBeyondCritical: false,
  }
}
