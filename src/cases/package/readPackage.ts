/**
 * Reads and validates a case package (manifest.ts): every problem is reported with its reason, none
 * silently skipped. A valid package becomes a labelled CtVolume, its manifest and its expert plan. Pure.
 */
import { strFromU8, unzipSync } from 'fflate'
import { inBounds, worldToIjk } from '../../lib/space'
import { parsePlanFile, type Plan } from '../../plan'
import { assembleVolume, discoverSeries, isDicomProblem, parseDicomHeader } from '../dicom'
import { readNativeFrame } from '../dicom/nativeFrame'
import type { CtVolume } from '../volume'
import {
  CaseManifestSchema,
  CT_FOLDER,
  MANIFEST_FILE,
  PLAN_FILE,
  SEG_FILE,
  type CaseManifest,
} from './manifest'
import { readSeg } from './readSeg'

/** Largest unpacked package accepted, bytes. */
export const MAX_PACKAGE_BYTES = 1024 ** 3

/** A validated package. */
export interface CasePackage {
  readonly manifest: CaseManifest
  readonly volume: CtVolume
  readonly plan: Plan
}

export type PackageResult = { ok: true; pkg: CasePackage } | { ok: false; errors: string[] }

const fail = (...errors: string[]): PackageResult => ({ ok: false, errors })

function unzip(bytes: Uint8Array): Record<string, Uint8Array> | string {
  let total = 0
  try {
    unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize
        return false
      },
    })
    if (total > MAX_PACKAGE_BYTES) {
      return `The package unpacks to ${(total / 1024 ** 2).toFixed(0)} MB, more than the ${MAX_PACKAGE_BYTES / 1024 ** 2} MB allowed.`
    }
    return unzipSync(bytes)
  } catch (e) {
    return `The file is not a readable zip archive (${e instanceof Error ? e.message : String(e)}).`
  }
}

/** Reads the CT series of the package. */
function readCt(
  files: Record<string, Uint8Array>,
): { volume: Omit<CtVolume, 'id' | 'name' | 'source'> } | string[] {
  const names = Object.keys(files).filter((n) => n.startsWith(CT_FOLDER) && !n.endsWith('/'))
  if (names.length < 2) {
    return [
      `The package has ${names.length} CT file(s) under ${CT_FOLDER}; a volume needs at least 2.`,
    ]
  }
  const parsed = names.map((name) => ({ name, result: parseDicomHeader(files[name]!, name) }))
  const bad = parsed.filter((p) => isDicomProblem(p.result))
  if (bad.length) {
    return bad
      .slice(0, 5)
      .map((p) => `${p.name}: ${isDicomProblem(p.result) ? p.result.message : ''}`)
  }
  const found = discoverSeries(parsed)
  const volumes = found.series.filter((s) => !s.refusal)
  if (volumes.length !== 1) {
    return [`The CT files form ${volumes.length} volume series; a package holds exactly one.`]
  }
  const series = volumes[0]!
  const frames = []
  for (const s of series.slices) {
    const b = files[parsed[s.inputIndex]!.name]!
    const f = readNativeFrame(
      b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
      s.frame,
    )
    if (!f) return [`${s.name}: package CT files must be uncompressed little-endian DICOM.`]
    frames.push(f.pixels)
  }
  const v = assembleVolume(series, frames, { mode: 'asIs', downsample: false })
  return { volume: { geometry: v.geometry, ct: v.ct } }
}

/** Reads a package zip. */
export function readCasePackage(bytes: Uint8Array): PackageResult {
  const files = unzip(bytes)
  if (typeof files === 'string') return fail(files)
  const missing = [MANIFEST_FILE, PLAN_FILE, SEG_FILE].filter((f) => !files[f])
  if (missing.length) return fail(...missing.map((f) => `The package has no ${f}.`))

  let json: unknown
  try {
    json = JSON.parse(strFromU8(files[MANIFEST_FILE]!))
  } catch {
    return fail(`${MANIFEST_FILE} is not valid JSON.`)
  }
  const m = CaseManifestSchema.safeParse(json)
  if (!m.success) {
    return fail(
      ...m.error.issues
        .slice(0, 10)
        .map((i) => `${MANIFEST_FILE} ${i.path.join('.') || ''}: ${i.message}`),
    )
  }
  const manifest = m.data
  const plan = parsePlanFile(strFromU8(files[PLAN_FILE]!))
  if (!plan.ok) return fail(...plan.errors.slice(0, 10).map((e) => `${PLAN_FILE}: ${e}`))

  const ct = readCt(files)
  if (Array.isArray(ct)) return fail(...ct)
  const seg = readSeg(files[SEG_FILE]!, ct.volume.geometry)
  if (!seg.ok) return fail(...seg.errors.map((e) => `${SEG_FILE}: ${e}`))

  const errors: string[] = []
  for (const s of manifest.structures) {
    if (!seg.labelIds.includes(s.label)) {
      errors.push(`"${s.name}" is listed in ${MANIFEST_FILE} but absent from ${SEG_FILE}.`)
    }
  }
  for (const l of manifest.lesions) {
    if (!seg.labelIds.includes(l.label)) {
      errors.push(`Lesion "${l.id}" has no voxels in ${SEG_FILE}.`)
    }
    const q = worldToIjk(ct.volume.geometry, l.centreMm)
    if (!inBounds(ct.volume.geometry, Math.round(q[0]), Math.round(q[1]), Math.round(q[2]))) {
      errors.push(`Lesion "${l.id}" lies outside the CT volume.`)
    }
  }
  if (errors.length) return fail(...errors)
  const volume: CtVolume = {
    id: `package:${manifest.id}`,
    name: manifest.title,
    source: 'package',
    ...ct.volume,
    labels: seg.labels,
    lesions: manifest.lesions.map((l) => ({ ...l })),
  }
  return { ok: true, pkg: { manifest, volume, plan: plan.plan } }
}
