/**
 * Straight-needle safety check: march from entry to tip through the label volume and report the structures
 * crossed, near misses of critical structures, pedicle breaches (trocars), depth and angles. Pure; LPS mm.
 */
import { isBoneLabel, isTumourLabel, S, structureById } from '../../lib/anatomy'
import { inBounds, worldToIjk, type VolumeGeometry } from '../../lib/space'
import { distance, type Vec3 } from '../../lib/vec3'
import { findNearMisses } from './findNearMisses'
import { breachText, crossingText, formatMm, inSentence, nearMissText } from './findingText'
import { trajectoryAngles } from './trajectoryAngles'
import {
  SEVERITIES,
  type Crossing,
  type Finding,
  type LabelVolume,
  type Severity,
  type TrajectoryOptions,
  type TrajectoryReport,
} from './trajectoryTypes'

/** Label value used for samples outside the scan. */
const OUTSIDE_SCAN = -1

/** Defaults of {@link TrajectoryOptions}. 10 mm: thermoprotection is advised within ~1 cm (FACTS.md §1.5). */
export const TRAJECTORY_DEFAULTS = { nearMissSearchMm: 10, nearMissWarningMm: 5 } as const

/** Structures inside the canal: entering them from bone is a medial pedicle breach. */
const CANAL_LABELS: ReadonlySet<number> = new Set([
  S.epiduralFat,
  S.csf,
  S.spinalCord,
  S.caudaEquina,
])
/** Entering the exiting nerve root (the foramen) from bone is an inferior pedicle breach. */
const FORAMEN_LABELS: ReadonlySet<number> = new Set([S.nerveRoot])

const isBoneOrLesion = (id: number): boolean => id >= 0 && (isBoneLabel(id) || isTumourLabel(id))

/**
 * Longest stretch of other tissue allowed between leaving bone and entering the canal or root for the exit
 * still to count as a breach, mm: covers partial-volume labelling at a cortex that abuts the dura or root.
 */
export const BREACH_GAP_MM = 1.5

/**
 * Pedicle-cortex breaches of a trocar path: entering a canal structure (epidural space, thecal sac, cord,
 * cauda equina) within {@link BREACH_GAP_MM} after leaving bone or lesion is a medial breach; entering the
 * exiting nerve root that way is an inferior breach (the root runs under the pedicle, ANATOMY.md §1.2
 * Lien07: dura and roots lie closest medially and inferiorly).
 */
function pedicleBreaches(crossings: readonly Crossing[]): Finding[] {
  const out: Finding[] = []
  let boneEndMm: number | null = null
  for (const here of crossings) {
    if (isBoneOrLesion(here.labelId)) {
      boneEndMm = here.endMm
      continue
    }
    const side = CANAL_LABELS.has(here.labelId)
      ? 'medial'
      : FORAMEN_LABELS.has(here.labelId)
        ? 'inferior'
        : null
    if (side === null) continue
    if (boneEndMm !== null && here.startMm - boneEndMm <= BREACH_GAP_MM) {
      out.push({
        severity: 'critical',
        code: side === 'medial' ? 'medialBreach' : 'inferiorBreach',
        structureKey: here.key,
        depthMm: here.depthMm,
        message: breachText(side, here.name, here.depthMm),
      })
    }
    boneEndMm = null
  }
  return out
}

/** Splits the sampled labels into runs; boundaries sit halfway between samples. */
function buildRuns(
  volume: LabelVolume,
  entryMm: Vec3,
  tipMm: Vec3,
  stepCount: number,
  lengthMm: number,
): Omit<Crossing, 'depthMm'>[] {
  const g = volume.geometry
  const e = worldToIjk(g, entryMm)
  const t = worldToIjk(g, tipMm)
  const [nx, ny] = g.dims
  const runs: Omit<Crossing, 'depthMm'>[] = []
  const dMm = lengthMm / stepCount
  let current = Number.NaN
  let startSample = 0
  let huSum = 0
  let huCount = 0
  const close = (endSample: number): void => {
    const startMm = startSample === 0 ? 0 : (startSample - 0.5) * dMm
    const endMm = endSample === stepCount ? lengthMm : (endSample + 0.5) * dMm
    const info = current === OUTSIDE_SCAN ? null : structureById(current)
    runs.push({
      labelId: current,
      key: info ? info.key : 'outsideScan',
      name: info ? info.name : 'Outside the scan',
      criticality: info ? info.criticality : 'none',
      startMm,
      endMm,
      lengthMm: endMm - startMm,
      ...(volume.ct && huCount > 0 ? { meanHu: huSum / huCount } : {}),
    })
  }
  for (let s = 0; s <= stepCount; s++) {
    const f = s / stepCount
    const i = Math.round(e[0] + (t[0] - e[0]) * f)
    const j = Math.round(e[1] + (t[1] - e[1]) * f)
    const k = Math.round(e[2] + (t[2] - e[2]) * f)
    const isIn = inBounds(g, i, j, k)
    const idx = i + nx * (j + ny * k)
    const lab = isIn ? (volume.labels[idx] ?? 0) : OUTSIDE_SCAN
    if (lab !== current) {
      if (s > 0) close(s - 1)
      current = lab
      startSample = s
      huSum = 0
      huCount = 0
    }
    if (isIn && volume.ct) {
      huSum += volume.ct[idx] ?? 0
      huCount++
    }
  }
  close(stepCount)
  return runs
}

/**
 * Marches entry→tip (LPS mm) in steps of at most half the smallest voxel spacing, taking the nearest
 * voxel's label at each step, and reports:
 * - the structures crossed in order, with start/end along the path, length and depth from the skin;
 *   crossing a 'critical' structure is critical, a 'caution' one a warning (the first skin crossing is
 *   info), others are listed without a finding;
 * - near misses: the gap from the needle wall (`deviceDiameterMm`) to each critical structure within
 *   `nearMissSearchMm` that the path does not cross (≤ 0 mm: critical; < `nearMissWarningMm`: warning);
 * - with `checkPedicleBreach`, leaving bone (or lesion) into the canal (medial pedicle cortex breach) or
 *   into the nerve root (inferior breach) with at most {@link BREACH_GAP_MM} of other tissue between:
 *   critical;
 * - skin depth (first skin crossing to tip), needle length and angles (`trajectoryAngles`).
 * Run boundaries are located to within half a step; depths are measured from the first skin crossing
 * (from the entry point when the path never crosses skin).
 */
export function marchTrajectory(
  volume: LabelVolume,
  entryMm: Vec3,
  tipMm: Vec3,
  options: TrajectoryOptions = {},
): TrajectoryReport {
  const g = volume.geometry
  const lengthMm = distance(entryMm, tipMm)
  if (!(lengthMm > 0)) throw new Error('marchTrajectory: entry and tip are the same point')
  const halfVoxel = 0.5 * Math.min(g.spacingMm[0], g.spacingMm[1], g.spacingMm[2])
  const stepLimit = Math.min(halfVoxel, options.maxStepMm ?? Infinity)
  const stepCount = Math.max(1, Math.ceil(lengthMm / stepLimit))
  const radiusMm = 0.5 * (options.deviceDiameterMm ?? 0)

  const runs = buildRuns(volume, entryMm, tipMm, stepCount, lengthMm)
  const skinStartMm = runs.find((r) => r.labelId === S.skin)?.startMm ?? null
  const depthOrigin = skinStartMm ?? 0
  const crossings: Crossing[] = runs.map((r) => ({ ...r, depthMm: r.startMm - depthOrigin }))
  const depthAt = (alongMm: number): number => alongMm - depthOrigin

  const findings: Finding[] = []
  crossings.forEach((c) => {
    if (c.labelId === S.skin && c.startMm === skinStartMm) {
      findings.push({
        severity: 'info',
        code: 'skinEntry',
        structureKey: c.key,
        depthMm: 0,
        message: `The needle enters through the skin; the tip is ${formatMm(lengthMm - c.startMm)} mm deep.`,
      })
      return
    }
    if (c.labelId === OUTSIDE_SCAN) {
      findings.push({
        severity: 'warning',
        code: 'outsideScan',
        depthMm: c.depthMm,
        message: `${formatMm(c.lengthMm)} mm of the path lies outside the scan and cannot be checked.`,
      })
      return
    }
    if (c.criticality === 'none') return
    const severity: Severity = c.criticality === 'critical' ? 'critical' : 'warning'
    findings.push({
      severity,
      code: 'crossing',
      structureKey: c.key,
      depthMm: c.depthMm,
      message: crossingText(c.name, c.lengthMm, c.depthMm, severity),
    })
  })

  if (options.checkPedicleBreach) findings.push(...pedicleBreaches(crossings))

  const crossed = new Set(crossings.map((c) => c.labelId))
  const searchMm = options.nearMissSearchMm ?? TRAJECTORY_DEFAULTS.nearMissSearchMm
  const warnMm = options.nearMissWarningMm ?? TRAJECTORY_DEFAULTS.nearMissWarningMm
  const nearMisses = findNearMisses(volume, entryMm, tipMm, {
    radiusMm,
    searchMm,
    excludeLabelIds: crossed,
  })
  for (const m of nearMisses) {
    const depthMm = depthAt(m.alongMm)
    // A needle that is inside bone at its closest approach (a transpedicular path beside the canal or
    // above the exiting root) is separated from the structure by intact cortex: worth knowing, not a
    // warning. Crossing the cortex towards it is what the breach check reports.
    const shielded = m.distanceMm > 0 && isBoneLabel(labelAt(volume, m.pointMm))
    const severity: Severity =
      m.distanceMm <= 0 ? 'critical' : m.distanceMm < warnMm && !shielded ? 'warning' : 'info'
    findings.push({
      severity,
      code: 'nearMiss',
      structureKey: m.key,
      depthMm,
      distanceMm: m.distanceMm,
      message:
        nearMissText(m.name, m.distanceMm, depthMm) +
        (shielded ? ' The needle is inside bone there, with cortex in between.' : ''),
    })
  }

  const last = crossings[crossings.length - 1]
  if (last && last.labelId !== OUTSIDE_SCAN) {
    findings.push({
      severity: 'info',
      code: 'tipLocation',
      structureKey: last.key,
      depthMm: depthAt(lengthMm),
      message: `The tip lies in the ${inSentence(last.name)} at ${formatMm(depthAt(lengthMm))} mm depth.`,
    })
  }

  const rank = (s: Severity): number => SEVERITIES.indexOf(s)
  const worstSeverity = findings.reduce<Severity>(
    (w, f) => (rank(f.severity) > rank(w) ? f.severity : w),
    'info',
  )
  return {
    entryMm,
    tipMm,
    needleLengthMm: lengthMm,
    skinDepthMm: skinStartMm === null ? null : lengthMm - skinStartMm,
    angles: trajectoryAngles(entryMm, tipMm),
    crossings,
    nearMisses,
    findings,
    worstSeverity,
    stepMm: lengthMm / stepCount,
  }
}

/** Label of the voxel nearest to a point (0 outside the volume). */
function labelAt(volume: { geometry: VolumeGeometry; labels: Uint8Array }, p: Vec3): number {
  const q = worldToIjk(volume.geometry, p)
  const i = Math.round(q[0])
  const j = Math.round(q[1])
  const k = Math.round(q[2])
  if (!inBounds(volume.geometry, i, j, k)) return 0
  const [nx, ny] = volume.geometry.dims
  return volume.labels[i + nx * (j + ny * k)] ?? 0
}
