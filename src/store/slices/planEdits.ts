/**
 * Pure helpers behind the plan slice: moving device handles, sliding along the axis, setting a parameter
 * by path, validating an edited device, the straight segments each device draws as, and cached trajectory
 * reports. Points are DICOM LPS millimetres. Nothing here reads the store.
 */
import type { CtVolume } from '../../cases/volume'
import { add, distance, dot, normalize, scale, sub, type Vec3 } from '../../lib/vec3'
import {
  checkDevicePaths,
  DeviceSchema,
  ectTemplateElectrodes,
  formatIssues,
  gaugeOuterDiameterMm,
  MIN_NEEDLE_PATH_MM,
  type Device,
  type DevicePathReport,
  type Severity,
} from '../../plan'

/** Which part of a device a drag moves: one end of its axis, or all of it. */
export type Handle = 'entry' | 'tip' | 'whole'

/** Result of an edit: applied, or refused with plain-words reasons. */
export type EditResult = { readonly ok: true } | { readonly ok: false; readonly errors: string[] }

/** One straight segment a device is drawn as (a needle, a probe of a set, a beam axis, a catheter). */
export interface DeviceSegment {
  readonly deviceId: string
  /** Needle id within a set, or null for the device's own axis. */
  readonly needleId: string | null
  readonly entryMm: Vec3
  readonly tipMm: Vec3
  /** Outer diameter from the gauge, mm; null when the segment is not a needle (beam, catheter). */
  readonly diameterMm: number | null
  /** How the segment is drawn: a needle, a set's reference axis, a focused beam or a catheter path. */
  readonly style: 'needle' | 'axis' | 'beam' | 'catheter'
}

/** Display colours of the severities, chosen to read on a dark CT (sRGB hex). */
export const SEVERITY_COLORS: Readonly<Record<Severity, string>> = {
  info: '#46c37b',
  warning: '#ffb020',
  critical: '#ff4040',
}
/** Colour of devices that have no trajectory report (beam, catheter, or a scan without labels). */
export const UNCHECKED_COLOR = '#4cc3ff'

type Mutable3 = [number, number, number]

/** Rounds to 1 µm so that coordinates stay short in files and links (as `createDevice` does). */
export const roundMm = (p: Vec3): Mutable3 => [
  Math.round(p[0] * 1000) / 1000,
  Math.round(p[1] * 1000) / 1000,
  Math.round(p[2] * 1000) / 1000,
]

/** The straight segments of a device, for drawing and picking. */
export function deviceSegments(d: Device): DeviceSegment[] {
  const seg = (
    needleId: string | null,
    entryMm: Vec3,
    tipMm: Vec3,
    diameterMm: number | null,
    style: DeviceSegment['style'],
  ): DeviceSegment => ({ deviceId: d.id, needleId, entryMm, tipMm, diameterMm, style })
  switch (d.kind) {
    case 'rfProbe':
    case 'mwAntenna':
    case 'cementTrocar':
      return [seg(null, d.entryMm, d.tipMm, gaugeOuterDiameterMm(d.gauge), 'needle')]
    case 'cryoprobeSet':
      return [
        seg(null, d.entryMm, d.tipMm, null, 'axis'),
        ...d.probes.map((p) =>
          seg(p.id, p.entryMm, p.tipMm, gaugeOuterDiameterMm(p.gauge), 'needle'),
        ),
      ]
    case 'ectElectrodeSet':
      return [
        seg(null, d.entryMm, d.tipMm, null, 'axis'),
        ...d.electrodes.map((e) =>
          seg(e.id, e.entryMm, e.tipMm, gaugeOuterDiameterMm(d.gauge), 'needle'),
        ),
      ]
    case 'hifuTransducer':
      return [seg(null, d.entryMm, d.tipMm, null, 'beam')]
    case 'embolizationCatheter':
      return [seg(null, d.entryMm, d.tipMm, null, 'catheter')]
  }
}

/** Translation of the entry and the tip of a device's axis produced by a handle move to `pMm`. */
function handleDeltas(d: Device, handle: Handle, pMm: Vec3): { entry: Vec3; tip: Vec3 } {
  const zero: Vec3 = [0, 0, 0]
  switch (handle) {
    case 'entry':
      return { entry: sub(pMm, d.entryMm), tip: zero }
    case 'tip':
      return { entry: zero, tip: sub(pMm, d.tipMm) }
    case 'whole': {
      const delta = sub(pMm, d.entryMm)
      return { entry: delta, tip: delta }
    }
  }
}

/**
 * The device after moving a handle: 'entry' and 'tip' move that end of the axis to `pMm`; 'whole'
 * translates the device so that its entry lands on `pMm`. Needles of a set follow their end of the axis
 * (each needle's entry moves with the axis entry, each tip with the axis tip). Not validated.
 */
export function movedDevice(d: Device, handle: Handle, pMm: Vec3): Device {
  const { entry, tip } = handleDeltas(d, handle, pMm)
  const ends = <T extends { entryMm: Vec3; tipMm: Vec3 }>(n: T): T => ({
    ...n,
    entryMm: roundMm(add(n.entryMm, entry)),
    tipMm: roundMm(add(n.tipMm, tip)),
  })
  const base = ends(d)
  if (base.kind === 'cryoprobeSet') return { ...base, probes: base.probes.map(ends) }
  if (base.kind === 'ectElectrodeSet') return { ...base, electrodes: base.electrodes.map(ends) }
  return base
}

/** Number of individually movable needles of a device (probes of a cryoprobe set, electrodes of an ECT set). */
export function needleCount(d: Device): number {
  if (d.kind === 'cryoprobeSet') return d.probes.length
  if (d.kind === 'ectElectrodeSet') return d.electrodes.length
  return 0
}

/** The ends of needle `n` of a set, or null when the device has no such needle. */
export function needleEnds(
  d: Device,
  n: number,
): { id: string; entryMm: Vec3; tipMm: Vec3 } | null {
  const needles =
    d.kind === 'cryoprobeSet' ? d.probes : d.kind === 'ectElectrodeSet' ? d.electrodes : null
  return needles?.[n] ?? null
}

/**
 * The device after moving one end of needle `n` of a set to `pMm` (the other needles and the set's axis
 * stay). Null when the device has no needle `n`. Not validated.
 */
export function movedNeedle(d: Device, n: number, end: 'entry' | 'tip', pMm: Vec3): Device | null {
  if (!Number.isInteger(n) || n < 0 || n >= needleCount(d)) return null
  const move = <T extends { entryMm: Vec3; tipMm: Vec3 }>(x: T, i: number): T =>
    i === n ? { ...x, [end === 'tip' ? 'tipMm' : 'entryMm']: roundMm(pMm) } : x
  if (d.kind === 'cryoprobeSet') return { ...d, probes: d.probes.map(move) }
  if (d.kind === 'ectElectrodeSet') return { ...d, electrodes: d.electrodes.map(move) }
  return null
}

/**
 * The point on the device's axis line closest to `pMm`, for sliding an end along the axis (direction
 * kept). The result stays at least {@link MIN_NEEDLE_PATH_MM} from the other end, on its original side.
 */
export function snapToAxis(d: Device, handle: 'entry' | 'tip', pMm: Vec3): Vec3 {
  const axis = normalize(sub(d.tipMm, d.entryMm))
  if (handle === 'tip') {
    const t = Math.max(MIN_NEEDLE_PATH_MM, dot(sub(pMm, d.entryMm), axis))
    return add(d.entryMm, scale(axis, t))
  }
  const t = Math.max(MIN_NEEDLE_PATH_MM, dot(sub(d.tipMm, pMm), axis))
  return sub(d.tipMm, scale(axis, t))
}

/** A copy of `root` with the value at `path` replaced (objects and arrays copied along the path). */
export function setAtPath(
  root: unknown,
  path: readonly (string | number)[],
  value: unknown,
): unknown {
  if (path.length === 0) return value
  const [head, ...rest] = path as [string | number, ...(string | number)[]]
  if (Array.isArray(root)) {
    const copy: unknown[] = [...(root as unknown[])]
    copy[Number(head)] = setAtPath(copy[Number(head)], rest, value)
    return copy
  }
  const obj = (typeof root === 'object' && root !== null ? root : {}) as Record<string, unknown>
  return { ...obj, [head]: setAtPath(obj[head], rest, value) }
}

/** The device with `path` set to `value`; an ECT template change re-lays the electrodes. Not validated. */
export function withParam(d: Device, path: readonly (string | number)[], value: unknown): unknown {
  const next = setAtPath(d, path, value) as Device
  if (next.kind === 'ectElectrodeSet' && path.length === 1 && path[0] === 'template') {
    return { ...next, ...ectTemplateElectrodes(next.template, next.entryMm, next.tipMm) }
  }
  return next
}

/** Validates a device against its schema; the parsed value keeps the schema's key order. */
export function validateDevice(
  candidate: unknown,
): { ok: true; device: Device } | { ok: false; errors: string[] } {
  const parsed = DeviceSchema.safeParse(candidate)
  return parsed.success
    ? { ok: true, device: parsed.data }
    : { ok: false, errors: formatIssues(parsed.error.issues) }
}

/** Reports per device object and volume: devices are immutable, so identity is a safe cache key. */
const reportCache = new WeakMap<Device, { volumeId: string; reports: DevicePathReport[] }>()

/**
 * Trajectory reports of a device's straight needles on a volume (empty without structure labels, and for
 * beams and catheters). Cached by device object, so an undo or an unchanged device costs nothing.
 */
export function deviceReports(volume: CtVolume | undefined, d: Device): DevicePathReport[] {
  if (!volume?.labels) return []
  const hit = reportCache.get(d)
  if (hit && hit.volumeId === volume.id) return hit.reports
  let reports: DevicePathReport[]
  try {
    reports = checkDevicePaths(
      { geometry: volume.geometry, labels: volume.labels, ct: volume.ct },
      d,
    )
  } catch {
    // Only a degenerate path (entry = tip) throws, which validation already refuses.
    reports = []
  }
  reportCache.set(d, { volumeId: volume.id, reports })
  return reports
}

/** Most serious severity of a set of reports, or null when there is nothing to judge. */
export function worstSeverity(reports: readonly DevicePathReport[]): Severity | null {
  if (reports.length === 0) return null
  const rank: Record<Severity, number> = { info: 0, warning: 1, critical: 2 }
  return reports.reduce<Severity>(
    (w, r) => (rank[r.report.worstSeverity] > rank[w] ? r.report.worstSeverity : w),
    'info',
  )
}

/** Colour of a device from its reports. */
export const deviceColor = (reports: readonly DevicePathReport[]): string => {
  const s = worstSeverity(reports)
  return s === null ? UNCHECKED_COLOR : SEVERITY_COLORS[s]
}

/** Straight-line length of a device's axis, mm. */
export const axisLengthMm = (d: Device): number => distance(d.entryMm, d.tipMm)
