/**
 * The explicit Pennes sweep: one forward-Euler sub-step over the active rows of the grid. This is the hot
 * loop of the bioheat solver: no allocation, no closures, interior rows only (the outer layer holds
 * boundary values), fixed voxels handled by a zero inverse heat capacity instead of a branch.
 */
import type { DoseRateTable } from './damage'

/** Arrays and scalars the sweep reads and writes. All arrays have one entry per voxel unless noted. */
export interface PennesArrays {
  readonly nx: number
  readonly ny: number
  readonly nz: number
  /** 1/(ρc) in m³·K/J; 0 for fixed (Dirichlet) voxels. */
  readonly invHeatCap: Float32Array
  /**
   * The static coefficients interleaved per voxel (the sweeps read them as one memory stream): at 4·i
   * the face conductances per volume, W/m³/K, between voxel i and i + 1 (x), i + nx (y), i + nx·ny (z),
   * then 1/(ρc) (a copy of `invHeatCap`). Fixed after setup.
   */
  readonly packed: Float32Array
  /** Perfusion coefficient ω·ρ_b·c_b, W/m³/K (set to 0 by shutdown). */
  readonly perfusion: Float32Array
  /** Total volumetric source used by the sweep, W/m³. */
  readonly sourceTotal: Float32Array
  readonly omega: Float32Array
  readonly cem43Min: Float32Array
  readonly maxTempC: Float32Array
  /** Per row (j + ny·k): 1 when the row is swept this sub-step. */
  readonly rowActive: Uint8Array
  /** Per row: set to 1 by the sweep when any voxel changed. */
  readonly rowChanged: Uint8Array
  /** Per row: set to 1 by the sweep when a voxel is at or above the dose threshold. */
  readonly rowHot: Uint8Array
  /** Per row: perfusion power Σ ω ρ_b c_b (T_a − T) of the last sweep of the row, W/m³ summed. */
  readonly rowPerfusionW: Float64Array
  /** Per row: source power Σ Q (after roll-off) of the last sweep of the row, W/m³ summed. */
  readonly rowSourceW: Float64Array
  /**
   * Faces between a free voxel and a fixed node (the state's `fixedFaces`), sorted by free voxel: the
   * faces of row r are [fixedRowStart[r], fixedRowStart[r + 1]). The RKL2 stage books their heat flow
   * per row, on the thread that sweeps the row.
   */
  readonly fixedRowStart: Int32Array
  readonly fixedVoxel: Int32Array
  readonly fixedNode: Int32Array
  readonly fixedG: Float32Array
  /** Per row: heat flow from fixed nodes into the row's voxels at the stage's input, W/m³ summed. */
  readonly rowBoundaryW: Float64Array
}

/** Scalars of one sub-step. */
export interface SweepScalars {
  /** Sub-step, s (set by the caller before each sweep). */
  dtS: number
  readonly arterialC: number
  /** k(T) factor f = c0 + c1·min(T_i + T_j, kSumHi) at a face (k(T) is linear up to kSumHi/2). */
  readonly kc0: number
  readonly kc1: number
  readonly kSumHi: number
  /** Ω at which perfusion stops; Infinity disables shutdown. */
  readonly shutdownOmega: number
  /** Source roll-off: Q·clamp((rollHiC − T)·rollInvK, 0, 1); rollHiC = 1e30 disables it. */
  readonly rollHiC: number
  readonly rollInvK: number
}

/**
 * One explicit sub-step from `t` into `tn` over the rows flagged in `rowActive`, in the z planes
 * [k0, k1) (default: every interior plane; the planes of one sub-step may be split among threads, see
 * `pennesThreads.ts`). Mutates `tn`, the damage fields, `perfusion` (shutdown) and the row flags of its
 * planes. Dose is integrated with the midpoint temperature of the sub-step.
 */
export function pennesSweep(
  a: PennesArrays,
  t: Float32Array,
  tn: Float32Array,
  s: SweepScalars,
  table: DoseRateTable,
  k0 = 1,
  k1 = a.nz - 1,
): void {
  const { nx, ny, nz, invHeatCap, packed, perfusion, sourceTotal } = a
  const { omega, cem43Min, maxTempC, rowActive, rowChanged, rowHot, rowPerfusionW, rowSourceW } = a
  const { dtS, arterialC, kc0, kc1, kSumHi, shutdownOmega, rollHiC, rollInvK } = s
  const tabO = table.omegaPerS
  const tabC = table.cem43MinPerS
  const tabMin = table.minC
  const tabInv = table.invStepPerC
  const tabLast = tabO.length - 2
  const nxy = nx * ny
  const kEnd = Math.min(k1, nz - 1)
  for (let k = Math.max(1, k0); k < kEnd; k++) {
    for (let j = 1; j < ny - 1; j++) {
      const row = j + ny * k
      if (rowActive[row] === 0) continue
      const base = nx * row
      const end = base + nx - 1
      let changed = 0
      let hot = 0
      let perfW = 0
      let srcW = 0
      for (let i = base + 1; i < end; i++) {
        const ti = t[i]
        const te = t[i + 1]
        const tw = t[i - 1]
        const tno = t[i + nx]
        const tso = t[i - nx]
        const tu = t[i + nxy]
        const td = t[i - nxy]
        // k(T) at each face from the face's mean temperature, held constant above the law's range. No
        // lower clamp is needed: the factor stays positive down to −463 °C.
        const fe = kc0 + kc1 * Math.min(ti + te, kSumHi)
        const fw = kc0 + kc1 * Math.min(ti + tw, kSumHi)
        const fn = kc0 + kc1 * Math.min(ti + tno, kSumHi)
        const fs = kc0 + kc1 * Math.min(ti + tso, kSumHi)
        const fu = kc0 + kc1 * Math.min(ti + tu, kSumHi)
        const fd = kc0 + kc1 * Math.min(ti + td, kSumHi)
        const perf = perfusion[i] * (arterialC - ti)
        const src = sourceTotal[i] * Math.min(1, Math.max(0, (rollHiC - ti) * rollInvK))
        const rhs =
          packed[4 * i] * fe * (te - ti) +
          packed[4 * (i - 1)] * fw * (tw - ti) +
          packed[4 * i + 1] * fn * (tno - ti) +
          packed[4 * (i - nx) + 1] * fs * (tso - ti) +
          packed[4 * i + 2] * fu * (tu - ti) +
          packed[4 * (i - nxy) + 2] * fd * (td - ti) +
          perf +
          src
        const tNew = ti + dtS * invHeatCap[i] * rhs
        tn[i] = tNew
        perfW += perf
        srcW += src
        const d = tNew - ti
        if (d !== 0) changed = 1
        const tMid = 0.5 * (ti + tNew)
        if (tMid >= tabMin) {
          hot = 1
          const x = (tMid - tabMin) * tabInv
          let i0 = x | 0
          if (i0 > tabLast) i0 = tabLast
          const f = x - i0 > 1 ? 1 : x - i0
          const o0 = tabO[i0]
          const c0 = tabC[i0]
          const om = omega[i] + dtS * (o0 + f * (tabO[i0 + 1] - o0))
          omega[i] = om
          cem43Min[i] += dtS * (c0 + f * (tabC[i0 + 1] - c0))
          if (tNew > maxTempC[i]) maxTempC[i] = tNew
          if (om >= shutdownOmega && perfusion[i] !== 0) {
            perfusion[i] = 0
            changed = 1
          }
        }
      }
      rowChanged[row] = changed
      rowHot[row] = hot
      rowPerfusionW[row] = perfW
      rowSourceW[row] = srcW
    }
  }
}
