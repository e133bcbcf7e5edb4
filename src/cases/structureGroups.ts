/**
 * Which 3-D meshes to build for a volume: one per bone (from the case's part volume) plus the soft
 * structures a planner must see; for a volume without labels (the user's CT), one skeleton mesh from an
 * HU threshold. Pure.
 */
import { S, STRUCTURES } from '../lib/anatomy'
import type { CtVolume } from './volume'

/** A mesh group: which labels (and optionally which parts) it covers, and how it is drawn by default. */
export interface StructureGroup {
  readonly id: string
  readonly name: string
  readonly color: string
  readonly labelIds?: readonly number[]
  readonly partIds?: readonly number[]
  /** Default opacity 0–1 (skin is a translucent shell, CSF translucent). */
  readonly opacity: number
  /** Shown by default. */
  readonly visible: boolean
  /** Bone groups are smoothed and hole-filled like bone. */
  readonly isBone: boolean
}

/** Labels that make up bone for meshing (a lytic lesion is a hole the mesh fills; blastic is bone). */
export const BONE_LABELS: readonly number[] = [
  S.corticalBone,
  S.trabecularBone,
  S.endplate,
  S.tumourBlastic,
]

const BONE_COLOURS = ['#efe6cf', '#e8dcc0', '#f3ead6', '#e4d6b6']

const soft = (
  id: string,
  name: string,
  labels: readonly number[],
  color: string,
  opacity: number,
  visible = true,
): StructureGroup => ({
  id,
  name,
  color,
  labelIds: labels,
  opacity,
  visible,
  isBone: false,
})

const SOFT_GROUPS: readonly StructureGroup[] = [
  soft('lesion', 'Tumour', [S.tumourLytic, S.tumourBlastic, S.tumourSoftTissue], '#ff3fb4', 0.9),
  soft('cord', 'Spinal cord and cauda equina', [S.spinalCord, S.caudaEquina], '#ffd400', 1),
  soft('thecal', 'Thecal sac (CSF)', [S.csf], '#4fa3e0', 0.3),
  soft('roots', 'Nerve roots and sciatic nerve', [S.nerveRoot, S.sciaticNerve], '#ffe066', 1),
  soft(
    'arteries',
    'Aorta and arteries',
    [S.aorta, S.segmentalArtery, S.iliacVessel],
    '#e02020',
    0.95,
  ),
  soft('veins', 'IVC and venous plexus', [S.ivc, S.venousPlexus], '#3a5ad8', 0.8),
  soft('discs', 'Intervertebral discs', [S.disc], '#7fb3d5', 0.8),
  soft('kidneys', 'Kidneys', [S.kidney], '#a05070', 0.7, false),
  soft('bowel', 'Bowel gas', [S.bowelGas], '#9aa0a6', 0.6, false),
  soft('lung', 'Lungs', [S.lung], '#6f8aa6', 0.25, false),
]

/** Every label except "outside": the skin shell. */
const BODY_LABELS = STRUCTURES.filter((s) => s.id !== S.outside).map((s) => s.id)

/** The mesh groups for a volume. */
export function structureGroups(v: CtVolume): StructureGroup[] {
  if (!v.labels) {
    return [
      {
        id: 'skeleton',
        name: 'Skeleton (HU threshold)',
        color: BONE_COLOURS[0]!,
        opacity: 1,
        visible: true,
        isBone: true,
      },
    ]
  }
  const present = new Set<number>()
  for (let n = 0; n < v.labels.length; n++) present.add(v.labels[n]!)
  const groups: StructureGroup[] = []
  if (v.parts && v.partNames && v.partNames.length > 1) {
    v.partNames.forEach((name, id) => {
      if (id === 0 || !name) return
      groups.push({
        id: `bone-${name}`,
        name,
        color: BONE_COLOURS[id % BONE_COLOURS.length]!,
        labelIds: BONE_LABELS,
        partIds: [id],
        opacity: 1,
        visible: true,
        isBone: true,
      })
    })
  } else {
    groups.push({
      id: 'bone',
      name: 'Bone',
      color: BONE_COLOURS[0]!,
      labelIds: BONE_LABELS,
      opacity: 1,
      visible: true,
      isBone: true,
    })
  }
  for (const g of SOFT_GROUPS) if (g.labelIds?.some((l) => present.has(l))) groups.push(g)
  groups.push(soft('skin', 'Skin', BODY_LABELS, '#d9a58a', 0.12))
  return groups
}
