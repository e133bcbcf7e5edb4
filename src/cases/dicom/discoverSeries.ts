/**
 * Groups parsed DICOM headers into series and decides which can become a 3D volume: group by
 * SeriesInstanceUID, then by geometry (rows/columns, orientation, pixel spacing); sort slices by IPP
 * projected on the slice normal; set aside localizers, secondary captures, segmentations and duplicates with
 * a note; refuse non-volumes; report tilt, spacing irregularities and missing slices (analyzeStack.ts).
 */
import type { VolumeGeometry } from '../../lib/space'
import type { Vec3 } from '../../lib/vec3'
import { analyzeStack, type SpacingReport, type TiltReport } from './analyzeStack'
import type { DicomProblem, DicomProblemCode } from './dicomProblem'
import type { PhiFinding } from './findPhi'
import type { ParsedInstance } from './parseDicomHeader'
import { planResampling, type StackInput } from './planResampling'
import { seriesMessages } from './seriesMessages'

/** One file to consider: its name and what parseDicomHeader made of it. */
export interface DiscoveryInput {
  readonly name: string
  readonly result: ParsedInstance | DicomProblem
}

/** Why a file is not part of any series. */
export type ExclusionCode =
  DicomProblemCode | 'localizer' | 'secondaryCapture' | 'segmentation' | 'duplicateInstance'

/** A file left out, with a note for the user. */
export interface ExcludedFile {
  readonly name: string
  readonly code: ExclusionCode
  readonly message: string
}

/** Something about a series the user should know; refusals use the first four codes. */
export type SeriesIssueCode =
  | 'singleImage'
  | 'samePosition'
  | 'duplicatePositions'
  | 'missingGeometry'
  | 'gantryTilt'
  | 'nonUniformSpacing'
  | 'missingSlices'
  | 'inconsistentDimensions'
  | 'mixedSliceThickness'
  | 'notCt'
  | 'lossyCompression'

/** A refusal or warning. */
export interface SeriesIssue {
  readonly code: SeriesIssueCode
  readonly message: string
}

/** One slice (a file, or one frame of a multi-frame file) in sorted order. */
export interface SeriesSlice {
  readonly name: string
  /** Index into the `discoverSeries` input. */
  readonly inputIndex: number
  /** Frame within the file (0 for single-frame files). */
  readonly frame: number
  readonly imagePositionPatient: Vec3
  /** IPP · n, mm. */
  readonly positionMm: number
  readonly instanceNumber: number | undefined
  readonly sliceThicknessMm: number | undefined
}

/** A series (or one geometry-consistent part of one). */
export interface DiscoveredSeries {
  readonly seriesInstanceUid: string
  readonly studyInstanceUid: string
  readonly frameOfReferenceUid: string | undefined
  readonly modality: string
  readonly description: string
  readonly seriesNumber: number | undefined
  readonly rows: number
  readonly columns: number
  /** [row spacing, column spacing], mm. */
  readonly pixelSpacingMm: readonly [number, number] | undefined
  readonly sliceCount: number
  /** Slices sorted by position along the normal. */
  readonly slices: readonly SeriesSlice[]
  readonly spacing: SpacingReport | null
  readonly tilt: TiltReport | null
  /** Why this is not a volume, or `null` when it is. */
  readonly refusal: SeriesIssue | null
  readonly warnings: readonly SeriesIssue[]
  /** The stack to hand to planResampling (null when refused). */
  readonly stack: StackInput | null
  /** Tilt, non-uniform spacing or missing slices: apply planResampling before use. */
  readonly needsResampling: boolean
  /** Volume grid (direction [rowDir, colDir, n]); the resampled grid when `needsResampling`. */
  readonly geometry: VolumeGeometry | null
  readonly rescaleSlope: number
  readonly rescaleIntercept: number
  readonly pixelPaddingValue: number | undefined
  readonly patientIdentityRemoved: boolean
  /** Identifying attributes found in any slice (first occurrence of each). */
  readonly phi: readonly PhiFinding[]
}

/** Discovery outcome: usable series and notes on everything left out. */
export interface DiscoveryResult {
  readonly series: readonly DiscoveredSeries[]
  readonly excluded: readonly ExcludedFile[]
}

interface Member {
  readonly index: number
  readonly name: string
  readonly p: ParsedInstance
}

const round = (v: number): string => (Math.round(v * 1e4) / 1e4).toFixed(4)

function geometryKey(p: ParsedInstance): string {
  const iop = p.imageOrientationPatient
  const ps = p.pixelSpacingMm
  const g =
    iop && ps && p.imagePositionPatient
      ? `${iop.map(round).join(',')}|${ps.map(round).join(',')}`
      : 'none'
  return `${p.rows}x${p.columns}|${g}`
}

function exclusion(m: Member): ExcludedFile | null {
  const q = `“${m.name}”`
  if (m.p.objectKind === 'segmentation') {
    return {
      name: m.name,
      code: 'segmentation',
      message: `${q} is a segmentation (SEG), not a CT image; it is not loaded as part of a volume.`,
    }
  }
  if (m.p.objectKind === 'secondaryCapture') {
    return {
      name: m.name,
      code: 'secondaryCapture',
      message: `${q} is a secondary capture (a screenshot or scanned picture) without 3D geometry; it is left out.`,
    }
  }
  if (m.p.imageType.includes('LOCALIZER')) {
    return {
      name: m.name,
      code: 'localizer',
      message: `${q} is a localizer (scout) image used to plan the scan, not a slice of the volume; it is left out.`,
    }
  }
  return null
}

/** One slice per single-frame file, one per frame of a multi-frame file with per-frame positions. */
function expandSlices(members: readonly Member[]): {
  slices: Array<Omit<SeriesSlice, 'positionMm'>>
  framesWithoutPositions: boolean
} {
  const slices: Array<Omit<SeriesSlice, 'positionMm'>> = []
  let framesWithoutPositions = false
  for (const m of members) {
    const multi = m.p.numberOfFrames > 1
    const perFrame = multi && m.p.framePositions.length === m.p.numberOfFrames
    if (multi && !perFrame) framesWithoutPositions = true
    const positions = perFrame
      ? m.p.framePositions
      : m.p.imagePositionPatient
        ? [m.p.imagePositionPatient]
        : []
    positions.forEach((ipp, frame) =>
      slices.push({
        name: m.name,
        inputIndex: m.index,
        frame,
        imagePositionPatient: ipp,
        instanceNumber: m.p.instanceNumber,
        sliceThicknessMm: m.p.sliceThicknessMm,
      }),
    )
  }
  return { slices, framesWithoutPositions }
}

/** Assesses one geometry-consistent group of instances as a volume. */
function buildSeries(members: readonly Member[], extra: readonly SeriesIssue[]): DiscoveredSeries {
  const first = members[0]?.p
  if (!first) throw new Error('buildSeries: empty group')
  const { slices, framesWithoutPositions } = expandSlices(members)
  const iop = first.imageOrientationPatient
  const ps = first.pixelSpacingMm
  const msg = seriesMessages(first.seriesDescription, first.seriesNumber)
  const warnings: SeriesIssue[] = [...extra]
  let refusal: SeriesIssue | null = null
  let sorted: SeriesSlice[] = slices.map((s) => ({ ...s, positionMm: 0 }))
  let spacing: SpacingReport | null = null
  let tilt: TiltReport | null = null
  let stack: StackInput | null = null
  let normal: Vec3 = [0, 0, 1]
  const lacksPosition = members.some((m) => !m.p.imagePositionPatient)
  if (!iop || !ps || lacksPosition) {
    refusal = { code: 'missingGeometry', message: msg.missingGeometry() }
  }
  if (!refusal && framesWithoutPositions) {
    refusal = { code: 'missingGeometry', message: msg.framesWithoutPositions() }
  }
  if (!refusal && iop && ps) {
    const r: Vec3 = [iop[0] ?? 0, iop[1] ?? 0, iop[2] ?? 0]
    const c: Vec3 = [iop[3] ?? 0, iop[4] ?? 0, iop[5] ?? 0]
    const a = analyzeStack(
      slices.map((s) => s.imagePositionPatient),
      r,
      c,
      ps,
    )
    sorted = a.order.map((i, k) => ({
      ...(slices[i] as Omit<SeriesSlice, 'positionMm'>),
      positionMm: a.positionsMm[k] ?? 0,
    }))
    spacing = a.spacing
    tilt = a.tilt
    normal = a.normal
    if (sorted.length === 1) refusal = { code: 'singleImage', message: msg.singleImage() }
    else if (a.duplicates.length > 0 && !spacing) {
      refusal = { code: 'samePosition', message: msg.samePosition(sorted.length) }
    } else if (a.duplicates.length > 0) {
      refusal = {
        code: 'duplicatePositions',
        message: msg.duplicatePositions(
          a.duplicates.map((g) => ({ count: g.length, positionMm: a.positionsMm[g[0] ?? 0] ?? 0 })),
        ),
      }
    }
    if (!refusal && spacing) {
      if (tilt) warnings.push({ code: 'gantryTilt', message: msg.gantryTilt(tilt.angleDeg) })
      if (spacing.irregular.length > 0) {
        warnings.push({ code: 'nonUniformSpacing', message: msg.nonUniformSpacing(spacing) })
      }
      if (spacing.missing.length > 0) {
        warnings.push({
          code: 'missingSlices',
          message: msg.missingSlices(
            spacing,
            sorted.map((s) => s.positionMm),
          ),
        })
      }
      stack = {
        slicePositions: sorted.map((s) => s.imagePositionPatient),
        rowDirection: r,
        columnDirection: c,
        pixelSpacingMm: ps,
        rows: first.rows,
        columns: first.columns,
      }
    }
  }
  const thicknesses = new Map<string, number>()
  for (const s of sorted) {
    if (s.sliceThicknessMm !== undefined) {
      const k = round(s.sliceThicknessMm)
      thicknesses.set(k, (thicknesses.get(k) ?? 0) + 1)
    }
  }
  if (thicknesses.size > 1) {
    warnings.push({ code: 'mixedSliceThickness', message: msg.mixedSliceThickness(thicknesses) })
  }
  if (first.modality !== 'CT') warnings.push({ code: 'notCt', message: msg.notCt(first.modality) })
  if (members.some((m) => m.p.warnings.some((w) => w.startsWith('Lossy')))) {
    warnings.push({ code: 'lossyCompression', message: msg.lossy() })
  }
  const needsResampling = !!stack && (!!tilt || !(spacing?.isUniform ?? true))
  let geometry: VolumeGeometry | null = null
  if (stack && spacing) {
    geometry = needsResampling
      ? planResampling(stack).geometry
      : {
          dims: [first.columns, first.rows, sorted.length],
          spacingMm: [stack.pixelSpacingMm[1], stack.pixelSpacingMm[0], spacing.nominalMm],
          originMm: stack.slicePositions[0] ?? [0, 0, 0],
          direction: [stack.rowDirection, stack.columnDirection, normal],
        }
  }
  const phi = new Map<string, PhiFinding>()
  for (const m of members) {
    for (const f of m.p.phi) if (!phi.has(f.path + f.tag)) phi.set(f.path + f.tag, f)
  }
  return {
    seriesInstanceUid: first.seriesInstanceUid,
    studyInstanceUid: first.studyInstanceUid,
    frameOfReferenceUid: first.frameOfReferenceUid,
    modality: first.modality,
    description: first.seriesDescription,
    seriesNumber: first.seriesNumber,
    rows: first.rows,
    columns: first.columns,
    pixelSpacingMm: ps,
    sliceCount: sorted.length,
    slices: sorted,
    spacing,
    tilt,
    refusal,
    warnings,
    stack,
    needsResampling,
    geometry,
    rescaleSlope: first.rescaleSlope,
    rescaleIntercept: first.rescaleIntercept,
    pixelPaddingValue: first.pixelPaddingValue,
    patientIdentityRemoved: members.every((m) => m.p.patientIdentityRemoved),
    phi: [...phi.values()],
  }
}

/**
 * Groups parsed headers into series, sorts their slices along the normal and assesses each as a volume.
 * Series are returned in order of study, series number and description.
 */
export function discoverSeries(inputs: readonly DiscoveryInput[]): DiscoveryResult {
  const excluded: ExcludedFile[] = []
  const seen = new Map<string, string>()
  const bySeries = new Map<string, Member[]>()
  inputs.forEach((input, index) => {
    const r = input.result
    if (r.kind === 'problem') {
      excluded.push({ name: input.name, code: r.code, message: r.message })
      return
    }
    const m: Member = { index, name: input.name, p: r }
    const ex = exclusion(m)
    if (ex) {
      excluded.push(ex)
      return
    }
    const copyOf = r.sopInstanceUid ? seen.get(r.sopInstanceUid) : undefined
    if (copyOf !== undefined) {
      excluded.push({
        name: input.name,
        code: 'duplicateInstance',
        message: `“${input.name}” is the same image as “${copyOf}” (identical SOP Instance UID); the copy is ignored.`,
      })
      return
    }
    if (r.sopInstanceUid) seen.set(r.sopInstanceUid, input.name)
    const list = bySeries.get(r.seriesInstanceUid) ?? []
    list.push(m)
    bySeries.set(r.seriesInstanceUid, list)
  })
  const series: DiscoveredSeries[] = []
  for (const members of bySeries.values()) {
    const parts = new Map<string, Member[]>()
    for (const m of members) {
      const k = geometryKey(m.p)
      parts.set(k, [...(parts.get(k) ?? []), m])
    }
    const first = members[0]?.p
    const extra: SeriesIssue[] =
      parts.size > 1 && first
        ? [
            {
              code: 'inconsistentDimensions',
              message: seriesMessages(first.seriesDescription, first.seriesNumber).inconsistent(
                [...parts.values()].map((g) => ({
                  rows: g[0]?.p.rows ?? 0,
                  columns: g[0]?.p.columns ?? 0,
                  count: g.length,
                })),
              ),
            },
          ]
        : []
    for (const part of parts.values()) series.push(buildSeries(part, extra))
  }
  const num = (v: number | undefined): number => v ?? Number.MAX_SAFE_INTEGER
  series.sort(
    (a, b) =>
      a.studyInstanceUid.localeCompare(b.studyInstanceUid) ||
      num(a.seriesNumber) - num(b.seriesNumber) ||
      a.description.localeCompare(b.description) ||
      b.sliceCount - a.sliceCount,
  )
  return { series, excluded }
}
