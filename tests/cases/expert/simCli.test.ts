import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const run = (args: string[]): string =>
  execFileSync('npx', ['tsx', 'scripts/sim.ts', ...args], { encoding: 'utf8', timeout: 120_000 })

describe('scripts/sim.ts', () => {
  it('prints an expert plan, scores it to full marks and runs its procedure simulation', () => {
    const plan = run(['--expert', 't12-rcc-embolization'])
    const dir = mkdtempSync(join(tmpdir(), 'sim-'))
    const file = join(dir, 'plan.json')
    writeFileSync(file, plan)
    const out = JSON.parse(run([file])) as {
      caseId: string
      zoneModel: string
      score: { score: number; max: number }
      simulations: { procedure?: string; deviceId: string; verdict?: string; error?: string }[]
    }
    expect(out.caseId).toBe('t12-rcc-embolization')
    expect(out.zoneModel).toMatch(/scored on the vessel choice/)
    expect(out.score.score).toBe(out.score.max)
    // Every device's physics ran (the embolization network, DSA and devascularization).
    expect(out.simulations.length).toBeGreaterThan(0)
    for (const s of out.simulations) {
      expect(s.error, s.deviceId).toBeUndefined()
      expect(s.procedure).toBe('embolization')
      expect(s.verdict).toMatch(/devasculari/i)
    }
  }, 180_000)

  it('rejects a bad plan file with exit code 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'))
    const file = join(dir, 'bad.json')
    writeFileSync(file, '{"version": 2}')
    expect(() => run([file])).toThrow()
  }, 60_000)
})
