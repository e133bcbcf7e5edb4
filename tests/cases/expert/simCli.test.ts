import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const run = (args: string[]): string =>
  execFileSync('npx', ['tsx', 'scripts/sim.ts', ...args], { encoding: 'utf8', timeout: 120_000 })

describe('scripts/sim.ts', () => {
  it('prints an expert plan and scores it to full marks', () => {
    const plan = run(['--expert', 't12-rcc-embolization'])
    const dir = mkdtempSync(join(tmpdir(), 'sim-'))
    const file = join(dir, 'plan.json')
    writeFileSync(file, plan)
    const out = JSON.parse(run([file])) as {
      caseId: string
      zoneModel: string
      score: { score: number; max: number }
    }
    expect(out.caseId).toBe('t12-rcc-embolization')
    expect(out.zoneModel).toMatch(/vessel choice only/)
    expect(out.score.score).toBe(out.score.max)
  }, 180_000)

  it('rejects a bad plan file with exit code 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'))
    const file = join(dir, 'bad.json')
    writeFileSync(file, '{"version": 2}')
    expect(() => run([file])).toThrow()
  }, 60_000)
})
