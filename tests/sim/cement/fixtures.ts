/**
 * A synthetic lumbar vertebra on a 1 mm grid for the cement tests and bench: an elliptic vertebral body
 * (trabecular bone inside a 1.5 mm cortex, endplates top and bottom), discs above and below, the canal
 * behind the posterior wall (epidural fat ring around the thecal sac), paravertebral muscle around, and
 * optional pathologies: a posterior-wall defect, an endplate defect, a lytic lesion, a basivertebral vein
 * that drains to the epidural plexus, and a segmental vein to the vena cava. Axes: i = left–right,
 * j = anterior→posterior, k = inferior→superior (axial CT). Builder with defaults (STYLE.md 3.7).
 */
import { S } from '../../../src/lib/anatomy'
import { createRng } from '../../../src/lib/rng'
import type { Vec3 } from '../../../src/lib/vec3'
import { createGrid3, type Grid3 } from '../../../src/sim/grid/grid3'

export interface VertebraOptions {
  posteriorDefect?: boolean
  endplateDefect?: boolean
  /** Tumour through the right lateral cortex into the paravertebral soft tissue. */
  lateralDefect?: boolean
  basivertebralVein?: boolean
  segmentalVein?: boolean
  lyticRadiusMm?: number
  /** HU of trabecular bone. */
  trabecularHu?: number
  seed?: number
}

export interface Vertebra {
  grid: Grid3
  hu: Float32Array
  labels: Uint8Array
  tipM: Vec3
  entryM: Vec3
  /** Body volume (m³) inside the cortex, for fill fractions. */
  bodyVoxels: number
}

export const H = 1e-3
export const NX = 56
export const NY = 64
export const NZ = 44
const CX = 28
const CY = 26
const RX = 18
const RY = 15
const Z0 = 8
const Z1 = 35
const CANAL_Y = 50
const CANAL_R = 9

export function makeVertebra(opts: VertebraOptions = {}): Vertebra {
  const grid = createGrid3(NX, NY, NZ, [H, H, H])
  const n = NX * NY * NZ
  const hu = new Float32Array(n)
  const labels = new Uint8Array(n)
  const rng = createRng(opts.seed ?? 3)
  const trabHu = opts.trabecularHu ?? 200
  let bodyVoxels = 0
  const set = (i: number, j: number, k: number, label: number, h: number): void => {
    if (i < 0 || j < 0 || k < 0 || i >= NX || j >= NY || k >= NZ) return
    const v = i + NX * (j + NY * k)
    labels[v] = label
    hu[v] = h
  }
  for (let k = 0; k < NZ; k++) {
    for (let j = 0; j < NY; j++) {
      for (let i = 0; i < NX; i++) {
        const dx = i - CX
        const dy = j - CY
        const rho = (dx / RX) ** 2 + (dy / RY) ** 2
        const inner = (dx / (RX - 1.5)) ** 2 + (dy / (RY - 1.5)) ** 2
        const rc = Math.hypot(i - CX, j - CANAL_Y)
        let label: number = S.paraspinalMuscle
        let h = 50
        if (rho <= 1 && k >= Z0 && k <= Z1) {
          if (k === Z0 || k === Z1) {
            label = S.endplate
            h = 1000
          } else if (inner <= 1) {
            label = S.trabecularBone
            h = trabHu + 30 * (rng.next() - 0.5)
            bodyVoxels++
          } else {
            label = S.corticalBone
            h = 1200
          }
        } else if (rho <= 1 && ((k >= 2 && k < Z0) || (k > Z1 && k <= NZ - 3))) {
          label = S.disc
          h = 80
        } else if (rc <= CANAL_R - 2.5) {
          label = S.csf
          h = 10
        } else if (rc <= CANAL_R) {
          label = S.epiduralFat
          h = -80
        }
        set(i, j, k, label, h)
      }
    }
  }
  const zc = Math.round((Z0 + Z1) / 2)
  if (opts.posteriorDefect) {
    // A lytic gap in the posterior wall, 8 mm wide and 8 mm tall, facing the canal.
    for (let k = zc - 4; k <= zc + 4; k++) {
      for (let i = CX - 4; i <= CX + 4; i++) {
        for (let j = CY + RY - 3; j <= CY + RY + 1; j++) {
          const v = i + NX * (j + NY * k)
          if (labels[v] === S.corticalBone) set(i, j, k, S.tumourLytic, 40)
        }
      }
    }
    // The lytic tumour that destroyed the wall reaches back towards the body centre.
    for (let k = zc - 3; k <= zc + 3; k++) {
      for (let i = CX - 3; i <= CX + 3; i++) {
        for (let j = CY + 7; j < CY + RY - 3; j++) set(i, j, k, S.tumourLytic, 40)
      }
    }
  }
  if (opts.endplateDefect) {
    // A destroyed superior endplate plus a lytic channel down towards the body centre.
    for (let j = CY - 5; j <= CY + 5; j++) {
      for (let i = CX - 5; i <= CX + 5; i++) set(i, j, Z1, S.tumourLytic, 40)
    }
    for (let k = zc + 3; k < Z1; k++) set(CX, CY + 2, k, S.tumourLytic, 40)
  }
  if (opts.lateralDefect) {
    // A 5 × 5 mm lytic window in the right lateral cortex, joined to the body centre by a lytic channel.
    for (let k = zc - 2; k <= zc + 2; k++) {
      for (let j = CY - 2; j <= CY + 2; j++) {
        for (let i = CX + 4; i <= CX + RX + 1; i++) {
          const v = i + NX * (j + NY * k)
          const lab = labels[v]
          if (lab === S.corticalBone || lab === S.trabecularBone) set(i, j, k, S.tumourLytic, 40)
        }
      }
    }
  }
  if (opts.lyticRadiusMm) {
    const r = opts.lyticRadiusMm
    for (let k = zc - r; k <= zc + r; k++) {
      for (let j = CY - r; j <= CY + r; j++) {
        for (let i = CX + 4 - r; i <= CX + 4 + r; i++) {
          const v = i + NX * (j + NY * k)
          if (Math.hypot(i - CX - 4, j - CY, k - zc) <= r && labels[v] === S.trabecularBone) {
            set(i, j, k, S.tumourLytic, 40)
          }
        }
      }
    }
  }
  if (opts.basivertebralVein) {
    // Basivertebral vein: from near the body centre through the posterior wall into the anterior epidural
    // venous plexus, two longitudinal channels (3×3 mm) along the whole canal front.
    for (let j = CY + 6; j <= CY + RY + 1; j++) {
      set(CX, j, zc + 1, S.venousPlexus, 40)
      set(CX, j, zc + 2, S.venousPlexus, 40)
    }
    for (let i = CX - 6; i <= CX + 6; i++) set(i, CY + RY + 1, zc + 1, S.venousPlexus, 40)
    for (let k = 0; k < NZ; k++) {
      for (let dj = 0; dj < 3; dj++) {
        for (let di = 0; di < 3; di++) {
          set(CX - 7 + di, CY + RY + 1 + dj, k, S.venousPlexus, 40)
          set(CX + 5 + di, CY + RY + 1 + dj, k, S.venousPlexus, 40)
        }
      }
    }
  }
  if (opts.segmentalVein) {
    // A lateral cortical vein, 2×2 mm, from the body to the vena cava (i small, along k).
    for (let i = 4; i <= CX - RX + 5; i++) {
      for (let d = 0; d < 2; d++) {
        set(i, CY + d, zc - 2, S.venousPlexus, 40)
        set(i, CY + d, zc - 1, S.venousPlexus, 40)
      }
    }
    for (let k = 0; k < NZ; k++) {
      for (let j = CY - 4; j <= CY + 4; j++) {
        for (let i = 0; i <= 6; i++) if (Math.hypot(i - 3, j - CY) <= 3.5) set(i, j, k, S.ivc, 40)
      }
    }
  }
  const tipM: Vec3 = [CX * H, (CY + 2) * H, zc * H]
  const entryM: Vec3 = [(CX + 16) * H, (NY - 1) * H, zc * H]
  return { grid, hu, labels, tipM, entryM, bodyVoxels }
}

/** A homogeneous block of trabecular bone (no disorder is added by the builder itself). */
export function makeBlock(
  n: number,
  hu = 200,
): { grid: Grid3; hu: Float32Array; labels: Uint8Array } {
  const grid = createGrid3(n, n, n, [H, H, H])
  return {
    grid,
    hu: new Float32Array(n * n * n).fill(hu),
    labels: new Uint8Array(n * n * n).fill(S.trabecularBone),
  }
}

/** Relative error |a − b| / |b|. */
export const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b)
