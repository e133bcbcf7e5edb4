/**
 * Builds the Pennes coefficient arrays from a label volume and a per-label property table: heat
 * capacities, harmonic-mean face conductances, perfusion, fixed (Dirichlet) nodes and the faces through
 * which heat enters from them. Run once per problem; pure.
 */
import type { Grid3 } from '../grid/grid3'
import { gridSize } from '../grid/grid3'
import type { PennesArrays } from './pennesKernel'
import type { ProbeRaster } from './probeGeometry'
import { BLOOD, TISSUE_THERMAL_SPECS, type TissueThermal } from './tissueProperties'

/** Condition on one side of the domain, applied through the outermost voxel layer. */
export type DomainFaceCondition =
  | {
      /** Fixed temperature at the outer voxel centres (default: arterial, "core temperature"). */
      readonly kind: 'dirichlet'
      readonly tempC?: number
    }
  | {
      /** No heat flux: also a mirror plane, located on the face between the outer and first inner layer. */
      readonly kind: 'adiabatic'
    }
  | {
      /** Convective film on the face between the outer and first inner layer. */
      readonly kind: 'convective'
      readonly hWPerM2K: number
      readonly ambientC: number
    }

/** Conditions on the six sides; missing sides are Dirichlet at arterial temperature. */
export interface DomainBoundary {
  readonly xMin?: DomainFaceCondition
  readonly xMax?: DomainFaceCondition
  readonly yMin?: DomainFaceCondition
  readonly yMax?: DomainFaceCondition
  readonly zMin?: DomainFaceCondition
  readonly zMax?: DomainFaceCondition
}

/**
 * Convective skin boundary on tissue–air faces: flux h·(T_skin − T_ambient). No value is in FACTS [G];
 * h ≈ 5–25 W/m²/K covers still to moving room air.
 */
export interface SkinBoundary {
  readonly hWPerM2K: number
  readonly ambientC: number
}

/** Node kinds. */
const FREE = 0
const BOUNDARY = 1
const VESSEL = 2
const INSULATOR = 3
const AIR = 4
const PROBE = 5

/** Inputs of `buildPennesCoefficients`. */
export interface PennesSetupInput {
  readonly grid: Grid3
  readonly labels: Uint8Array
  readonly materials: readonly TissueThermal[]
  readonly arterialC: number
  readonly boundary: DomainBoundary | undefined
  readonly skin: SkinBoundary | null
  readonly vesselsAsHeatSinks: boolean
  readonly probeRaster: ProbeRaster
  readonly probeTemps: readonly { readonly voxels: Int32Array; readonly tempC: number }[]
  readonly includeMetabolicHeat: boolean
  /** Initial temperature; fixed nodes are overwritten with their held value. */
  readonly temp: Float32Array
}

/** Coefficient arrays plus the fixed-node bookkeeping. */
export interface PennesCoefficients {
  readonly arrays: PennesArrays
  readonly metabolic: Float32Array
  readonly isFixed: Uint8Array
  readonly fixedFaces: {
    readonly voxel: Int32Array
    readonly node: Int32Array
    readonly g: Float32Array
  }
}

const harmonic = (a: number, b: number): number => (a + b > 0 ? (2 * a * b) / (a + b) : 0)

/** Builds all per-voxel coefficients (see module doc). */
export function buildPennesCoefficients(inp: PennesSetupInput): PennesCoefficients {
  const g = inp.grid
  const { nx, ny, nz } = g
  const n = gridSize(g)
  const nxy = nx * ny
  const kind = new Uint8Array(n)
  const cond = new Float64Array(n)
  const invHeatCap = new Float32Array(n)
  const perfusion = new Float32Array(n)
  const metabolic = new Float32Array(n)
  const bloodCap = BLOOD.densityKgPerM3 * BLOOD.specificHeatJPerKgK
  const bloodK = TISSUE_THERMAL_SPECS.blood.conductivityWPerMK.value
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const idx = i + nx * (j + ny * k)
        const mat = inp.materials[inp.labels[idx]]
        const isOuter =
          i === 0 || j === 0 || k === 0 || i === nx - 1 || j === ny - 1 || k === nz - 1
        cond[idx] = mat.conductivityWPerMK
        let kd = FREE
        if (isOuter) kd = BOUNDARY
        else if (mat.behaviour === 'vessel' && inp.vesselsAsHeatSinks) kd = VESSEL
        else if (mat.behaviour === 'insulator') kd = INSULATOR
        else if (mat.behaviour === 'air') kd = AIR
        kind[idx] = kd
        if (kd === VESSEL) {
          cond[idx] = bloodK
          inp.temp[idx] = inp.arterialC
        } else if (kd === AIR) {
          inp.temp[idx] = inp.skin ? inp.skin.ambientC : inp.arterialC
        } else if (kd === FREE) {
          invHeatCap[idx] = 1 / (mat.densityKgPerM3 * mat.specificHeatJPerKgK)
          perfusion[idx] = mat.perfusionPerS * bloodCap
          if (inp.includeMetabolicHeat) metabolic[idx] = mat.metabolicWPerM3
        }
      }
    }
  }
  for (const p of inp.probeTemps) {
    for (const v of p.voxels) {
      kind[v] = PROBE
      invHeatCap[v] = 0
      perfusion[v] = 0
      metabolic[v] = 0
      inp.temp[v] = p.tempC
    }
  }
  const side = sideConditions(inp.boundary)
  setBoundaryTemps(inp, kind, side)
  const theta = new Map<number, number>()
  for (const f of inp.probeRaster.cutFaces) {
    theta.set(Math.min(f.voxel, f.neighbour) * 3 + f.axis, f.theta)
  }
  const gAxis = [new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const
  const stride = [1, nx, nxy] as const
  const fv: number[] = []
  const fn: number[] = []
  const fg: number[] = []
  const dims = [nx, ny, nz] as const
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const idx = i + nx * (j + ny * k)
        const coords = [i, j, k] as const
        for (let ax = 0 as 0 | 1 | 2; ax < 3; ax = (ax + 1) as 0 | 1 | 2) {
          if (coords[ax] === dims[ax] - 1) continue
          const jdx = idx + stride[ax]
          const h = g.spacingM[ax]
          const a = kind[idx]
          const b = kind[jdx]
          let gv = 0
          if (a === FREE && b === FREE) gv = harmonic(cond[idx], cond[jdx]) / (h * h)
          else if (a === FREE || b === FREE) {
            const free = a === FREE ? idx : jdx
            const fixed = a === FREE ? jdx : idx
            gv = fixedFaceG(
              kind[fixed],
              cond[free],
              cond[fixed],
              h,
              inp,
              side,
              fixedSide(g, fixed),
              theta.get(idx * 3 + ax),
            )
            if (gv > 0) {
              fv.push(free)
              fn.push(fixed)
              fg.push(gv)
            }
          }
          gAxis[ax][idx] = gv
        }
      }
    }
  }
  const isFixed = new Uint8Array(n)
  for (let i = 0; i < n; i++) isFixed[i] = kind[i] === FREE ? 0 : 1
  const nRows = ny * nz
  return {
    arrays: {
      nx,
      ny,
      nz,
      invHeatCap,
      gX: gAxis[0],
      gY: gAxis[1],
      gZ: gAxis[2],
      perfusion,
      sourceTotal: new Float32Array(n),
      omega: new Float32Array(0),
      cem43Min: new Float32Array(0),
      maxTempC: new Float32Array(0),
      rowActive: new Uint8Array(nRows),
      rowChanged: new Uint8Array(nRows),
      rowHot: new Uint8Array(nRows),
      rowPerfusionW: new Float64Array(nRows),
      rowSourceW: new Float64Array(nRows),
    },
    metabolic,
    isFixed,
    fixedFaces: { voxel: Int32Array.from(fv), node: Int32Array.from(fn), g: Float32Array.from(fg) },
  }
}

type SideKey = keyof DomainBoundary
const SIDES: readonly SideKey[] = ['xMin', 'xMax', 'yMin', 'yMax', 'zMin', 'zMax']

function sideConditions(b: DomainBoundary | undefined): Record<SideKey, DomainFaceCondition> {
  const d: DomainFaceCondition = { kind: 'dirichlet' }
  return {
    xMin: b?.xMin ?? d,
    xMax: b?.xMax ?? d,
    yMin: b?.yMin ?? d,
    yMax: b?.yMax ?? d,
    zMin: b?.zMin ?? d,
    zMax: b?.zMax ?? d,
  }
}

/** The side an outer-layer node belongs to (first match; edge nodes touch no free voxel). */
function fixedSide(g: Grid3, idx: number): SideKey | null {
  const i = idx % g.nx
  const j = Math.floor(idx / g.nx) % g.ny
  const k = Math.floor(idx / (g.nx * g.ny))
  const at = [i === 0, i === g.nx - 1, j === 0, j === g.ny - 1, k === 0, k === g.nz - 1]
  const s = at.indexOf(true)
  return s < 0 ? null : SIDES[s]
}

function setBoundaryTemps(
  inp: PennesSetupInput,
  kind: Uint8Array,
  side: Record<SideKey, DomainFaceCondition>,
): void {
  const g = inp.grid
  for (let idx = 0; idx < kind.length; idx++) {
    if (kind[idx] !== BOUNDARY) continue
    const s = fixedSide(g, idx)
    if (s === null) continue
    const c = side[s]
    inp.temp[idx] =
      c.kind === 'dirichlet'
        ? (c.tempC ?? inp.arterialC)
        : c.kind === 'convective'
          ? c.ambientC
          : inp.temp[idx]
  }
}

/** Conductance per volume of a face between a free voxel and a fixed node, W/m³/K. */
function fixedFaceG(
  kd: number,
  kFree: number,
  kFixed: number,
  h: number,
  inp: PennesSetupInput,
  side: Record<SideKey, DomainFaceCondition>,
  sideKey: SideKey | null,
  theta: number | undefined,
): number {
  // Series resistance of the half cell and a film: 1 / (h · (h/(2k) + 1/h_film)).
  const film = (hFilm: number): number => 1 / (h * (h / (2 * kFree) + 1 / hFilm))
  switch (kd) {
    case BOUNDARY: {
      const c = sideKey ? side[sideKey] : ({ kind: 'adiabatic' } as const)
      if (c.kind === 'adiabatic') return 0
      if (c.kind === 'convective') return film(c.hWPerM2K)
      // The outer node keeps its tissue's k unless it is gas or air, which would insulate the boundary.
      return harmonic(kFree, kFixed > 0.1 ? kFixed : kFree) / (h * h)
    }
    case VESSEL:
      return harmonic(kFree, kFixed) / (h * h)
    case AIR:
      return inp.skin ? film(inp.skin.hWPerM2K) : 0
    case PROBE:
      // Dirichlet surface at θ·h from the free node (Shortley–Weller); θ = 1/2 if the face was not cut.
      return kFree / ((theta ?? 0.5) * h * h)
    default:
      return 0
  }
}
