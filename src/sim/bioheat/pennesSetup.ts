/**
 * Builds the Pennes coefficient arrays from a label volume and a per-label property table: heat
 * capacities, harmonic-mean face conductances, perfusion, fixed (Dirichlet) nodes and the faces through
 * which heat enters from them. Run once per problem; pure.
 */
import type { Grid3 } from '../grid/grid3'
import { createDoseRateTable, type ArrheniusParams, type DoseRateTable } from './damage'
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
  /** Allocate the arrays the sweeps touch on SharedArrayBuffers (a thread team will use them). */
  readonly shared?: boolean
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

const doseTables = new WeakMap<ArrheniusParams, DoseRateTable>()

/**
 * The dose-rate table of an Arrhenius set, built once per set and shared by every state that uses it
 * (tables are read-only; building one takes 16 k exponentials, and the stage kernel derives its
 * interleaved records from it once per table).
 */
export function doseRateTableFor(p: ArrheniusParams): DoseRateTable {
  let t = doseTables.get(p)
  if (!t) {
    t = createDoseRateTable(p)
    doseTables.set(p, t)
  }
  return t
}

const harmonic = (a: number, b: number): number => (a + b > 0 ? (2 * a * b) / (a + b) : 0)

/** Builds all per-voxel coefficients (see module doc). */
export function buildPennesCoefficients(inp: PennesSetupInput): PennesCoefficients {
  const g = inp.grid
  const { nx, ny, nz } = g
  const n = gridSize(g)
  const nxy = nx * ny
  const isShared = inp.shared === true
  const f32 = (len: number): Float32Array =>
    isShared ? new Float32Array(new SharedArrayBuffer(4 * len)) : new Float32Array(len)
  const f64 = (len: number): Float64Array =>
    isShared ? new Float64Array(new SharedArrayBuffer(8 * len)) : new Float64Array(len)
  const u8 = (len: number): Uint8Array =>
    isShared ? new Uint8Array(new SharedArrayBuffer(len)) : new Uint8Array(len)
  const kind = new Uint8Array(n)
  const invHeatCap = f32(n)
  const perfusion = f32(n)
  const metabolic = new Float32Array(n)
  const bloodCap = BLOOD.densityKgPerM3 * BLOOD.specificHeatJPerKgK
  const bloodK = TISSUE_THERMAL_SPECS.blood.conductivityWPerMK.value
  // Per-label property tables (the material objects differ in shape; typed arrays keep the loop fast).
  const nLab = inp.materials.length
  const labK = new Float64Array(nLab)
  const labKind = new Uint8Array(nLab)
  const labInvCap = new Float32Array(nLab)
  const labPerf = new Float32Array(nLab)
  const labMeta = new Float32Array(nLab)
  inp.materials.forEach((mat, l) => {
    labK[l] = mat.conductivityWPerMK
    labKind[l] =
      mat.behaviour === 'vessel' && inp.vesselsAsHeatSinks
        ? VESSEL
        : mat.behaviour === 'insulator'
          ? INSULATOR
          : mat.behaviour === 'air'
            ? AIR
            : FREE
    labInvCap[l] = 1 / (mat.densityKgPerM3 * mat.specificHeatJPerKgK)
    labPerf[l] = mat.perfusionPerS * bloodCap
    labMeta[l] = inp.includeMetabolicHeat ? mat.metabolicWPerM3 : 0
  })
  const airC = inp.skin ? inp.skin.ambientC : inp.arterialC
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const idx = i + nx * (j + ny * k)
        const lab = inp.labels[idx]
        const isOuter =
          i === 0 || j === 0 || k === 0 || i === nx - 1 || j === ny - 1 || k === nz - 1
        const kd = isOuter ? BOUNDARY : labKind[lab]
        kind[idx] = kd
        if (kd === VESSEL) inp.temp[idx] = inp.arterialC
        else if (kd === AIR) inp.temp[idx] = airC
        else if (kd === FREE) {
          invHeatCap[idx] = labInvCap[lab]
          perfusion[idx] = labPerf[lab]
          metabolic[idx] = labMeta[lab]
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
  // [gX, gY, gZ, 1/(ρc)] per voxel; a voxel's k is its label's, blood's for heat-sink vessels.
  const packed = f32(4 * n)
  const labels = inp.labels
  const condAt = (idx: number): number => (kind[idx] === VESSEL ? bloodK : labK[labels[idx]])
  const fv: number[] = []
  const fn: number[] = []
  const fg: number[] = []
  // Faces between each voxel and its +axis neighbour, axis by axis: free–free takes the harmonic mean
  // (inline: 1.5 M faces), free–fixed the fixed node's own rule, fixed–fixed none.
  for (const ax of [0, 1, 2] as const) {
    const st = ax === 0 ? 1 : ax === 1 ? nx : nxy
    const h = g.spacingM[ax]
    const hh = h * h
    const [ni, nj, nk] = [nx - (ax === 0 ? 1 : 0), ny - (ax === 1 ? 1 : 0), nz - (ax === 2 ? 1 : 0)]
    for (let k = 0; k < nk; k++) {
      for (let j = 0; j < nj; j++) {
        for (let i = 0, idx = nx * (j + ny * k); i < ni; i++, idx++) {
          const jdx = idx + st
          const a = kind[idx]
          const b = kind[jdx]
          if (a === FREE && b === FREE) {
            packed[4 * idx + ax] = harmonic(labK[labels[idx]], labK[labels[jdx]]) / hh
          } else if (a === FREE || b === FREE) {
            const free = a === FREE ? idx : jdx
            const fixed = a === FREE ? jdx : idx
            const gv = fixedFaceG(
              kind[fixed],
              condAt(free),
              condAt(fixed),
              h,
              inp,
              side,
              fixedSide(g, fixed),
              theta.get(idx * 3 + ax),
            )
            packed[4 * idx + ax] = gv
            if (gv > 0) {
              fv.push(free)
              fn.push(fixed)
              fg.push(gv)
            }
          }
        }
      }
    }
  }
  const isFixed = new Uint8Array(n)
  for (let i = 0; i < n; i++) isFixed[i] = kind[i] === FREE ? 0 : 1
  for (let i = 0; i < n; i++) packed[4 * i + 3] = invHeatCap[i]
  const nRows = ny * nz
  // Fixed faces grouped by the free voxel's row (counting sort, stable), with each row's range.
  const rowOf = (f: number): number => (fv[f] / nx) | 0
  const rowStart = new Int32Array(nRows + 1)
  for (let f = 0; f < fv.length; f++) rowStart[rowOf(f) + 1]++
  for (let r = 0; r < nRows; r++) rowStart[r + 1] += rowStart[r]
  const faceVoxel = new Int32Array(fv.length)
  const faceNode = new Int32Array(fv.length)
  const faceG = new Float32Array(fv.length)
  const fill = rowStart.slice(0, nRows)
  for (let f = 0; f < fv.length; f++) {
    const at = fill[rowOf(f)]++
    faceVoxel[at] = fv[f]
    faceNode[at] = fn[f]
    faceG[at] = fg[f]
  }
  const share = <T extends Int32Array | Float32Array>(a: T, make: (len: number) => T): T => {
    if (!isShared) return a
    const b = make(a.length)
    b.set(a)
    return b
  }
  const i32 = (len: number): Int32Array => new Int32Array(new SharedArrayBuffer(4 * len))
  return {
    arrays: {
      nx,
      ny,
      nz,
      invHeatCap,
      packed,
      perfusion,
      sourceTotal: f32(n),
      omega: new Float32Array(0),
      cem43Min: new Float32Array(0),
      maxTempC: new Float32Array(0),
      rowActive: u8(nRows),
      rowChanged: u8(nRows),
      rowHot: u8(nRows),
      rowPerfusionW: f64(nRows),
      rowSourceW: f64(nRows),
      fixedRowStart: share(rowStart, i32),
      fixedVoxel: share(faceVoxel, i32),
      fixedNode: share(faceNode, i32),
      fixedG: share(faceG, f32),
      rowBoundaryW: f64(nRows),
    },
    metabolic,
    isFixed,
    fixedFaces: { voxel: faceVoxel, node: faceNode, g: faceG },
  }
}

type SideKey = keyof DomainBoundary

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
  if (i === 0) return 'xMin'
  if (i === g.nx - 1) return 'xMax'
  if (j === 0) return 'yMin'
  if (j === g.ny - 1) return 'yMax'
  if (k === 0) return 'zMin'
  if (k === g.nz - 1) return 'zMax'
  return null
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
