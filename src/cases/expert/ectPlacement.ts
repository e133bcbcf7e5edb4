/**
 * Places an ECT electrode set around a lesion: a hexagonal array (centre + 6) parallel to a safe approach,
 * wide enough to enclose the lesion, tips just beyond its far side, 1300 V/cm per pair: the upper published
 * ratio (FACTS.md §4.1), because 1000 V/cm leaves the field midway between wide-set needles below the
 * tumour's threshold (§4.2; `ECT_LIMITS.designVoltsPerCm`).
 */
import { isTumourLabel } from '../../lib/anatomy'
import { ijkToWorld, worldToIjk } from '../../lib/space'
import { add, cross, distance, dot, normalize, scale, type Vec3 } from '../../lib/vec3'
import { createDevice, type DeviceOf } from '../../plan'
import type { LesionInfo } from '../phantom'
import { bestApproach, exitPoint, sphereDirections } from './approach'
import { lesionReachMm, type CaseVolume } from './caseVolume'
import { ECT_LIMITS } from './ectChecks'

const r3 = (p: Vec3): [number, number, number] => [
  Math.round(p[0] * 1000) / 1000,
  Math.round(p[1] * 1000) / 1000,
  Math.round(p[2] * 1000) / 1000,
]

/** Centres of the lesion's tumour voxels. */
function tumourPoints(v: CaseVolume, lesion: LesionInfo): Vec3[] {
  const g = v.geometry
  const c = worldToIjk(g, lesion.centreMm)
  const r = lesionReachMm(lesion)
  const [nx, ny, nz] = g.dims
  const out: Vec3[] = []
  const lo = (a: number): number => Math.max(0, Math.floor(c[a]! - r / g.spacingMm[a]!))
  const hi = (a: number, m: number): number =>
    Math.min(m - 1, Math.ceil(c[a]! + r / g.spacingMm[a]!))
  for (let k = lo(2); k <= hi(2, nz); k++) {
    for (let j = lo(1); j <= hi(1, ny); j++) {
      for (let i = lo(0); i <= hi(0, nx); i++) {
        if (!isTumourLabel(v.labels[i + nx * (j + ny * k)]!)) continue
        const p = ijkToWorld(g, [i, j, k])
        if (distance(p, lesion.centreMm) <= r) out.push(p)
      }
    }
  }
  return out
}

interface Layout {
  readonly needles: { entry: Vec3; tip: Vec3 }[]
  readonly activeLengthMm: number
  readonly radiusMm: number
}

/** Hexagonal layout for outward direction `dir` rotated by `rotRad`, or null when it cannot fit. */
function layout(v: CaseVolume, pts: readonly Vec3[], dir: Vec3, rotRad: number): Layout | null {
  const axis = scale(dir, -1)
  const helper: Vec3 = Math.abs(axis[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0]
  const u = normalize(cross(axis, helper))
  const w = cross(axis, u)
  let sMin = Infinity
  let sMax = -Infinity
  let cu = 0
  let cw = 0
  for (const p of pts) {
    const s = dot(p, axis)
    sMin = Math.min(sMin, s)
    sMax = Math.max(sMax, s)
    cu += dot(p, u)
    cw += dot(p, w)
  }
  cu /= pts.length
  cw /= pts.length
  let rho = 0
  for (const p of pts) rho = Math.max(rho, Math.hypot(dot(p, u) - cu, dot(p, w) - cw))
  // Circumradius whose hexagon's apothem clears the lesion by 2 mm.
  const radiusMm = (rho + 2) / Math.cos(Math.PI / 6)
  if (radiusMm > ECT_LIMITS.maxPairGapMm) return null
  // Rim pairs are one circumradius apart: their voltage must stay within what the generator delivers.
  if ((radiusMm / 10) * ECT_LIMITS.designVoltsPerCm > ECT_LIMITS.maxPairVoltageV) return null
  const tipS = sMax + 1
  const centreTip = add(add(scale(u, cu), scale(w, cw)), scale(axis, tipS))
  const offsets: Vec3[] = [[0, 0, 0]]
  for (let n = 0; n < 6; n++) {
    const t = rotRad + (n * Math.PI) / 3
    offsets.push(add(scale(u, radiusMm * Math.cos(t)), scale(w, radiusMm * Math.sin(t))))
  }
  const needles: { entry: Vec3; tip: Vec3 }[] = []
  for (const o of offsets) {
    const tip = add(centreTip, o)
    const entry = exitPoint(v, tip, dir)
    if (!entry) return null
    needles.push({ entry, tip })
  }
  return { needles, activeLengthMm: Math.min(40, tipS - sMin + 1), radiusMm }
}

/** The expert ECT electrode set for a lesion. */
export function ectPlacement(v: CaseVolume, lesion: LesionInfo): DeviceOf<'ectElectrodeSet'> {
  const pts = tumourPoints(v, lesion)
  if (pts.length === 0) throw new Error('ectPlacement: the lesion has no tumour voxels')
  const gauge = 18
  const rotations = [0, 1, 2, 3, 4, 5].map((n) => (n * Math.PI) / 18)
  let best: { cost: number; l: Layout } | null = null
  for (const rot of rotations) {
    const found = bestApproach(
      v,
      sphereDirections(48),
      (dir) => layout(v, pts, dir, rot)?.needles ?? null,
      gauge,
    )
    if (found && (!best || found.cost < best.cost)) {
      const l = layout(v, pts, found.dir, rot)
      if (l) best = { cost: found.cost, l }
    }
  }
  if (!best) throw new Error('ectPlacement: no safe electrode layout found')
  const { needles, activeLengthMm } = best.l
  const first = needles[0]!
  const base = createDevice('ectElectrodeSet', first.entry, first.tip, { id: 'ect-1' })
  const electrodes = needles.map((n, i) => ({
    id: `e${i + 1}`,
    entryMm: r3(n.entry),
    tipMm: r3(n.tip),
    activeLengthMm: Math.round(activeLengthMm * 10) / 10,
  }))
  const pairs: [number, number][] = []
  for (let n = 1; n <= 6; n++) pairs.push([0, n])
  for (let n = 1; n <= 6; n++) pairs.push([n, (n % 6) + 1])
  const sequence = pairs.map(([a, b]) => {
    const ea = electrodes[a]!
    const eb = electrodes[b]!
    const gapMm = distance(
      scale(add(ea.tipMm, ea.entryMm), 0.5),
      scale(add(eb.tipMm, eb.entryMm), 0.5),
    )
    // Rounded up to 10 V so that every pair keeps at least the design ratio.
    const voltageV = Math.min(
      ECT_LIMITS.maxPairVoltageV,
      Math.ceil((gapMm * ECT_LIMITS.designVoltsPerCm) / 100) * 10,
    )
    return { anode: a, cathode: b, voltageV }
  })
  return { ...base, gauge, electrodes, sequence, entryMm: r3(first.entry), tipMm: r3(first.tip) }
}
