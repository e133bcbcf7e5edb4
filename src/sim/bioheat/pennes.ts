/**
 * Pennes bioheat solver on a 3-D grid (SI, °C):
 *   ρc ∂T/∂t = ∇·(k∇T) + ω ρ_b c_b (T_a − T) + Q_met + Q
 * Explicit finite volumes with harmonic-mean face conductivities; time steps above the per-voxel
 * positivity bound are either RKL2 super-steps (default) or equal forward-Euler sub-steps. Dirichlet
 * voxels (domain boundary layer, large vessels, probes), optional convective skin boundary,
 * Arrhenius/CEM43 accumulation with perfusion shutdown, and energy bookkeeping.
 * See README.md. Pure: no DOM; the state's typed arrays are preallocated and mutated in place.
 */
import { gridSize, voxelVolumeM3, type Grid3 } from '../grid/grid3'
import {
  ARRHENIUS_SETS,
  createDamageFields,
  type ArrheniusParams,
  type DamageFields,
  type DoseRateTable,
} from './damage'
import {
  buildPennesCoefficients,
  doseRateTableFor,
  type DomainBoundary,
  type SkinBoundary,
} from './pennesSetup'
import { pennesSweep, type PennesArrays, type SweepScalars } from './pennesKernel'
import { rasterizeProbes, type ProbeSegment } from './probeGeometry'
import {
  boundBufferIndex,
  chooseTeam,
  createSharedDamage,
  shareArrays,
  sharedCopy,
} from './pennesBind'
import { teamIssueSweep, teamNextPlane, teamWait, type PennesTeam } from './pennesThreads'
import {
  RKL2_MAX_STAGES,
  createRkl2Buffers,
  rkl2Stages,
  rkl2SuperStep,
  type Rkl2Buffers,
} from './pennesRkl2'
import {
  ARTERIAL_TEMP_C,
  K_TEMP_COEFF_PER_K,
  K_TEMP_MAX_C,
  K_TEMP_REF_C,
  PERFUSION_SHUTDOWN_OMEGA,
  labelThermalTable,
  type TissueThermal,
} from './tissueProperties'

export type { DomainBoundary, DomainFaceCondition, SkinBoundary } from './pennesSetup'

/** A probe whose active surface is held at a fixed temperature (cooled RF electrode, cryoprobe tip). */
export interface DirichletProbe {
  readonly segment: ProbeSegment
  readonly tempC: number
}

/** A set of voxels held at a fixed temperature, e.g. circulating saline (`protection.ts`). */
export interface HeldRegion {
  /** Flat voxel indices (x fastest). */
  readonly voxels: Int32Array
  readonly tempC: number
}

/** Everything that defines a bioheat problem; read once by `createBioheatState`. */
export interface BioheatSetup {
  readonly grid: Grid3
  /** Structure id per voxel (src/lib/anatomy.ts), x fastest. */
  readonly labels: Uint8Array
  /** Thermal properties per label id (256 entries); default `labelThermalTable()`. */
  readonly materials?: readonly TissueThermal[]
  /** Arterial blood temperature, also the default initial and boundary temperature, °C (37). */
  readonly arterialC?: number
  /** Initial temperature, °C: a scalar or one value per voxel (default `arterialC`). */
  readonly initialTempC?: number | Float32Array
  /** Condition on each side of the domain (default: Dirichlet at `arterialC`). */
  readonly boundary?: DomainBoundary
  /** Convective skin boundary on tissue–air faces; null (default) insulates them. */
  readonly skin?: SkinBoundary | null
  /** Hold blood voxels at `arterialC` as heat sinks (default true); else they are stagnant blood. */
  readonly vesselsAsHeatSinks?: boolean
  readonly probes?: readonly DirichletProbe[]
  /**
   * Voxel sets held at a fixed temperature (circulating warm/cool saline from `applyProtection`). Their
   * faces with tissue carry the held temperature at the face (as an uncut probe face, G = 2k/h²).
   */
  readonly heldRegions?: readonly HeldRegion[]
  /** k(T) coefficient β, per K (default FACTS 0.002; 0 switches k(T) off). */
  readonly kTempCoeffPerK?: number
  /** Ω at which perfusion stops (default 1); null disables shutdown. */
  readonly perfusionShutdownOmega?: number | null
  /**
   * Add each tissue's metabolic heat (default false). Ablation sources are 10⁶–10⁸ W/m³ against
   * ~10³ W/m³ metabolic heat; switching it on without a matching steady initial field only adds a slow
   * baseline drift.
   */
  readonly includeMetabolicHeat?: boolean
  readonly arrhenius?: ArrheniusParams
  /**
   * Source roll-off [lo, hi] °C: the source falls linearly to zero between lo and hi, a stand-in for
   * dehydration and vaporisation near 100 °C (no latent heat of boiling is modelled). Default null (off).
   */
  readonly sourceRollOffC?: readonly [number, number] | null
  /**
   * Sweep every row every sub-step (default false). Row skipping is exact (a skipped row would not have
   * changed by a single bit); this switch exists to test that claim and to time the saving.
   */
  readonly disableRowSkipping?: boolean
  /**
   * Time integrator for macro steps above the stability bound: 'rkl2' (default; one second-order
   * Runge–Kutta–Legendre super-step per macro step, ~3× fewer sweeps at 30 s macro steps with zone sizes
   * within 1 % of Euler) or 'euler' (equal forward-Euler sub-steps at the bound, with exact row skipping).
   * Steps at or below the bound always use Euler. See README.md "Discretisation".
   */
  readonly integrator?: 'euler' | 'rkl2'
  /** Safety factor on the stability bound (default 0.99). */
  readonly stabilitySafety?: number
  /**
   * Helper threads that share out the z planes of each sweep (bit-identical results; `pennesThreads.ts`).
   * Undefined: the default team if one is registered (the app's sim worker does) and the grid is large
   * enough to gain (≥ `PARALLEL_MIN_VOXELS`); null: this thread only. With a team the state's arrays live
   * on SharedArrayBuffers, and stepping must happen off a browser's main thread.
   */
  readonly parallel?: PennesTeam | null
}

export { PARALLEL_MIN_VOXELS } from './pennesBind'

/** Energy bookkeeping since creation, J. Balance: sourceJ + perfusionJ + boundaryJ = storedJ − stored0J. */
export interface BioheatEnergy {
  /** Energy deposited by the volumetric source (including metabolic heat when on). */
  sourceJ: number
  /** Energy exchanged with blood (negative: perfusion removes heat). */
  perfusionJ: number
  /** Energy entering through faces to fixed voxels (boundary, vessels, probes, skin). */
  boundaryJ: number
}

/** Mutable solver state. `stepBioheat` mutates it in place. */
export interface BioheatState {
  readonly grid: Grid3
  readonly arrays: PennesArrays
  /** Current temperature, °C (swapped with the scratch buffer every sub-step). */
  tempC: Float32Array
  /** Scratch buffer for the next temperature. */
  tempNextC: Float32Array
  /** External volumetric source Q, W/m³: write it between steps (or via `updateSource`). */
  readonly sourceWPerM3: Float32Array
  /** Metabolic heat per voxel, W/m³ (zeros unless switched on). */
  readonly metabolicWPerM3: Float32Array
  /** 1 for voxels held at a fixed temperature. */
  readonly isFixed: Uint8Array
  readonly damage: DamageFields
  /** Largest stable sub-step, s. */
  readonly dtStableS: number
  /** Simulated time, s. */
  timeS: number
  /** Stencil sweeps taken (Euler sub-steps plus RKL2 stages). */
  steps: number
  /** Last Euler sub-step or RKL2 super-step, s. */
  dtS: number
  /** Rows swept, summed over sweeps (for the activity statistics). */
  rowsSwept: number
  readonly energy: BioheatEnergy
  /** Stored energy Σ ρc T V over free voxels at creation, J. */
  readonly stored0J: number
  /** Faces between a free voxel and a fixed node, for the boundary-flux bookkeeping. */
  readonly fixedFaces: {
    readonly voxel: Int32Array
    readonly node: Int32Array
    readonly g: Float32Array
  }
  /** Probe voxel lists, in `setup.probes` order. */
  readonly probeVoxels: readonly Int32Array[]
  readonly arterialC: number
  /** k(T) factor coefficients: f = kc0 + kc1·(T_i + T_j) at a face. */
  readonly kc0: number
  readonly kc1: number
  /** Scalars handed to the sweep (preallocated; `dtS` is set per sub-step). */
  readonly scalars: SweepScalars
  readonly doseTable: DoseRateTable
  /** When true the next sub-step sweeps every row (after a source or probe change). */
  forceFullSweep: boolean
  readonly rowHasSource: Uint8Array
  readonly rowSweptLast: Uint8Array
  readonly isRowSkippingOff: boolean
  readonly integrator: 'euler' | 'rkl2'
  /** RKL2 scratch (allocated on the first RKL2 step; at creation with a team). */
  rkl2: Rkl2Buffers | null
  /** Helper threads sweeping planes with this thread, or null (see `BioheatSetup.parallel`). */
  readonly team: PennesTeam | null
  /** Temperature buffers in the order the team's helpers hold them (managed by `pennesBind.ts`). */
  readonly boundBuffers: Float32Array[]
}

/** Options of one `stepBioheat` call. */
export interface BioheatStepParams {
  /** Macro step, s (RKL2 super-step or Euler sub-steps, see `BioheatSetup.integrator`). Default: one stable sub-step. */
  readonly dtS?: number
  /** Source scale per macro step (e.g. a power protocol), applied to `sourceWPerM3`; default 1. */
  readonly sourceScale?: (timeS: number) => number
  /** Called before each macro step; return true after changing `sourceWPerM3`. */
  readonly updateSource?: (timeS: number, sourceWPerM3: Float32Array) => boolean
}

/** Builds the solver state: coefficient arrays, fixed voxels, stability bound, damage fields. */
export function createBioheatState(setup: BioheatSetup): BioheatState {
  const g = setup.grid
  const n = gridSize(g)
  if (setup.labels.length !== n) {
    throw new Error(`createBioheatState: ${setup.labels.length} labels for ${n} voxels`)
  }
  const arterialC = setup.arterialC ?? ARTERIAL_TEMP_C
  const beta = setup.kTempCoeffPerK ?? K_TEMP_COEFF_PER_K.value
  const probes = setup.probes ?? []
  const raster = rasterizeProbes(
    g,
    probes.map((p) => p.segment),
  )
  const probeVoxels = probes.map((p) => rasterizeProbes(g, [p.segment]).inside)
  const team = chooseTeam(setup)
  const temp = team ? new Float32Array(new SharedArrayBuffer(4 * n)) : new Float32Array(n)
  if (typeof setup.initialTempC === 'object') temp.set(setup.initialTempC)
  else temp.fill(setup.initialTempC ?? arterialC)
  const coeff = buildPennesCoefficients({
    grid: g,
    labels: setup.labels,
    materials: setup.materials ?? labelThermalTable(),
    arterialC,
    boundary: setup.boundary,
    skin: setup.skin ?? null,
    vesselsAsHeatSinks: setup.vesselsAsHeatSinks ?? true,
    probeRaster: raster,
    probeTemps: [
      ...(setup.heldRegions ?? []),
      ...probes.map((p, idx) => ({ voxels: probeVoxels[idx], tempC: p.tempC })),
    ],
    includeMetabolicHeat: setup.includeMetabolicHeat ?? false,
    temp,
    shared: team !== null,
  })
  // f(T) = 1 + β·(clamp(T_face) − T_ref) with T_face = (T_i + T_j)/2, written as c0 + c1·(T_i + T_j).
  const kc0 = 1 - beta * K_TEMP_REF_C
  const kc1 = 0.5 * beta
  const fMax = Math.max(1, 1 + beta * (K_TEMP_MAX_C - K_TEMP_REF_C))
  const dtStableS = (setup.stabilitySafety ?? 0.99) * stableDtS(coeff.arrays, fMax)
  const nRows = g.ny * g.nz
  const damage = team ? createSharedDamage(n, temp) : createDamageFields(n, temp)
  const arrays: PennesArrays = {
    ...(team ? shareArrays(coeff.arrays) : coeff.arrays),
    omega: damage.omega,
    cem43Min: damage.cem43Min,
    maxTempC: damage.maxTempC,
  }
  const state: BioheatState = {
    grid: g,
    arrays,
    tempC: temp,
    tempNextC: team ? sharedCopy(temp) : Float32Array.from(temp),
    sourceWPerM3: new Float32Array(n),
    metabolicWPerM3: coeff.metabolic,
    isFixed: coeff.isFixed,
    damage,
    dtStableS,
    timeS: 0,
    steps: 0,
    dtS: 0,
    rowsSwept: 0,
    energy: { sourceJ: 0, perfusionJ: 0, boundaryJ: 0 },
    stored0J: 0,
    fixedFaces: coeff.fixedFaces,
    probeVoxels,
    arterialC,
    kc0,
    kc1,
    scalars: {
      dtS: 0,
      arterialC,
      kc0,
      kc1,
      kSumHi: 2 * K_TEMP_MAX_C,
      shutdownOmega:
        setup.perfusionShutdownOmega === null
          ? Infinity
          : (setup.perfusionShutdownOmega ?? PERFUSION_SHUTDOWN_OMEGA.value),
      rollHiC: setup.sourceRollOffC ? setup.sourceRollOffC[1] : 1e30,
      rollInvK: setup.sourceRollOffC
        ? 1 / (setup.sourceRollOffC[1] - setup.sourceRollOffC[0])
        : 1e-30,
    },
    doseTable: doseRateTableFor(setup.arrhenius ?? ARRHENIUS_SETS.liver),
    forceFullSweep: true,
    rowHasSource: new Uint8Array(nRows),
    rowSweptLast: new Uint8Array(nRows),
    isRowSkippingOff: setup.disableRowSkipping ?? false,
    integrator: setup.integrator ?? 'rkl2',
    rkl2: team ? createRkl2Buffers(g.nx, g.ny, g.nz, true) : null,
    team,
    boundBuffers: [],
  }
  ;(state as { stored0J: number }).stored0J = storedEnergyJ(state)
  applySource(state, 1)
  return state
}

/** Largest dt for which every free voxel's update is a convex combination (max principle), s. */
function stableDtS(a: PennesArrays, fMax: number): number {
  const { nx, ny, nz, invHeatCap, packed: g, perfusion } = a
  const nxy = nx * ny
  let dt = Infinity
  for (let k = 1; k < nz - 1; k++) {
    for (let j = 1; j < ny - 1; j++) {
      for (let i = nx * (j + ny * k) + 1, e = nx * (j + ny * k) + nx - 1; i < e; i++) {
        if (invHeatCap[i] === 0) continue
        const sumG =
          fMax *
            (g[4 * i] +
              g[4 * (i - 1)] +
              g[4 * i + 1] +
              g[4 * (i - nx) + 1] +
              g[4 * i + 2] +
              g[4 * (i - nxy) + 2]) +
          perfusion[i]
        if (sumG > 0) dt = Math.min(dt, 1 / (invHeatCap[i] * sumG))
      }
    }
  }
  return dt
}

/** Recomputes the swept source from `sourceWPerM3·scale + metabolic` and the per-row source flags. */
function applySource(s: BioheatState, scale: number): void {
  const { sourceTotal, invHeatCap, nx } = s.arrays
  const q = s.sourceWPerM3
  const m = s.metabolicWPerM3
  s.rowHasSource.fill(0)
  for (let i = 0; i < q.length; i++) {
    const v = invHeatCap[i] === 0 ? 0 : q[i] * scale + m[i]
    sourceTotal[i] = v
    if (v !== 0) s.rowHasSource[(i / nx) | 0] = 1
  }
  s.forceFullSweep = true
}

/** Σ ρc·T·V over free voxels, J (the stored heat relative to 0 °C). */
export function storedEnergyJ(s: BioheatState): number {
  const { invHeatCap } = s.arrays
  const t = s.tempC
  let e = 0
  for (let i = 0; i < t.length; i++) if (invHeatCap[i] !== 0) e += t[i] / invHeatCap[i]
  return e * voxelVolumeM3(s.grid)
}

/**
 * Advances the state by `nSteps` macro steps of `params.dtS` (default: one stable sub-step each). With
 * the Euler integrator a macro step above the stability bound is split into equal sub-steps that respect
 * it; with RKL2 it is one super-step with as many stages as its stability bound needs. Mutates `state`:
 * temperature, damage fields, perfusion (shutdown), time, step counters and energy bookkeeping.
 */
export function stepBioheat(state: BioheatState, params: BioheatStepParams, nSteps: number): void {
  const macro = params.dtS ?? state.dtStableS
  if (!(macro > 0)) throw new Error(`stepBioheat: bad dtS ${macro}`)
  const isRkl2 = state.integrator === 'rkl2' && macro > state.dtStableS
  const maxTau = (state.dtStableS * (RKL2_MAX_STAGES * RKL2_MAX_STAGES + RKL2_MAX_STAGES - 2)) / 4
  const nSub = isRkl2
    ? Math.ceil(macro / maxTau)
    : Math.max(1, Math.ceil(macro / state.dtStableS - 1e-9))
  const dt = macro / nSub
  const stages = isRkl2 ? rkl2Stages(dt, state.dtStableS) : 1
  let scaleNow = NaN
  for (let m = 0; m < nSteps; m++) {
    const changed = params.updateSource?.(state.timeS, state.sourceWPerM3) ?? false
    const scale = params.sourceScale ? params.sourceScale(state.timeS) : 1
    if (changed || scale !== scaleNow || m === 0) applySource(state, scale)
    scaleNow = scale
    for (let sub = 0; sub < nSub; sub++) {
      if (isRkl2) {
        state.rkl2 ??= createRkl2Buffers(state.grid.nx, state.grid.ny, state.grid.nz, false)
        rkl2SuperStep(state, state.rkl2, dt, stages)
      } else {
        subStep(state, dt)
      }
    }
  }
}

function subStep(s: BioheatState, dt: number): void {
  const a = s.arrays
  const { ny, nz, nx } = a
  const { rowActive, rowChanged, rowHot } = a
  const force = s.forceFullSweep || s.isRowSkippingOff
  let swept = 0
  for (let k = 1; k < nz - 1; k++) {
    for (let j = 1; j < ny - 1; j++) {
      const r = j + ny * k
      const on =
        force ||
        s.rowHasSource[r] === 1 ||
        rowHot[r] === 1 ||
        rowChanged[r] === 1 ||
        rowChanged[r - 1] === 1 ||
        rowChanged[r + 1] === 1 ||
        rowChanged[r - ny] === 1 ||
        rowChanged[r + ny] === 1
      rowActive[r] = on ? 1 : 0
      if (on) swept++
      else if (s.rowSweptLast[r] === 1) {
        // The row leaves the active set: make both buffers agree so that later swaps stay exact.
        // (A skipped row has rowChanged = rowHot = 0 already, or it would be active.)
        const t = s.tempC
        const tn = s.tempNextC
        for (let i = nx * r, e = i + nx; i < e; i++) tn[i] = t[i]
      }
      s.rowSweptLast[r] = on ? 1 : 0
    }
  }
  s.forceFullSweep = false
  s.energy.boundaryJ += fixedFaceFluxW(s, s.tempC) * voxelVolumeM3(s.grid) * dt
  s.scalars.dtS = dt
  const team = s.team
  const idx = team ? boundBufferIndex(s, [s.tempC, s.tempNextC]) : null
  if (team && idx) {
    teamIssueSweep(team, dt, idx[0], idx[1])
    for (let k = teamNextPlane(team); k < nz - 1; k = teamNextPlane(team)) {
      pennesSweep(a, s.tempC, s.tempNextC, s.scalars, s.doseTable, k, k + 1)
    }
    teamWait(team)
  } else {
    pennesSweep(a, s.tempC, s.tempNextC, s.scalars, s.doseTable)
  }
  let perf = 0
  let src = 0
  for (let r = 0; r < a.rowPerfusionW.length; r++) {
    perf += a.rowPerfusionW[r]
    src += a.rowSourceW[r]
  }
  const vol = voxelVolumeM3(s.grid)
  s.energy.perfusionJ += perf * vol * dt
  s.energy.sourceJ += src * vol * dt
  const swap = s.tempC
  s.tempC = s.tempNextC
  s.tempNextC = swap
  s.timeS += dt
  s.steps++
  s.dtS = dt
  s.rowsSwept += swept
}

/** Heat flow from fixed nodes into free voxels at temperatures `t`, W/m³ summed over voxels. */
function fixedFaceFluxW(s: BioheatState, t: Float32Array): number {
  const { voxel, node, g } = s.fixedFaces
  const hi = 2 * K_TEMP_MAX_C
  let q = 0
  for (let f = 0; f < voxel.length; f++) {
    const tv = t[voxel[f]]
    const tb = t[node[f]]
    q += g[f] * (s.kc0 + s.kc1 * Math.min(tv + tb, hi)) * (tb - tv)
  }
  return q
}

/** Sets the surface temperature of probe `index` (e.g. a freeze/thaw protocol). Mutates `state`. */
export function setProbeTemperature(state: BioheatState, index: number, tempC: number): void {
  const vox = state.probeVoxels[index]
  if (!vox) throw new Error(`setProbeTemperature: no probe ${index}`)
  for (const v of vox) {
    state.tempC[v] = tempC
    state.tempNextC[v] = tempC
  }
  state.forceFullSweep = true
}

/** Fraction of interior rows swept per sweep so far (1 = no rows skipped). */
export function sweptFraction(state: BioheatState): number {
  const interiorRows = (state.grid.ny - 2) * (state.grid.nz - 2)
  return state.steps > 0 ? state.rowsSwept / (state.steps * interiorRows) : 1
}
