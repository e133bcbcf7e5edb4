/**
 * Vessels traced by the user on a loaded scan (which has no centrelines): points clicked along each
 * vessel in the 2D views, kept in the run's options as plain data. They are validated here, oriented
 * (aorta and ASA cranial → caudal, segmental arteries from the aorta outwards), and merged into a copy of
 * the volume so that the case-graph builder treats them like a phantom's centrelines. The tumour of a
 * loaded scan is the plan's first sphere target. Pure; LPS mm.
 */
import { type Vec3, distance } from '../../../lib/vec3'
import type { Plan } from '../../../plan'
import type { VesselInfo } from '../../phantom'
import type { CtVolume } from '../../volume'
import { projectOnPolyline } from './caseGraph'

/** One traced vessel. */
export interface TracedVessel {
  readonly kind: 'aorta' | 'segmental' | 'adamkiewicz' | 'anteriorSpinalArtery'
  /** Vertebral level of a segmental artery or of the Adamkiewicz origin ('T10'). */
  readonly level?: string
  readonly side?: 'L' | 'R'
  /** Clicked centreline points (LPS mm), at least two. */
  readonly points: readonly Vec3[]
  /** Lumen radius (mm). */
  readonly radiusMm: number
}

/** Default radius of a traced vessel by kind (mm) [U]: aorta ~10, segmental 1.25, AKA 0.5, ASA 0.4. */
export const TRACED_RADIUS_MM: Readonly<Record<TracedVessel['kind'], number>> = {
  aorta: 10,
  segmental: 1.25,
  adamkiewicz: 0.5,
  anteriorSpinalArtery: 0.4,
}

const KINDS = new Set(['aorta', 'segmental', 'adamkiewicz', 'anteriorSpinalArtery'])

const isPoint = (p: unknown): p is Vec3 =>
  Array.isArray(p) && p.length === 3 && p.every((x) => typeof x === 'number' && Number.isFinite(x))

/** The traced vessels in run options (invalid entries are dropped). */
export function parseTracedVessels(raw: unknown): TracedVessel[] {
  if (!Array.isArray(raw)) return []
  return raw.flatMap((t: unknown): TracedVessel[] => {
    if (typeof t !== 'object' || t === null) return []
    const o = t as Record<string, unknown>
    const points = Array.isArray(o.points) ? o.points.filter(isPoint) : []
    if (typeof o.kind !== 'string' || !KINDS.has(o.kind) || points.length < 2) return []
    const kind = o.kind as TracedVessel['kind']
    const r = typeof o.radiusMm === 'number' && o.radiusMm > 0 ? o.radiusMm : TRACED_RADIUS_MM[kind]
    return [
      {
        kind,
        points: points.map((p): Vec3 => [p[0], p[1], p[2]]),
        radiusMm: Math.min(20, r),
        ...(typeof o.level === 'string' && o.level ? { level: o.level } : {}),
        ...(o.side === 'L' || o.side === 'R' ? { side: o.side } : {}),
      },
    ]
  })
}

const cranialFirst = (pts: readonly Vec3[]): Vec3[] =>
  pts[0]![2] >= pts[pts.length - 1]![2] ? [...pts] : [...pts].reverse()

/**
 * A copy of `volume` with the traced vessels as centrelines (and, without lesions, the plan's first
 * sphere target as the tumour). Returns the volume unchanged when nothing was traced.
 */
export function volumeWithTraced(
  volume: CtVolume,
  traced: readonly TracedVessel[],
  plan: Plan,
): CtVolume {
  if (traced.length === 0) return volume
  const vessels: VesselInfo[] = []
  const landmarks: Record<string, readonly [number, number, number]> = {
    ...(volume.landmarks ?? {}),
  }
  const aorta = traced.find((t) => t.kind === 'aorta')
  const aortaPts = aorta ? cranialFirst(aorta.points) : null
  if (aortaPts) {
    vessels.push({
      id: 'aorta',
      kind: 'aorta',
      points: aortaPts,
      radiiMm: aortaPts.map(() => aorta!.radiusMm),
    })
  }
  const akaT = traced.find((t) => t.kind === 'adamkiewicz')
  traced.forEach((t, k) => {
    if (t.kind !== 'segmental') return
    const level = t.level ?? `S${k}`
    const side = t.side ?? 'L'
    // From the aorta outwards: the end nearer the aorta comes first.
    const near = (p: Vec3): number => (aortaPts ? projectOnPolyline(aortaPts, p).d : 0)
    const pts =
      near(t.points[0]!) <= near(t.points[t.points.length - 1]!)
        ? [...t.points]
        : [...t.points].reverse()
    const kind = level.startsWith('L') ? 'lumbarArtery' : 'intercostalArtery'
    const feeds = akaT !== undefined && akaT.level === level && (akaT.side ?? 'L') === side
    vessels.push({
      id: `${kind}.${level}.${side}`,
      kind,
      level,
      side,
      parent: 'aorta',
      points: pts,
      radiiMm: pts.map(() => t.radiusMm),
      feedsAdamkiewicz: feeds,
    })
  })
  const asaT = traced.find((t) => t.kind === 'anteriorSpinalArtery')
  if (asaT) {
    const pts = cranialFirst(asaT.points)
    vessels.push({
      id: 'anteriorSpinalArtery',
      kind: 'anteriorSpinalArtery',
      points: pts,
      radiiMm: pts.map(() => asaT.radiusMm),
    })
  }
  if (akaT) {
    const side = akaT.side ?? 'L'
    const parent = vessels.find((v) => v.feedsAdamkiewicz === true)
    let pts = [...akaT.points]
    if (parent) {
      // The branch starts on a vertex of its segmental artery, which becomes that artery's "foramen".
      const score = (p: Vec3): number => Math.min(...parent.points.map((q) => distance(p, q)))
      if (score(pts[pts.length - 1]!) < score(pts[0]!)) pts = pts.reverse()
      const origin = parent.points.reduce((b, q) =>
        distance(q, pts[0]!) < distance(b, pts[0]!) ? q : b,
      )
      pts = [origin, ...pts.slice(distance(origin, pts[0]!) < 1e-6 ? 1 : 0)]
      landmarks[`${parent.level}.segmentalArtery.${side}`] = [origin[0], origin[1], origin[2]]
    }
    vessels.push({
      id: 'adamkiewicz',
      kind: 'adamkiewicz',
      points: pts,
      radiiMm: pts.map(() => akaT.radiusMm),
      ...(akaT.level ? { level: akaT.level } : {}),
      side,
      ...(parent ? { parent: parent.id } : {}),
    })
  }
  const sphere = plan.targets.find((t) => t.kind === 'sphere')
  const lesions =
    volume.lesions && volume.lesions.length > 0
      ? volume.lesions
      : sphere && sphere.kind === 'sphere'
        ? [
            {
              id: sphere.id,
              label: 0,
              centreMm: sphere.centreMm,
              sizeMm: 2 * sphere.radiusMm,
              description: `${sphere.label} (traced case)`,
            },
          ]
        : undefined
  // The plan's sphere, not the scan's labels, is the tumour of a traced case.
  const { labels: _labels, ...rest } = volume
  return { ...rest, vessels, landmarks, ...(lesions ? { lesions } : {}) }
}
