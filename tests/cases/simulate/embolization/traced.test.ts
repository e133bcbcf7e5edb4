import { describe, expect, it } from 'vitest'
import { simulateDevice } from '../../../../src/cases/simulate'
import {
  type EmbolizationDetail,
  type TracedVessel,
  parseTracedVessels,
} from '../../../../src/cases/simulate/embolization'
import { previewEmbolization } from '../../../../src/cases/simulate/embolization/preview'
import { makeSyntheticVolume } from '../../../../src/cases/synthetic/syntheticVolume'
import { type Plan, createDevice } from '../../../../src/plan'

/**
 * A loaded scan (no centrelines) with a hand-traced tree: aorta, left and right T12 segmental arteries,
 * the ASA and an artery of Adamkiewicz from the left one. Points are clicked in any order along each
 * vessel (the aorta here bottom → top, the right segmental from its far end).
 */
const TRACED: TracedVessel[] = [
  {
    kind: 'aorta',
    points: [
      [20, -25, -50],
      [20, -25, 0],
      [20, -25, 50],
    ],
    radiusMm: 9,
  },
  {
    kind: 'segmental',
    level: 'T12',
    side: 'L',
    radiusMm: 1.2,
    points: [
      [20, -25, 10],
      [24, -8, 10],
      [22, 8, 10],
      [18, 22, 9],
      [40, 35, 8],
    ],
  },
  {
    kind: 'segmental',
    level: 'T12',
    side: 'R',
    radiusMm: 1.2,
    points: [
      [-40, 35, 8],
      [-18, 22, 9],
      [-22, 8, 10],
      [-14, -8, 10],
      [20, -25, 10],
    ],
  },
  {
    kind: 'anteriorSpinalArtery',
    radiusMm: 0.4,
    points: [
      [0, 18, -40],
      [0, 18, 0],
      [0, 18, 45],
    ],
  },
  {
    kind: 'adamkiewicz',
    level: 'T12',
    side: 'L',
    radiusMm: 0.5,
    points: [
      [18, 22, 9],
      [8, 19, 22],
      [2, 18, 30],
      [0, 18, 24],
    ],
  },
]

const volume = makeSyntheticVolume(64, 64, 48)
const cath = (tip: readonly [number, number, number]) => ({
  ...createDevice('embolizationCatheter', [20, -25, -50], tip, { id: 'embo-1' }),
  vesselId: 'traced',
  tipAlongVessel: 0.1,
})
const plan = (tip: readonly [number, number, number]): Plan => ({
  version: 2,
  title: 'Traced',
  notes: '',
  scan: { kind: 'loaded', fingerprint: 'test' },
  targets: [{ kind: 'sphere', id: 't1', label: 'Tumour', centreMm: [0, 0, 10], radiusMm: 10 }],
  devices: [cath(tip)],
  protections: [],
})

describe('embolization on a loaded scan with traced vessels', () => {
  it('validates traced vessels from plain options and drops bad ones', () => {
    const parsed = parseTracedVessels([
      ...TRACED,
      { kind: 'aorta', points: [[0, 0, 0]] },
      'x',
      null,
    ])
    expect(parsed.length).toBe(TRACED.length)
  })

  it('without tracing, says what is missing', async () => {
    const p = plan([22, 0, 10])
    await expect(simulateDevice(volume, p, 'embo-1')).rejects.toThrow(/no vessel centrelines/)
  })

  it('refuses the Adamkiewicz-bearing segmental and embolizes the tumour from the other side', async () => {
    const opts = { tracedVessels: TRACED }
    const left = await simulateDevice(volume, plan([23, -10, 10]), 'embo-1', opts)
    expect(left.acceptable).toBe(false)
    expect(left.verdict).toMatch(/Refused.*Adamkiewicz/)
    const right = await simulateDevice(volume, plan([-16, -1, 10]), 'embo-1', opts)
    const d = right.detail as EmbolizationDetail
    expect(right.acceptable).toBe(true)
    expect(d.selectivity).toBe('selective')
    expect(d.devascularizationPct).toBeGreaterThan(20)
    expect(
      previewEmbolization(volume, plan([23, -10, 10]), cath([23, -10, 10]), opts)?.map((o) => o.id),
    ).toContain('cord-supply')
  })
})
