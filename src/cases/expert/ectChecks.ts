/**
 * Electrochemotherapy checks (geometry only; the field is simulated in src/cases/simulate/ect, not used here): electrode spacing and voltage-to-distance
 * ratio of every activated pair (FACTS.md §4.1), the lesion enclosed by the array, and the bleomycin window.
 * Pure; LPS mm.
 */
import { isTumourLabel } from '../../lib/anatomy'
import { ijkToWorld, worldToIjk } from '../../lib/space'
import { add, cross, distance, dot, normalize, scale, sub, type Vec3 } from '../../lib/vec3'
import type { DeviceOf, Plan } from '../../plan'
import type { CaseCheck } from './caseChecks'
import { findLesion, lesionReachMm, type CaseVolume } from './caseVolume'

/** Limits of the ECT checks. */
export const ECT_LIMITS = {
  /** Needle electrodes need about 1000 V/cm (FACTS.md §4.1, ESOPE [U]). */
  minVoltsPerCm: 1000,
  /**
   * Ratio the expert plan applies, V/cm: U/d is not the local field (FACTS.md §4.2, Čorović 2007) and between
   * thin needles 19 mm apart 1000 V/cm leaves 380–660 V/cm midway, below the tumour's 400 V/cm. The expert
   * uses the upper published ratio (about 1300 V/cm, §4.1) and checks with the computed field that the
   * minimum E inside the tumour reaches the threshold (§4.2: the minimum E sets the voltage).
   */
  designVoltsPerCm: 1300,
  /** Highest pair voltage the plan schema accepts, V (generator limits are not in FACTS.md [U]). */
  maxPairVoltageV: 3000,
  /**
   * Largest gap of an activated pair, mm [U]: 1000 V/cm at the 3000 V upper bound the plan schema accepts
   * (generator limits are not in FACTS.md).
   */
  maxPairGapMm: 30,
  /** Bleomycin-to-pulse window, min (FACTS.md §4.1, [U]). */
  bleomycinWindowMin: [8, 28] as const,
  /** Axial slack beyond the active parts still counted as enclosed, mm [U]: the field reaches past the tips. */
  axialSlackMm: 2,
} as const

type P2 = readonly [number, number]

/** Convex hull (Andrew's monotone chain), counter-clockwise. */
function hull(points: readonly P2[]): P2[] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1])
  if (p.length < 3) return p
  const x = (o: P2, a: P2, b: P2): number =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
  const lower: P2[] = []
  for (const q of p) {
    while (lower.length >= 2 && x(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0) {
      lower.pop()
    }
    lower.push(q)
  }
  const upper: P2[] = []
  for (const q of [...p].reverse()) {
    while (upper.length >= 2 && x(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0) {
      upper.pop()
    }
    upper.push(q)
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1))
}

const inHull = (h: readonly P2[], q: P2): boolean =>
  h.length >= 3 &&
  h.every((a, i) => {
    const b = h[(i + 1) % h.length]!
    return (b[0] - a[0]) * (q[1] - a[1]) - (b[1] - a[1]) * (q[0] - a[0]) >= -1e-9
  })

/**
 * Share of the lesion's tumour voxels enclosed by the array, %: inside the convex hull of the electrodes
 * projected on the plane across the mean electrode axis, and along the axis within the active parts.
 */
export function ectEnclosedPercent(d: DeviceOf<'ectElectrodeSet'>, v: CaseVolume): number | null {
  const lesion = findLesion(v)
  if (!lesion) return null
  const axis = normalize(
    d.electrodes.reduce<Vec3>((s, e) => add(s, normalize(sub(e.tipMm, e.entryMm))), [0, 0, 0]),
  )
  const helper: Vec3 = Math.abs(axis[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0]
  const u = normalize(cross(axis, helper))
  const w = cross(axis, u)
  const to2 = (p: Vec3): P2 => [dot(p, u), dot(p, w)]
  const h = hull(d.electrodes.map((e) => to2(e.tipMm)))
  const sTip = Math.max(...d.electrodes.map((e) => dot(e.tipMm, axis)))
  const sBack = Math.min(...d.electrodes.map((e) => dot(e.tipMm, axis) - e.activeLengthMm))
  const g = v.geometry
  const c = worldToIjk(g, lesion.centreMm)
  const r = lesionReachMm(lesion)
  const [nx, ny, nz] = g.dims
  let n = 0
  let inside = 0
  const lo = (a: number): number => Math.max(0, Math.floor(c[a]! - r / g.spacingMm[a]!))
  const hi = (a: number, m: number): number =>
    Math.min(m - 1, Math.ceil(c[a]! + r / g.spacingMm[a]!))
  for (let k = lo(2); k <= hi(2, nz); k++) {
    for (let j = lo(1); j <= hi(1, ny); j++) {
      for (let i = lo(0); i <= hi(0, nx); i++) {
        if (!isTumourLabel(v.labels[i + nx * (j + ny * k)]!)) continue
        const p = ijkToWorld(g, [i, j, k])
        if (distance(p, lesion.centreMm) > r) continue
        n++
        const s = dot(p, axis)
        const isAxialIn =
          s <= sTip + ECT_LIMITS.axialSlackMm && s >= sBack - ECT_LIMITS.axialSlackMm
        if (isAxialIn && inHull(h, to2(p))) inside++
      }
    }
  }
  return n > 0 ? (100 * inside) / n : null
}

/** ECT checks of the plan's first electrode set (null values when it has none). */
export function ectChecks(plan: Plan, v: CaseVolume): Record<string, CaseCheck> {
  const d = plan.devices.find((x) => x.kind === 'ectElectrodeSet')
  if (!d) {
    const none = { value: null, detail: 'The plan has no ECT electrode set.' }
    return {
      ectMaxPairGapMm: none,
      ectMinVoltsPerCm: none,
      ectEnclosedPercent: none,
      ectBleomycinToPulsesMin: none,
    }
  }
  let maxGap = 0
  let minRatio = Infinity
  for (const p of d.sequence) {
    const a = d.electrodes[p.anode]
    const b = d.electrodes[p.cathode]
    if (!a || !b) continue
    const gapMm = distance(scale(add(a.tipMm, a.entryMm), 0.5), scale(add(b.tipMm, b.entryMm), 0.5))
    maxGap = Math.max(maxGap, gapMm)
    minRatio = Math.min(minRatio, p.voltageV / (gapMm / 10))
  }
  const enclosed = ectEnclosedPercent(d, v)
  const [wLo, wHi] = ECT_LIMITS.bleomycinWindowMin
  return {
    ectMaxPairGapMm: {
      value: maxGap,
      detail: `The widest activated pair is ${maxGap.toFixed(1)} mm apart (at most ${ECT_LIMITS.maxPairGapMm} mm).`,
    },
    ectMinVoltsPerCm: {
      value: Number.isFinite(minRatio) ? minRatio : null,
      detail: `The lowest voltage-to-distance ratio of a pair is ${Math.round(minRatio)} V/cm (needles need about ${ECT_LIMITS.minVoltsPerCm} V/cm).`,
    },
    ectEnclosedPercent: {
      value: enclosed,
      detail:
        enclosed === null
          ? 'No lesion to enclose.'
          : `${enclosed.toFixed(1)} % of the lesion lies inside the electrode array.`,
    },
    ectBleomycinToPulsesMin: {
      value: d.bleomycinToPulsesMin,
      detail: `Pulses ${d.bleomycinToPulsesMin} min after the bleomycin bolus (window ${wLo}–${wHi} min).`,
    },
  }
}
