/**
 * Writes a case package: the CT as an uncompressed DICOM series, the marked structures as a DICOM SEG that
 * references it, the manifest and the expert plan, in one zip. Identifying text never enters it: the CT is
 * re-exported from voxels with synthetic study attributes (no tag of the loaded files is copied). Pure.
 */
import { strToU8, zipSync } from 'fflate'
import { STRUCTURES } from '../../lib/anatomy'
import { planToJson, type Plan } from '../../plan'
import { ctSeriesUids, exportCtSeries, exportSeg } from '../dicom'
import type { SegmentSpec } from '../dicom'
import { anatomySegments } from '../dicom/anatomySegments'
import type { CtVolume } from '../volume'
import {
  CaseManifestSchema,
  CT_FOLDER,
  MANIFEST_FILE,
  PLAN_FILE,
  SEG_FILE,
  type CaseManifest,
} from './manifest'

/** The zip bytes, or the reasons the case cannot be packaged yet. */
export function writeCasePackage(
  volume: CtVolume,
  manifest: CaseManifest,
  expertPlan: Plan,
): { ok: true; bytes: Uint8Array } | { ok: false; errors: string[] } {
  const errors: string[] = []
  const checked = CaseManifestSchema.safeParse(manifest)
  if (!checked.success) {
    for (const i of checked.error.issues) errors.push(`${i.path.join('.') || 'case'}: ${i.message}`)
  }
  const labels = volume.labels
  if (!labels) errors.push('No structure is marked yet.')
  const present = new Set<number>()
  if (labels) for (let n = 0; n < labels.length; n++) if (labels[n]) present.add(labels[n]!)
  for (const s of manifest.structures) {
    if (!present.has(s.label)) errors.push(`"${s.name}" is listed but not marked in the volume.`)
  }
  for (const l of manifest.lesions) {
    if (!present.has(l.label)) errors.push(`Lesion "${l.id}" has no marked voxels.`)
  }
  if (expertPlan.devices.length === 0) errors.push('The expert plan has no device.')
  if (errors.length || !labels) return { ok: false, errors }

  const info = { caseId: manifest.id, seriesDescription: manifest.title.slice(0, 64) }
  const ct = exportCtSeries({ geometry: volume.geometry, ct: volume.ct }, info)
  const names = new Map(manifest.structures.map((s) => [s.label, s.name]))
  const segments: SegmentSpec[] = anatomySegments()
    .filter((s) => names.has(s.labelValue))
    .map((s) => ({ ...s, label: (names.get(s.labelValue) ?? s.label).slice(0, 64) }))
  const seg = exportSeg(
    { geometry: volume.geometry, labels },
    segments,
    ctSeriesUids(info, ct.length),
  )
  const plan: Plan = { ...expertPlan, scan: { kind: 'builtin', caseId: manifest.id } }
  const files: Record<string, Uint8Array> = {
    [MANIFEST_FILE]: strToU8(JSON.stringify(checked.data, null, 2)),
    [PLAN_FILE]: strToU8(planToJson(plan)),
    [SEG_FILE]: seg,
  }
  for (const f of ct) files[`${CT_FOLDER}${f.name}`] = f.bytes
  return { ok: true, bytes: zipSync(files, { level: 6 }) }
}

/** Names of the structures an author can mark, for the authoring panel. */
export const AUTHORING_STRUCTURES = STRUCTURES.filter((s) => s.id > 0)
