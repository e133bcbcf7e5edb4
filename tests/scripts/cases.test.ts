import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { listCatalog } from '../../src/cases/catalog'
import { parseDicomHeader } from '../../src/cases/dicom'
import { DEFAULT_CASE } from '../../src/cases/catalog'
import { parsePlanFile } from '../../src/plan'

const run = (...args: string[]) =>
  spawnSync('npx', ['tsx', 'scripts/cases.ts', ...args], { encoding: 'utf8' })

describe('npm run cases', () => {
  it('list prints one "id<TAB>title" line per built-in case', () => {
    const r = run('list')
    expect(r.status).toBe(0)
    const lines = r.stdout.trim().split('\n')
    expect(lines).toEqual(listCatalog().map((c) => `${c.id}\t${c.title}`))
    expect(lines.length).toBeGreaterThanOrEqual(7)
  }, 30_000)

  it('export writes a readable CT series and a SEG', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'osteoplan-cases-'))
    const r = run('export', 'synthetic', dir)
    expect(r.status, r.stderr).toBe(0)
    const slices = readdirSync(path.join(dir, 'CT'))
    expect(slices).toHaveLength(64)
    const first = parseDicomHeader(
      new Uint8Array(readFileSync(path.join(dir, 'CT', slices[0]))),
      slices[0],
    )
    expect(first.kind).toBe('instance')
    expect(existsSync(path.join(dir, 'SEG.dcm'))).toBe(true)
    // dcmdump (Debian dcmtk, installed by .ci/run) must parse the SEG without errors.
    const dump = execFileSync('dcmdump', ['-q', '-M', path.join(dir, 'SEG.dcm')], {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    })
    expect(dump).toContain('SegmentSequence')
  }, 60_000)

  it('export of a teaching case includes its expert plan as a valid plan file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'osteoplan-cases-'))
    const r = run('export', DEFAULT_CASE, dir)
    expect(r.status, r.stderr).toBe(0)
    const parsed = parsePlanFile(readFileSync(path.join(dir, 'plan.osteoplan.json'), 'utf8'))
    expect(parsed.ok).toBe(true)
    if (parsed.ok) expect(parsed.plan.scan).toEqual({ kind: 'builtin', caseId: DEFAULT_CASE })
    expect(readdirSync(path.join(dir, 'CT')).length).toBeGreaterThan(100)
  }, 90_000)

  it('an unknown case fails with a readable message and exit code 1', () => {
    const r = run('export', 'no-such-case', tmpdir())
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('There is no built-in case "no-such-case"')
  }, 30_000)

  it('bad usage prints the usage and exits 2', () => {
    const r = run('frobnicate')
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('Usage: npm run cases -- list')
  }, 30_000)
})
