/**
 * The plan's targets on any grid that shares the CT's axes (the ROI, the metrics box): label targets from
 * the grid's labels (restricted to their lesion, as the planning engine does), spheres and ellipsoids from
 * geometry, painted masks resampled from the CT grid they were painted on. Without targets, the case's
 * tumour labels around its first lesion. Also the points whose bounding box holds every target. Pure.
 */
import { S } from '../../../lib/anatomy'
import { ijkToWorld, voxelCount, type VolumeGeometry } from '../../../lib/space'
import { add, type Vec3 } from '../../../lib/vec3'
import { sphereMask, targetMask, type Plan, type Target } from '../../../plan'
import type { CtVolume } from '../../volume'
import { resampleNearest } from './roi'

/** Tumour labels (intra-osseous lytic and blastic parts and the soft-tissue extension). */
export const TUMOUR_LABEL_IDS: readonly number[] = [
  S.tumourLytic,
  S.tumourBlastic,
  S.tumourSoftTissue,
]

/** Radius around a lesion centre that holds its tumour (the planning engine's `lesionReachMm`). */
const lesionReachMm = (sizeMm: number): number => sizeMm + 10

type Lesion = NonNullable<CtVolume['lesions']>[number]

function lesionSphere(g: VolumeGeometry, lesion: Lesion | undefined): Uint8Array | undefined {
  return lesion ? sphereMask(g, lesion.centreMm, lesionReachMm(lesion.sizeMm)) : undefined
}

/** Mask of one target on `geometry` (labels sampled on the same grid). */
function oneTarget(
  v: CtVolume,
  t: Target,
  geometry: VolumeGeometry,
  labels: Uint8Array,
): Uint8Array {
  if (t.kind === 'painted') {
    const full = targetMask(t, { geometry: v.geometry, labels: v.labels ?? new Uint8Array(0) })
    return resampleNearest(v.geometry, full, geometry, new Uint8Array(voxelCount(geometry)))
  }
  return targetMask(t, { geometry, labels }, (id) =>
    lesionSphere(
      geometry,
      v.lesions?.find((l) => l.id === id),
    ),
  )
}

/** Union of the plan's targets on `geometry`; the case's tumour near its first lesion without targets. */
export function targetMaskOn(
  plan: Plan,
  v: CtVolume,
  geometry: VolumeGeometry,
  labels: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(labels.length)
  if (plan.targets.length === 0) {
    const region = lesionSphere(geometry, v.lesions?.[0])
    if (!region) return out
    for (let q = 0; q < out.length; q++) {
      out[q] = region[q]! !== 0 && TUMOUR_LABEL_IDS.includes(labels[q]!) ? 1 : 0
    }
    return out
  }
  for (const t of plan.targets) {
    const m = oneTarget(v, t, geometry, labels)
    for (let q = 0; q < out.length; q++) out[q] = out[q]! | m[q]!
  }
  return out
}

/** LPS points whose bounding box holds every target (for sizing the metrics box). */
export function targetExtentPoints(plan: Plan, v: CtVolume): Vec3[] {
  const pts: Vec3[] = []
  const around = (c: Vec3, r: number): void => {
    pts.push(add(c, [-r, -r, -r]), add(c, [r, r, r]))
  }
  const scan = (data: ArrayLike<number>, isIn: (value: number) => boolean): void => {
    const [nx, ny] = v.geometry.dims
    const lo = [Infinity, Infinity, Infinity]
    const hi = [-1, -1, -1]
    for (let q = 0; q < data.length; q++) {
      if (!isIn(data[q]!)) continue
      const c = [q % nx, Math.floor(q / nx) % ny, Math.floor(q / (nx * ny))]
      for (let a = 0; a < 3; a++) {
        lo[a] = Math.min(lo[a]!, c[a]!)
        hi[a] = Math.max(hi[a]!, c[a]!)
      }
    }
    if (hi[0]! >= 0) {
      pts.push(ijkToWorld(v.geometry, [lo[0]!, lo[1]!, lo[2]!]))
      pts.push(ijkToWorld(v.geometry, [hi[0]!, hi[1]!, hi[2]!]))
    }
  }
  const lesion = (id: string | undefined): Lesion | undefined =>
    id === undefined ? undefined : v.lesions?.find((l) => l.id === id)
  if (plan.targets.length === 0) {
    const l = v.lesions?.[0]
    if (l) around(l.centreMm, lesionReachMm(l.sizeMm))
  }
  for (const t of plan.targets) {
    if (t.kind === 'sphere') around(t.centreMm, t.radiusMm)
    else if (t.kind === 'ellipsoid') around(t.centreMm, Math.max(...t.radiiMm))
    else if (t.kind === 'label') {
      const l = lesion(t.lesionId)
      if (l) around(l.centreMm, lesionReachMm(l.sizeMm))
      else if (v.labels) scan(v.labels, (l) => l === t.labelId)
    } else {
      scan(targetMask(t, { geometry: v.geometry, labels: new Uint8Array(0) }), (m) => m !== 0)
    }
  }
  return pts
}
