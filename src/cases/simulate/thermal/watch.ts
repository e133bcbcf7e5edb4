/**
 * What a thermal run watches while it steps: virtual thermocouples (trilinear temperature at a point),
 * structures at risk (hottest and coldest voxel of the cord, the nerve roots, the skin and the bony wall of
 * the canal) and the treated share of the target over time. Sampled once per macro step. Pure.
 */
import { S } from '../../../lib/anatomy'
import { sampleField } from '../../../lib/fieldOverlay'
import type { Vec3 } from '../../../lib/vec3'
import type { Roi } from './roi'

/** A thermocouple: from the plan's protections or from the run options. */
export interface ThermocoupleSpec {
  readonly id: string
  readonly label: string
  readonly pointMm: Vec3
  readonly alarmLowC: number
  readonly alarmHighC: number
  readonly from: 'plan' | 'options'
}

/** The structures watched, by key. */
export type WatchGroupKey = 'cord' | 'roots' | 'skin' | 'canalWall'

/** Plain-words names of the watched structures. */
export const WATCH_GROUP_NAMES: Readonly<Record<WatchGroupKey, string>> = {
  cord: 'spinal cord / cauda equina',
  roots: 'nerve roots',
  skin: 'skin',
  canalWall: 'bony wall of the spinal canal',
}

/** Labels of each group; the canal wall is bone next to the epidural space or thecal sac. */
const GROUP_LABELS: Readonly<Record<Exclude<WatchGroupKey, 'canalWall'>, readonly number[]>> = {
  cord: [S.spinalCord, S.caudaEquina],
  roots: [S.nerveRoot, S.sciaticNerve],
  skin: [S.skin],
}
const CANAL_LABELS = new Set<number>([S.epiduralFat, S.csf, S.venousPlexus])
const WALL_LABELS = new Set<number>([S.corticalBone, S.endplate])

/** Voxel lists of the watched structures inside the ROI. */
export function watchGroups(roi: Roi): Record<WatchGroupKey, Int32Array> {
  const [nx, ny, nz] = roi.geometry.dims
  const L = roi.labels
  const lists: Record<WatchGroupKey, number[]> = { cord: [], roots: [], skin: [], canalWall: [] }
  const byLabel = new Map<number, WatchGroupKey>()
  for (const key of ['cord', 'roots', 'skin'] as const) {
    for (const l of GROUP_LABELS[key]) byLabel.set(l, key)
  }
  const strides = [1, -1, nx, -nx, nx * ny, -nx * ny]
  for (let k = 1; k < nz - 1; k++) {
    for (let j = 1; j < ny - 1; j++) {
      for (let i = 1, q = 1 + nx * (j + ny * k); i < nx - 1; i++, q++) {
        const l = L[q]!
        const g = byLabel.get(l)
        if (g) lists[g].push(q)
        else if (WALL_LABELS.has(l) && strides.some((s) => CANAL_LABELS.has(L[q + s]!))) {
          lists.canalWall.push(q)
        }
      }
    }
  }
  return {
    cord: Int32Array.from(lists.cord),
    roots: Int32Array.from(lists.roots),
    skin: Int32Array.from(lists.skin),
    canalWall: Int32Array.from(lists.canalWall),
  }
}

/** Time series recorded during a run. */
export interface WatchRecord {
  readonly timeS: number[]
  /** Per thermocouple (same order as the specs): temperature, °C (NaN outside the ROI). */
  readonly thermocouplesC: number[][]
  /** Per group: hottest and coldest voxel, °C (NaN when the group has no voxel in the ROI). */
  readonly maxC: Record<WatchGroupKey, number[]>
  readonly minC: Record<WatchGroupKey, number[]>
  /** Share of the target's ROI voxels inside the zone (0–1), NaN without a target in the ROI. */
  readonly treatedFraction: number[]
}

/** A recorder bound to one ROI. */
export interface Watcher {
  readonly record: WatchRecord
  /** Samples temperatures (and the treated share from `isTreated`) at time `timeS`. */
  sample(timeS: number, tempC: Float32Array, isTreated: (q: number) => boolean): void
}

/** Creates the recorder. `target` lists the ROI voxels of the target. */
export function createWatcher(
  roi: Roi,
  thermocouples: readonly ThermocoupleSpec[],
  groups: Record<WatchGroupKey, Int32Array>,
  target: Int32Array,
): Watcher {
  const keys = Object.keys(groups) as WatchGroupKey[]
  const record: WatchRecord = {
    timeS: [],
    thermocouplesC: thermocouples.map(() => []),
    maxC: { cord: [], roots: [], skin: [], canalWall: [] },
    minC: { cord: [], roots: [], skin: [], canalWall: [] },
    treatedFraction: [],
  }
  return {
    record,
    sample(timeS, tempC, isTreated) {
      record.timeS.push(timeS)
      thermocouples.forEach((tc, n) => {
        record.thermocouplesC[n]!.push(sampleField(roi.geometry, tempC, tc.pointMm))
      })
      for (const key of keys) {
        const list = groups[key]
        let hi = -Infinity
        let lo = Infinity
        for (let n = 0; n < list.length; n++) {
          const t = tempC[list[n]!]!
          if (t > hi) hi = t
          if (t < lo) lo = t
        }
        record.maxC[key].push(list.length ? hi : NaN)
        record.minC[key].push(list.length ? lo : NaN)
      }
      let treated = 0
      for (let n = 0; n < target.length; n++) if (isTreated(target[n]!)) treated++
      record.treatedFraction.push(target.length ? treated / target.length : NaN)
    },
  }
}
