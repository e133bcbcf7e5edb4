/**
 * Glue between a bioheat state and its thread team (`pennesThreads.ts`): binds the state's shared arrays
 * to the helpers on first use and maps temperature buffers to the indices the helpers know them by; picks
 * a new state's team and moves its arrays onto shared memory. Pure.
 */
import type { DamageFields } from './damage'
import type { BioheatSetup, BioheatState } from './pennes'
import type { PennesArrays } from './pennesKernel'
import {
  canShareMemory,
  defaultPennesTeam,
  shareFloat32,
  shareFloat64,
  shareUint8,
  teamBind,
  type PennesTeam,
} from './pennesThreads'

/** Smallest grid that the default team takes on (below it the barriers cost more than they save). */
export const PARALLEL_MIN_VOXELS = 40 ** 3

const isShared = (a: Float32Array): boolean => a.buffer instanceof SharedArrayBuffer

/**
 * Indices of `bufs` in the list of temperature buffers the helpers hold for `state`, binding the state
 * first if needed; null when the sweep must run on this thread alone (no team, the team failed, or a
 * buffer is not on shared memory, e.g. replaced from outside the solver). Needs `state.rkl2` (its
 * buffers are part of the bound list).
 */
export function boundBufferIndex(
  state: BioheatState,
  bufs: readonly Float32Array[],
): number[] | null {
  const team = state.team
  if (!team || team.isBroken || !bufs.every(isShared)) return null
  const rk = state.rkl2
  if (!rk) return null
  const list = state.boundBuffers
  const find = (b: Float32Array): number => list.indexOf(b)
  if (team.bound !== state || !bufs.every((b) => find(b) >= 0)) {
    const fresh = [state.tempC, state.tempNextC, rk.extraA, rk.extraB, rk.ly0]
    if (!fresh.every(isShared)) return null
    list.length = 0
    list.push(...fresh)
    const payload = {
      arrays: state.arrays,
      scalars: state.scalars,
      table: state.doseTable,
      buffers: list,
    }
    const ok = teamBind(team, state, payload, true)
    if (!ok || !bufs.every((b) => find(b) >= 0)) return null
  }
  return bufs.map(find)
}

/** The team a new state uses (see `BioheatSetup.parallel`), or null. */
export function chooseTeam(setup: BioheatSetup): PennesTeam | null {
  const team = setup.parallel === undefined ? defaultPennesTeam() : setup.parallel
  if (!team || team.isBroken || !canShareMemory()) return null
  const { nx, ny, nz } = setup.grid
  const isLarge = setup.parallel !== undefined || nx * ny * nz >= PARALLEL_MIN_VOXELS
  // Every thread needs at least two interior planes.
  return isLarge && nz - 2 >= 2 * (team.ports.length + 1) ? team : null
}

/** The swept arrays on SharedArrayBuffers (coefficients copied once at creation). */
export function shareArrays(a: PennesArrays): PennesArrays {
  return {
    ...a,
    invHeatCap: shareFloat32(a.invHeatCap),
    gX: shareFloat32(a.gX),
    gY: shareFloat32(a.gY),
    gZ: shareFloat32(a.gZ),
    perfusion: shareFloat32(a.perfusion),
    sourceTotal: shareFloat32(a.sourceTotal),
    rowActive: shareUint8(a.rowActive),
    rowChanged: shareUint8(a.rowChanged),
    rowHot: shareUint8(a.rowHot),
    rowPerfusionW: shareFloat64(a.rowPerfusionW),
    rowSourceW: shareFloat64(a.rowSourceW),
  }
}

export function shareDamage(d: DamageFields): DamageFields {
  return {
    omega: shareFloat32(d.omega),
    cem43Min: shareFloat32(d.cem43Min),
    maxTempC: shareFloat32(d.maxTempC),
    minTempC: shareFloat32(d.minTempC),
  }
}
