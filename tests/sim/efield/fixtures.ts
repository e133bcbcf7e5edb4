/**
 * Fixture builders for the efield tests: uniform grids, analytic reference solutions and error norms.
 */
import { type Grid3, createGrid3 } from '../../../src/sim/grid/grid3'
import type { Electrode } from '../../../src/sim/efield/potentialOperator'

/** A cubic grid of n³ voxels with spacing h (m); nz defaults to n. */
export function cubeGrid(n: number, hM: number, nz = n): Grid3 {
  return createGrid3(n, n, nz, [hM, hM, hM])
}

/** A constant conductivity map (S/m). */
export function uniformSigma(grid: Grid3, sigmaSPerM: number): Float32Array {
  return new Float32Array(grid.nx * grid.ny * grid.nz).fill(sigmaSPerM)
}

/** Visits every voxel with its indices, flat index and position (m) relative to `centreM`. */
export function forEachVoxel(
  grid: Grid3,
  centreM: readonly [number, number, number],
  fn: (v: number, x: number, y: number, z: number, i: number, j: number, k: number) => void,
): void {
  const [hx, hy, hz] = grid.spacingM
  for (let k = 0; k < grid.nz; k++) {
    for (let j = 0; j < grid.ny; j++) {
      for (let i = 0; i < grid.nx; i++) {
        fn(
          i + grid.nx * (j + grid.ny * k),
          i * hx - centreM[0],
          j * hy - centreM[1],
          k * hz - centreM[2],
          i,
          j,
          k,
        )
      }
    }
  }
}

/** Centre (m) of a grid whose voxel (0,0,0) is at the origin. */
export const gridCentreM = (g: Grid3): [number, number, number] => [
  ((g.nx - 1) * g.spacingM[0]) / 2,
  ((g.ny - 1) * g.spacingM[1]) / 2,
  ((g.nz - 1) * g.spacingM[2]) / 2,
]

/** Concentric spheres: inner radius a at V, outer radius b at 0 (Jackson, Classical Electrodynamics §1.13). */
export const sphereCapacitor = (aM: number, bM: number, volts: number) => ({
  phi: (r: number): number => (volts * (1 / r - 1 / bM)) / (1 / aM - 1 / bM),
  eMag: (r: number): number => volts / (r * r * (1 / aM - 1 / bM)),
  currentA: (sigma: number): number => (4 * Math.PI * sigma * volts) / (1 / aM - 1 / bM),
})

/**
 * Two parallel cylinders of radius a, centres ±D/2 on x, potentials ±ΔV/2 (2-D, infinite medium): the
 * potential of two line charges at ±s, s = √((D/2)² − a²) (Smythe, Static and Dynamic Electricity §4.13).
 */
export function twoWire(aM: number, dM: number, deltaV: number) {
  const s = Math.sqrt((dM / 2) ** 2 - aM ** 2)
  const k = deltaV / (2 * Math.acosh(dM / (2 * aM)))
  return {
    /** Potential at (x, y) relative to the midpoint. */
    phi: (x: number, y: number): number =>
      k * Math.log(Math.hypot(x - s, y) / Math.hypot(x + s, y)),
    /** |E| at the midpoint between the wires. */
    eMid: deltaV / (s * Math.acosh(dM / (2 * aM))),
  }
}

/** Voxels (as single-voxel electrodes) holding a prescribed potential, e.g. an analytic boundary value. */
export function voxelElectrodes(
  voxels: readonly number[],
  potential: (v: number) => number,
  contactScale?: number,
): Electrode[] {
  return voxels.map((v) =>
    contactScale === undefined
      ? { voxels: [v], potentialV: potential(v) }
      : { voxels: [v], potentialV: potential(v), contactScale },
  )
}

/** Root-mean-square of a list of numbers. */
export const rms = (xs: readonly number[]): number =>
  Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / Math.max(1, xs.length))

/** Observed order of convergence between two errors at spacings h and h/2. */
export const observedOrder = (coarseErr: number, fineErr: number): number =>
  Math.log2(coarseErr / fineErr)
