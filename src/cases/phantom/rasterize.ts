/**
 * Paints layered SDF shapes into the phantom's working volume with partial-volume edges.
 *
 * Coverage: a voxel whose centre is at signed distance d from a surface is covered by the fraction
 * c(d) = clamp(½ − d/h, 0, 1), h = the mean voxel size (a linear ramp one voxel wide: exact for a plane
 * through the voxel parallel to a face, close enough elsewhere). A layer is painted "over" what is
 * already there: HU ← (1 − c₀)·HU + Σ bands (c_k − c_{k+1})·HU_k + c_K·HU_core, where c_k is the coverage
 * of the region deeper than the k-th band boundary. So a 0.4 mm cortex contributes 0.4/h of its HU to a
 * surface voxel, which is how thin shells show on CT.
 *
 * Labels: a voxel takes the layer's label when its centre is inside (d ≤ 0, i.e. c₀ ≥ ½, the layer is the
 * majority of the voxel). Within the layer the band is chosen by the centre's depth, except that a band may
 * declare a minimum label thickness (`labelMinMm`): sub-voxel shells (vertebral cortex, endplates) are then
 * labelled on a rim one voxel thick so that the shell stays closed in the label map. That is the one
 * documented exception to the majority rule.
 *
 * Speed: the shape's box is walked in 8×8×8 blocks, refined into 2×2×2 blocks near surfaces. The distance
 * at a block centre bounds the distance everywhere in the block (SDFs are 1-Lipschitz; a safety factor
 * covers the approximate ones), so blocks far outside are skipped and blocks deep inside one band (or the
 * core) are filled without per-voxel evaluation.
 */
import { aux, type Shape } from './sdf'
import { valueNoise3 } from './noise'

/** Working buffers of a phantom under construction (x fastest). */
export interface WorkVolume {
  readonly dims: readonly [number, number, number]
  readonly spacing: readonly [number, number, number]
  /** World position (LPS mm) of the centre of voxel [0,0,0]. */
  readonly origin: readonly [number, number, number]
  readonly hu: Float32Array
  readonly labels: Uint8Array
  readonly parts: Uint8Array
  /** Width of the partial-volume ramp in mm (the mean voxel size). */
  readonly rampMm: number
}

/** A band of a layered shape, from the surface inwards. */
export interface Band {
  /** Thickness in mm; omitted: read from `aux.shellMm` (tracked compounds). */
  readonly thicknessMm?: number
  readonly label: number
  readonly hu: number
  /** Minimum thickness used when choosing labels (see the module header). */
  readonly labelMinMm?: number
}

/** Smooth texture added to the core HU: amplitude × value noise on a lattice of `cellMm`. */
export interface Texture {
  readonly amplitudeHu: number
  readonly cellMm: number
  readonly seed: number
}

/** One paint operation. */
export interface Layer {
  readonly shape: Shape
  /** Bands from the surface inwards (may be empty). */
  readonly bands?: readonly Band[]
  /** Label of the core (deeper than every band). */
  readonly label: number
  /** HU of the core. */
  readonly hu: number
  /** Part id written with the label (0 = none). */
  readonly part: number
  /** When true, labelled voxels keep their part id (lesions inside a bone). */
  readonly keepPart?: boolean
  readonly texture?: Texture
  /** Label of the first band chosen by `aux.sub` (e.g. endplate vs. side wall of a vertebral body). */
  readonly firstBandLabelBySub?: readonly number[]
  /** Part id chosen by `aux.sub` instead of `part`. */
  readonly partBySub?: readonly number[]
  /** Labels are written where d ≤ labelGrowMm (> 0 keeps sub-voxel vessels visible in the label map). */
  readonly labelGrowMm?: number
  /** Upper bound of `aux.shellMm` for this layer's dynamic bands (culling needs the total band depth). */
  readonly maxShellMm?: number
  /** When set, only voxels whose current label is in this list are touched (lesions stay in bone). */
  readonly onlyOver?: readonly number[]
}

/** Creates empty working buffers filled with `hu0`, label 0 and part 0. */
export function createWorkVolume(
  dims: readonly [number, number, number],
  spacing: readonly [number, number, number],
  origin: readonly [number, number, number],
  hu0: number,
): WorkVolume {
  const n = dims[0] * dims[1] * dims[2]
  const hu = new Float32Array(n)
  hu.fill(hu0)
  return {
    dims,
    spacing,
    origin,
    hu,
    labels: new Uint8Array(n),
    parts: new Uint8Array(n),
    rampMm: (spacing[0] + spacing[1] + spacing[2]) / 3,
  }
}

/** Coarse and fine block edges (voxels) of the two-level traversal. */
const COARSE = 8
const FINE = 2
/**
 * Multiplier on the block radius when culling. The primitives are exact or conservative (an approximate
 * distance never exceeds the true one outside, nor the true depth inside; see ellipse2), which is all
 * culling needs; the 25 % margin covers shapes whose parameters vary along z (trunk, iliac wing).
 */
const CULL_SAFETY = 1.25

/** Paints one layer into the volume (mutates it). */
export function paint(vol: WorkVolume, layer: Layer): void {
  const [nx, ny, nz] = vol.dims
  const [sx, sy, sz] = vol.spacing
  const [ox, oy, oz] = vol.origin
  const box = layer.shape.box
  if (box.x1 < box.x0 || box.y1 < box.y0 || box.z1 < box.z0) return
  const h = vol.rampMm
  const half = h / 2
  const inv = 1 / h
  const i0 = Math.max(0, Math.floor((box.x0 - half - ox) / sx))
  const i1 = Math.min(nx - 1, Math.ceil((box.x1 + half - ox) / sx))
  const j0 = Math.max(0, Math.floor((box.y0 - half - oy) / sy))
  const j1 = Math.min(ny - 1, Math.ceil((box.y1 + half - oy) / sy))
  const k0 = Math.max(0, Math.floor((box.z0 - half - oz) / sz))
  const k1 = Math.min(nz - 1, Math.ceil((box.z1 + half - oz) / sz))
  if (i1 < i0 || j1 < j0 || k1 < k0) return

  const f = layer.shape.f
  const bands = layer.bands ?? []
  const nb = bands.length
  let depthMax = 0
  for (const b of bands) {
    depthMax += Math.max(b.thicknessMm ?? layer.maxShellMm ?? 3, b.labelMinMm ?? 0)
  }
  const grow = layer.labelGrowMm ?? 0
  const { hu, labels, parts } = vol
  const coreLabel = layer.label
  const coreHu = layer.hu
  const tex = layer.texture
  const keepPart = layer.keepPart === true
  const bySub = layer.firstBandLabelBySub
  const partBySub = layer.partBySub
  const part = layer.part
  const only = layer.onlyOver ? new Uint8Array(256) : null
  if (only && layer.onlyOver) for (const l of layer.onlyOver) only[l] = 1

  // Static band boundaries (depths below the surface) for HU and for labels, when no band is dynamic.
  const isStatic = bands.every((b) => b.thicknessMm !== undefined)
  const huDepth: number[] = []
  const labelDepth: number[] = []
  {
    let t = 0,
      l = 0
    for (const b of bands) {
      t += b.thicknessMm ?? 0
      l += Math.max(b.thicknessMm ?? 0, b.labelMinMm ?? 0)
      huDepth.push(t)
      labelDepth.push(l)
    }
  }
  /** Index of the band containing depth `dd` (nb = core). */
  const bandAt = (depths: readonly number[], dd: number): number => {
    for (let b = 0; b < depths.length; b++) if (dd < depths[b]!) return b
    return depths.length
  }
  const coreValue = (x: number, y: number, z: number): number =>
    tex ? coreHu + tex.amplitudeHu * valueNoise3(x, y, z, tex.cellMm, tex.seed) : coreHu

  /** Fills a block with the core. */
  const fillCore = (
    ia: number,
    ib: number,
    ja: number,
    jb: number,
    ka: number,
    kb: number,
    p: number,
  ): void => {
    for (let k = ka; k <= kb; k++) {
      const z = oz + k * sz
      for (let j = ja; j <= jb; j++) {
        const y = oy + j * sy
        let idx = ia + nx * (j + ny * k)
        for (let i = ia; i <= ib; i++, idx++) {
          hu[idx] = tex ? coreValue(ox + i * sx, y, z) : coreHu
          labels[idx] = coreLabel
          if (!keepPart) parts[idx] = p
        }
      }
    }
  }

  /**
   * Classifies a block from the distance at its centre: 0 = must evaluate per voxel, 1 = done (skipped
   * or filled).
   */
  const tryBlock = (
    ia: number,
    ib: number,
    ja: number,
    jb: number,
    ka: number,
    kb: number,
  ): number => {
    const cx = ox + ((ia + ib) / 2) * sx
    const cy = oy + ((ja + jb) / 2) * sy
    const cz = oz + ((ka + kb) / 2) * sz
    const rx = ((ib - ia) / 2) * sx,
      ry = ((jb - ja) / 2) * sy,
      rz = ((kb - ka) / 2) * sz
    const radius = Math.sqrt(rx * rx + ry * ry + rz * rz) * CULL_SAFETY
    const dc = f(cx, cy, cz)
    if (dc > radius + half + Math.max(grow, 0)) return 1
    if (only !== null) return 0
    const blockPart = partBySub ? (partBySub[aux.sub] ?? part) : part
    if (dc < -(radius + half + depthMax)) {
      fillCore(ia, ib, ja, jb, ka, kb, blockPart)
      return 1
    }
    if (isStatic && nb > 0 && dc < 0 && grow <= 0) {
      // A block inside one band, away from every band boundary, is uniform: fill it directly.
      const reach = radius + half
      if (-dc <= reach) return 0
      for (let b = 0; b < nb; b++) {
        if (Math.abs(dc + huDepth[b]!) <= reach || Math.abs(dc + labelDepth[b]!) <= reach) return 0
      }
      const hb = bandAt(huDepth, -dc)
      if (hb >= nb) return 0
      const value = bands[hb]!.hu
      const lab = bands[bandAt(labelDepth, -dc)]?.label ?? coreLabel
      for (let k = ka; k <= kb; k++) {
        for (let j = ja; j <= jb; j++) {
          let idx = ia + nx * (j + ny * k)
          for (let i = ia; i <= ib; i++, idx++) {
            hu[idx] = value
            labels[idx] = lab
            if (!keepPart) parts[idx] = blockPart
          }
        }
      }
      return 1
    }
    return 0
  }

  /** Per-voxel evaluation of a block. */
  const voxels = (ia: number, ib: number, ja: number, jb: number, ka: number, kb: number): void => {
    for (let k = ka; k <= kb; k++) {
      const z = oz + k * sz
      for (let j = ja; j <= jb; j++) {
        const y = oy + j * sy
        let idx = ia + nx * (j + ny * k)
        for (let i = ia; i <= ib; i++, idx++) {
          if (only !== null && only[labels[idx]!] !== 1) continue
          const x = ox + i * sx
          const d = f(x, y, z)
          if (d >= half && d > grow) continue
          const c0 = d <= -half ? 1 : d >= half ? 0 : 0.5 - d * inv
          let acc = (1 - c0) * hu[idx]!
          let prev = c0
          let cum = 0
          let labelCum = 0
          let lab = -1
          const depth = -d
          for (let b = 0; b < nb; b++) {
            const band = bands[b]!
            const t = band.thicknessMm ?? aux.shellMm
            cum += t
            const e = d + cum
            const ck = e <= -half ? 1 : e >= half ? 0 : 0.5 - e * inv
            acc += (prev - ck) * band.hu
            prev = ck
            if (lab < 0) {
              labelCum += Math.max(t, band.labelMinMm ?? 0)
              if (depth < labelCum) {
                lab = b === 0 && bySub ? (bySub[aux.sub] ?? band.label) : band.label
              }
            }
          }
          if (prev > 0) acc += prev * coreValue(x, y, z)
          hu[idx] = acc
          if (d <= 0 || d <= grow) {
            labels[idx] = lab >= 0 ? lab : coreLabel
            if (!keepPart) parts[idx] = partBySub ? (partBySub[aux.sub] ?? part) : part
          }
        }
      }
    }
  }

  for (let kc = k0; kc <= k1; kc += COARSE) {
    const kce = Math.min(kc + COARSE - 1, k1)
    for (let jc = j0; jc <= j1; jc += COARSE) {
      const jce = Math.min(jc + COARSE - 1, j1)
      for (let ic = i0; ic <= i1; ic += COARSE) {
        const ice = Math.min(ic + COARSE - 1, i1)
        if (tryBlock(ic, ice, jc, jce, kc, kce) === 1) continue
        for (let kf = kc; kf <= kce; kf += FINE) {
          const kfe = Math.min(kf + FINE - 1, kce)
          for (let jf = jc; jf <= jce; jf += FINE) {
            const jfe = Math.min(jf + FINE - 1, jce)
            for (let i = ic; i <= ice; i += FINE) {
              const ife = Math.min(i + FINE - 1, ice)
              if (tryBlock(i, ife, jf, jfe, kf, kfe) === 0) voxels(i, ife, jf, jfe, kf, kfe)
            }
          }
        }
      }
    }
  }
}
