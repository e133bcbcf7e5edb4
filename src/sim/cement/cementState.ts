/**
 * The state of one cement injection on the simulation grid, and its creation. Pure; SI units. The state is
 * mutated in place by `stepCement`; every array is allocated here or grown geometrically by the solver, so
 * the stepping loop allocates nothing per voxel.
 */
import type { Vec3 } from '../../lib/vec3'
import { gridSize, voxelVolumeM3 } from '../grid/grid3'
import { type BalloonSpec, carveBalloonCavity } from './balloon'
import type { LeakSite } from './leaks'
import { PATHWAY } from './pathways'
import type { PorousMedium } from './porousMedium'
import type { CementSpec } from './rheology'

/** What an injection starts from. */
export interface CementSetup {
  readonly medium: PorousMedium
  /** Trocar tip in grid metres (voxel [0,0,0] centre at the origin). */
  readonly tipM: Vec3
  readonly cement: CementSpec
  /** Time after mixing at which injection starts, s (later = more viscous, FACTS §2.3 Habib 2010). */
  readonly injectionStartS: number
  /** Kyphoplasty: a balloon cavity carved at the tip before injection. */
  readonly balloon?: BalloonSpec
}

/** Why the injection is not advancing. */
export type CementStatus = 'ready' | 'injecting' | 'blocked' | 'set'

/** Scratch buffers of the front pressure solve, grown geometrically. */
export interface FrontWork {
  /** Capacity of the per-cluster-voxel arrays. */
  cap: number
  nbr: Int32Array
  nbrG: Float64Array
  diag: Float64Array
  rhs: Float64Array
  p: Float64Array
  r: Float64Array
  z: Float64Array
  d: Float64Array
  q: Float64Array
  /** Capacity of the face and front arrays. */
  faceCap: number
  faceLocal: Int32Array
  faceFront: Int32Array
  faceG: Float64Array
  frontVox: Int32Array
  frontEntryPa: Float64Array
  frontActive: Uint8Array
  frontRate: Float64Array
  frontCount: number
  faceCount: number
  /** Total area of the active front faces at the last solve, m² (sets the pore shear rate). */
  activeAreaM2: number
  /** Viscosity used at the last solve, Pa·s (a large change forces a re-solve). */
  solvedViscosityPaS: number
  /** Front-list index of each grid voxel, −1 if not on the front. */
  frontOf: Int32Array
}

/** One injection in progress. Arrays are x-fastest on `medium.grid`. */
export interface CementState {
  readonly medium: PorousMedium
  readonly cement: CementSpec
  readonly tipVoxel: number
  /** Pore volume cement can fill per voxel, m³ (porosity × voxel volume). */
  readonly poreM3: Float64Array
  /** Cement volume per voxel, m³ (the front voxels are partly filled). */
  readonly cementM3: Float64Array
  /** Time after mixing when cement first reached each voxel, s; −1 where it never did. */
  readonly arrivalTimeS: Float32Array
  /** 1 where the voxel is full and part of the pressure cluster. */
  readonly isFull: Uint8Array
  /** Last solved cement pressure per voxel (gauge, Pa). */
  readonly pressurePa: Float64Array
  /** Leak-site id per voxel, −1 where none. */
  readonly leakSiteOf: Int32Array
  /** Full voxels (flat indices), in fill order; the first `clusterCount` are valid. */
  cluster: Int32Array
  clusterCount: number
  /** Cluster-local index per voxel, −1 where not full. */
  readonly localOf: Int32Array
  /** Leak sites in order of appearance. */
  readonly leaks: LeakSite[]
  /** Time after mixing, s. */
  timeSinceMixS: number
  /** Total cement injected, m³. */
  injectedM3: number
  /** Cement pressure at the tip at the last solve (gauge above marrow), Pa. */
  tipPressurePa: number
  /** Apparent viscosity used at the last solve, Pa·s. */
  viscosityPaS: number
  status: CementStatus
  /** True once cement has entered the vena cava pathway (risk of pulmonary embolism, FACTS §2.2). */
  pulmonaryEmbolismWarning: boolean
  /** Solver bookkeeping: pressure solves and total CG iterations. */
  solves: number
  cgIterations: number
  /** Voxels filled since the last pressure solve; the step re-solves when the front changed enough. */
  filledSinceSolve: number
  readonly work: FrontWork
}

const allocWork = (n: number, cap: number, faceCap: number): FrontWork => ({
  cap,
  nbr: new Int32Array(6 * cap),
  nbrG: new Float64Array(6 * cap),
  diag: new Float64Array(cap),
  rhs: new Float64Array(cap),
  p: new Float64Array(cap),
  r: new Float64Array(cap),
  z: new Float64Array(cap),
  d: new Float64Array(cap),
  q: new Float64Array(cap),
  faceCap,
  faceLocal: new Int32Array(faceCap),
  faceFront: new Int32Array(faceCap),
  faceG: new Float64Array(faceCap),
  frontVox: new Int32Array(faceCap),
  frontEntryPa: new Float64Array(faceCap),
  frontActive: new Uint8Array(faceCap),
  frontRate: new Float64Array(faceCap),
  frontCount: 0,
  faceCount: 0,
  activeAreaM2: 0,
  solvedViscosityPaS: 0,
  frontOf: new Int32Array(n).fill(-1),
})

/** Grows the solver scratch to hold `cap` cluster voxels and `faceCap` front faces (geometric growth). */
export function ensureWork(state: CementState, cap: number, faceCap: number): void {
  const w = state.work
  if (cap > w.cap) {
    const c = Math.max(cap, 2 * w.cap)
    w.cap = c
    w.nbr = new Int32Array(6 * c)
    w.nbrG = new Float64Array(6 * c)
    w.diag = new Float64Array(c)
    w.rhs = new Float64Array(c)
    w.p = new Float64Array(c)
    w.r = new Float64Array(c)
    w.z = new Float64Array(c)
    w.d = new Float64Array(c)
    w.q = new Float64Array(c)
  }
  if (faceCap > w.faceCap) {
    const f = Math.max(faceCap, 2 * w.faceCap)
    w.faceCap = f
    w.faceLocal = new Int32Array(f)
    w.faceFront = new Int32Array(f)
    w.faceG = new Float64Array(f)
    w.frontVox = new Int32Array(f)
    w.frontEntryPa = new Float64Array(f)
    w.frontActive = new Uint8Array(f)
    w.frontRate = new Float64Array(f)
  }
}

/**
 * Creates an injection: validates the tip (it must lie in a permeable voxel), carves the kyphoplasty
 * cavity when a balloon is given (mutating `setup.medium` in place), and allocates every array.
 */
export function createCementState(setup: CementSetup): CementState {
  const { medium } = setup
  const g = medium.grid
  const n = gridSize(g)
  const ti = Math.round(setup.tipM[0] / g.spacingM[0])
  const tj = Math.round(setup.tipM[1] / g.spacingM[1])
  const tk = Math.round(setup.tipM[2] / g.spacingM[2])
  if (ti < 0 || tj < 0 || tk < 0 || ti >= g.nx || tj >= g.ny || tk >= g.nz) {
    throw new Error('createCementState: trocar tip outside the grid')
  }
  const tipVoxel = ti + g.nx * (tj + g.ny * tk)
  if (setup.balloon) carveBalloonCavity(medium, [ti, tj, tk], setup.balloon)
  if (medium.pathway[tipVoxel] === PATHWAY.barrier || !(medium.porosity[tipVoxel] > 0)) {
    throw new Error('createCementState: trocar tip in an impermeable voxel')
  }
  const vox = voxelVolumeM3(g)
  const poreM3 = new Float64Array(n)
  for (let v = 0; v < n; v++) poreM3[v] = medium.porosity[v] * vox
  const cap = 1024
  return {
    medium,
    cement: setup.cement,
    tipVoxel,
    poreM3,
    cementM3: new Float64Array(n),
    arrivalTimeS: new Float32Array(n).fill(-1),
    isFull: new Uint8Array(n),
    pressurePa: new Float64Array(n),
    leakSiteOf: new Int32Array(n).fill(-1),
    cluster: new Int32Array(cap),
    clusterCount: 0,
    localOf: new Int32Array(n).fill(-1),
    leaks: [],
    timeSinceMixS: setup.injectionStartS,
    injectedM3: 0,
    tipPressurePa: 0,
    viscosityPaS: 0,
    status: 'ready',
    pulmonaryEmbolismWarning: false,
    solves: 0,
    cgIterations: 0,
    filledSinceSolve: 0,
    work: allocWork(n, cap, 4 * cap),
  }
}

/** Fraction of each voxel's pore space filled with cement (0…1), as a new Float32Array. */
export function cementFillFraction(state: CementState): Float32Array {
  const n = state.cementM3.length
  const out = new Float32Array(n)
  for (let v = 0; v < n; v++) {
    const pore = state.poreM3[v]
    if (pore > 0 && state.cementM3[v] > 0) out[v] = Math.min(1, state.cementM3[v] / pore)
  }
  return out
}

/** Σ cement volume over all voxels, m³ (equals `injectedM3` to round-off). */
export function totalCementM3(state: CementState): number {
  let s = 0
  for (let v = 0; v < state.cementM3.length; v++) s += state.cementM3[v]
  return s
}
