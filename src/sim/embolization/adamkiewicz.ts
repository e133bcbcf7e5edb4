/**
 * Published distribution of the artery of Adamkiewicz (AKA) and the seeded draw used by the tree
 * generator. Frequencies: Taterra et al., Neuroradiology 2019 (PMC6620248) — FACTS.md §5.3 [V]:
 * present 84.6 %, single 87.4 %, left-sided 76.6 %, arising T8–L1 in 89 %.
 */
import type { Rng } from '../../lib/rng'

/** A resolved AKA origin: the level and side of the segmental artery that gives rise to it. */
export interface AdamkiewiczOrigin {
  readonly level: string
  readonly side: 'L' | 'R'
}

/** Parameters of the AKA distribution; every value is adjustable. */
export interface AdamkiewiczDistribution {
  /** Probability the AKA is present/identifiable (Taterra19 [V] 0.846). */
  readonly presentProbability: number
  /** Probability it is left-sided (Taterra19 [V] 0.766). */
  readonly leftProbability: number
  /** Probability of a second major radiculomedullary feeder, 1 − single (Taterra19 [V] 1 − 0.874). */
  readonly secondFeederProbability: number
  /**
   * Level weights of the origin (normalised on use). Taterra19 [V] fixes only the total of T8–L1 = 0.89;
   * the split across levels (T9–T11 peak) and the 0.11 put at L2 are [U]. The phantom
   * (src/cases/phantom/adamkiewicz.ts) draws from this table, so images and graph agree.
   */
  readonly levelWeights: Readonly<Record<string, number>>
}

/** Default distribution (FACTS.md §5.3, ANATOMY.md Taterra19). */
export const ADAMKIEWICZ_DISTRIBUTION: AdamkiewiczDistribution = {
  presentProbability: 0.846,
  leftProbability: 0.766,
  secondFeederProbability: 1 - 0.874,
  levelWeights: { T8: 0.08, T9: 0.17, T10: 0.22, T11: 0.22, T12: 0.12, L1: 0.08, L2: 0.11 },
}

/** Result of one draw: the AKA origin (null if absent) and an optional second ASA feeder. */
export interface AdamkiewiczDraw {
  readonly origin: AdamkiewiczOrigin | null
  /** A second (smaller) radiculomedullary feeder of the ASA, when drawn. */
  readonly secondFeeder: AdamkiewiczOrigin | null
}

function drawLevel(weights: Readonly<Record<string, number>>, u: number): string {
  const names = Object.keys(weights)
  const total = names.reduce((a, n) => a + (weights[n] ?? 0), 0)
  let acc = 0
  for (const n of names) {
    acc += (weights[n] ?? 0) / total
    if (u < acc) return n
  }
  return names[names.length - 1]
}

/**
 * Draws the AKA origin and a possible second feeder from the seeded RNG. Always consumes six numbers, so
 * later draws in the caller do not depend on the outcome (determinism under parameter changes).
 */
export function drawAdamkiewicz(
  rng: Rng,
  dist: AdamkiewiczDistribution = ADAMKIEWICZ_DISTRIBUTION,
): AdamkiewiczDraw {
  const u = [rng.next(), rng.next(), rng.next(), rng.next(), rng.next(), rng.next()]
  if (u[0] >= dist.presentProbability) return { origin: null, secondFeeder: null }
  const origin: AdamkiewiczOrigin = {
    side: u[1] < dist.leftProbability ? 'L' : 'R',
    level: drawLevel(dist.levelWeights, u[2]),
  }
  if (u[3] >= dist.secondFeederProbability) return { origin, secondFeeder: null }
  const second: AdamkiewiczOrigin = {
    side: u[4] < dist.leftProbability ? 'L' : 'R',
    level: drawLevel(dist.levelWeights, u[5]),
  }
  const same = second.level === origin.level && second.side === origin.side
  return { origin, secondFeeder: same ? null : second }
}
