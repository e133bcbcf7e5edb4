/**
 * The structure (label) taxonomy shared by the phantom, the simulators, the planning checks and the views.
 * A label volume stores one `StructureId` per voxel (Uint8). Which bone a bony voxel belongs to (L3, left
 * ilium, …) is a separate "part" volume owned by the case generator; this table is about tissue and
 * structure type, which is what physics and safety checks need.
 */

/** Tissue classes the simulators map to physical properties (FACTS.md §1.2–1.3). */
export type TissueClass =
  | 'air'
  | 'skin'
  | 'fat'
  | 'muscle'
  | 'corticalBone'
  | 'trabecularBone'
  | 'disc'
  | 'csf'
  | 'nerve'
  | 'blood'
  | 'softTissue'
  | 'lung'
  | 'gas'
  | 'tumour'

/** How a structure matters to a plan's safety checks. */
export type Criticality = 'none' | 'caution' | 'critical'

/** One row of the taxonomy. */
export interface StructureInfo {
  /** Value stored in label volumes. */
  readonly id: number
  /** Stable machine key. */
  readonly key: string
  /** Plain-words name shown to users. */
  readonly name: string
  readonly tissue: TissueClass
  readonly criticality: Criticality
  /** Display colour, sRGB hex. */
  readonly color: string
}

const rows = [
  [0, 'outside', 'Outside the body', 'air', 'none', '#000000'],
  [1, 'skin', 'Skin', 'skin', 'caution', '#e0b49a'],
  [2, 'subcutaneousFat', 'Subcutaneous fat', 'fat', 'none', '#d9c27a'],
  [3, 'muscle', 'Muscle', 'muscle', 'none', '#a0403a'],
  [4, 'paraspinalMuscle', 'Paraspinal muscle', 'muscle', 'none', '#b04a40'],
  [5, 'psoas', 'Psoas muscle', 'muscle', 'none', '#b85a48'],
  [6, 'glutealMuscle', 'Gluteal muscle', 'muscle', 'none', '#9c3e36'],
  [7, 'corticalBone', 'Cortical bone', 'corticalBone', 'none', '#f2eee0'],
  [8, 'trabecularBone', 'Trabecular bone (marrow)', 'trabecularBone', 'none', '#e6d7b0'],
  [9, 'endplate', 'Vertebral endplate', 'corticalBone', 'caution', '#f5f0dc'],
  [10, 'disc', 'Intervertebral disc', 'disc', 'caution', '#7fb3d5'],
  [11, 'epiduralFat', 'Epidural space', 'fat', 'critical', '#e8d27a'],
  [12, 'csf', 'Thecal sac (CSF)', 'csf', 'critical', '#4fa3e0'],
  [13, 'spinalCord', 'Spinal cord', 'nerve', 'critical', '#ffd400'],
  [14, 'caudaEquina', 'Conus and cauda equina', 'nerve', 'critical', '#ffc000'],
  [15, 'nerveRoot', 'Nerve root', 'nerve', 'critical', '#ffe066'],
  [16, 'sciaticNerve', 'Sciatic nerve', 'nerve', 'critical', '#ffe680'],
  [17, 'aorta', 'Aorta', 'blood', 'critical', '#e02020'],
  [18, 'ivc', 'Inferior vena cava', 'blood', 'critical', '#3050d0'],
  [19, 'segmentalArtery', 'Segmental artery', 'blood', 'caution', '#ff5050'],
  [20, 'venousPlexus', 'Vertebral venous plexus', 'blood', 'caution', '#5070e0'],
  [21, 'iliacVessel', 'Iliac vessel', 'blood', 'critical', '#d03040'],
  [22, 'kidney', 'Kidney', 'softTissue', 'critical', '#a05070'],
  [23, 'bowel', 'Bowel', 'softTissue', 'critical', '#c08a60'],
  [24, 'bowelGas', 'Bowel gas', 'gas', 'critical', '#202020'],
  [25, 'lung', 'Lung', 'lung', 'critical', '#3a4a5a'],
  [26, 'pleura', 'Pleura', 'softTissue', 'critical', '#8090a0'],
  [27, 'visceralFat', 'Retroperitoneal and visceral fat', 'fat', 'none', '#c8b070'],
  [28, 'softTissue', 'Soft tissue / viscera', 'softTissue', 'none', '#906050'],
  [29, 'jointSpace', 'Joint space', 'softTissue', 'caution', '#90c0c0'],
  [30, 'tumourLytic', 'Tumour (lytic)', 'tumour', 'none', '#ff40ff'],
  [31, 'tumourBlastic', 'Tumour (blastic)', 'tumour', 'none', '#ff80c0'],
  [32, 'tumourSoftTissue', 'Tumour (soft-tissue extension)', 'tumour', 'none', '#e040a0'],
  [33, 'liver', 'Liver', 'softTissue', 'caution', '#8a4030'],
  [34, 'bladder', 'Bladder', 'softTissue', 'critical', '#d0d080'],
  [35, 'cartilage', 'Articular cartilage', 'softTissue', 'caution', '#a0d0d0'],
] as const satisfies readonly (readonly [
  number,
  string,
  string,
  TissueClass,
  Criticality,
  string,
])[]

/** The stable keys of every structure. */
export type StructureKey = (typeof rows)[number][1]

/** Every structure, indexed by id (ids are dense from 0). */
export const STRUCTURES: readonly StructureInfo[] = rows.map(
  ([id, key, name, tissue, criticality, color]) => ({
    id,
    key,
    name,
    tissue,
    criticality,
    color,
  }),
)

/** Label id of each structure key, e.g. `S.spinalCord`. */
export const S = Object.fromEntries(rows.map((r) => [r[1], r[0]])) as {
  readonly [K in StructureKey]: number
}

/** Looks up a structure by label id; unknown ids map to 'outside' with a visible name. */
export function structureById(id: number): StructureInfo {
  return (
    STRUCTURES[id] ?? {
      id,
      key: 'unknown',
      name: `Label ${id}`,
      tissue: 'softTissue',
      criticality: 'none',
      color: '#808080',
    }
  )
}

/** True for labels that are bone (cortex, trabecular bone, endplate, blastic tumour in bone). */
export const isBoneLabel = (id: number): boolean =>
  id === S.corticalBone || id === S.trabecularBone || id === S.endplate || id === S.tumourBlastic

/** True for tumour labels. */
export const isTumourLabel = (id: number): boolean => structureById(id).tissue === 'tumour'
