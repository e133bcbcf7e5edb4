/**
 * Quantities derived from a potential solution: |E|, electrode currents, Joule heating / SAR and the power
 * balance. Pure; SI units (V, V/m, A, W, W/m³, W/kg). Every face conductance is the one the solver used
 * (potentialOperator.ts), so currents are conserved to the solver's residual.
 *
 * For RF the potentials are RMS values and powers are time averages (with peak amplitudes, halve them).
 */
import type { Grid3 } from '../grid/grid3'
import { voxelVolumeM3 } from '../grid/grid3'
import {
  DEFAULT_CONTACT_SCALE,
  faceAxis,
  faceGeometryM,
  forEachFaceVoxel,
} from './potentialOperator'
import type { PotentialProblem } from './solvePotential'

/** Per-voxel electrode data rebuilt from a problem. */
interface ElectrodeMap {
  /** Index of the electrode owning the voxel, −1 for tissue. */
  readonly owner: Int32Array
  readonly potentialV: Float64Array
  readonly contact: Float64Array
}

/** Floating electrodes take their potential from the solution `phi` (uniform up to the metal's tiny drop). */
function electrodeMap(p: PotentialProblem, phi: ArrayLike<number>): ElectrodeMap {
  const n = p.grid.nx * p.grid.ny * p.grid.nz
  const owner = new Int32Array(n).fill(-1)
  const potentialV = new Float64Array(n)
  const contact = new Float64Array(n)
  p.electrodes.forEach((e, idx) => {
    for (let q = 0; q < e.voxels.length; q++) {
      const v = e.voxels[q]
      owner[v] = idx
      potentialV[v] = e.floating ? phi[v] : e.potentialV
      contact[v] = e.contactScale ?? DEFAULT_CONTACT_SCALE
    }
  })
  return { owner, potentialV, contact }
}

const sigmaAt = (sigma: ArrayLike<number>, v: number): number => (sigma[v] > 0 ? sigma[v] : 0)

/** Flat-index step of each axis. */
const axisSteps = (g: Grid3): [number, number, number] => [1, g.nx, g.nx * g.ny]

/**
 * Conductance (S) of the face between voxel u and its +axis neighbour, per axis, as the solver
 * discretised it (0 on the domain boundary and between two electrode voxels, which carry no modelled
 * current).
 */
function faceConductances(
  p: PotentialProblem,
  map: ElectrodeMap,
): [Float64Array, Float64Array, Float64Array] {
  const { nx, ny, nz } = p.grid
  const n = nx * ny * nz
  const geo = faceGeometryM(p.grid)
  const steps = axisSteps(p.grid)
  const { owner, contact } = map
  const sigma = p.sigma
  const out: [Float64Array, Float64Array, Float64Array] = [
    new Float64Array(n),
    new Float64Array(n),
    new Float64Array(n),
  ]
  for (let axis = 0; axis < 3; axis++) {
    const step = steps[axis]
    const gf = geo[axis]
    const c = out[axis]
    for (let k = 0; k < nz - (axis === 2 ? 1 : 0); k++) {
      for (let j = 0; j < ny - (axis === 1 ? 1 : 0); j++) {
        const row = nx * (j + ny * k)
        for (let i = 0; i < nx - (axis === 0 ? 1 : 0); i++) {
          const u = row + i
          const v = u + step
          const eu = owner[u] >= 0
          const ev = owner[v] >= 0
          if (eu && ev) continue
          if (eu) c[u] = contact[u] * sigmaAt(sigma, v) * gf
          else if (ev) c[u] = contact[v] * sigmaAt(sigma, u) * gf
          else {
            const a = sigmaAt(sigma, u)
            const b = sigmaAt(sigma, v)
            c[u] = a + b > 0 ? ((2 * a * b) / (a + b)) * gf : 0
          }
        }
      }
    }
  }
  return out
}

/** Visits every pad face with the voxel it touches, its conductance G (S), and +1/−1 for the +/− side. */
function forEachPadFace(
  p: PotentialProblem,
  map: ElectrodeMap,
  fn: (
    v: number,
    axis: number,
    side: number,
    conductanceS: number,
    padV: number,
    padIndex: number,
  ) => void,
): void {
  const geo = faceGeometryM(p.grid)
  ;(p.pads ?? []).forEach((pad, padIndex) => {
    const axis = faceAxis(pad.face)
    const side = pad.face[1] === '+' ? 1 : -1
    forEachFaceVoxel(p.grid, pad.face, (v) => {
      if (map.owner[v] >= 0) return
      const c = 2 * sigmaAt(p.sigma, v) * geo[axis]
      if (c > 0) fn(v, axis, side, c, pad.potentialV ?? 0, padIndex)
    })
  })
}

const faceArea = (grid: Grid3, axis: number): number => {
  const [hx, hy, hz] = grid.spacingM
  return axis === 0 ? hy * hz : axis === 1 ? hx * hz : hx * hy
}

/**
 * E = −∇φ per voxel (V/m), interleaved [Ex, Ey, Ez] (length 3n), reconstructed from the face currents:
 * along each axis, E = ½(J₋ + J₊)/σ with J the current density through the voxel's two faces (zero on
 * zero-flux boundaries). In a homogeneous interior this is exactly the central difference −(φ₊ − φ₋)/(2h);
 * at interfaces it uses the continuous normal current instead of differencing across the jump, and next
 * to electrodes and pads it is one-sided (the electrode face carries the current into the metal).
 * Electrode voxels report the mean field in the tissue at their faces; inactive voxels 0.
 */
export function electricField(p: PotentialProblem, phi: ArrayLike<number>): Float32Array {
  const map = electrodeMap(p, phi)
  return fieldFrom(p, phi, map, faceConductances(p, map))
}

/**
 * Writes E of voxel u, axis d at out[stride·u + offset + d] (stride 3, offset 0: the interleaved layout;
 * larger strides interleave several solutions per voxel).
 */
function fieldFrom(
  p: PotentialProblem,
  phi: ArrayLike<number>,
  map: ElectrodeMap,
  cond: readonly Float64Array[],
  out: Float32Array = new Float32Array(3 * p.grid.nx * p.grid.ny * p.grid.nz),
  stride = 3,
  offset = 0,
): Float32Array {
  const { grid, sigma } = p
  const { nx, ny, nz } = grid
  const n = nx * ny * nz
  const { owner } = map
  const steps = axisSteps(grid)
  // Tissue voxels: gather the current densities through the two faces of each axis. A face conductance
  // is zero across the domain boundary, so c[u − step] at a row or plane start is the (zero) outer face
  // of the previous row's last voxel.
  for (let axis = 0; axis < 3; axis++) {
    const c = cond[axis]
    const step = steps[axis]
    const area = faceArea(grid, axis)
    for (let u = 0; u < n; u++) {
      if (owner[u] >= 0) continue
      const s = sigmaAt(sigma, u)
      if (s === 0) continue
      const cm = u >= step ? c[u - step] : 0
      const cp = c[u]
      const jm = cm === 0 ? 0 : cm * (phi[u - step] - phi[u])
      const jp = cp === 0 ? 0 : cp * (phi[u] - phi[u + step])
      out[stride * u + offset + axis] = (0.5 * (jm + jp)) / (area * s)
    }
  }
  forEachPadFace(p, map, (v, axis, side, c, padV) => {
    const j = (side * c * (phi[v] - padV)) / faceArea(grid, axis)
    out[stride * v + offset + axis] += (0.5 * j) / sigmaAt(sigma, v)
  })
  // Electrode voxels: mean over their tissue faces of the field on the tissue side.
  const dims = [nx, ny, nz]
  for (let e = 0; e < n; e++) {
    if (owner[e] < 0) continue
    const idx = [e % nx, Math.floor(e / nx) % ny, Math.floor(e / (nx * ny))]
    for (let axis = 0; axis < 3; axis++) {
      const c = cond[axis]
      const step = steps[axis]
      const area = faceArea(grid, axis)
      let sum = 0
      let count = 0
      if (idx[axis] > 0 && c[e - step] > 0) {
        sum += (c[e - step] * (phi[e - step] - phi[e])) / (area * sigmaAt(sigma, e - step))
        count++
      }
      if (idx[axis] < dims[axis] - 1 && c[e] > 0) {
        sum += (c[e] * (phi[e] - phi[e + step])) / (area * sigmaAt(sigma, e + step))
        count++
      }
      out[stride * e + offset + axis] = count > 0 ? sum / count : 0
    }
  }
  return out
}

/** |E| per voxel (V/m); see {@link electricField} for the reconstruction. */
export function electricFieldMagnitude(p: PotentialProblem, phi: ArrayLike<number>): Float32Array {
  return magnitude(electricField(p, phi))
}

function magnitude(e: Float32Array): Float32Array {
  const out = new Float32Array(e.length / 3)
  for (let v = 0; v < out.length; v++) {
    const x = e[3 * v]
    const y = e[3 * v + 1]
    const z = e[3 * v + 2]
    out[v] = Math.sqrt(x * x + y * y + z * z)
  }
  return out
}

/** Currents (A) leaving each electrode and each pad into the tissue; positive = source. */
export interface ElectrodeCurrents {
  /** In the order of `problem.electrodes`. */
  readonly electrodesA: readonly number[]
  /** In the order of `problem.pads`. */
  readonly padsA: readonly number[]
}

/**
 * Current through each electrode: the flux of σ∇φ over the faces between its voxels and tissue, with the
 * solver's face conductances, so Σ currents = 0 up to the solver residual (charge conservation).
 */
export function electrodeCurrents(p: PotentialProblem, phi: ArrayLike<number>): ElectrodeCurrents {
  const map = electrodeMap(p, phi)
  return currentsFrom(p, phi, map, faceConductances(p, map))
}

function currentsFrom(
  p: PotentialProblem,
  phi: ArrayLike<number>,
  map: ElectrodeMap,
  cond: readonly Float64Array[],
): ElectrodeCurrents {
  const n = p.grid.nx * p.grid.ny * p.grid.nz
  const { owner, potentialV } = map
  const steps = axisSteps(p.grid)
  const electrodesA = new Array<number>(p.electrodes.length).fill(0)
  for (let axis = 0; axis < 3; axis++) {
    const c = cond[axis]
    const step = steps[axis]
    for (let u = 0; u < n; u++) {
      const cu = c[u]
      if (cu === 0) continue
      const v = u + step
      if (owner[u] >= 0) electrodesA[owner[u]] += cu * (potentialV[u] - phi[v])
      else if (owner[v] >= 0) electrodesA[owner[v]] += cu * (potentialV[v] - phi[u])
    }
  }
  const padsA = new Array<number>((p.pads ?? []).length).fill(0)
  forEachPadFace(p, map, (v, _a, _s, c, padV, padIndex) => {
    padsA[padIndex] += c * (padV - phi[v])
  })
  return { electrodesA, padsA }
}

/**
 * Joule heating per voxel (W/m³), conservative: each face's dissipation I²/G is split between its two
 * half-cells in proportion to their resistances (all of it to the tissue side of an electrode or pad
 * face). It sums exactly to Σ V·I over the electrodes at convergence, so use it as the bioheat source.
 */
export function jouleHeating(p: PotentialProblem, phi: ArrayLike<number>): Float32Array {
  const map = electrodeMap(p, phi)
  return jouleFrom(p, phi, map, faceConductances(p, map))
}

function jouleFrom(
  p: PotentialProblem,
  phi: ArrayLike<number>,
  map: ElectrodeMap,
  cond: readonly Float64Array[],
): Float32Array {
  const { grid, sigma } = p
  const n = grid.nx * grid.ny * grid.nz
  const { owner } = map
  const steps = axisSteps(grid)
  const q = new Float64Array(n)
  for (let axis = 0; axis < 3; axis++) {
    const c = cond[axis]
    const step = steps[axis]
    for (let u = 0; u < n; u++) {
      const cu = c[u]
      if (cu === 0) continue
      const v = u + step
      const dphi = phi[u] - phi[v]
      const pw = cu * dphi * dphi
      if (owner[u] >= 0) q[v] += pw
      else if (owner[v] >= 0) q[u] += pw
      else {
        // Half-cell resistances are ∝ 1/σ: the share of u is σ_v/(σ_u + σ_v).
        const su = sigmaAt(sigma, u)
        const sv = sigmaAt(sigma, v)
        q[u] += (pw * sv) / (su + sv)
        q[v] += (pw * su) / (su + sv)
      }
    }
  }
  forEachPadFace(p, map, (v, _a, _s, c, padV) => {
    const d = phi[v] - padV
    q[v] += c * d * d
  })
  const vol = voxelVolumeM3(grid)
  const out = new Float32Array(n)
  for (let v = 0; v < n; v++) out[v] = q[v] / vol
  return out
}

/** Power density σ|E|² per voxel (W/m³) from a field magnitude. */
export function powerDensityFromField(
  sigma: ArrayLike<number>,
  eMagVPerM: ArrayLike<number>,
): Float32Array {
  const out = new Float32Array(eMagVPerM.length)
  for (let v = 0; v < out.length; v++) out[v] = sigmaAt(sigma, v) * eMagVPerM[v] * eMagVPerM[v]
  return out
}

/** Specific absorption rate σ|E|²/ρ (W/kg) from a power density (W/m³) and a density (kg/m³). */
export function specificAbsorptionRate(
  powerDensityWPerM3: ArrayLike<number>,
  densityKgPerM3: number | ArrayLike<number>,
): Float32Array {
  const out = new Float32Array(powerDensityWPerM3.length)
  for (let v = 0; v < out.length; v++) {
    const rho = typeof densityKgPerM3 === 'number' ? densityKgPerM3 : densityKgPerM3[v]
    out[v] = rho > 0 ? powerDensityWPerM3[v] / rho : 0
  }
  return out
}

/** Total power three ways (W). */
export interface PowerBalance {
  /** Σ V·I over electrodes and pads: the power the generator delivers. */
  readonly electrodeW: number
  /** Σ over voxels of the conservative Joule heating × volume (equals electrodeW at convergence). */
  readonly jouleW: number
  /** ∫σ|E|² dV with the reconstructed voxel field (differs by the discretisation error). */
  readonly fieldIntegralW: number
}

/** Power delivered vs dissipated; see {@link PowerBalance}. */
export function powerBalance(p: PotentialProblem, phi: ArrayLike<number>): PowerBalance {
  const map = electrodeMap(p, phi)
  const cond = faceConductances(p, map)
  const cur = currentsFrom(p, phi, map, cond)
  let electrodeW = 0
  p.electrodes.forEach((e, i) => (electrodeW += e.potentialV * cur.electrodesA[i]))
  ;(p.pads ?? []).forEach((pad, i) => (electrodeW += (pad.potentialV ?? 0) * cur.padsA[i]))
  const vol = voxelVolumeM3(p.grid)
  let jouleW = 0
  for (const q of jouleFrom(p, phi, map, cond)) jouleW += q * vol
  let fieldIntegralW = 0
  const e = magnitude(fieldFrom(p, phi, map, cond))
  for (let v = 0; v < e.length; v++) {
    if (map.owner[v] < 0) fieldIntegralW += sigmaAt(p.sigma, v) * e[v] * e[v] * vol
  }
  return { electrodeW, jouleW, fieldIntegralW }
}

/** |E| (V/m) and electrode currents (A) of one solution, sharing the face conductances. */
export function fieldAndCurrents(
  p: PotentialProblem,
  phi: ArrayLike<number>,
): { readonly eMagVPerM: Float32Array; readonly currents: ElectrodeCurrents } {
  const map = electrodeMap(p, phi)
  const cond = faceConductances(p, map)
  return {
    eMagVPerM: magnitude(fieldFrom(p, phi, map, cond)),
    currents: currentsFrom(p, phi, map, cond),
  }
}

/**
 * E (interleaved [Ex, Ey, Ez], V/m) of several solutions of one problem's electrodes and σ, sharing the
 * electrode map and face conductances (e.g. the bases of superposition.ts). The reconstruction is linear
 * in φ (electrode voxels included), so the field of a combination of solutions is the same combination
 * of their fields.
 */
export function electricFields(
  p: PotentialProblem,
  phis: readonly ArrayLike<number>[],
): Float32Array[] {
  if (phis.length === 0) return []
  const map = electrodeMap(p, phis[0])
  const cond = faceConductances(p, map)
  return phis.map((phi) => fieldFrom(p, phi, map, cond))
}

/**
 * Like {@link electricFields}, but in one array interleaved per voxel: E of solution k at voxel v, axis d
 * is at [3·(B·v + k) + d] with B = phis.length (the layout superposition.ts combines voxel by voxel).
 */
export function electricFieldsInterleaved(
  p: PotentialProblem,
  phis: readonly ArrayLike<number>[],
): Float32Array {
  const B = phis.length
  const n = p.grid.nx * p.grid.ny * p.grid.nz
  const out = new Float32Array(3 * B * n)
  if (B === 0) return out
  const map = electrodeMap(p, phis[0])
  const cond = faceConductances(p, map)
  phis.forEach((phi, k) => fieldFrom(p, phi, map, cond, out, 3 * B, 3 * k))
  return out
}
