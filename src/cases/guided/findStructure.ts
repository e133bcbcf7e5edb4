/**
 * The "find" step's check: is there a voxel of the asked structure at (or within a tolerance of) the clicked
 * LPS point? Pure; reads the volume's label array.
 */
import { STRUCTURES, isTumourLabel, structureById } from '../../lib/anatomy'
import { worldToIjk } from '../../lib/space'
import type { Vec3 } from '../../lib/vec3'
import type { CtVolume } from '../volume'
import type { FindTarget } from './types'

/** Outcome of a click in the find step. */
export interface FindCheck {
  readonly found: boolean
  /** Plain-words name of the structure at the clicked point (what was actually clicked). */
  readonly clickedName: string
  /** Distance from the click to the nearest voxel of the asked structure within the search, mm; null when none. */
  readonly distanceMm: number | null
  /** What to tell the trainee. */
  readonly message: string
}

type LabelledVolume = Pick<CtVolume, 'geometry' | 'labels'>

/** True when the label belongs to the target ('lesion' = any tumour label). */
const matches = (key: FindTarget['key'], label: number): boolean =>
  key === 'lesion' ? isTumourLabel(label) : structureById(label).key === key

/**
 * Checks a click at `pointMm` against `target` on the volume's labels: found when a voxel of the structure
 * lies within `target.toleranceMm` of the point. Volumes without labels cannot be checked (throws).
 */
export function checkFind(v: LabelledVolume, target: FindTarget, pointMm: Vec3): FindCheck {
  const labels = v.labels
  if (!labels) throw new Error('This volume has no structure labels, so clicks cannot be checked.')
  if (target.key !== 'lesion' && !STRUCTURES.some((s) => s.key === target.key)) {
    throw new Error(`"${target.key}" is not a structure of the anatomy table.`)
  }
  const g = v.geometry
  const [ni, nj, nk] = g.dims
  const ijk = worldToIjk(g, pointMm)
  const ci = Math.round(ijk[0])
  const cj = Math.round(ijk[1])
  const ck = Math.round(ijk[2])
  const inside = ci >= 0 && cj >= 0 && ck >= 0 && ci < ni && cj < nj && ck < nk
  const at = inside ? labels[ci + ni * (cj + nj * ck)]! : 0
  const clickedName = inside ? structureById(at).name : 'outside the scan'
  const [sx, sy, sz] = g.spacingMm
  const r = target.toleranceMm
  let best = Infinity
  const ri = Math.ceil(r / sx)
  const rj = Math.ceil(r / sy)
  const rk = Math.ceil(r / sz)
  for (let k = Math.max(0, ck - rk); k <= Math.min(nk - 1, ck + rk); k++) {
    for (let j = Math.max(0, cj - rj); j <= Math.min(nj - 1, cj + rj); j++) {
      for (let i = Math.max(0, ci - ri); i <= Math.min(ni - 1, ci + ri); i++) {
        if (!matches(target.key, labels[i + ni * (j + nj * k)]!)) continue
        const d = Math.hypot((i - ijk[0]) * sx, (j - ijk[1]) * sy, (k - ijk[2]) * sz)
        if (d < best) best = d
      }
    }
  }
  const found = best <= r
  const message = found
    ? `Yes: that is the ${target.name}.`
    : `Not quite: the crosshair is on ${clickedName.toLowerCase()}, not the ${target.name}. Move the crosshair onto the ${target.name} and try again.`
  return { found, clickedName, distanceMm: Number.isFinite(best) ? best : null, message }
}

/** Number of voxels of the target in the volume (a guided case may only ask for structures that exist). */
export function countTargetVoxels(v: LabelledVolume, key: FindTarget['key']): number {
  const labels = v.labels
  if (!labels) return 0
  let n = 0
  for (let i = 0; i < labels.length; i++) if (matches(key, labels[i]!)) n++
  return n
}
