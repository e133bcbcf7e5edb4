/**
 * Cryoablation solver: Pennes with phase change by the enthalpy method (latent heat over a mushy range,
 * frozen-tissue conductivity and heat capacity, FACTS §1.2), any number of probes held at a surface
 * temperature (Dirichlet capsules with sub-voxel surfaces), freeze/thaw protocols, and the 0/−20/−40 °C
 * isotherm masks (FACTS §1.1 "Cold"). Explicit, sub-stepped under the worst-case bound. Pure; SI, °C.
 */
import { gridSize, voxelVolumeM3, type Grid3 } from '../grid/grid3'
import { CRYO_ISOTHERMS_C, maskAtMost } from './damage'
import {
  conductivityAt,
  cryoSweep,
  enthalpyFromTemp,
  type CryoArrays,
  type CryoScalars,
  type PhaseTables,
} from './cryoKernel'
import type { DomainBoundary, DomainFaceCondition } from './pennesSetup'
import { rasterizeProbe, type CutFace, type ProbeSegment } from './probeGeometry'
import {
  ARTERIAL_TEMP_C,
  BLOOD,
  LABEL_COUNT,
  frozenThermal,
  labelThermalTable,
  type FrozenThermal,
  type TissueThermal,
  type UncertainValue,
} from './tissueProperties'

/**
 * Effective probe surface temperature while freezing, °C [G]. Argon Joule–Thomson probes reach near the
 * boiling point of argon (−186 °C) inside; the tissue-side surface is much warmer (wall and contact
 * resistance, limited gas cooling power). −88 °C is fitted to the single-probe lethal-ice diameter of
 * Littrup 2009 (FACTS §8.3: 1.2 cm below −30 °C at 15 min); see README.md.
 */
export const CRYO_SURFACE_TEMP_C: UncertainValue = {
  value: -88,
  min: -185,
  max: -60,
  tag: 'G',
  source: 'fitted to FACTS §8.3 (1 probe → 1.2 cm lethal ice)',
}

/** Probe surface temperature during active (helium/electric) thaw, °C [G: not in FACTS]. */
export const CRYO_ACTIVE_THAW_C: UncertainValue = {
  value: 20,
  min: 10,
  max: 40,
  tag: 'G',
  source: 'not in FACTS',
}

/**
 * Temperature at which microcirculation stops for good (vascular stasis after freezing), °C [G]: taken at
 * the default lethal isotherm, −20 °C (FACTS §1.1 "Cold").
 */
export const CRYO_STASIS_C = CRYO_ISOTHERMS_C.lethal

/** Conductivity given to active probe voxels: far above tissue, so a face's harmonic mean is 2·k_tissue. */
const K_PROBE = 1e6

/** What a probe does right now. 'off' is passive thaw: the probe becomes ordinary material. */
export type CryoProbeMode =
  | { readonly kind: 'freeze'; readonly tempC: number }
  | { readonly kind: 'activeThaw'; readonly tempC: number }
  | { readonly kind: 'off' }

/** Inputs of `createCryoState`. */
export interface CryoSetup {
  readonly grid: Grid3
  readonly labels: Uint8Array
  /** Unfrozen properties per label id (default `labelThermalTable()`). */
  readonly materials?: readonly TissueThermal[]
  /** Frozen properties per label id, overriding `frozenThermal(materials[id])`. */
  readonly frozen?: ReadonlyMap<number, FrozenThermal>
  /** Arterial and default initial/boundary temperature, °C. */
  readonly arterialC?: number
  readonly initialTempC?: number
  /** Domain sides: 'dirichlet' (default) or 'adiabatic' (mirror planes); 'convective' is treated as film. */
  readonly boundary?: DomainBoundary
  readonly vesselsAsHeatSinks?: boolean
  /** Active freezing segments; all start in `initialMode`. */
  readonly probes: readonly ProbeSegment[]
  /** Mode of every probe at t = 0 (default: freeze at `CRYO_SURFACE_TEMP_C`). */
  readonly initialMode?: CryoProbeMode
  readonly stasisC?: number
  readonly stabilitySafety?: number
}

/** Mutable cryo state; `stepCryo` and `setCryoProbeMode` mutate it. */
export interface CryoState {
  readonly grid: Grid3
  readonly arrays: CryoArrays
  readonly phase: PhaseTables
  tempC: Float32Array
  tempNextC: Float32Array
  conductivity: Float32Array
  conductivityNext: Float32Array
  readonly probes: readonly { readonly inside: Int32Array; readonly cutFaces: readonly CutFace[] }[]
  readonly modes: CryoProbeMode[]
  readonly dtStableS: number
  timeS: number
  steps: number
  dtS: number
  readonly scalars: CryoScalars
  /** Heat exchanged since creation, J: perfusion (into tissue) and through faces to fixed nodes. */
  readonly energy: { perfusionJ: number; boundaryJ: number }
  /** Faces between free voxels and fixed nodes (rebuilt when a probe changes mode). */
  fixedFaces: {
    readonly free: Int32Array
    readonly fixed: Int32Array
    readonly face: Int32Array
    readonly axis: Uint8Array
  }
}

/** Per-label phase-change tables from unfrozen properties and optional frozen overrides. */
export function buildPhaseTables(
  materials: readonly TissueThermal[],
  frozen?: ReadonlyMap<number, FrozenThermal>,
): PhaseTables {
  const mk = (): Float64Array => new Float64Array(LABEL_COUNT)
  const t: PhaseTables = {
    solidusC: mk(),
    liquidusC: mk(),
    capFrozen: mk(),
    capMushy: mk(),
    capUnfrozen: mk(),
    hLiquidus: mk(),
    kFrozen: mk(),
    kUnfrozen: mk(),
  }
  for (let id = 0; id < LABEL_COUNT; id++) {
    const f = frozen?.get(id) ?? frozenThermal(materials[id])
    const range = f.liquidusC - f.solidusC
    // Mushy range: mean sensible capacity plus the latent heat spread uniformly over the range.
    const capMushy =
      0.5 * (f.frozenHeatCapJPerM3K + f.unfrozenHeatCapJPerM3K) + f.latentJPerM3 / range
    t.solidusC[id] = f.solidusC
    t.liquidusC[id] = f.liquidusC
    t.capFrozen[id] = f.frozenHeatCapJPerM3K
    t.capMushy[id] = capMushy
    t.capUnfrozen[id] = f.unfrozenHeatCapJPerM3K
    t.hLiquidus[id] = capMushy * range
    t.kFrozen[id] = f.frozenConductivityWPerMK
    t.kUnfrozen[id] = f.unfrozenConductivityWPerMK
  }
  return t
}

/** Builds the cryo state with every probe in `initialMode`. */
export function createCryoState(setup: CryoSetup): CryoState {
  const g = setup.grid
  const { nx, ny, nz } = g
  const n = gridSize(g)
  const materials = setup.materials ?? labelThermalTable()
  const phase = buildPhaseTables(materials, setup.frozen)
  const arterialC = setup.arterialC ?? ARTERIAL_TEMP_C
  const labels = setup.labels
  const isFree = new Uint8Array(n)
  const temp = new Float32Array(n).fill(setup.initialTempC ?? arterialC)
  const cond = new Float32Array(n)
  const perfusion = new Float32Array(n)
  const bloodCap = BLOOD.densityKgPerM3 * BLOOD.specificHeatJPerKgK
  const side = (s: keyof DomainBoundary): DomainFaceCondition =>
    setup.boundary?.[s] ?? { kind: 'dirichlet' }
  const fAxis = [new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const idx = i + nx * (j + ny * k)
        const mat = materials[labels[idx]]
        const outer = i === 0 || j === 0 || k === 0 || i === nx - 1 || j === ny - 1 || k === nz - 1
        const vessel = mat.behaviour === 'vessel' && (setup.vesselsAsHeatSinks ?? true)
        const inert = mat.behaviour === 'air' || mat.behaviour === 'insulator'
        isFree[idx] = outer || vessel || inert ? 0 : 1
        if (vessel) temp[idx] = arterialC
        if (isFree[idx] === 1) perfusion[idx] = mat.perfusionPerS * bloodCap
        cond[idx] = inert ? 0 : conductivityAt(phase, labels[idx], temp[idx])
        const c = [i, j, k] as const
        const dims = [nx, ny, nz] as const
        for (let ax = 0; ax < 3; ax++) {
          if (c[ax] === dims[ax] - 1) continue
          const h = g.spacingM[ax]
          fAxis[ax][idx] = 1 / (h * h)
        }
      }
    }
  }
  applyDomainSides(g, side, fAxis, temp, cond, arterialC)
  const enthalpy = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    enthalpy[i] = enthalpyFromTemp(phase, labels[i], temp[i])
  }
  const probes = setup.probes.map((s) => rasterizeProbe(g, s))
  const arrays: CryoArrays = {
    nx,
    ny,
    nz,
    labels,
    isFree,
    enthalpy,
    fX: fAxis[0],
    fY: fAxis[1],
    fZ: fAxis[2],
    perfusion,
    minTempC: Float32Array.from(temp),
  }
  const mode = setup.initialMode ?? { kind: 'freeze', tempC: CRYO_SURFACE_TEMP_C.value }
  const state: CryoState = {
    grid: g,
    arrays,
    phase,
    tempC: temp,
    tempNextC: Float32Array.from(temp),
    conductivity: cond,
    conductivityNext: Float32Array.from(cond),
    probes,
    modes: probes.map(() => ({ kind: 'off' })),
    dtStableS: 0,
    timeS: 0,
    steps: 0,
    dtS: 0,
    scalars: { dtS: 0, arterialC, stasisC: setup.stasisC ?? CRYO_STASIS_C },
    energy: { perfusionJ: 0, boundaryJ: 0 },
    fixedFaces: {
      free: new Int32Array(0),
      fixed: new Int32Array(0),
      face: new Int32Array(0),
      axis: new Uint8Array(0),
    },
  }
  ;(state as { dtStableS: number }).dtStableS =
    (setup.stabilitySafety ?? 0.99) * worstCaseDtS(state)
  for (let p = 0; p < probes.length; p++) setCryoProbeMode(state, p, mode)
  rebuildFixedFaces(state)
  return state
}

/** Applies the domain-side conditions through the outer layer's face factors and temperatures. */
function applyDomainSides(
  g: Grid3,
  side: (s: keyof DomainBoundary) => DomainFaceCondition,
  f: readonly [Float32Array, Float32Array, Float32Array],
  temp: Float32Array,
  cond: Float32Array,
  arterialC: number,
): void {
  const { nx, ny, nz } = g
  const sides = [
    ['xMin', 0, 0],
    ['xMax', 0, nx - 1],
    ['yMin', 1, 0],
    ['yMax', 1, ny - 1],
    ['zMin', 2, 0],
    ['zMax', 2, nz - 1],
  ] as const
  const dims = [nx, ny, nz] as const
  const stride = [1, nx, nx * ny] as const
  for (const [name, ax, at] of sides) {
    const c = side(name)
    const h = g.spacingM[ax]
    const a1 = (ax + 1) % 3
    const a2 = (ax + 2) % 3
    for (let u = 1; u < dims[a1] - 1; u++) {
      for (let w = 1; w < dims[a2] - 1; w++) {
        const idx = at * stride[ax] + u * stride[a1] + w * stride[a2]
        // The face between this outer node and its inner neighbour is stored on the lower index.
        const faceIdx = at === 0 ? idx : idx - stride[ax]
        if (c.kind === 'adiabatic') f[ax][faceIdx] = 0
        else if (c.kind === 'dirichlet') temp[idx] = c.tempC ?? arterialC
        else {
          // A film 1/h_c in series with the inner half cell equals a virtual half cell of k = h_c·h/2.
          temp[idx] = c.ambientC
          cond[idx] = (c.hWPerM2K * h) / 2
        }
      }
    }
  }
}

/** Stable sub-step for any probe configuration: smallest capacity over largest conductance sum, s. */
function worstCaseDtS(s: CryoState): number {
  const { nx, ny, nz, labels, fX, fY, fZ, perfusion } = s.arrays
  const p = s.phase
  const n = nx * ny * nz
  const kMax = new Float64Array(n)
  const isProbe = new Uint8Array(n)
  for (const pr of s.probes) for (const v of pr.inside) isProbe[v] = 1
  for (let i = 0; i < n; i++) {
    const m = labels[i]
    kMax[i] = Math.max(p.kFrozen[m], p.kUnfrozen[m], s.conductivity[i])
  }
  const theta = new Map<number, number>()
  for (const pr of s.probes) {
    for (const c of pr.cutFaces) {
      theta.set(c.voxel * 8 + c.axis * 2 + (c.neighbour > c.voxel ? 1 : 0), c.theta)
    }
  }
  const nxy = nx * ny
  const stride = [1, nx, nxy] as const
  const fs = [fX, fY, fZ] as const
  let dt = Infinity
  for (let i = 0; i < n; i++) {
    if (s.arrays.isFree[i] === 0 && isProbe[i] === 0) continue
    const m = labels[i]
    const cap = Math.min(p.capFrozen[m], p.capMushy[m], p.capUnfrozen[m])
    let sum = perfusion[i]
    for (let ax = 0; ax < 3; ax++) {
      for (const dir of [1, -1]) {
        const j = i + dir * stride[ax]
        const face = dir > 0 ? i : j
        const f = fs[ax][face]
        if (f === 0) continue
        const th = theta.get(i * 8 + ax * 2 + (dir > 0 ? 1 : 0))
        // A cut face to an active probe conducts k/(θh²); otherwise the harmonic mean of the maxima.
        const kj = kMax[j]
        const ki = kMax[i]
        const gAsFree = (f * 2 * ki * kj) / (ki + kj)
        sum += th !== undefined ? Math.max(gAsFree, (f * ki) / th) : gAsFree
      }
    }
    if (sum > 0) dt = Math.min(dt, cap / sum)
  }
  return dt
}

/** Switches probe `index` to a mode (freeze, active thaw, off = passive thaw). Mutates `state`. */
export function setCryoProbeMode(state: CryoState, index: number, mode: CryoProbeMode): void {
  const pr = state.probes[index]
  if (!pr) throw new Error(`setCryoProbeMode: no probe ${index}`)
  const a = state.arrays
  const fs = [a.fX, a.fY, a.fZ] as const
  const isFixed = mode.kind !== 'off'
  for (const v of pr.inside) {
    const m = a.labels[v]
    if (isFixed) {
      a.isFree[v] = 0
      a.minTempC[v] = Math.min(a.minTempC[v], mode.tempC)
      state.tempC[v] = mode.tempC
      state.tempNextC[v] = mode.tempC
      state.conductivity[v] = K_PROBE
      state.conductivityNext[v] = K_PROBE
    } else {
      const t = state.tempC[v]
      a.isFree[v] = 1
      a.enthalpy[v] = enthalpyFromTemp(state.phase, m, t)
      state.conductivity[v] = conductivityAt(state.phase, m, t)
      state.conductivityNext[v] = state.conductivity[v]
    }
  }
  for (const c of pr.cutFaces) {
    const h = state.grid.spacingM[c.axis]
    // With k_probe ≫ k the harmonic mean is 2k, so 1/(2θh²) puts the surface θ·h from the tissue node.
    fs[c.axis][Math.min(c.voxel, c.neighbour)] = isFixed ? 1 / (2 * c.theta * h * h) : 1 / (h * h)
  }
  state.modes[index] = mode
  rebuildFixedFaces(state)
}

/** Options of one `stepCryo` call. */
export interface CryoStepParams {
  /** Macro step, s (sub-stepped to the stability bound); default one stable sub-step. */
  readonly dtS?: number
}

/** Advances by `nSteps` macro steps. Mutates `state` (temperatures, enthalpy, minimum temperature). */
export function stepCryo(state: CryoState, params: CryoStepParams, nSteps: number): void {
  const macro = params.dtS ?? state.dtStableS
  if (!(macro > 0)) throw new Error(`stepCryo: bad dtS ${macro}`)
  const nSub = Math.max(1, Math.ceil(macro / state.dtStableS - 1e-9))
  const dt = macro / nSub
  const vol = voxelVolumeM3(state.grid)
  state.scalars.dtS = dt
  for (let m = 0; m < nSteps * nSub; m++) {
    state.energy.boundaryJ += fixedNodeFluxW(state) * vol * dt
    const perf = cryoSweep(
      state.arrays,
      state.phase,
      state.tempC,
      state.conductivity,
      state.tempNextC,
      state.conductivityNext,
      state.scalars,
    )
    state.energy.perfusionJ += perf * vol * dt
    const t = state.tempC
    state.tempC = state.tempNextC
    state.tempNextC = t
    const k = state.conductivity
    state.conductivity = state.conductivityNext
    state.conductivityNext = k
    state.timeS += dt
    state.steps++
    state.dtS = dt
  }
}

/** Heat flow from fixed nodes into free voxels right now, W/m³ summed over voxels. */
function fixedNodeFluxW(s: CryoState): number {
  const { free, fixed, face, axis } = s.fixedFaces
  const fs = [s.arrays.fX, s.arrays.fY, s.arrays.fZ] as const
  const t = s.tempC
  const k = s.conductivity
  let q = 0
  for (let f = 0; f < free.length; f++) {
    const a = free[f]
    const b = fixed[f]
    const ka = k[a]
    const kb = k[b]
    const g = fs[axis[f]][face[f]] * ((2 * ka * kb) / (ka + kb))
    q += g * (t[b] - t[a])
  }
  return q
}

/** Lists the faces between a free voxel and a fixed node with a nonzero factor (after any mode change). */
function rebuildFixedFaces(s: CryoState): void {
  const { nx, ny, nz, isFree } = s.arrays
  const fs = [s.arrays.fX, s.arrays.fY, s.arrays.fZ] as const
  const stride = [1, nx, nx * ny] as const
  const free: number[] = []
  const fixed: number[] = []
  const face: number[] = []
  const axis: number[] = []
  for (let kk = 0; kk < nz; kk++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const idx = i + nx * (j + ny * kk)
        const c = [i, j, kk] as const
        const dims = [nx, ny, nz] as const
        for (let ax = 0; ax < 3; ax++) {
          if (c[ax] === dims[ax] - 1) continue
          const jdx = idx + stride[ax]
          if (isFree[idx] === isFree[jdx] || fs[ax][idx] === 0) continue
          free.push(isFree[idx] === 1 ? idx : jdx)
          fixed.push(isFree[idx] === 1 ? jdx : idx)
          face.push(idx)
          axis.push(ax)
        }
      }
    }
  }
  s.fixedFaces = {
    free: Int32Array.from(free),
    fixed: Int32Array.from(fixed),
    face: Int32Array.from(face),
    axis: Uint8Array.from(axis),
  }
}

/** Total enthalpy Σ H·V over free voxels, J (relative to each label's solidus). */
export function cryoEnthalpyJ(s: CryoState): number {
  let e = 0
  for (let i = 0; i < s.arrays.enthalpy.length; i++) {
    if (s.arrays.isFree[i] === 1) e += s.arrays.enthalpy[i]
  }
  return e * voxelVolumeM3(s.grid)
}

/** Isotherm masks: visible ice now (T ≤ 0 °C) and lethal/certain cold injury so far (T_min ≤ −20/−40 °C). */
export function cryoIsothermMasks(s: CryoState): {
  iceNow: Uint8Array
  lethal: Uint8Array
  certain: Uint8Array
} {
  return {
    iceNow: maskAtMost(s.tempC, CRYO_ISOTHERMS_C.visibleIce),
    lethal: maskAtMost(s.arrays.minTempC, CRYO_ISOTHERMS_C.lethal),
    certain: maskAtMost(s.arrays.minTempC, CRYO_ISOTHERMS_C.certain),
  }
}
