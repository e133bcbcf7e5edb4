/**
 * Advances a cement injection by one time step. Pure apart from mutating the given state; SI units.
 *
 * Volume-controlled injection: the step injects V = Q·dt (clamped to the target volume). V is shared among
 * the active front voxels in proportion to their Darcy inflow (solveFront.ts). The front voxel that fills
 * first ends a sub-interval: it joins the pressure cluster and the rest keep their shares, renormalised, so
 * every increment is split exactly. The pressure is re-solved when the cluster has grown by
 * `resolveFraction`, when the viscosity has changed by more than 5 %, or when no active front remains.
 * Mass conservation is exact to round-off: Σ cementM3 = injectedM3 (front voxels are partly filled).
 */
import { assignLeakSite } from './leaks'
import { PATHWAY } from './pathways'
import { type CementState, ensureWork } from './cementState'
import { apparentViscosityPaS, isCementSet, yieldStressPa } from './rheology'
import { solveFront } from './solveFront'

/** Injection controls for one step. */
export interface InjectionParams {
  /** Volume-controlled injection rate, m³/s (3 mL/min = 5e-8 m³/s, FACTS §2.4 cadaver protocol). */
  readonly rateM3PerS: number
  /** Total volume at which injection stops, m³. */
  readonly targetVolumeM3?: number
  /** Cluster growth fraction between pressure solves (default 0.1; smaller = more accurate, slower). */
  readonly resolveFraction?: number
}

/** A voxel counts as full within this relative round-off of its pore volume. */
const FULL_REL = 1e-9

/**
 * Advances `state` by `dtS` seconds of injection at `params.rateM3PerS` (0 = paused: only the cement
 * ages). Mutates `state`. Stops injecting once the cement has set or when the cement is sealed in.
 */
export function stepCement(state: CementState, params: InjectionParams, dtS: number): void {
  if (!(dtS >= 0)) throw new Error('stepCement: dtS must be ≥ 0')
  const t0 = state.timeSinceMixS
  state.timeSinceMixS = t0 + dtS
  if (isCementSet(state.cement, t0)) {
    state.status = 'set'
    return
  }
  if (state.status === 'blocked') return
  // While injecting, the clock follows the injected volume (the viscosity at each re-solve is the
  // viscosity at that moment, whatever the step length); it is set to t0 + dtS again on return.
  try {
    injectStep(state, params, dtS, t0)
  } finally {
    state.timeSinceMixS = t0 + dtS
  }
}

function injectStep(state: CementState, params: InjectionParams, dtS: number, t0: number): void {
  state.timeSinceMixS = t0
  let vol = params.rateM3PerS * dtS
  if (params.targetVolumeM3 !== undefined) {
    vol = Math.min(vol, params.targetVolumeM3 - state.injectedM3)
  }
  if (!(vol > 0)) return
  state.status = 'injecting'
  const q = params.rateM3PerS
  const resolveFraction = params.resolveFraction ?? 0.1
  const w = state.work
  const phiRef = state.medium.params.porosityRef
  const rPore = Math.sqrt((8 * state.medium.params.permeabilitySiRefM2) / phiRef)
  let remaining = vol
  let done = 0
  let needSolve = true
  while (remaining > 0) {
    if (needSolve) {
      needSolve = false
      if (state.clusterCount === 0) {
        seedTipFront(state)
      } else if (
        state.filledSinceSolve >= solveQuota(state, resolveFraction) ||
        w.frontCount === 0 ||
        !hasActive(state) ||
        viscosityDrift(state, q, rPore, phiRef) > 0.05
      ) {
        const mu = porousViscosity(state, q, rPore, phiRef)
        const nFront = solveFront(state, mu, yieldStressPa(state.cement, state.timeSinceMixS), q)
        w.solvedViscosityPaS = mu
        state.viscosityPaS = mu
        state.filledSinceSolve = 0
        if (nFront === 0) {
          state.status = 'blocked'
          return
        }
      }
    }
    let totalRate = 0
    let minVol = Infinity
    for (let f = 0; f < w.frontCount; f++) totalRate += w.frontRate[f]
    if (!(totalRate > 0)) {
      state.status = 'blocked'
      return
    }
    for (let f = 0; f < w.frontCount; f++) {
      const r = w.frontRate[f]
      if (!(r > 0)) continue
      const v = w.frontVox[f]
      const need = ((state.poreM3[v] - state.cementM3[v]) * totalRate) / r
      if (need < minVol) minVol = need
    }
    const dv = Math.min(remaining, Math.max(minVol, 0))
    const tNow = t0 + done / q
    for (let f = 0; f < w.frontCount; f++) {
      const r = w.frontRate[f]
      if (!(r > 0)) continue
      const v = w.frontVox[f]
      const add = (dv * r) / totalRate
      if (state.arrivalTimeS[v] < 0) arrive(state, v, tNow)
      state.cementM3[v] += add
      const site = state.leakSiteOf[v]
      if (site >= 0) state.leaks[site].volumeM3 += add
      if (state.cementM3[v] >= state.poreM3[v] * (1 - FULL_REL)) {
        markFull(state, v, w.frontEntryPa[f])
        w.frontRate[f] = 0
        w.frontActive[f] = 0
      }
    }
    remaining -= dv
    done += dv
    state.timeSinceMixS = t0 + done / q
    state.injectedM3 += dv
    if (state.filledSinceSolve >= solveQuota(state, resolveFraction) || !hasActive(state)) {
      needSolve = true
    }
  }
}

/** Before any voxel is full, all the cement goes into the tip voxel. */
function seedTipFront(state: CementState): void {
  ensureWork(state, 1, 6)
  const w = state.work
  const tip = state.tipVoxel
  w.frontCount = 1
  w.frontVox[0] = tip
  w.frontOf[tip] = 0
  w.frontActive[0] = 1
  w.frontRate[0] = 1
  w.frontEntryPa[0] = state.medium.entryPressurePa[tip]
}

/**
 * Voxels that may fill between pressure solves. Also checked when a step starts, so that the solve
 * schedule (and hence the result) does not depend on how the caller chops the injection into steps.
 */
const solveQuota = (state: CementState, resolveFraction: number): number =>
  Math.max(1, Math.floor(resolveFraction * state.clusterCount))

function hasActive(state: CementState): boolean {
  const w = state.work
  for (let f = 0; f < w.frontCount; f++) if (w.frontRate[f] > 0) return true
  return false
}

/**
 * Apparent viscosity in the pores: power law at the characteristic pore shear rate γ̇ = 4u/r, with u the
 * interstitial velocity through the active front, Q/(A·φ), and r the capillary-bundle pore radius √(8K/φ).
 */
function porousViscosity(state: CementState, q: number, rPore: number, phi: number): number {
  const h = state.medium.grid.spacingM
  const area = Math.max(state.work.activeAreaM2, 6 * h[0] * h[1])
  const shear = (4 * q) / (area * phi * rPore)
  return apparentViscosityPaS(state.cement, state.timeSinceMixS, shear)
}

function viscosityDrift(state: CementState, q: number, rPore: number, phi: number): number {
  const prev = state.work.solvedViscosityPaS
  if (!(prev > 0)) return Infinity
  return Math.abs(porousViscosity(state, q, rPore, phi) / prev - 1)
}

/** First cement in voxel `v`: arrival time, leak site, vena-cava warning. */
function arrive(state: CementState, v: number, timeS: number): void {
  state.arrivalTimeS[v] = timeS
  const m = state.medium
  const g = m.grid
  assignLeakSite(m.pathway, m.labels, state.leakSiteOf, state.leaks, [g.nx, g.ny, g.nz], v, timeS)
  if (m.pathway[v] === PATHWAY.ivc) state.pulmonaryEmbolismWarning = true
}

/** Moves a filled front voxel into the pressure cluster. */
function markFull(state: CementState, v: number, entryPa: number): void {
  if (state.isFull[v]) return
  state.isFull[v] = 1
  if (state.clusterCount === state.cluster.length) {
    const grown = new Int32Array(2 * state.cluster.length)
    grown.set(state.cluster)
    state.cluster = grown
  }
  state.localOf[v] = state.clusterCount
  state.cluster[state.clusterCount++] = v
  // Warm start: a voxel that just filled sits at about its entry pressure.
  state.pressurePa[v] = entryPa
  state.filledSinceSolve++
}
