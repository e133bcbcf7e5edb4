/**
 * Finite-volume assembly of ∇·(σ∇φ) = 0 on a voxel grid with electrode voxels (Dirichlet) and optional
 * pads (Dirichlet on a whole domain face); zero flux elsewhere on the boundary. Pure; SI units.
 *
 * Cell-centred, 7-point. The conductance of the face between tissue voxels a and b along axis d is
 *   G = σ_ab · A_d / h_d,   σ_ab = 2σ_aσ_b / (σ_a + σ_b)   (harmonic mean: the two half-cells in series),
 * with A_d the face area. Electrode voxels are metal: the face between an electrode voxel e and a tissue
 * voxel t has G = s_e · σ_t · A_d / h_d with contact scale s_e = 2 by default, i.e. the electrode potential
 * holds on the shared face and the drop spans the tissue half-cell (σ_t·A/(h/2)). s_e = 1 imposes the
 * potential at the voxel centre instead (a standard node-Dirichlet scheme); `rasteriseNeedle` sets s_e for
 * needles thinner than a voxel. A pad on a domain face imposes its potential on the face itself:
 * G = σ_t · A_d / (h_d / 2).
 * Tissue voxels not connected through conductive faces to any electrode or pad (air, σ = 0, and floating
 * islands) are INACTIVE: excluded from the system and given φ = 0, so the system is always positive
 * definite.
 * A FLOATING electrode (metal connected to nothing: an ECT needle whose generator switch is open) keeps
 * its voxels as unknowns; the faces between two of its voxels get a metal conductance
 * FLOATING_METAL_RATIO × (largest tissue face conductance), so its potential is uniform to ~1/ratio of the
 * drop across it, and its faces to tissue use its contact scale like a fixed electrode. Its net current is
 * zero by construction (no source). The metal joins voxels through shared FACES only: an oblique needle's
 * voxel chain touching along edges is not one conductor here (measured on the sacral ECT case: 30–90 V
 * along a floating needle). So this serves as the direct test reference for face-connected needles;
 * sequences use the exact superposition (superposition.ts) and, for σ(E), Newton updates of the floating
 * potentials (floating.ts), which treat every electrode as one equipotential. Stiff metal also slows
 * MG-PCG ~40×.
 */
import { assert } from '../../lib/assert'
import type { Grid3 } from '../grid/grid3'
import { type MgLevel, createLevel, finishLevel } from './mgLevel'

/** A set of voxels held at one potential (the metal of an electrode). */
export interface Electrode {
  /** Flat voxel indices (x fastest). */
  readonly voxels: ArrayLike<number>
  /** Potential in volts. */
  readonly potentialV: number
  /**
   * Multiplier s on σ_t·A/h for the faces between this electrode's voxels and tissue. Default 2: the metal
   * fills its voxels, so the potential holds on their faces. 1: the potential is imposed at the voxel
   * centres. `rasteriseNeedle` sets it for needles thinner than a voxel.
   */
  readonly contactScale?: number
  /**
   * Floating metal (no imposed potential, zero net current; `potentialV` is ignored): see the module
   * header. Default false.
   */
  readonly floating?: boolean
}

/** Metal-to-tissue conductance ratio of the faces inside a floating electrode (see the module header). */
export const FLOATING_METAL_RATIO = 1e4

/** Default electrode contact scale: the metal fills its voxels (see {@link Electrode.contactScale}). */
export const DEFAULT_CONTACT_SCALE = 2

/** A face of the grid's bounding box: axis and side. */
export type GridFace = 'x-' | 'x+' | 'y-' | 'y+' | 'z-' | 'z+'

/** A pad electrode covering one whole face of the domain (e.g. a grounding pad far from the needles). */
export interface Pad {
  readonly face: GridFace
  /** Potential in volts; 0 (ground) by default. */
  readonly potentialV?: number
}

/** Voxel roles in an assembled problem. */
export const VOXEL_FREE = 0
/** An electrode voxel (fixed potential). */
export const VOXEL_ELECTRODE = 1
/** A voxel outside the conducting system (insulator or floating island): φ = 0, no current. */
export const VOXEL_INACTIVE = 2

/** The assembled problem: the finest multigrid level plus the Dirichlet data. */
export interface PotentialOperator {
  readonly grid: Grid3
  /** Operator on the free voxels (padded layout, see mgLevel.ts). */
  readonly level: MgLevel
  /** Right-hand side Σ G·V from electrodes and pads (A), padded layout. */
  readonly rhs: Float64Array
  /** VOXEL_FREE / VOXEL_ELECTRODE / VOXEL_INACTIVE per voxel (unpadded). */
  readonly kind: Uint8Array
  /** Imposed potential (V) of electrode voxels; 0 elsewhere (unpadded). */
  readonly fixedV: Float64Array
  /**
   * Every face between a free voxel and a fixed electrode voxel: the free voxel (padded index), the
   * electrode (index into the `electrodes` argument) and the face conductance (S). The right-hand side is
   * Σ conductance × potential over these; superposition.ts builds one right-hand side per electrode from
   * them, and an electrode's current is Σ conductance × (its potential − φ(free voxel)).
   */
  readonly links: ElectrodeLinks
}

/** See {@link PotentialOperator.links}. */
export interface ElectrodeLinks {
  readonly voxel: Int32Array
  readonly electrode: Int32Array
  readonly conductanceS: Float64Array
}

/** Area-over-distance factors A_d / h_d (m) of the faces normal to x, y and z. */
export function faceGeometryM(grid: Grid3): [number, number, number] {
  const [hx, hy, hz] = grid.spacingM
  return [(hy * hz) / hx, (hx * hz) / hy, (hx * hy) / hz]
}

const FACES: readonly GridFace[] = ['x-', 'x+', 'y-', 'y+', 'z-', 'z+']

/** Axis (0, 1, 2) normal to a domain face. */
export const faceAxis = (face: GridFace): 0 | 1 | 2 =>
  face[0] === 'x' ? 0 : face[0] === 'y' ? 1 : 2

/**
 * Marks fixed electrode voxels (kind, potential, contact scale, owner index) and floating ones (owner in
 * `floatOwner`); throws on out-of-range indices or a voxel claimed by two electrodes at different
 * potentials (or by a floating and any other electrode).
 */
function markElectrodes(
  n: number,
  electrodes: readonly Electrode[],
): {
  kind: Uint8Array
  fixedV: Float64Array
  contact: Float64Array
  owner: Int32Array
  floatOwner: Int32Array
} {
  const kind = new Uint8Array(n)
  const fixedV = new Float64Array(n)
  const contact = new Float64Array(n)
  const owner = new Int32Array(n).fill(-1)
  const floatOwner = new Int32Array(n).fill(-1)
  electrodes.forEach((e, index) => {
    const s = e.contactScale ?? DEFAULT_CONTACT_SCALE
    assert(s > 0 && Number.isFinite(s), `electrode contactScale must be > 0, got ${s}`)
    assert(e.floating || Number.isFinite(e.potentialV), 'electrode potential must be finite')
    for (let q = 0; q < e.voxels.length; q++) {
      const v = e.voxels[q]
      assert(Number.isInteger(v) && v >= 0 && v < n, `electrode voxel ${v} outside the grid`)
      if (
        floatOwner[v] >= 0 ||
        (e.floating && kind[v] === VOXEL_ELECTRODE) ||
        (kind[v] === VOXEL_ELECTRODE && fixedV[v] !== e.potentialV)
      ) {
        throw new Error(`voxel ${v} belongs to two electrodes at different potentials`)
      }
      contact[v] = s
      if (e.floating) {
        floatOwner[v] = index
        continue
      }
      kind[v] = VOXEL_ELECTRODE
      fixedV[v] = e.potentialV
      owner[v] = index
    }
  })
  return { kind, fixedV, contact, owner, floatOwner }
}

/** Flood fill from electrodes and pads across conductive faces; unreached tissue becomes inactive. */
function markInactive(l: MgLevel, kind: Uint8Array): void {
  const { nx, plane, n, wx, wy, wz, g } = l
  const reached = new Uint8Array(n)
  const queue = new Int32Array(n)
  let head = 0
  let tail = 0
  for (let v = 0; v < n; v++) {
    if (kind[v] === VOXEL_ELECTRODE || g[plane + v] > 0) {
      reached[v] = 1
      queue[tail++] = v
    }
  }
  // w[P] couples v to v − step, w[P + step] couples v to v + step; both are zero across the boundary.
  const push = (u: number): void => {
    if (!reached[u] && kind[u] === VOXEL_FREE) {
      reached[u] = 1
      queue[tail++] = u
    }
  }
  while (head < tail) {
    const v = queue[head++]
    const P = plane + v
    if (wx[P] > 0) push(v - 1)
    if (wx[P + 1] > 0) push(v + 1)
    if (wy[P] > 0) push(v - nx)
    if (wy[P + nx] > 0) push(v + nx)
    if (wz[P] > 0) push(v - plane)
    if (wz[P + plane] > 0) push(v + plane)
  }
  for (let v = 0; v < n; v++) if (kind[v] === VOXEL_FREE && !reached[v]) kind[v] = VOXEL_INACTIVE
}

/**
 * Assembles the potential problem. `sigma` is the conductivity per voxel in S/m (x fastest); electrode
 * voxels' own σ is ignored. At least one electrode or pad is required.
 */
export function assemblePotentialOperator(
  grid: Grid3,
  sigma: ArrayLike<number>,
  electrodes: readonly Electrode[],
  pads: readonly Pad[] = [],
): PotentialOperator {
  const { nx, ny, nz } = grid
  const l = createLevel(nx, ny, nz)
  const { plane, n, wx, wy, wz, g, gPad } = l
  assert(sigma.length === n, `sigma has ${sigma.length} values for ${n} voxels`)
  assert(electrodes.length + pads.length > 0, 'the potential problem needs an electrode or a pad')
  const { kind, fixedV, contact, owner, floatOwner } = markElectrodes(n, electrodes)
  const geo = faceGeometryM(grid)
  // Negative or NaN conductivities count as insulators.
  const sig = new Float64Array(n)
  let allConductive = true
  for (let v = 0; v < n; v++) {
    const s = sigma[v]
    if (s > 0) sig[v] = s
    else allConductive = false
  }
  // Tissue faces everywhere first (one branch-free pass per axis), then the faces of electrode voxels.
  for (let axis = 0; axis < 3; axis++) {
    const step = axis === 0 ? 1 : axis === 1 ? nx : plane
    const w = axis === 0 ? wx : axis === 1 ? wy : wz
    const gf = geo[axis]
    for (let k = axis === 2 ? 1 : 0; k < nz; k++) {
      for (let j = axis === 1 ? 1 : 0; j < ny; j++) {
        const row = nx * (j + ny * k)
        for (let i = axis === 0 ? 1 : 0; i < nx; i++) {
          const v = row + i
          const a = sig[v - step]
          const b = sig[v]
          w[plane + v] = a + b > 0 ? ((2 * a * b) / (a + b)) * gf : 0
        }
      }
    }
  }
  const electrodeVoxels: number[] = []
  for (let v = 0; v < n; v++) if (kind[v] === VOXEL_ELECTRODE) electrodeVoxels.push(v)
  const ws = [wx, wy, wz]
  const steps = [1, nx, plane]
  const dims = [nx, ny, nz]
  if (electrodes.some((e) => e.floating)) {
    floatingFaces(grid, sig, contact, floatOwner, geo, ws)
  }
  for (const e of electrodeVoxels) {
    const idx = [e % nx, Math.floor(e / nx) % ny, Math.floor(e / plane)]
    for (let axis = 0; axis < 3; axis++) {
      const w = ws[axis]
      const st = steps[axis]
      // w[plane + e] is the face to e − step, w[plane + e + step] the face to e + step.
      if (idx[axis] > 0) {
        const u = e - st
        w[plane + e] = kind[u] === VOXEL_ELECTRODE ? 0 : contact[e] * sig[u] * geo[axis]
      }
      if (idx[axis] < dims[axis] - 1) {
        const u = e + st
        w[plane + u] = kind[u] === VOXEL_ELECTRODE ? 0 : contact[e] * sig[u] * geo[axis]
      }
    }
  }
  const rhs = new Float64Array(l.len)
  for (const pad of pads) {
    const padV = pad.potentialV ?? 0
    assert(Number.isFinite(padV), 'pad potential must be finite')
    const gf = 2 * geo[faceAxis(pad.face)]
    forEachFaceVoxel(grid, pad.face, (v) => {
      if (kind[v] === VOXEL_ELECTRODE) return
      const gp = gf * sig[v]
      g[plane + v] += gp
      gPad[plane + v] += gp
      rhs[plane + v] += gp * padV
    })
    l.padSides[FACES.indexOf(pad.face)] = 1
  }
  // With σ > 0 everywhere the grid graph is connected and touches an electrode or pad: nothing is inactive.
  if (!allConductive) markInactive(l, kind)
  for (let v = 0; v < n; v++) {
    const P = plane + v
    if (kind[v] !== VOXEL_INACTIVE) l.conductive[P] = 1
    if (kind[v] === VOXEL_FREE) l.free[P] = 1
    else rhs[P] = 0
  }
  // Faces between a free voxel and an electrode voxel become conductance to a fixed potential.
  const linkVoxel: number[] = []
  const linkElectrode: number[] = []
  const linkG: number[] = []
  const link = (P: number, e: number, g: number): void => {
    linkVoxel.push(P)
    linkElectrode.push(owner[e])
    linkG.push(g)
  }
  for (const e of electrodeVoxels) {
    const idx = [e % nx, Math.floor(e / nx) % ny, Math.floor(e / plane)]
    for (let axis = 0; axis < 3; axis++) {
      const w = ws[axis]
      const st = steps[axis]
      if (idx[axis] > 0 && kind[e - st] === VOXEL_FREE) {
        const at = plane + e
        g[plane + e - st] += w[at]
        rhs[plane + e - st] += w[at] * fixedV[e]
        link(plane + e - st, e, w[at])
        w[at] = 0
      }
      if (idx[axis] < dims[axis] - 1 && kind[e + st] === VOXEL_FREE) {
        const at = plane + e + st
        g[at] += w[at]
        rhs[at] += w[at] * fixedV[e]
        link(at, e, w[at])
        w[at] = 0
      }
    }
  }
  finishLevel(l)
  const links: ElectrodeLinks = {
    voxel: Int32Array.from(linkVoxel),
    electrode: Int32Array.from(linkElectrode),
    conductanceS: Float64Array.from(linkG),
  }
  return { grid, level: l, rhs, kind, fixedV, links }
}

/**
 * Faces touching floating electrode voxels (see the module header): metal inside one electrode, the
 * contact scale towards tissue. Fixed electrodes' faces are set afterwards and win.
 */
function floatingFaces(
  grid: Grid3,
  sig: Float64Array,
  contact: Float64Array,
  floatOwner: Int32Array,
  geo: readonly number[],
  ws: readonly Float32Array[],
): void {
  const { nx, ny, nz } = grid
  const plane = nx * ny
  let sigMax = 0
  for (let v = 0; v < sig.length; v++) if (floatOwner[v] < 0) sigMax = Math.max(sigMax, sig[v])
  const steps = [1, nx, plane]
  for (let axis = 0; axis < 3; axis++) {
    const w = ws[axis]
    const step = steps[axis]
    const metal = FLOATING_METAL_RATIO * sigMax * geo[axis]
    for (let k = axis === 2 ? 1 : 0; k < nz; k++) {
      for (let j = axis === 1 ? 1 : 0; j < ny; j++) {
        const row = nx * (j + ny * k)
        for (let i = axis === 0 ? 1 : 0; i < nx; i++) {
          const v = row + i
          const u = v - step
          const fu = floatOwner[u]
          const fv = floatOwner[v]
          if (fu < 0 && fv < 0) continue
          // Face between voxel u (−) and v (+), stored at w[plane + v].
          if (fu >= 0 && fv >= 0) w[plane + v] = fu === fv ? metal : 0
          else if (fu >= 0) w[plane + v] = contact[u] * sig[v] * geo[axis]
          else w[plane + v] = contact[v] * sig[u] * geo[axis]
        }
      }
    }
  }
}

/** Calls `fn` with the flat index of every voxel on a domain face. */
export function forEachFaceVoxel(grid: Grid3, face: GridFace, fn: (v: number) => void): void {
  const { nx, ny, nz } = grid
  const axis = faceAxis(face)
  const fixed = face[1] === '-' ? 0 : [nx, ny, nz][axis] - 1
  const [na, nb] = axis === 0 ? [ny, nz] : axis === 1 ? [nx, nz] : [nx, ny]
  for (let b = 0; b < nb; b++) {
    for (let a = 0; a < na; a++) {
      const [i, j, k] = axis === 0 ? [fixed, a, b] : axis === 1 ? [a, fixed, b] : [a, b, fixed]
      fn(i + nx * (j + ny * k))
    }
  }
}
