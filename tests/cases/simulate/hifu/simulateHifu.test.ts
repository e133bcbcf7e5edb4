import { beforeAll, describe, expect, it } from 'vitest'
import { phantomToVolume } from '../../../../src/cases/catalog'
import { expertPlan } from '../../../../src/cases/expert'
import { generateCase } from '../../../../src/cases/library'
import { simulateDevice, type ProcedureResult } from '../../../../src/cases/simulate'
import type { HifuDetail } from '../../../../src/cases/simulate/hifu'
import { previewHifu } from '../../../../src/cases/simulate/hifu/preview'
import type { CtVolume } from '../../../../src/cases/volume'
import { S } from '../../../../src/lib/anatomy'
import type { FieldOverlay } from '../../../../src/lib/fieldOverlay'
import { add, normalize, scale, sub, type Vec3 } from '../../../../src/lib/vec3'
import type { DeviceOf, Plan } from '../../../../src/plan'

const CASE = 'iliac-wing-mrgfus'
let volume: CtVolume
let plan: Plan
let expert: ProcedureResult<HifuDetail>

/** Centroid of the bowel-gas voxels, LPS mm. */
function bowelGasCentroid(v: CtVolume): Vec3 {
  const g = v.geometry
  const [nx, ny] = g.dims
  let sx = 0
  let sy = 0
  let sz = 0
  let n = 0
  v.labels!.forEach((l, idx) => {
    if (l !== S.bowelGas) return
    sx += idx % nx
    sy += Math.floor(idx / nx) % ny
    sz += Math.floor(idx / (nx * ny))
    n++
  })
  return [
    g.originMm[0] + (sx / n) * g.spacingMm[0],
    g.originMm[1] + (sy / n) * g.spacingMm[1],
    g.originMm[2] + (sz / n) * g.spacingMm[2],
  ]
}

/** The expert transducer turned so that its window lies beyond the bowel gas, seen from the focus. */
function throughBowelGas(d: DeviceOf<'hifuTransducer'>): DeviceOf<'hifuTransducer'> {
  const dir = normalize(sub(bowelGasCentroid(volume), d.tipMm))
  const entry = add(d.tipMm, scale(dir, 120))
  return { ...d, entryMm: [entry[0], entry[1], entry[2]] }
}

const transducer = (): DeviceOf<'hifuTransducer'> => {
  const d = plan.devices.find((x) => x.kind === 'hifuTransducer')
  if (!d || d.kind !== 'hifuTransducer') throw new Error('the expert plan has no transducer')
  return d
}

const field = (r: ProcedureResult, id: string): FieldOverlay => {
  const o = r.overlays.find((x) => x.id === id)
  if (!o || o.type !== 'field') throw new Error(`no field overlay ${id}`)
  return o
}

beforeAll(async () => {
  const phantom = generateCase(CASE)
  plan = expertPlan(CASE, phantom)
  volume = phantomToVolume(CASE, plan.title, phantom)
  expert = (await simulateDevice(volume, plan, transducer().id)) as ProcedureResult<HifuDetail>
}, 300_000)

describe('HIFU on the iliac-wing expert plan', () => {
  it('has a clear beam path: no gas crossed, no critical warning, acceptable', () => {
    expect(expert.procedure).toBe('hifu')
    expect(expert.detail.crossesGas).toBe(false)
    expect(expert.warnings.filter((w) => w.severity === 'critical')).toEqual([])
    expect(expert.acceptable).toBe(true)
    expect(expert.verdict).toMatch(/^Clear beam path/)
  })

  it('puts a lethal dose on the target bone surface', () => {
    // At least a tenth of the beam-facing cortex within the steering reach reaches 240 CEM43 (5 spots
    // of ~3 mm on a ~20 mm wide surface), and the dose contour exists in 3D.
    expect(expert.detail.surfaceCoveredFraction).toBeGreaterThan(0.1)
    const dose = field(expert, 'cem43')
    expect(dose.contours.some((c) => c.level === 240 && c.show3d)).toBe(true)
    const last = dose.frames.at(-1)!.data
    const peak = last.reduce((m, v) => Math.max(m, v), 0)
    expect(peak).toBeGreaterThan(240)
    // Cumulative: the dose never decreases from frame to frame at the hottest voxel.
    const hot = last.indexOf(peak)
    const history = dose.frames.map((f) => f.data[hot])
    history.slice(1).forEach((v, n) => expect(v).toBeGreaterThanOrEqual(history[n]))
  })

  it('reports energy per sonication and in total, and a scrubber range over every sonication', () => {
    const d = transducer()
    const energies = d.sonications.map((s) => s.acousticPowerW * s.durationS)
    expect(expert.detail.sonications.map((s) => s.energyJ)).toEqual(energies)
    expect(expert.detail.totalEnergyJ).toBe(energies.reduce((a, b) => a + b, 0))
    const total = d.sonications.reduce((t, s) => t + s.durationS + s.coolingS, 0)
    expect(expert.durationS).toBeCloseTo(total, 6)
    // Frames: the start, then mid-sonication, end of sonication and end of cooling for each.
    expect(field(expert, 'temperature').frames).toHaveLength(1 + 3 * d.sonications.length)
  })

  it('draws the cone and the −6 dB focal region (3D contours), with sources and uncertainty', () => {
    const cone = field(expert, 'beam-cone')
    expect(cone.contours[0]?.show3d).toBe(true)
    const focal = field(expert, 'focal-region')
    expect(focal.contours[0]).toMatchObject({ level: -6, show3d: true })
    expect(focal.frames[0].data.reduce((m, v) => Math.max(m, v), -Infinity)).toBeCloseTo(0, 5)
    for (const o of expert.overlays) {
      expect(o.source.length).toBeGreaterThan(20)
      expect(o.uncertainty).toMatch(/\d/)
    }
    expect(expert.detail.field.method).toBe('angularSpectrum')
  })
})

describe('HIFU with the beam through bowel gas', () => {
  it('raises a critical warning and is not acceptable', async () => {
    const moved = throughBowelGas(transducer())
    const movedPlan: Plan = { ...plan, devices: [moved] }
    // One short sonication: the beam-path verdict does not depend on the heating.
    const r = (await simulateDevice(volume, movedPlan, moved.id, {
      sonications: [{ offsetMm: [0, 0, 0], acousticPowerW: 40, durationS: 5, coolingS: 0 }],
    })) as ProcedureResult<HifuDetail>
    expect(r.detail.crossesGas).toBe(true)
    const critical = r.warnings.filter((w) => w.severity === 'critical')
    expect(critical.some((w) => /bowel gas/i.test(w.message))).toBe(true)
    expect(r.acceptable).toBe(false)
    expect(r.verdict).toMatch(/crosses bowel gas/)
  }, 120_000)

  it('the drag preview says so in the cone label, and says "clear" on the expert plan', () => {
    const moved = throughBowelGas(transducer())
    const bad = previewHifu(volume, plan, moved, {})!
    const good = previewHifu(volume, plan, transducer(), {})!
    const label = (os: typeof bad): string => os.find((o) => o.id === 'beam-cone-preview')!.label
    expect(label(bad)).toMatch(/crosses bowel gas/)
    expect(label(good)).toMatch(/clear of gas/)
    expect(bad.some((o) => o.type === 'field' && o.contours.some((c) => c.show3d))).toBe(true)
  })
})

describe('bad input', () => {
  it('a focus outside the scan and absurd options give plain messages', async () => {
    const d = transducer()
    const far: DeviceOf<'hifuTransducer'> = {
      ...d,
      tipMm: [5000, 0, 0],
      entryMm: [5050, 0, 0],
    }
    await expect(simulateDevice(volume, { ...plan, devices: [far] }, far.id)).rejects.toThrow(
      /outside the scan/,
    )
    await expect(
      simulateDevice(volume, plan, d.id, {
        sonications: [{ offsetMm: [0, 0, 0], acousticPowerW: 9999, durationS: 5, coolingS: 0 }],
      }),
    ).rejects.toThrow(/HIFU options rejected: sonications\.0\.acousticPowerW/)
  })
})
