/**
 * Protective measures as tissue-map edits, usable by every thermal source (Pennes heating, RF, microwave,
 * cryo): hydrodissection (a saline or 5 % dextrose layer, optionally circulating warm/cool saline held at
 * a set temperature) and CO₂ dissection (a gas layer). Pure: takes a label volume with its per-label
 * thermal and electrical property tables and returns edited copies; never mutates its inputs.
 *
 * Model: the fluid or gas REPLACES the tissue in the layer's voxels (it does not push anatomy apart; a
 * trainee draws the layer where the displaced gap would be). FACTS §1.5 lists the measures (Tsoumakidou
 * 2013; Buy 2009) but gives no property values: the fluid and gas values below are standard physics [G].
 */
import { isBoneLabel, structureById } from '../../lib/anatomy'
import type { Vec3 } from '../../lib/vec3'
import { RF_CONDUCTIVITY } from '../efield/conductivity'
import type { Grid3 } from '../grid/grid3'
import type { HeldRegion } from './pennes'
import {
  LABEL_COUNT,
  WATER_THERMAL,
  labelThermalTable,
  type TissueThermal,
} from './tissueProperties'

/** Label ids reserved for protection media (the anatomy table uses 0…35; unknown ids read as 'outside'). */
export const PROTECTION_LABELS = { saline: 250, dextrose5: 251, co2: 252 } as const

/** A protective medium. */
export type ProtectionMedium = keyof typeof PROTECTION_LABELS

/**
 * Thermal properties of the media [G: standard physics, not in FACTS]. Saline and D5W are water-like.
 * CO₂ (k = 0.0166 W/m/K, ρc ≈ 1.7 kJ/m³/K) is modelled as a perfect insulator (behaviour 'insulator'):
 * its conductivity is 3 % of tissue's, and a free gas node would cut the explicit stability bound ~2000×.
 */
export const PROTECTION_THERMAL: Readonly<Record<ProtectionMedium, TissueThermal>> = {
  saline: { ...WATER_THERMAL, densityKgPerM3: 1005, specificHeatJPerKgK: 4180 },
  dextrose5: { ...WATER_THERMAL, densityKgPerM3: 1017, specificHeatJPerKgK: 4100 },
  co2: {
    behaviour: 'insulator',
    densityKgPerM3: 1.98,
    specificHeatJPerKgK: 844,
    conductivityWPerMK: 0.0166,
    perfusionPerS: 0,
    metabolicWPerM3: 0,
    waterFraction: 0,
  },
}

/**
 * Electrical conductivity at RF, 37 °C, S/m [G]: 0.9 % saline ≈ 1.6 (1.4–2.0), so it CONDUCTS and can
 * carry RF current along the layer; 5 % dextrose in water is non-ionic (≈ 0.001–0.01), the usual choice
 * for RF; CO₂ is an insulator.
 */
export const PROTECTION_SIGMA_S_PER_M: Readonly<Record<ProtectionMedium, number>> = {
  saline: 1.6,
  dextrose5: 0.005,
  co2: 0,
}

/** One protective layer on the simulation grid. */
export interface ProtectionLayer {
  readonly kind: 'hydrodissection' | 'co2'
  /** 1 = voxel filled by the fluid or gas (same grid as the labels); see {@link layerMask}. */
  readonly mask: Uint8Array
  /** Hydrodissection fluid (default 'saline'). */
  readonly fluid?: 'saline' | 'dextrose5'
  /** Circulating warm or cool fluid: the layer is held at this temperature, °C (hydrodissection only). */
  readonly heldTempC?: number
}

/** Inputs of {@link applyProtection}: a label volume and its optional property tables. */
export interface TissueMap {
  readonly labels: Uint8Array
  /** Thermal properties per label id (default `labelThermalTable()`). */
  readonly materials?: readonly TissueThermal[]
  /** RF conductivity per label id at 37 °C, S/m (default `rfSigmaByLabel()`). */
  readonly sigmaByLabel?: Float32Array
}

/** The edited tissue map. */
export interface ProtectedTissueMap {
  /** Copy of the labels with layer voxels set to {@link PROTECTION_LABELS}. */
  readonly labels: Uint8Array
  /** 256 entries, including the media. */
  readonly materials: TissueThermal[]
  /** 256 entries, S/m, including the media. */
  readonly sigmaByLabel: Float32Array
  /** Layers held at a set temperature (pass to `BioheatSetup.heldRegions`). */
  readonly heldRegions: HeldRegion[]
  /** Voxels per layer, in order (after overlaps: a later layer wins). */
  readonly layerVoxels: number[]
}

/** RF conductivity per label id at 37 °C (FACTS §1.3 via `RF_CONDUCTIVITY`), S/m, 256 entries. */
export function rfSigmaByLabel(): Float32Array {
  const out = new Float32Array(LABEL_COUNT)
  for (let id = 0; id < LABEL_COUNT; id++) {
    out[id] = RF_CONDUCTIVITY[structureById(id).tissue].sigmaSPerM
  }
  for (const m of Object.keys(PROTECTION_LABELS) as ProtectionMedium[]) {
    out[PROTECTION_LABELS[m]] = PROTECTION_SIGMA_S_PER_M[m]
  }
  return out
}

/** Applies the layers in order to a copy of the tissue map. Throws on a mask of the wrong size. */
export function applyProtection(
  base: TissueMap,
  layers: readonly ProtectionLayer[],
): ProtectedTissueMap {
  const n = base.labels.length
  const labels = Uint8Array.from(base.labels)
  const materials = [...(base.materials ?? labelThermalTable())]
  if (materials.length !== LABEL_COUNT) {
    throw new Error(`applyProtection: ${materials.length} materials, expected ${LABEL_COUNT}`)
  }
  const sigmaByLabel = Float32Array.from(base.sigmaByLabel ?? rfSigmaByLabel())
  for (const m of Object.keys(PROTECTION_LABELS) as ProtectionMedium[]) {
    materials[PROTECTION_LABELS[m]] = PROTECTION_THERMAL[m]
    sigmaByLabel[PROTECTION_LABELS[m]] = PROTECTION_SIGMA_S_PER_M[m]
  }
  const owner = new Int16Array(n).fill(-1)
  layers.forEach((layer, li) => {
    if (layer.mask.length !== n) {
      throw new Error(
        `applyProtection: layer ${li} mask has ${layer.mask.length} voxels, grid ${n}`,
      )
    }
    if (layer.kind === 'co2' && layer.heldTempC !== undefined) {
      throw new Error('applyProtection: a CO₂ layer cannot be held at a temperature')
    }
    const medium: ProtectionMedium = layer.kind === 'co2' ? 'co2' : (layer.fluid ?? 'saline')
    const id = PROTECTION_LABELS[medium]
    for (let v = 0; v < n; v++) {
      if (layer.mask[v] === 1) {
        labels[v] = id
        owner[v] = li
      }
    }
  })
  const layerVoxels = layers.map(() => 0)
  for (let v = 0; v < n; v++) if (owner[v] >= 0) layerVoxels[owner[v]]++
  const heldRegions: HeldRegion[] = []
  layers.forEach((layer, li) => {
    if (layer.heldTempC === undefined) return
    const voxels = new Int32Array(layerVoxels[li])
    let c = 0
    for (let v = 0; v < n; v++) if (owner[v] === li) voxels[c++] = v
    heldRegions.push({ voxels, tempC: layer.heldTempC })
  })
  return { labels, materials, sigmaByLabel, heldRegions, layerVoxels }
}

/** Where a layer goes: a ball, optionally narrowed to a shell along a structure's surface. */
export interface LayerRegion {
  /** Centre of the injection, sim metres. */
  readonly centreM: Vec3
  /** Extent of the fluid or gas pocket, m. */
  readonly radiusM: number
  /** Label ids of the structure to protect (never filled). */
  readonly protect?: readonly number[]
  /** With `protect`: keep only voxels within this distance of a protected voxel (the layer), m. */
  readonly thicknessM?: number
}

/**
 * Mask of the voxels a layer fills: inside the ball, excluding bone, vessels, air, gas, tumour and the
 * protected labels (fluid cannot be injected into them); with `protect` and `thicknessM`, only voxels
 * within `thicknessM` (centre-to-centre) of a protected voxel. Sim metres.
 */
export function layerMask(grid: Grid3, labels: Uint8Array, region: LayerRegion): Uint8Array {
  const { nx, ny, nz, spacingM: h } = grid
  if (!(region.radiusM > 0)) throw new Error(`layerMask: radius must be positive`)
  const protect = new Uint8Array(LABEL_COUNT)
  for (const id of region.protect ?? []) protect[id & 255] = 1
  const excluded = new Uint8Array(LABEL_COUNT)
  for (let id = 0; id < LABEL_COUNT; id++) {
    const t = structureById(id).tissue
    const isMedium = id >= PROTECTION_LABELS.saline && id <= PROTECTION_LABELS.co2
    excluded[id] =
      !isMedium &&
      (isBoneLabel(id) || t === 'blood' || t === 'air' || t === 'gas' || t === 'tumour')
        ? 1
        : 0
  }
  const shell = region.protect && region.thicknessM !== undefined ? region.thicknessM : null
  const [cx, cy, cz] = region.centreM
  const r = region.radiusM
  const lo = (c: number, a: number): number => Math.max(0, Math.floor((c - r) / h[a]))
  const hi = (c: number, a: number, nn: number): number =>
    Math.min(nn - 1, Math.ceil((c + r) / h[a]))
  const out = new Uint8Array(labels.length)
  const reach = shell === null ? [0, 0, 0] : [0, 1, 2].map((a) => Math.ceil(shell / h[a]))
  for (let k = lo(cz, 2); k <= hi(cz, 2, nz); k++) {
    for (let j = lo(cy, 1); j <= hi(cy, 1, ny); j++) {
      for (let i = lo(cx, 0); i <= hi(cx, 0, nx); i++) {
        const dx = i * h[0] - cx
        const dy = j * h[1] - cy
        const dz = k * h[2] - cz
        if (dx * dx + dy * dy + dz * dz > r * r) continue
        const v = i + nx * (j + ny * k)
        const lab = labels[v]
        if (excluded[lab] === 1 || protect[lab] === 1) continue
        if (shell !== null && !nearLabel(grid, labels, protect, i, j, k, reach, shell)) continue
        out[v] = 1
      }
    }
  }
  return out
}

/** True when a voxel with `protect[label] = 1` lies within `distM` of voxel (i, j, k). */
function nearLabel(
  grid: Grid3,
  labels: Uint8Array,
  protect: Uint8Array,
  i: number,
  j: number,
  k: number,
  reach: readonly number[],
  distM: number,
): boolean {
  const { nx, ny, nz, spacingM: h } = grid
  const d2 = distM * distM * (1 + 1e-9)
  for (let c = Math.max(0, k - reach[2]); c <= Math.min(nz - 1, k + reach[2]); c++) {
    for (let b = Math.max(0, j - reach[1]); b <= Math.min(ny - 1, j + reach[1]); b++) {
      for (let a = Math.max(0, i - reach[0]); a <= Math.min(nx - 1, i + reach[0]); a++) {
        if (protect[labels[a + nx * (b + ny * c)]] !== 1) continue
        const dx = (a - i) * h[0]
        const dy = (b - j) * h[1]
        const dz = (c - k) * h[2]
        if (dx * dx + dy * dy + dz * dz <= d2) return true
      }
    }
  }
  return false
}
