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
    packed: shareFloat32(a.packed),
    perfusion: shareFloat32(a.perfusion),
    sourceTotal: shareFloat32(a.sourceTotal),
    rowActive: shareUint8(a.rowActive),
    rowChanged: shareUint8(a.rowChanged),
    rowHot: shareUint8(a.rowHot),
    rowPerfusionW: shareFloat64(a.rowPerfusionW),
    rowSourceW: shareFloat64(a.rowSourceW),
    fixedRowStart: shareInt32(a.fixedRowStart),
    fixedVoxel: shareInt32(a.fixedVoxel),
    fixedNode: shareInt32(a.fixedNode),
    fixedG: shareFloat32(a.fixedG),
    rowBoundaryW: shareFloat64(a.rowBoundaryW),
  }
}

const shareInt32 = (a: Int32Array): Int32Array => {
  if (a.buffer instanceof SharedArrayBuffer) return a
  const s = new Int32Array(new SharedArrayBuffer(a.byteLength))
  s.set(a)
  return s
}

/** A copy of `a` on a new SharedArrayBuffer. */
export function sharedCopy(a: Float32Array): Float32Array {
  const s = new Float32Array(new SharedArrayBuffer(a.byteLength))
  s.set(a)
  return s
}

/** Damage fields on SharedArrayBuffers, as `createDamageFields(n, initialC)` (allocated shared, no copy). */
export function createSharedDamage(n: number, initialC: Float32Array): DamageFields {
  const f32 = (): Float32Array => new Float32Array(new SharedArrayBuffer(4 * n))
  const d: DamageFields = { omega: f32(), cem43Min: f32(), maxTempC: f32(), minTempC: f32() }
  d.maxTempC.set(initialC)
  d.minTempC.set(initialC)
  return d
}
