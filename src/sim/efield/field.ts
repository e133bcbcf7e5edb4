/**
 * Quantities derived from a potential solution: |E|, electrode currents, Joule heating / SAR and the power
 * balance. Pure; SI units (V, V/m, A, W, W/m³, W/kg). Every face conductance is the one the solver used
 * (potentialOperator.ts), so currents are conserved to the solver's residual.
 *
 * For RF the potentials are RMS values and powers are time averages (with peak amplitudes, halve them).
 */
import { voxelVolumeM3 } from '../grid/grid3'
import {
  axisSteps,
  electrodeMap,
  electrodeVoxelField,
  faceArea,
  faceConductances,
  forEachPadFace,
  sigmaAt,
  type ElectrodeMap,
} from './fieldCore'
import type { PotentialProblem } from './solvePotential'

/**
 * E = −∇φ per voxel (V/m), interleaved [Ex, Ey, Ez] (length 3n), reconstructed from the face currents:
 * along each axis, E = ½(J₋ + J₊)/σ with J the current density through the voxel's two faces (zero on
 * zero-flux boundaries). In a homogeneous interior this is exactly the central difference −(φ₊ − φ₋)/(2h);
 * at interfaces it uses the continuous normal current instead of differencing across the jump, and next
 * to electrodes and pads it is one-sided (the electrode face carries the current into the metal).
 * Electrode voxels report the mean field in the tissue at their faces; inactive voxels 0.
 */
export function electricField(p: PotentialProblem, phi: ArrayLike<number>): Float32Array {
  const map = electrodeMap(p, phi)
  return fieldFrom(p, phi, map, faceConductances(p, map))
}

/**
 * Writes E of voxel u, axis d at out[stride·u + offset + d] (stride 3, offset 0: the interleaved layout;
 * larger strides interleave several solutions per voxel).
 */
function fieldFrom(
  p: PotentialProblem,
  phi: ArrayLike<number>,
  map: ElectrodeMap,
  cond: readonly Float64Array[],
  out: Float32Array = new Float32Array(3 * p.grid.nx * p.grid.ny * p.grid.nz),
  stride = 3,
  offset = 0,
): Float32Array {
  const { grid, sigma } = p
  const { nx, ny, nz } = grid
  const n = nx * ny * nz
  const { owner } = map
  const steps = axisSteps(grid)
  // Tissue voxels: gather the current densities through the two faces of each axis. A face conductance
  // is zero across the domain boundary, so c[u − step] at a row or plane start is the (zero) outer face
  // of the previous row's last voxel.
  for (let axis = 0; axis < 3; axis++) {
    const c = cond[axis]
    const step = steps[axis]
    const area = faceArea(grid, axis)
    for (let u = 0; u < n; u++) {
      if (owner[u] >= 0) continue
      const s = sigmaAt(sigma, u)
      if (s === 0) continue
      const cm = u >= step ? c[u - step] : 0
      const cp = c[u]
      const jm = cm === 0 ? 0 : cm * (phi[u - step] - phi[u])
      const jp = cp === 0 ? 0 : cp * (phi[u] - phi[u + step])
      out[stride * u + offset + axis] = (0.5 * (jm + jp)) / (area * s)
    }
  }
  forEachPadFace(p, map, (v, axis, side, c, padV) => {
    const j = (side * c * (phi[v] - padV)) / faceArea(grid, axis)
    out[stride * v + offset + axis] += (0.5 * j) / sigmaAt(sigma, v)
  })
  // Electrode voxels: mean over their tissue faces of the field on the tissue side.
  const dims = [nx, ny, nz]
  for (let e = 0; e < n; e++) {
    if (owner[e] < 0) continue
    const idx = [e % nx, Math.floor(e / nx) % ny, Math.floor(e / (nx * ny))]
    for (let axis = 0; axis < 3; axis++) {
      out[stride * e + offset + axis] = electrodeVoxelField(
        p,
        (v) => phi[v],
        cond,
        e,
        idx,
        dims,
        axis,
      )
    }
  }
  return out
}

/** |E| per voxel (V/m); see {@link electricField} for the reconstruction. */
export function electricFieldMagnitude(p: PotentialProblem, phi: ArrayLike<number>): Float32Array {
  return magnitude(electricField(p, phi))
}

function magnitude(e: Float32Array): Float32Array {
  const out = new Float32Array(e.length / 3)
  for (let v = 0; v < out.length; v++) {
    const x = e[3 * v]
    const y = e[3 * v + 1]
    const z = e[3 * v + 2]
    out[v] = Math.sqrt(x * x + y * y + z * z)
  }
  return out
}

/** Currents (A) leaving each electrode and each pad into the tissue; positive = source. */
export interface ElectrodeCurrents {
  /** In the order of `problem.electrodes`. */
  readonly electrodesA: readonly number[]
  /** In the order of `problem.pads`. */
  readonly padsA: readonly number[]
}

/**
 * Current through each electrode: the flux of σ∇φ over the faces between its voxels and tissue, with the
 * solver's face conductances, so Σ currents = 0 up to the solver residual (charge conservation).
 */
export function electrodeCurrents(p: PotentialProblem, phi: ArrayLike<number>): ElectrodeCurrents {
  const map = electrodeMap(p, phi)
  return currentsFrom(p, phi, map, faceConductances(p, map))
}

function currentsFrom(
  p: PotentialProblem,
  phi: ArrayLike<number>,
  map: ElectrodeMap,
  cond: readonly Float64Array[],
): ElectrodeCurrents {
  const n = p.grid.nx * p.grid.ny * p.grid.nz
  const { owner, potentialV } = map
  const steps = axisSteps(p.grid)
  const electrodesA = new Array<number>(p.electrodes.length).fill(0)
  for (let axis = 0; axis < 3; axis++) {
    const c = cond[axis]
    const step = steps[axis]
    for (let u = 0; u < n; u++) {
      const cu = c[u]
      if (cu === 0) continue
      const v = u + step
      if (owner[u] >= 0) electrodesA[owner[u]] += cu * (potentialV[u] - phi[v])
      else if (owner[v] >= 0) electrodesA[owner[v]] += cu * (potentialV[v] - phi[u])
    }
  }
  const padsA = new Array<number>((p.pads ?? []).length).fill(0)
  forEachPadFace(p, map, (v, _a, _s, c, padV, padIndex) => {
    padsA[padIndex] += c * (padV - phi[v])
  })
  return { electrodesA, padsA }
}

/**
 * Joule heating per voxel (W/m³), conservative: each face's dissipation I²/G is split between its two
 * half-cells in proportion to their resistances (all of it to the tissue side of an electrode or pad
 * face). It sums exactly to Σ V·I over the electrodes at convergence, so use it as the bioheat source.
 */
export function jouleHeating(p: PotentialProblem, phi: ArrayLike<number>): Float32Array {
  const map = electrodeMap(p, phi)
  return jouleFrom(p, phi, map, faceConductances(p, map))
}

function jouleFrom(
  p: PotentialProblem,
  phi: ArrayLike<number>,
  map: ElectrodeMap,
  cond: readonly Float64Array[],
): Float32Array {
  const { grid, sigma } = p
  const n = grid.nx * grid.ny * grid.nz
  const { owner } = map
  const steps = axisSteps(grid)
  const q = new Float64Array(n)
  for (let axis = 0; axis < 3; axis++) {
    const c = cond[axis]
    const step = steps[axis]
    for (let u = 0; u < n; u++) {
      const cu = c[u]
      if (cu === 0) continue
      const v = u + step
      const dphi = phi[u] - phi[v]
      const pw = cu * dphi * dphi
      if (owner[u] >= 0) q[v] += pw
      else if (owner[v] >= 0) q[u] += pw
      else {
        // Half-cell resistances are ∝ 1/σ: the share of u is σ_v/(σ_u + σ_v).
        const su = sigmaAt(sigma, u)
        const sv = sigmaAt(sigma, v)
        q[u] += (pw * sv) / (su + sv)
        q[v] += (pw * su) / (su + sv)
      }
    }
  }
  forEachPadFace(p, map, (v, _a, _s, c, padV) => {
    const d = phi[v] - padV
    q[v] += c * d * d
  })
  const vol = voxelVolumeM3(grid)
  const out = new Float32Array(n)
  for (let v = 0; v < n; v++) out[v] = q[v] / vol
  return out
}

/** Power density σ|E|² per voxel (W/m³) from a field magnitude. */
export function powerDensityFromField(
  sigma: ArrayLike<number>,
  eMagVPerM: ArrayLike<number>,
): Float32Array {
  const out = new Float32Array(eMagVPerM.length)
  for (let v = 0; v < out.length; v++) out[v] = sigmaAt(sigma, v) * eMagVPerM[v] * eMagVPerM[v]
  return out
}

/** Specific absorption rate σ|E|²/ρ (W/kg) from a power density (W/m³) and a density (kg/m³). */
export function specificAbsorptionRate(
  powerDensityWPerM3: ArrayLike<number>,
  densityKgPerM3: number | ArrayLike<number>,
): Float32Array {
  const out = new Float32Array(powerDensityWPerM3.length)
  for (let v = 0; v < out.length; v++) {
    const rho = typeof densityKgPerM3 === 'number' ? densityKgPerM3 : densityKgPerM3[v]
    out[v] = rho > 0 ? powerDensityWPerM3[v] / rho : 0
  }
  return out
}

/** Total power three ways (W). */
export interface PowerBalance {
  /** Σ V·I over electrodes and pads: the power the generator delivers. */
  readonly electrodeW: number
  /** Σ over voxels of the conservative Joule heating × volume (equals electrodeW at convergence). */
  readonly jouleW: number
  /** ∫σ|E|² dV with the reconstructed voxel field (differs by the discretisation error). */
  readonly fieldIntegralW: number
}

/** Power delivered vs dissipated; see {@link PowerBalance}. */
export function powerBalance(p: PotentialProblem, phi: ArrayLike<number>): PowerBalance {
  const map = electrodeMap(p, phi)
  const cond = faceConductances(p, map)
  const cur = currentsFrom(p, phi, map, cond)
  let electrodeW = 0
  p.electrodes.forEach((e, i) => (electrodeW += e.potentialV * cur.electrodesA[i]))
  ;(p.pads ?? []).forEach((pad, i) => (electrodeW += (pad.potentialV ?? 0) * cur.padsA[i]))
  const vol = voxelVolumeM3(p.grid)
  let jouleW = 0
  for (const q of jouleFrom(p, phi, map, cond)) jouleW += q * vol
  let fieldIntegralW = 0
  const e = magnitude(fieldFrom(p, phi, map, cond))
  for (let v = 0; v < e.length; v++) {
    if (map.owner[v] < 0) fieldIntegralW += sigmaAt(p.sigma, v) * e[v] * e[v] * vol
  }
  return { electrodeW, jouleW, fieldIntegralW }
}

/** |E| (V/m) and electrode currents (A) of one solution, sharing the face conductances. */
export function fieldAndCurrents(
  p: PotentialProblem,
  phi: ArrayLike<number>,
): { readonly eMagVPerM: Float32Array; readonly currents: ElectrodeCurrents } {
  const map = electrodeMap(p, phi)
  const cond = faceConductances(p, map)
  return {
    eMagVPerM: magnitude(fieldFrom(p, phi, map, cond)),
    currents: currentsFrom(p, phi, map, cond),
  }
}

/**
 * E (interleaved [Ex, Ey, Ez], V/m) of several solutions of one problem's electrodes and σ, sharing the
 * electrode map and face conductances (e.g. the bases of superposition.ts). The reconstruction is linear
 * in φ (electrode voxels included), so the field of a combination of solutions is the same combination
 * of their fields.
 */
export function electricFields(
  p: PotentialProblem,
  phis: readonly ArrayLike<number>[],
): Float32Array[] {
  if (phis.length === 0) return []
  const map = electrodeMap(p, phis[0])
  const cond = faceConductances(p, map)
  return phis.map((phi) => fieldFrom(p, phi, map, cond))
}

/**
 * Like {@link electricFields}, but in one array interleaved per voxel: E of solution k at voxel v, axis d
 * is at [3·(B·v + k) + d] with B = phis.length (the layout superposition.ts combines voxel by voxel).
 */
export function electricFieldsInterleaved(
  p: PotentialProblem,
  phis: readonly ArrayLike<number>[],
): Float32Array {
  const B = phis.length
  const n = p.grid.nx * p.grid.ny * p.grid.nz
  const block = new Float64Array(B * n)
  phis.forEach((phi, k) => {
    for (let v = 0; v < n; v++) block[B * v + k] = phi[v]
  })
  return electricFieldsOfBlock(p, block, B, 0)
}

/**
 * Like {@link electricFieldsInterleaved} for B solutions stored interleaved per voxel: the potential of
 * solution k at voxel v is block[B·(v + offset) + k] (offset = the padding of the solver's layout, or 0),
 * electrode voxels included. Same arithmetic as `fieldFrom`, with each voxel's six face conductances and
 * σ loaded once for all solutions and its potentials read from contiguous memory.
 */
export function electricFieldsOfBlock(
  p: PotentialProblem,
  block: Float64Array,
  B: number,
  offset: number,
): Float32Array {
  const { grid, sigma } = p
  const { nx, ny, nz } = grid
  const n = nx * ny * nz
  const out = new Float32Array(3 * B * n)
  if (B === 0) return out
  const map = electrodeMap(p, new Float64Array(n))
  const cond = faceConductances(p, map)
  const [cx, cy, cz] = cond
  const { owner } = map
  const plane = nx * ny
  const ax = faceArea(grid, 0)
  const ay = faceArea(grid, 1)
  const az = faceArea(grid, 2)
  const sx = B
  const sy = B * nx
  const sz = B * plane
  for (let u = 0; u < n; u++) {
    if (owner[u] >= 0) continue
    const s = sigmaAt(sigma, u)
    if (s === 0) continue
    const xm = u >= 1 ? cx[u - 1] : 0
    const xp = cx[u]
    const ym = u >= nx ? cy[u - nx] : 0
    const yp = cy[u]
    const zm = u >= plane ? cz[u - plane] : 0
    const zp = cz[u]
    const dx = ax * s
    const dy = ay * s
    const dz = az * s
    for (let k = 0, o = B * (u + offset), w = 3 * B * u; k < B; k++, o++, w += 3) {
      const pu = block[o]
      const jxm = xm === 0 ? 0 : xm * (block[o - sx] - pu)
      const jxp = xp === 0 ? 0 : xp * (pu - block[o + sx])
      const jym = ym === 0 ? 0 : ym * (block[o - sy] - pu)
      const jyp = yp === 0 ? 0 : yp * (pu - block[o + sy])
      const jzm = zm === 0 ? 0 : zm * (block[o - sz] - pu)
      const jzp = zp === 0 ? 0 : zp * (pu - block[o + sz])
      out[w] = (0.5 * (jxm + jxp)) / dx
      out[w + 1] = (0.5 * (jym + jyp)) / dy
      out[w + 2] = (0.5 * (jzm + jzp)) / dz
    }
  }
  const stride = 3 * B
  const dims = [nx, ny, nz]
  for (let k = 0; k < B; k++) {
    const phi = (v: number): number => block[B * (v + offset) + k]
    forEachPadFace(p, map, (v, axis, side, c, padV) => {
      const j = (side * c * (phi(v) - padV)) / faceArea(grid, axis)
      out[stride * v + 3 * k + axis] += (0.5 * j) / sigmaAt(sigma, v)
    })
    p.electrodes.forEach((e) => {
      for (let q = 0; q < e.voxels.length; q++) {
        const v = e.voxels[q]
        const idx = [v % nx, Math.floor(v / nx) % ny, Math.floor(v / plane)]
        for (let axis = 0; axis < 3; axis++) {
          out[stride * v + 3 * k + axis] = electrodeVoxelField(p, phi, cond, v, idx, dims, axis)
        }
      }
    })
  }
  return out
}
