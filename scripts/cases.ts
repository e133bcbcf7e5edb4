/**
 * `npm run cases -- list` prints every built-in case (id and title, one per line).
 * `npm run cases -- export <id> <dir>` writes the case as a DICOM CT series (one file per slice), its
 * structures as a DICOM SEG, and its expert plan as <dir>/plan.osteoplan.json when the case has one.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { generateCatalogVolume, listCatalog } from '../src/cases/catalog'
import { anatomySegments, ctSeriesUids, exportCtSeries, exportSeg } from '../src/cases/dicom'
import { EXPERT_CASE_IDS, expertPlan } from '../src/cases/expert'
import { generateCase } from '../src/cases/library'
import { planToJson } from '../src/plan'

function usage(): never {
  console.error(
    'Usage: npm run cases -- list\n       npm run cases -- export <case-id> <output-dir>',
  )
  process.exit(2)
}

function exportCase(id: string, dir: string): void {
  const v = generateCatalogVolume(id)
  const info = { caseId: id, seriesDescription: v.name.slice(0, 64) }
  const seriesDir = path.join(dir, 'CT')
  mkdirSync(seriesDir, { recursive: true })
  const files = exportCtSeries({ geometry: v.geometry, ct: v.ct }, info)
  for (const f of files) writeFileSync(path.join(seriesDir, f.name), f.bytes)
  let segNote = 'no labels'
  if (v.labels) {
    const seg = exportSeg(
      { geometry: v.geometry, labels: v.labels },
      anatomySegments(),
      ctSeriesUids(info, files.length),
    )
    writeFileSync(path.join(dir, 'SEG.dcm'), seg)
    segNote = 'SEG.dcm'
  }
  let planNote = 'no expert plan'
  const expert = loadExpertPlanJson(id)
  if (expert) {
    writeFileSync(path.join(dir, 'plan.osteoplan.json'), expert)
    planNote = 'plan.osteoplan.json'
  }
  console.log(`${id}: ${files.length} CT slices in ${seriesDir}, ${segNote}, ${planNote}`)
}

/** The expert plan as a plan file, when the case has one. */
function loadExpertPlanJson(id: string): string | null {
  if (!EXPERT_CASE_IDS.includes(id)) return null
  return planToJson(expertPlan(id, generateCase(id)))
}

const [cmd, ...args] = process.argv.slice(2)
if (cmd === 'list') {
  for (const c of listCatalog()) console.log(`${c.id}\t${c.title}`)
} else if (cmd === 'export') {
  const [id, dir] = args
  if (!id || !dir) usage()
  try {
    exportCase(id, dir)
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e))
    process.exit(1)
  }
} else {
  usage()
}
