/** Fixture builders and analytic helpers for the bioheat tests (defaults first, VolView `makeMetadata` style). */
import { S } from '../../../src/lib/anatomy'
import { createGrid3, type Grid3 } from '../../../src/sim/grid/grid3'
import type { DomainBoundary } from '../../../src/sim/bioheat/pennes'
import {
  labelThermalTable,
  tissueThermal,
  type TissueThermal,
} from '../../../src/sim/bioheat/tissueProperties'

/** Complementary error function (Numerical Recipes erfcc, |relative error| < 1.2e-7). */
export function erfc(x: number): number {
  const c = [
    -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398,
    1.48851587, -0.82215223, 0.17087277,
  ]
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  let poly = 0
  for (let i = c.length - 1; i >= 0; i--) poly = c[i] + t * poly
  const r = t * Math.exp(-z * z + poly)
  return x >= 0 ? r : 2 - r
}

/** Muscle properties with a chosen perfusion (s⁻¹); default no perfusion. */
export const muscle = (perfusionPerS = 0): TissueThermal => ({
  ...tissueThermal('muscle'),
  perfusionPerS,
})

/** Thermal diffusivity k/(ρc), m²/s. */
export const diffusivity = (t: TissueThermal): number =>
  t.conductivityWPerMK / (t.densityKgPerM3 * t.specificHeatJPerKgK)

/** Material table where the muscle label has properties `t`. */
export const tableWith = (t: TissueThermal): TissueThermal[] =>
  labelThermalTable({}, new Map([[S.muscle, t]]))

/** A uniform muscle block. */
export function uniformBlock(
  nx: number,
  ny: number,
  nz: number,
  spacingM: number,
): { grid: Grid3; labels: Uint8Array } {
  const grid = createGrid3(nx, ny, nz, [spacingM, spacingM, spacingM])
  return { grid, labels: new Uint8Array(nx * ny * nz).fill(S.muscle) }
}

/** Boundary for a 1-D problem along x: y and z sides insulated, x sides as given (default Dirichlet). */
export const oneDimensional = (x: Pick<DomainBoundary, 'xMin' | 'xMax'> = {}): DomainBoundary => ({
  ...x,
  yMin: { kind: 'adiabatic' },
  yMax: { kind: 'adiabatic' },
  zMin: { kind: 'adiabatic' },
  zMax: { kind: 'adiabatic' },
})

/** Observed order of convergence from errors at spacings h and h/2. */
export const observedOrder = (errCoarse: number, errFine: number): number =>
  Math.log2(errCoarse / errFine)

/** Max |a − b| over a range of indices given by `idx`. */
export function maxAbsDiff(n: number, a: (i: number) => number, b: (i: number) => number): number {
  let e = 0
  for (let i = 0; i < n; i++) e = Math.max(e, Math.abs(a(i) - b(i)))
  return e
}
