/**
 * Shared pieces of the field reconstruction (field.ts): the electrode map of a problem, the solver's face
 * conductances, pad faces and the field of an electrode voxel. Pure; SI units.
 */
import type { Grid3 } from '../grid/grid3'
import {
  DEFAULT_CONTACT_SCALE,
  faceAxis,
  faceGeometryM,
  forEachFaceVoxel,
} from './potentialOperator'
import type { PotentialProblem } from './solvePotential'

/** Per-voxel electrode data rebuilt from a problem. */
export interface ElectrodeMap {
  /** Index of the electrode owning the voxel, −1 for tissue. */
  readonly owner: Int32Array
  readonly potentialV: Float64Array
  readonly contact: Float64Array
}

/** Floating electrodes take their potential from the solution `phi` (uniform up to the metal's tiny drop). */
export function electrodeMap(p: PotentialProblem, phi: ArrayLike<number>): ElectrodeMap {
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

export const sigmaAt = (sigma: ArrayLike<number>, v: number): number =>
  sigma[v] > 0 ? sigma[v] : 0

/** Flat-index step of each axis. */
export const axisSteps = (g: Grid3): [number, number, number] => [1, g.nx, g.nx * g.ny]

/**
 * Conductance (S) of the face between voxel u and its +axis neighbour, per axis, as the solver
 * discretised it (0 on the domain boundary and between two electrode voxels, which carry no modelled
 * current).
 */
export function faceConductances(
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
export function forEachPadFace(
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

export const faceArea = (grid: Grid3, axis: number): number => {
  const [hx, hy, hz] = grid.spacingM
  return axis === 0 ? hy * hz : axis === 1 ? hx * hz : hx * hy
}

/** Field of electrode voxel e along one axis: mean over its tissue faces of the tissue-side field. */
export function electrodeVoxelField(
  p: PotentialProblem,
  phi: (v: number) => number,
  cond: readonly Float64Array[],
  e: number,
  idx: readonly number[],
  dims: readonly number[],
  axis: number,
): number {
  const { grid, sigma } = p
  const c = cond[axis]
  const step = axisSteps(grid)[axis]
  const area = faceArea(grid, axis)
  let sum = 0
  let count = 0
  if (idx[axis] > 0 && c[e - step] > 0) {
    sum += (c[e - step] * (phi(e - step) - phi(e))) / (area * sigmaAt(sigma, e - step))
    count++
  }
  if (idx[axis] < dims[axis] - 1 && c[e] > 0) {
    sum += (c[e] * (phi(e) - phi(e + step))) / (area * sigmaAt(sigma, e + step))
    count++
  }
  return count > 0 ? sum / count : 0
}
