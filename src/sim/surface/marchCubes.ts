/**
 * Marching cubes over a padded binary mask, with vertices interpolated on an optional scalar field and
 * the face-consistent case table of cubeTable.ts. Output positions are DICOM LPS millimetres (this module
 * serves the 3-D view, so unlike the physics kernels it works in the imaging frame). Pure; the only
 * allocations are the growing output buffers and the edge-vertex caches (two slices of edges).
 */
import type { VolumeGeometry } from '../../lib/space'
import {
  AMBIGUOUS_FACES,
  CENTER_EDGE,
  EDGE_AXIS,
  EDGE_CORNER0,
  FACE_CORNERS,
  cubeTable,
} from './cubeTable'
import type { PaddedMask, ScalarArray } from './volumeMask'

/** The scalar volume the mask was thresholded from, used to place vertices and decide ambiguous faces. */
export interface ScalarField {
  /** Voxel values over the whole volume described by the geometry (not just the mask's region). */
  readonly values: ScalarArray
  /** Iso-value; a voxel is inside when value ≥ threshold. */
  readonly threshold: number
}

/** An indexed triangle mesh straight out of the extractor (double precision, world mm). */
export interface RawSurface {
  /** x, y, z per vertex, LPS mm. */
  positions: Float64Array
  /** Three vertex indices per triangle, counter-clockwise seen from outside. */
  indices: Uint32Array
  vertexCount: number
  triangleCount: number
}

/**
 * Interpolation parameters are kept in [T_MIN, 1 − T_MIN] along each edge, so a voxel lying exactly on the
 * threshold does not put several vertices on the same point (zero-area triangles break normals and
 * decimation). The shift is at most 1 % of a voxel.
 */
const T_MIN = 0.01

/**
 * Extracts the closed, outward-oriented boundary of the mask's inside region.
 * @param field when given, vertices are interpolated to `threshold` along each edge and ambiguous faces
 *   are decided by the bilinear saddle (asymptotic decider); where the field disagrees with the mask (the
 *   mask was edited), on edges leaving the mask's region, or without a field, vertices sit at edge
 *   midpoints and inside corners are joined. A region therefore meshes exactly like a cropped volume.
 * @param onProgress called with the fraction of slices done
 */
export function marchCubes(
  mask: PaddedMask,
  geometry: VolumeGeometry,
  field: ScalarField | null,
  onProgress?: (fraction: number) => void,
): RawSurface {
  const { offset: tOff, count: tCnt, edges: tEdges, centerLoop: tCenter } = cubeTable()
  const [px, py, pz] = mask.dims
  const [ox, oy, oz] = mask.origin
  const [nx, ny] = geometry.dims
  const nxy = nx * ny
  // Volume indices of the padding layer past the region's far end (the region is ox+1 … iEnd−1, …).
  const iEnd = ox + px - 1
  const jEnd = oy + py - 1
  const kEnd = oz + pz - 1
  const { data, rowMin, rowMax } = mask
  const values = field ? field.values : null
  const thr = field ? field.threshold : 0

  // World = origin + Σ index · spacing · axis (src/lib/space.ts).
  const [ax, ay, az] = geometry.direction
  const [sx, sy, sz] = geometry.spacingMm
  const m00 = ax[0] * sx
  const m10 = ax[1] * sx
  const m20 = ax[2] * sx
  const m01 = ay[0] * sy
  const m11 = ay[1] * sy
  const m21 = ay[2] * sy
  const m02 = az[0] * sz
  const m12 = az[1] * sz
  const m22 = az[2] * sz
  const [wx0, wy0, wz0] = geometry.originMm

  const plane = px * py
  // Edge-vertex caches: x- and y-edges of the slab's lower and upper slices, and its z-edges.
  const cache = new Int32Array(5 * plane).fill(-1)
  let secX0 = 0
  let secX1 = plane
  let secY0 = 2 * plane
  let secY1 = 3 * plane
  const secZ = 4 * plane
  const edgeBase = new Int32Array(12)
  const g = new Float64Array(8)

  let posCap = 3 * 4096
  let pos = new Float64Array(posCap)
  let idxCap = 3 * 8192
  let idx = new Uint32Array(idxCap)
  let nVert = 0
  let nIdx = 0

  const pushVertex = (x: number, y: number, z: number): number => {
    if (3 * nVert + 3 > posCap) {
      posCap *= 2
      const np = new Float64Array(posCap)
      np.set(pos)
      pos = np
    }
    pos[3 * nVert] = x
    pos[3 * nVert + 1] = y
    pos[3 * nVert + 2] = z
    return nVert++
  }

  /** Vertex on cube edge e of cube (I, J, K), created on first use and cached for the neighbours. */
  const edgeVertex = (
    e: number,
    I: number,
    J: number,
    K: number,
    code: number,
    base: number,
  ): number => {
    const slot = edgeBase[e] + base
    const cached = cache[slot]
    if (cached >= 0) return cached
    const c0 = EDGE_CORNER0[e]
    const axis = EDGE_AXIS[e]
    const i0 = I + (c0 & 1) + ox
    const j0 = J + ((c0 >> 1) & 1) + oy
    const k0 = K + (c0 >> 2) + oz
    let tt = 0.5
    if (values !== null) {
      const i1 = axis === 0 ? i0 + 1 : i0
      const j1 = axis === 1 ? j0 + 1 : j0
      const k1 = axis === 2 ? k0 + 1 : k0
      // Both ends inside the region (not padding): the region behaves exactly like a cropped volume.
      if (i0 > ox && j0 > oy && k0 > oz && i1 < iEnd && j1 < jEnd && k1 < kEnd) {
        const v0 = values[i0 + j0 * nx + k0 * nxy]
        const v1 = values[i1 + j1 * nx + k1 * nxy]
        const isIn0 = ((code >> c0) & 1) === 1
        if (isIn0 ? v0 >= thr && v1 < thr : v0 < thr && v1 >= thr) {
          tt = (thr - v0) / (v1 - v0)
          if (tt < T_MIN) tt = T_MIN
          else if (tt > 1 - T_MIN) tt = 1 - T_MIN
        }
      }
    }
    const fi = axis === 0 ? i0 + tt : i0
    const fj = axis === 1 ? j0 + tt : j0
    const fk = axis === 2 ? k0 + tt : k0
    const v = pushVertex(
      wx0 + m00 * fi + m01 * fj + m02 * fk,
      wy0 + m10 * fi + m11 * fj + m12 * fk,
      wz0 + m20 * fi + m21 * fj + m22 * fk,
    )
    cache[slot] = v
    return v
  }

  const progressEvery = Math.max(1, Math.floor((pz - 1) / 50))

  for (let K = 0; K < pz - 1; K++) {
    for (let e = 0; e < 4; e++) {
      const dy = e & 1
      const dz = e >> 1
      edgeBase[e] = (dz ? secX1 : secX0) + dy * px
      const dx = e & 1
      edgeBase[4 + e] = (dz ? secY1 : secY0) + dx
      edgeBase[8 + e] = secZ + (e & 1) + (e >> 1) * px
    }
    for (let J = 0; J < py - 1; J++) {
      const r00 = J + K * py
      const r10 = r00 + 1
      const r01 = r00 + py
      const r11 = r01 + 1
      const hi = Math.min(
        px - 2,
        Math.max(Math.max(rowMax[r00], rowMax[r10]), Math.max(rowMax[r01], rowMax[r11])),
      )
      if (hi < 0) continue
      const lo = Math.max(
        0,
        Math.min(Math.min(rowMin[r00], rowMin[r10]), Math.min(rowMin[r01], rowMin[r11])) - 1,
      )
      const o00 = r00 * px
      const o10 = r10 * px
      const o01 = r01 * px
      const o11 = r11 * px
      // Corner bits: c = dx | dy << 1 | dz << 2. A "column" holds the four dx = 0 corners.
      let col =
        data[o00 + lo] | (data[o10 + lo] << 2) | (data[o01 + lo] << 4) | (data[o11 + lo] << 6)
      for (let I = lo; I <= hi; I++) {
        const n1 = I + 1
        const colN =
          data[o00 + n1] | (data[o10 + n1] << 2) | (data[o01 + n1] << 4) | (data[o11 + n1] << 6)
        const code = col | (colN << 1)
        col = colN
        if (code === 0 || code === 255) continue

        let key = code
        const amb = AMBIGUOUS_FACES[code]
        if (amb !== 0) {
          let join = amb
          if (values !== null) {
            // g = value − threshold at the 8 corners; NaN on the padding (outside the region).
            for (let c = 0; c < 8; c++) {
              const i = I + (c & 1) + ox
              const j = J + ((c >> 1) & 1) + oy
              const k = K + (c >> 2) + oz
              g[c] =
                i > ox && j > oy && k > oz && i < iEnd && j < jEnd && k < kEnd
                  ? values[i + j * nx + k * nxy] - thr
                  : NaN
            }
            join = 0
            for (let f = 0; f < 6; f++) {
              if (((amb >> f) & 1) === 0) continue
              const q0 = FACE_CORNERS[4 * f]
              const q1 = FACE_CORNERS[4 * f + 1]
              const q2 = FACE_CORNERS[4 * f + 2]
              const q3 = FACE_CORNERS[4 * f + 3]
              const isIn02 = ((code >> q0) & 1) === 1
              const gi0 = isIn02 ? g[q0] : g[q1]
              const gi1 = isIn02 ? g[q2] : g[q3]
              const go0 = isIn02 ? g[q1] : g[q0]
              const go1 = isIn02 ? g[q3] : g[q2]
              // Asymptotic decider: the bilinear saddle is inside iff gIn·gIn ≥ gOut·gOut. Computed from the
              // face's own four values, so both cubes sharing the face decide alike. A field that
              // disagrees with the mask (or padding) falls back to joining.
              const isConsistent = gi0 >= 0 && gi1 >= 0 && go0 < 0 && go1 < 0
              if (!isConsistent || gi0 * gi1 >= go0 * go1) join |= 1 << f
            }
          }
          key |= join << 8
        }

        const nTri = tCnt[key]
        let p = tOff[key]
        const base = I + J * px
        const centerEdges = tCenter[key]
        let center = -1
        if (centerEdges !== 0) {
          // A loop with no valid triangulation gets a vertex of its own at the mean of its crossings.
          let cx = 0
          let cy = 0
          let cz = 0
          let cn = 0
          for (let e = 0; e < 12; e++) {
            if (((centerEdges >> e) & 1) === 0) continue
            const v = edgeVertex(e, I, J, K, code, base)
            cx += pos[3 * v]
            cy += pos[3 * v + 1]
            cz += pos[3 * v + 2]
            cn++
          }
          center = pushVertex(cx / cn, cy / cn, cz / cn)
        }
        for (let t = 0; t < 3 * nTri; t++) {
          const e = tEdges[p++]
          const v = e === CENTER_EDGE ? center : edgeVertex(e, I, J, K, code, base)
          if (nIdx === idxCap) {
            idxCap *= 2
            const ni = new Uint32Array(idxCap)
            ni.set(idx)
            idx = ni
          }
          idx[nIdx++] = v
        }
      }
    }
    // Slide the slab: the upper slice's x/y edges become the lower slice's.
    let tmp = secX0
    secX0 = secX1
    secX1 = tmp
    tmp = secY0
    secY0 = secY1
    secY1 = tmp
    cache.fill(-1, secX1, secX1 + plane)
    cache.fill(-1, secY1, secY1 + plane)
    cache.fill(-1, secZ, secZ + plane)
    if (onProgress && (K + 1) % progressEvery === 0) onProgress((K + 1) / (pz - 1))
  }

  return {
    positions: pos.slice(0, 3 * nVert),
    indices: idx.slice(0, nIdx),
    vertexCount: nVert,
    triangleCount: nIdx / 3,
  }
}
