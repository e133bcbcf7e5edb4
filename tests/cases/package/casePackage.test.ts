import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import {
  readCasePackage,
  scorePackagePlan,
  writeCasePackage,
  type CaseManifest,
} from '../../../src/cases/package'
import { makeSyntheticVolume } from '../../../src/cases/synthetic/syntheticVolume'
import { S } from '../../../src/lib/anatomy'
import { createPlan, type Plan } from './packageFixtures'

const volume = makeSyntheticVolume(64, 64, 12)
// Keep only what an author marked: the lesion and the thecal sac.
const labels = volume.labels!.map((l) => (l === S.tumourLytic || l === S.csf ? l : 0))
const authored = { ...volume, labels }
const manifest: CaseManifest = {
  format: 'osteoplan-case',
  version: 1,
  id: 'my-case',
  title: 'Lytic lesion, authored',
  briefing: 'A 60-year-old with a painful lytic lesion.',
  question: 'Plan an ablation that spares the canal.',
  objectives: ['Cover the lesion with a 5 mm margin', 'Stay 10 mm from the thecal sac'],
  lesions: [
    {
      id: 'lesion-1',
      label: S.tumourLytic,
      centreMm: [6, 12, 4],
      sizeMm: 16,
      description: 'lytic',
    },
  ],
  structures: [
    { label: S.tumourLytic, name: 'Lesion' },
    { label: S.csf, name: 'Thecal sac' },
  ],
  criticalKeys: ['csf'],
  rubric: {
    items: [
      {
        id: 'cover',
        title: 'Lesion covered',
        points: 5,
        criterion: { metric: 'coveragePercent', op: '>=', value: 95 },
      },
    ],
  },
}
const plan: Plan = createPlan()

function repack(mutate: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const w = writeCasePackage(authored, manifest, plan)
  if (!w.ok) throw new Error(w.errors.join('\n'))
  const files = unzipSync(w.bytes)
  mutate(files)
  return zipSync(files)
}
const errorsOf = (bytes: Uint8Array): string => {
  const r = readCasePackage(bytes)
  expect(r.ok).toBe(false)
  return r.ok ? '' : r.errors.join('\n')
}

describe('case packages', { timeout: 60_000 }, () => {
  it('round-trip: the CT voxels, the marked structures, the manifest and the plan come back', () => {
    const w = writeCasePackage(authored, manifest, plan)
    expect(w.ok).toBe(true)
    if (!w.ok) return
    const r = readCasePackage(w.bytes)
    if (!r.ok) throw new Error(r.errors.join('\n'))
    expect(r.pkg.volume.geometry.dims).toEqual(volume.geometry.dims)
    expect(r.pkg.volume.ct).toEqual(volume.ct)
    expect(r.pkg.volume.labels).toEqual(labels)
    expect(r.pkg.manifest).toEqual(manifest)
    expect(r.pkg.plan.devices).toEqual(plan.devices)
    expect(r.pkg.plan.scan).toEqual({ kind: 'builtin', caseId: 'my-case' })
    expect(r.pkg.volume.id).toBe('package:my-case')
    expect(r.pkg.volume.lesions?.[0]?.label).toBe(S.tumourLytic)
  })

  it('refuses to package an unmarked structure, an empty expert plan or an invalid manifest', () => {
    const none = writeCasePackage(
      { ...authored, labels: new Uint8Array(labels.length) },
      manifest,
      plan,
    )
    expect(none.ok ? '' : none.errors.join('\n')).toMatch(/"Lesion" is listed but not marked/)
    const empty = writeCasePackage(authored, manifest, { ...plan, devices: [] })
    expect(empty.ok ? '' : empty.errors.join('\n')).toMatch(/expert plan has no device/)
    const bad = writeCasePackage(authored, { ...manifest, title: '' }, plan)
    expect(bad.ok ? '' : bad.errors.join('\n')).toMatch(/title/)
  })

  it('rejects malformed packages with reasons', () => {
    expect(errorsOf(strToU8('not a zip'))).toMatch(/not a readable zip/)
    expect(errorsOf(repack((f) => delete f['case.json']))).toMatch(/no case.json/)
    expect(errorsOf(repack((f) => (f['case.json'] = strToU8('{oops'))))).toMatch(/not valid JSON/)
    expect(
      errorsOf(
        repack((f) => {
          const m = JSON.parse(strFromU8(f['case.json'])) as CaseManifest
          f['case.json'] = strToU8(
            JSON.stringify({ ...m, structures: [{ label: 250, name: 'x' }] }),
          )
        }),
      ),
    ).toMatch(/structures\.0\.label: is not a structure label id/)
    expect(errorsOf(repack((f) => (f['plan.osteoplan.json'] = strToU8('{"version": 2}'))))).toMatch(
      /plan\.osteoplan\.json/,
    )
    expect(
      errorsOf(
        repack((f) => {
          for (const k of Object.keys(f)) if (k.startsWith('ct/')) delete f[k]
        }),
      ),
    ).toMatch(/0 CT file/)
    expect(
      errorsOf(
        repack((f) => {
          const first = Object.keys(f).find((k) => k.startsWith('ct/'))!
          f[first] = strToU8('junk')
        }),
      ),
    ).toMatch(/ct\//)
    expect(errorsOf(repack((f) => (f['seg.dcm'] = strToU8('junk'))))).toMatch(/seg\.dcm/)
    expect(
      errorsOf(
        repack((f) => {
          const m = JSON.parse(strFromU8(f['case.json'])) as CaseManifest
          const lesions = [{ ...m.lesions[0], centreMm: [900, 0, 0] }]
          f['case.json'] = strToU8(JSON.stringify({ ...m, lesions }))
        }),
      ),
    ).toMatch(/outside the CT volume/)
    expect(
      errorsOf(
        repack((f) => {
          const m = JSON.parse(strFromU8(f['case.json'])) as CaseManifest
          const structures = [...m.structures, { label: S.spinalCord, name: 'Cord' }]
          f['case.json'] = strToU8(JSON.stringify({ ...m, structures }))
        }),
      ),
    ).toMatch(/"Cord" is listed in case.json but absent from seg.dcm/)
  })

  it('rejects a SEG made for another grid', () => {
    const other = makeSyntheticVolume(56, 64, 12)
    const o = writeCasePackage(
      { ...other, labels: other.labels!.map((l) => (l === S.tumourLytic || l === S.csf ? l : 0)) },
      manifest,
      plan,
    )
    if (!o.ok) throw new Error(o.errors.join('\n'))
    const seg = unzipSync(o.bytes)['seg.dcm']
    expect(errorsOf(repack((f) => (f['seg.dcm'] = seg)))).toMatch(
      /segmentation is 56×64 pixels; the CT is 64×64/,
    )
  })

  it('scores plans with the package rubric and the expert plan beside them', () => {
    const w = writeCasePackage(authored, manifest, plan)
    if (!w.ok) throw new Error(w.errors.join('\n'))
    const r = readCasePackage(w.bytes)
    if (!r.ok) throw new Error(r.errors.join('\n'))
    const expert = scorePackagePlan(r.pkg, r.pkg.plan)
    expect(expert.score.score).toBe(5)
    const moved = {
      ...plan,
      devices: plan.devices.map((d) => ({ ...d, tipMm: [40, -20, 4] as [number, number, number] })),
    }
    const mine = scorePackagePlan(r.pkg, moved)
    expect(mine.score.score).toBe(0)
    expect(mine.expert.score.score).toBe(5)
  })
})
