/**
 * Embolic agents and their occlusion rules. Particle sizes are diameters in metres (catalogue values are
 * µm: 150–500 µm PVA = 150e-6–500e-6). Sources: FACTS.md §5.1.
 */

/** Calibrated particles (PVA, trisacryl microspheres): permanent. */
export interface ParticleAgent {
  readonly kind: 'particles'
  readonly minDiameterM: number
  readonly maxDiameterM: number
}

/** Gelatin sponge slurry / pledgets: larger, temporary (recanalises in days to weeks [U]). */
export interface GelatinSpongeAgent {
  readonly kind: 'gelatinSponge'
  readonly minDiameterM: number
  readonly maxDiameterM: number
}

/** NBCA glue diluted in ethiodized oil; `nbcaFraction` = NBCA / (NBCA + oil), e.g. 0.33. */
export interface GlueAgent {
  readonly kind: 'glue'
  readonly nbcaFraction: number
}

/** Detachable / pushable coil: occludes the tip segment (proximal occlusion). */
export interface CoilAgent {
  readonly kind: 'coil'
}

/** Any embolic agent. */
export type EmbolicAgent = ParticleAgent | GelatinSpongeAgent | GlueAgent | CoilAgent

/** Particle-like agents (size-selective occlusion). */
export type SizedAgent = ParticleAgent | GelatinSpongeAgent

/** PVA 150–500 µm (Shi et al., AJNR 1999 [V]). */
export const PVA_150_500: ParticleAgent = {
  kind: 'particles',
  minDiameterM: 150e-6,
  maxDiameterM: 500e-6,
}

/** Gelatin sponge slurry, 500–1500 µm [U] (pledgets for proximal pedicle occlusion, Shi 1999 [V]). */
export const GELATIN_SPONGE: GelatinSpongeAgent = {
  kind: 'gelatinSponge',
  minDiameterM: 500e-6,
  maxDiameterM: 1500e-6,
}

/** NBCA in ethiodized oil, 1:2 (the "33 %" mixture of Rossi 2011 [V]). */
export const NBCA_33: GlueAgent = { kind: 'glue', nbcaFraction: 0.33 }

/** Whether an agent is permanent (gelatin sponge is temporary). */
export const isPermanent = (a: EmbolicAgent): boolean => a.kind !== 'gelatinSponge'

/**
 * Fraction of a particle load (sizes uniform over [min, max]) that cannot enter a lumen of diameter
 * `lumenDiameterM` and lodges there: 1 if the lumen is smaller than every particle, 0 if larger than every
 * particle, linear in between.
 */
export function lodgedFraction(agent: SizedAgent, lumenDiameterM: number): number {
  const { minDiameterM: lo, maxDiameterM: hi } = agent
  if (lumenDiameterM <= lo) return 1
  if (lumenDiameterM >= hi) return 0
  return (hi - lumenDiameterM) / (hi - lo)
}

/** Glue polymerisation model [U]: t = pureTimeS · fraction^(−exponent). */
export interface GluePolymerisation {
  /** Polymerisation time of undiluted NBCA in blood (s) [U]. */
  readonly pureTimeS: number
  /** Slowing by oil dilution [U]. */
  readonly exponent: number
}

/**
 * Default [U] (FACTS.md gives no number): 0.2 s pure, ×(1/f)²: ~1.8 s at 33 %, ~5 s at 20 %. Chosen so
 * that dilute glue penetrates further, which is the qualitative behaviour operators rely on.
 */
export const GLUE_POLYMERISATION: GluePolymerisation = { pureTimeS: 0.2, exponent: 2 }

/** Polymerisation time (s) of a glue mixture; the cast extends over this much plug-flow transit time. */
export function gluePolymerisationTimeS(
  agent: GlueAgent,
  model: GluePolymerisation = GLUE_POLYMERISATION,
): number {
  return (
    model.pureTimeS * Math.pow(Math.min(1, Math.max(agent.nbcaFraction, 1e-3)), -model.exponent)
  )
}
