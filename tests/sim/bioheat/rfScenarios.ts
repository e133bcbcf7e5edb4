/** RF ablation scenarios shared by the RF tests (liver calibration block, bipolar probe in bone). */
import { S } from '../../../src/lib/anatomy'
import type { Vec3 } from '../../../src/lib/vec3'
import {
  simulateRfAblation,
  type RfAblationResult,
  type RfGenerator,
  type RfProbe,
} from '../../../src/sim/bioheat/rfAblation'
import { labelThermalTable, liverThermal } from '../../../src/sim/bioheat/tissueProperties'
import { createGrid3, type Grid3 } from '../../../src/sim/grid/grid3'

/** Extent of the Ω ≥ 1 zone about an axis through `centre` along `dir` (unit), m. */
export interface AxialExtent {
  readonly lengthM: number
  readonly diameterM: number
  readonly volumeM3: number
}

/** Measures the Ω ≥ 1 voxels' extent along and across an axis (voxel-centre extents + one voxel). */
export function zoneExtent(grid: Grid3, omega: Float32Array, centre: Vec3, dir: Vec3): AxialExtent {
  const h = grid.spacingM[0]
  let lo = Infinity
  let hi = -Infinity
  let r = 0
  let count = 0
  for (let k = 0; k < grid.nz; k++) {
    for (let j = 0; j < grid.ny; j++) {
      for (let i = 0; i < grid.nx; i++) {
        if (omega[i + grid.nx * (j + grid.ny * k)] < 1) continue
        count++
        const d: Vec3 = [i * h - centre[0], j * h - centre[1], k * h - centre[2]]
        const a = d[0] * dir[0] + d[1] * dir[1] + d[2] * dir[2]
        lo = Math.min(lo, a)
        hi = Math.max(hi, a)
        r = Math.max(r, Math.sqrt(Math.max(0, d[0] ** 2 + d[1] ** 2 + d[2] ** 2 - a * a)))
      }
    }
  }
  if (count === 0) return { lengthM: 0, diameterM: 0, volumeM3: 0 }
  return { lengthM: hi - lo + h, diameterM: 2 * r + h, volumeM3: count * h ** 3 }
}

/**
 * A cooled 17 G, 30 mm cool-tip electrode in a liver block along +z, 12 min (FACTS §8.6). `perfusionPerS`
 * overrides the in-vivo liver perfusion (default `LIVER_PERFUSION_PER_S`); `vesselAxisM` puts a 5 mm vessel
 * (Dirichlet 37 °C heat sink, blood σ) parallel to the electrode at that distance along +x.
 */
export function liverCoolTip(
  isPerfused: boolean,
  spacingM = 0.002,
  generator: Partial<RfGenerator> = {},
  durationS = 720,
  perfusionPerS?: number,
  vesselAxisM: number | null = null,
): { result: RfAblationResult; grid: Grid3; centre: Vec3 } {
  const h = spacingM
  const nxy = Math.round(0.06 / h) + 1
  const nz = Math.round(0.09 / h) + 1
  const grid = createGrid3(nxy, nxy, nz, [h, h, h])
  const c = ((nxy - 1) / 2) * h
  const tipZ = 0.03
  const probe: RfProbe = {
    tipM: [c, c, tipZ],
    entryM: [c, c, 0.2],
    radiusM: 0.00074,
    kind: 'monopolar',
    activeLengthM: 0.03,
  }
  const labels = new Uint8Array(grid.nx * grid.ny * grid.nz).fill(S.liver)
  if (vesselAxisM !== null) {
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < nxy; j++) {
        for (let i = 0; i < nxy; i++) {
          if (Math.hypot(i * h - c - vesselAxisM, j * h - c) < 0.0025) {
            labels[i + nxy * (j + nxy * k)] = S.ivc
          }
        }
      }
    }
  }
  const liver = liverThermal(isPerfused)
  const material = perfusionPerS === undefined ? liver : { ...liver, perfusionPerS }
  const result = simulateRfAblation(
    {
      grid,
      labels,
      materials: labelThermalTable({}, new Map([[S.liver, material]])),
      probes: [probe],
      generator: { mode: 'temperature', maxPowerW: 200, targetTempC: 90, ...generator },
    },
    { durationS },
  )
  return { result, grid, centre: [c, c, tipZ + 0.015] }
}

/** A cooled 11 G bipolar bone probe in trabecular bone (cortical shell far away), 70 °C, ≤ 20 W. */
export function bipolarInBone(
  activeTipM: number,
  durationS = 300,
): { result: RfAblationResult; grid: Grid3; centre: Vec3 } {
  const h = 0.001
  const n = 41
  const nz = 61
  const grid = createGrid3(n, n, nz, [h, h, h])
  const c = 0.02
  const tipZ = 0.02
  const labels = new Uint8Array(n * n * nz).fill(S.trabecularBone)
  const result = simulateRfAblation(
    {
      grid,
      labels,
      probes: [
        {
          tipM: [c, c, tipZ],
          entryM: [c, c, 0.2],
          radiusM: 0.0015,
          kind: 'bipolar',
          activeLengthM: activeTipM,
        },
      ],
      generator: { mode: 'temperature', maxPowerW: 20, targetTempC: 70 },
    },
    { durationS },
  )
  return { result, grid, centre: [c, c, tipZ + activeTipM / 2] }
}

/**
 * Ω = 1 reach from the electrode axis along ±x in the plane through the axis and the vessel, at the middle
 * of the active tip, m; the edge is log-linearly interpolated between voxel centres.
 */
export function reachAlongX(grid: Grid3, omega: Float32Array, centre: Vec3, dir: 1 | -1): number {
  const h = grid.spacingM[0]
  const [i0, j0, k0] = centre.map((v) => Math.round(v / h)) as [number, number, number]
  const om = (i: number): number => omega[i + grid.nx * (j0 + grid.ny * k0)]
  let last = i0
  for (let i = i0; i > 0 && i < grid.nx - 1; i += dir) if (om(i) >= 1) last = i
  const a = Math.log(Math.max(om(last), 1e-30))
  const b = Math.log(Math.max(om(last + dir), 1e-30))
  return (Math.abs(last - i0) + (a <= 0 || a === b ? 0 : Math.min(1, a / (a - b)))) * h
}

/**
 * Zone volume on the +x side of the electrode axis (towards a vessel at `vesselAxisM`), without the 5 mm
 * vessel's cross-section (so runs with and without the vessel compare the same tissue), m³.
 */
export function plusSideVolumeM3(
  grid: Grid3,
  omega: Float32Array,
  centre: Vec3,
  vesselAxisM: number,
): number {
  const h = grid.spacingM[0]
  let n = 0
  for (let v = 0; v < omega.length; v++) {
    if (omega[v] < 1) continue
    const x = (v % grid.nx) * h
    const y = (Math.floor(v / grid.nx) % grid.ny) * h
    if (x > centre[0] + h / 2 && Math.hypot(x - centre[0] - vesselAxisM, y - centre[1]) >= 0.0025) {
      n++
    }
  }
  return n * h ** 3
}
