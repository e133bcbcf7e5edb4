/**
 * The porous-bone model: per-voxel porosity, anisotropic Darcy permeability and cement entry pressure from
 * CT HU and anatomy labels, on the simulation grid (SI). Pure; no DOM.
 *
 * Trabecular bone: bone volume fraction BV/TV = (HU − HU_marrow)/(HU_solid − HU_marrow), porosity
 * φ = 1 − BV/TV, and a Kozeny–Carman law K(φ) = K_ref·[φ³/(1−φ)²]/[φ_ref³/(1−φ_ref)²] calibrated so that
 * bone at the reference porosity has Baroud's measured permeabilities (FACTS §2.4, Baroud J Biomech 2004:
 * 4.45e-8 m² superior–inferior, 3.44e-8 m² anterior–posterior). FACTS §2.4 notes that BMD predicts
 * permeability poorly: the HU mapping is a teaching approximation [U].
 */
import { S } from '../../lib/anatomy'
import { createRng } from '../../lib/rng'
import type { Vec3 } from '../../lib/vec3'
import { type Grid3, gridSize } from '../grid/grid3'
import { PATHWAY, PATHWAY_NAMES, PATHWAY_PROPS, pathwayOfLabel } from './pathways'

/** Adjustable bone-model parameters. */
export interface BoneModelParams {
  /** Superior–inferior permeability at the reference porosity, m² (FACTS §2.4 Baroud 2004 [V]). */
  readonly permeabilitySiRefM2: number
  /** Anterior–posterior permeability at the reference porosity, m² (FACTS §2.4 Baroud 2004 [V]). */
  readonly permeabilityApRefM2: number
  /** Porosity of Baroud's specimens; typical vertebral cancellous bone [U]. */
  readonly porosityRef: number
  /** HU of marrow-filled pore space (BV/TV = 0) [U]. */
  readonly huMarrow: number
  /** HU of fully dense bone (BV/TV = 1) [U]. */
  readonly huSolidBone: number
  /** Porosity clamp: bone is never denser than this pore fraction allows (blastic lesions) [U]. */
  readonly minPorosity: number
  /** Porosity clamp that keeps Kozeny–Carman finite [U]. */
  readonly maxPorosity: number
  /** Capillary entry pressure for cement displacing marrow in trabecular bone, Pa [U]. */
  readonly boneEntryPressurePa: number
  /** Lytic tumour: soft tissue that cement displaces easily [U]. */
  readonly lyticPorosity: number
  readonly lyticPermeabilityM2: number
  readonly lyticEntryPressurePa: number
  /** Cortical or endplate voxels with HU below this are destroyed (breached) cortex [U]. */
  readonly breachHu: number
  /** A cortical breach behaves as an open cleft [U]. */
  readonly breachPermeabilityM2: number
  readonly breachEntryPressurePa: number
  /** Relative spread of entry pressures (uniform ±), the invasion-percolation disorder [U]. */
  readonly entryDisorder: number
}

/** Defaults; see the field docs for sources. */
export const DEFAULT_BONE_PARAMS: BoneModelParams = {
  permeabilitySiRefM2: 4.45e-8,
  permeabilityApRefM2: 3.44e-8,
  porosityRef: 0.88,
  huMarrow: 0,
  huSolidBone: 1800,
  minPorosity: 0.5,
  maxPorosity: 0.97,
  boneEntryPressurePa: 6000,
  lyticPorosity: 0.95,
  lyticPermeabilityM2: 2e-7,
  lyticEntryPressurePa: 400,
  breachHu: 400,
  breachPermeabilityM2: 1e-7,
  breachEntryPressurePa: 500,
  entryDisorder: 0.3,
}

/** The inputs of the porous medium, on the simulation grid. */
export interface PorousMediumInput {
  readonly grid: Grid3
  /** CT numbers per voxel, HU. */
  readonly hu: ArrayLike<number>
  /** Anatomy labels per voxel (src/lib/anatomy.ts ids). */
  readonly labels: Uint8Array
  /** Which grid axis is superior–inferior (2 for an axial CT). */
  readonly siAxis?: 0 | 1 | 2
  /** Optional explicit breach mask (non-zero = breached cortex), on top of the HU rule. */
  readonly breachMask?: Uint8Array
  /** The trocar, in grid metres (voxel [0,0,0] centre at the origin); its track is a leak pathway. */
  readonly needle?: { readonly entryM: Vec3; readonly tipM: Vec3 }
  /** Seed of the entry-pressure disorder. */
  readonly seed?: number
  readonly params?: Partial<BoneModelParams>
}

/** Per-voxel flow properties. Arrays are x-fastest on `grid`. */
export interface PorousMedium {
  readonly grid: Grid3
  readonly siAxis: 0 | 1 | 2
  readonly labels: Uint8Array
  /** Pathway code per voxel (pathways.ts). */
  readonly pathway: Uint8Array
  /** Fraction of the voxel cement can fill. */
  readonly porosity: Float32Array
  /** Permeability along the superior–inferior axis, m² (0 = impermeable). */
  readonly kSiM2: Float32Array
  /** Permeability along the two transverse axes, m². */
  readonly kTransM2: Float32Array
  /** Entry pressure the cement must exceed to invade the voxel, Pa. */
  readonly entryPressurePa: Float32Array
  readonly params: BoneModelParams
}

const kozenyCarman = (phi: number): number => (phi * phi * phi) / ((1 - phi) * (1 - phi))

/** Bone permeabilities (SI, transverse) in m² for a trabecular voxel of CT number `hu`. */
export function bonePermeabilityM2(
  hu: number,
  p: BoneModelParams,
): { porosity: number; kSiM2: number; kTransM2: number } {
  const bvtv = (hu - p.huMarrow) / (p.huSolidBone - p.huMarrow)
  const porosity = Math.min(p.maxPorosity, Math.max(p.minPorosity, 1 - bvtv))
  const scale = kozenyCarman(porosity) / kozenyCarman(p.porosityRef)
  return {
    porosity,
    kSiM2: p.permeabilitySiRefM2 * scale,
    kTransM2: p.permeabilityApRefM2 * scale,
  }
}

/** Builds the porous medium from HU and labels. Breaches, lytic tumour and the needle track included. */
export function buildPorousMedium(input: PorousMediumInput): PorousMedium {
  const p: BoneModelParams = { ...DEFAULT_BONE_PARAMS, ...input.params }
  const { grid, hu, labels } = input
  const n = gridSize(grid)
  if (hu.length !== n || labels.length !== n) throw new Error('buildPorousMedium: size mismatch')
  const pathway = new Uint8Array(n)
  const porosity = new Float32Array(n)
  const kSiM2 = new Float32Array(n)
  const kTransM2 = new Float32Array(n)
  const entryPressurePa = new Float32Array(n)
  const rng = createRng(input.seed ?? 1)
  const kcRefInv = 1 / kozenyCarman(p.porosityRef)
  const breach = input.breachMask
  const setOpen = (v: number, code: number, phi: number, k: number, entry: number): void => {
    pathway[v] = code
    porosity[v] = phi
    kSiM2[v] = k
    kTransM2[v] = k
    entryPressurePa[v] = entry
  }
  for (let v = 0; v < n; v++) {
    const label = labels[v]
    const code = pathwayOfLabel(label)
    const isCortex = label === S.corticalBone || label === S.endplate
    const isBreached = isCortex && (hu[v] < p.breachHu || (breach !== undefined && breach[v] !== 0))
    if (isBreached) {
      setOpen(v, PATHWAY.body, 1, p.breachPermeabilityM2, p.breachEntryPressurePa)
    } else if (label === S.tumourLytic || label === S.tumourSoftTissue) {
      // Lytic tumour is displaced by cement (high permeability); extra-osseous tumour remains a leak site.
      setOpen(v, code, p.lyticPorosity, p.lyticPermeabilityM2, p.lyticEntryPressurePa)
    } else if (code === PATHWAY.body) {
      // Inlined bonePermeabilityM2 (no per-voxel allocation).
      const bvtv = (hu[v] - p.huMarrow) / (p.huSolidBone - p.huMarrow)
      const phi = Math.min(p.maxPorosity, Math.max(p.minPorosity, 1 - bvtv))
      const scale = kozenyCarman(phi) * kcRefInv
      pathway[v] = code
      porosity[v] = phi
      kSiM2[v] = p.permeabilitySiRefM2 * scale
      kTransM2[v] = p.permeabilityApRefM2 * scale
      entryPressurePa[v] = p.boneEntryPressurePa
    } else if (code === PATHWAY.barrier) {
      pathway[v] = code
    } else {
      const props = PATHWAY_PROPS[PATHWAY_NAMES[code] as keyof typeof PATHWAY_PROPS]
      setOpen(v, code, props.porosity, props.permeabilityM2, props.entryPressurePa)
    }
    if (entryPressurePa[v] > 0 && p.entryDisorder > 0) {
      entryPressurePa[v] *= 1 + p.entryDisorder * (2 * rng.next() - 1)
    }
  }
  epiduralTumour(grid, labels, pathway)
  fissuredCartilage(grid, labels, pathway, porosity, kSiM2, kTransM2, entryPressurePa)
  if (input.needle) {
    markNeedleTrack(
      grid,
      input.needle.entryM,
      input.needle.tipM,
      pathway,
      porosity,
      kSiM2,
      kTransM2,
      entryPressurePa,
    )
  }
  return {
    grid,
    siAxis: input.siAxis ?? 2,
    labels,
    pathway,
    porosity,
    kSiM2,
    kTransM2,
    entryPressurePa,
    params: p,
  }
}

/**
 * Articular cartilage touching lytic tumour or breached cortex lies over a destroyed subchondral plate: it
 * is fissured and becomes the joint pathway (a route into the joint space, FACTS §2.1 Cotten 1998); intact
 * cartilage over intact subchondral bone stays a barrier.
 */
function fissuredCartilage(
  grid: Grid3,
  labels: ArrayLike<number>,
  pathway: Uint8Array,
  porosity: Float32Array,
  kSiM2: Float32Array,
  kTransM2: Float32Array,
  entryPressurePa: Float32Array,
): void {
  const [nx, ny, nz] = [grid.nx, grid.ny, grid.nz]
  const props = PATHWAY_PROPS.joint
  const destroyed = (u: number): boolean =>
    labels[u] === S.tumourLytic ||
    ((labels[u] === S.corticalBone || labels[u] === S.endplate) && pathway[u] === PATHWAY.body)
  const hits: number[] = []
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const v = i + nx * (j + ny * k)
        if (labels[v] !== S.cartilage) continue
        if (
          (i > 0 && destroyed(v - 1)) ||
          (i < nx - 1 && destroyed(v + 1)) ||
          (j > 0 && destroyed(v - nx)) ||
          (j < ny - 1 && destroyed(v + nx)) ||
          (k > 0 && destroyed(v - nx * ny)) ||
          (k < nz - 1 && destroyed(v + nx * ny))
        ) {
          hits.push(v)
        }
      }
    }
  }
  for (const v of hits) {
    pathway[v] = PATHWAY.joint
    porosity[v] = props.porosity
    kSiM2[v] = props.permeabilityM2
    kTransM2[v] = props.permeabilityM2
    entryPressurePa[v] = props.entryPressurePa
  }
}

/**
 * Marks the voxels along the trocar, outside the vertebral body, as the needle-track pathway: the hole the
 * trocar leaves in cortex and soft tissue is a route back out (FACTS §2.2, Barragán-Campos 2006).
 */
function markNeedleTrack(
  grid: Grid3,
  entryM: Vec3,
  tipM: Vec3,
  pathway: Uint8Array,
  porosity: Float32Array,
  kSiM2: Float32Array,
  kTransM2: Float32Array,
  entryPressurePa: Float32Array,
): void {
  const h = Math.min(...grid.spacingM) / 2
  const len = Math.hypot(tipM[0] - entryM[0], tipM[1] - entryM[1], tipM[2] - entryM[2])
  const steps = Math.max(1, Math.ceil(len / h))
  const props = PATHWAY_PROPS.needleTrack
  for (let s = 0; s <= steps; s++) {
    const t = s / steps
    const i = Math.round((entryM[0] + t * (tipM[0] - entryM[0])) / grid.spacingM[0])
    const j = Math.round((entryM[1] + t * (tipM[1] - entryM[1])) / grid.spacingM[1])
    const k = Math.round((entryM[2] + t * (tipM[2] - entryM[2])) / grid.spacingM[2])
    if (i < 0 || j < 0 || k < 0 || i >= grid.nx || j >= grid.ny || k >= grid.nz) continue
    const v = i + grid.nx * (j + grid.ny * k)
    if (pathway[v] === PATHWAY.body) continue
    pathway[v] = PATHWAY.needleTrack
    porosity[v] = props.porosity
    kSiM2[v] = props.permeabilityM2
    kTransM2[v] = props.permeabilityM2
    entryPressurePa[v] = props.entryPressurePa
  }
}

const CANAL_LABELS: ReadonlySet<number> = new Set([
  S.epiduralFat,
  S.csf,
  S.spinalCord,
  S.caudaEquina,
])

/**
 * Extra-osseous tumour that touches the canal is an epidural extension: cement entering it is a canal
 * leak (FACTS §2.2, Tang 2022: posterior-wall defects drive canal leaks), not a paravertebral one. The
 * whole connected extension takes the epidural pathway (flood fill from the voxels next to the canal).
 */
function epiduralTumour(grid: Grid3, labels: Uint8Array, pathway: Uint8Array): void {
  const { nx, ny, nz } = grid
  const nxy = nx * ny
  const stack: number[] = []
  const nbrs = (v: number): number[] => {
    const i = v % nx
    const j = Math.floor(v / nx) % ny
    const k = Math.floor(v / nxy)
    const out: number[] = []
    if (i > 0) out.push(v - 1)
    if (i < nx - 1) out.push(v + 1)
    if (j > 0) out.push(v - nx)
    if (j < ny - 1) out.push(v + nx)
    if (k > 0) out.push(v - nxy)
    if (k < nz - 1) out.push(v + nxy)
    return out
  }
  for (let v = 0; v < labels.length; v++) {
    if (labels[v] !== S.tumourSoftTissue || pathway[v] === PATHWAY.epidural) continue
    if (nbrs(v).some((u) => CANAL_LABELS.has(labels[u]))) {
      pathway[v] = PATHWAY.epidural
      stack.push(v)
    }
  }
  while (stack.length > 0) {
    const v = stack.pop() as number
    for (const u of nbrs(v)) {
      if (labels[u] === S.tumourSoftTissue && pathway[u] !== PATHWAY.epidural) {
        pathway[u] = PATHWAY.epidural
        stack.push(u)
      }
    }
  }
}
