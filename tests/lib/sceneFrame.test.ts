import { describe, expect, it } from 'vitest'
import { lpsToScene, sceneToLps } from '../../src/lib/sceneFrame'

describe('scene frame', () => {
  it('round-trips LPS mm and keeps axes and units', () => {
    const f = { centreMm: [10, -20, 300] as const }
    const p = [12.5, -18, 250] as const
    expect(lpsToScene(f, p)).toEqual([2.5, 2, -50])
    expect(sceneToLps(f, lpsToScene(f, p))).toEqual(p)
  })
})
