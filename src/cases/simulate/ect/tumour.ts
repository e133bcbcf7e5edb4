/**
 * The tumour an ECT plan treats: the tumour-labelled voxels of one lesion (the plan's target lesion, or the
 * lesion nearest the electrodes), as CT voxel indices. Pure; LPS mm. Cached per volume and lesion, because
 * the drag preview asks for it every frame.
 */
import { isTumourLabel } from '../../../lib/anatomy'
import { worldToIjk } from '../../../lib/space'
import { distance, type Vec3 } from '../../../lib/vec3'
import type { Plan } from '../../../plan'
import type { CtVolume } from '../../volume'

/** The treated tumour: its voxels in the CT grid and their bounding box. */
export interface EctTumour {
  readonly lesionId: string | null
  /** Flat CT voxel indices, increasing. */
  readonly voxels: Uint32Array
  /** Inclusive CT voxel bounding box (empty tumour: lo > hi). */
  readonly lo: readonly [number, number, number]
  readonly hi: readonly [number, number, number]
}

/** How far from a lesion's centre its voxels may lie, mm (as the case checks: size + 10 mm). */
const reachMm = (sizeMm: number): number => sizeMm + 10

const cache = new WeakMap<CtVolume, Map<string, EctTumour>>()

/** The lesion a plan targets: its first label target's lesion, else the lesion nearest `nearMm`. */
export function targetLesionId(volume: CtVolume, plan: Plan, nearMm: Vec3): string | null {
  const lesions = volume.lesions ?? []
  for (const t of plan.targets) {
    if (
      t.kind === 'label' &&
      t.lesionId !== undefined &&
      lesions.some((l) => l.id === t.lesionId)
    ) {
      return t.lesionId
    }
  }
  let best: string | null = null
  let bestD = Infinity
  for (const l of lesions) {
    const d = distance(l.centreMm, nearMm)
    if (d < bestD) {
      bestD = d
      best = l.id
    }
  }
  return best
}

/**
 * The tumour voxels of a lesion (within its reach of the centre), or of the whole volume when the volume
 * lists no lesions. Throws when the volume has no labels.
 */
export function ectTumour(volume: CtVolume, lesionId: string | null): EctTumour {
  const labels = volume.labels
  if (!labels) throw new Error('This scan has no tissue labels: the tumour is not known.')
  const key = lesionId ?? '*'
  let byLesion = cache.get(volume)
  const hit = byLesion?.get(key)
  if (hit) return hit
  const g = volume.geometry
  const [nx, ny, nz] = g.dims
  const lesion = volume.lesions?.find((l) => l.id === lesionId)
  let lo = [0, 0, 0]
  let hi = [nx - 1, ny - 1, nz - 1]
  if (lesion) {
    const c = worldToIjk(g, lesion.centreMm)
    const r = reachMm(lesion.sizeMm)
    lo = [0, 1, 2].map((a) => Math.max(0, Math.floor(c[a]! - r / g.spacingMm[a]!)))
    hi = [0, 1, 2].map((a) => Math.min(g.dims[a]! - 1, Math.ceil(c[a]! + r / g.spacingMm[a]!)))
  }
  const out: number[] = []
  const bLo: [number, number, number] = [Infinity, Infinity, Infinity]
  const bHi: [number, number, number] = [-Infinity, -Infinity, -Infinity]
  const r2 = lesion ? reachMm(lesion.sizeMm) ** 2 : Infinity
  const q = lesion ? worldToIjk(g, lesion.centreMm) : null
  for (let k = lo[2]!; k <= hi[2]!; k++) {
    for (let j = lo[1]!; j <= hi[1]!; j++) {
      for (let i = lo[0]!; i <= hi[0]!; i++) {
        const v = i + nx * (j + ny * k)
        if (!isTumourLabel(labels[v]!)) continue
        if (q) {
          const dx = (i - q[0]) * g.spacingMm[0]
          const dy = (j - q[1]) * g.spacingMm[1]
          const dz = (k - q[2]) * g.spacingMm[2]
          if (dx * dx + dy * dy + dz * dz > r2) continue
        }
        out.push(v)
        bLo[0] = Math.min(bLo[0], i)
        bLo[1] = Math.min(bLo[1], j)
        bLo[2] = Math.min(bLo[2], k)
        bHi[0] = Math.max(bHi[0], i)
        bHi[1] = Math.max(bHi[1], j)
        bHi[2] = Math.max(bHi[2], k)
      }
    }
  }
  const tumour: EctTumour = { lesionId, voxels: Uint32Array.from(out), lo: bLo, hi: bHi }
  if (!byLesion) {
    byLesion = new Map()
    cache.set(volume, byLesion)
  }
  byLesion.set(key, tumour)
  return tumour
}
