/**
 * The ECT procedure with the E-field helper team registered as the default (as the sim worker does): the
 * sacral case's linear result (verdict, metrics, detail, overlays) equals the one-thread result exactly,
 * and the helper took part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateCatalogVolume } from '../../../../src/cases/catalog'
import { expertPlan } from '../../../../src/cases/expert'
import { generateCase } from '../../../../src/cases/library'
import { simulateDevice, type ProcedureResult } from '../../../../src/cases/simulate'
import type { CtVolume } from '../../../../src/cases/volume'
import { setDefaultEfieldTeam } from '../../../../src/sim/efield/efieldThreads'
import type { Plan } from '../../../../src/plan'
import { startNodeEfieldTeam, type NodeEfieldTeam } from '../../../../src/workers/efieldPoolNode'

const ID = 'sacral-ala-ect'
let volume: CtVolume
let expert: Plan
let node: NodeEfieldTeam

beforeAll(async () => {
  volume = generateCatalogVolume(ID)
  expert = expertPlan(ID, generateCase(ID))
  node = await startNodeEfieldTeam(1, { warmUp: false })
}, 60_000)

afterAll(async () => {
  setDefaultEfieldTeam(null)
  await node?.close()
})

const withoutTime = (r: ProcedureResult): Omit<ProcedureResult, 'elapsedMs'> => {
  const { elapsedMs, ...rest } = r
  expect(elapsedMs).toBeGreaterThan(0)
  return rest
}

describe('ECT on the sacral case with the E-field helper team', () => {
  it('the linear result is exactly the one-thread result', async () => {
    setDefaultEfieldTeam(null)
    const one = await simulateDevice(volume, expert, 'ect-1', { nonlinear: false })
    setDefaultEfieldTeam(node.team)
    try {
      const jobs = node.team.helperJobs
      const two = await simulateDevice(volume, expert, 'ect-1', { nonlinear: false })
      expect(node.team.helperJobs).toBe(jobs + 1)
      expect(node.team.isBroken).toBe(false)
      expect(withoutTime(two)).toEqual(withoutTime(one))
    } finally {
      setDefaultEfieldTeam(null)
    }
  }, 120_000)
})
