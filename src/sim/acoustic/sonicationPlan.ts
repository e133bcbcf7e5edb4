/**
 * Sonication lists and the automatic sonication grid over a target bone surface. Pure; sim metres.
 */
import { dot, type Vec3 } from '../../lib/vec3'
import { gridIndex } from '../grid/grid3'
import type { LabelVolume } from './analyseBeamPath'

/** One sonication: the transducer is moved so that its geometric focus sits at `focusM`. */
export interface Sonication {
  readonly focusM: Vec3
  /** Acoustic power, W (FACTS §3.2: 32–96 W at 1 MHz). */
  readonly powerW: number
  /** Sonication (power-on) time, s (FACTS §3.2: 20–30 s). */
  readonly durationS: number
  /** Cooling time after the sonication, s. */
  readonly coolingS: number
}

/** Default sonication values (FACTS §3.2 BM004 trial mid-range; cooling [G]). */
export const DEFAULT_SONICATION = { powerW: 60, durationS: 20, coolingS: 60 } as const

/** Acoustic energy of one sonication, J. */
export const sonicationEnergyJ = (s: Sonication): number => s.powerW * s.durationS

/** Total acoustic energy of a list, J. */
export const totalEnergyJ = (list: readonly Sonication[]): number =>
  list.reduce((e, s) => e + sonicationEnergyJ(s), 0)

/**
 * Places sonication foci on the surface of `targetMask` that faces the transducer: voxels in the mask
 * whose neighbour one voxel back along the beam axis lies outside it. Foci are chosen greedily in voxel
 * order with at least `spacingM` between them (deterministic), each with the default power, duration and
 * cooling. The result is plain data: the caller may edit it.
 * @param axisUnit beam propagation direction (transducer → target).
 */
export function placeSonicationGrid(
  vol: LabelVolume,
  targetMask: Uint8Array,
  axisUnit: Vec3,
  spacingM: number,
  defaults: Omit<Sonication, 'focusM'> = DEFAULT_SONICATION,
): Sonication[] {
  const g = vol.grid
  const [sx, sy, sz] = g.spacingM
  const [ox, oy, oz] = vol.originM
  const h = Math.min(sx, sy, sz)
  const out: Sonication[] = []
  const inMask = (x: number, y: number, z: number): boolean => {
    const i = Math.round((x - ox) / sx)
    const j = Math.round((y - oy) / sy)
    const k = Math.round((z - oz) / sz)
    if (i < 0 || j < 0 || k < 0 || i >= g.nx || j >= g.ny || k >= g.nz) return false
    return targetMask[gridIndex(g, i, j, k)] !== 0
  }
  for (let k = 0; k < g.nz; k++) {
    for (let j = 0; j < g.ny; j++) {
      for (let i = 0; i < g.nx; i++) {
        if (targetMask[gridIndex(g, i, j, k)] === 0) continue
        const p: Vec3 = [ox + i * sx, oy + j * sy, oz + k * sz]
        if (inMask(p[0] - h * axisUnit[0], p[1] - h * axisUnit[1], p[2] - h * axisUnit[2])) continue
        const isFar = out.every((s) => {
          const d: Vec3 = [p[0] - s.focusM[0], p[1] - s.focusM[1], p[2] - s.focusM[2]]
          return dot(d, d) >= spacingM * spacingM
        })
        if (isFar) out.push({ focusM: p, ...defaults })
      }
    }
  }
  return out
}
