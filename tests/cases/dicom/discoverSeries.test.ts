import { describe, expect, it } from 'vitest'
import { cross, normalize, type Vec3 } from '../../../src/lib/vec3'
import {
  discoverSeries,
  parseDicomHeader,
  planResampling,
  type DiscoveryInput,
} from '../../../src/cases/dicom'
import { ctElements, EXPLICIT_LE, part10, TS } from './dicomFixtures'

const SERIES = '1.2.826.0.1.3680043.10.7.1'
const sop = (k: number): string => `1.2.826.0.1.3680043.10.7.2.${k}`
const file = (k: number, p: Partial<Parameters<typeof ctElements>[0]>): DiscoveryInput => {
  const name = `img${k}.dcm`
  return {
    name,
    result: parseDicomHeader(
      part10(
        ctElements({ s: EXPLICIT_LE, sop: sop(k), series: SERIES, ...p }),
        TS.explicitLE,
        sop(k),
      ),
      name,
    ),
  }
}

describe('discoverSeries geometry', () => {
  // Oblique plane: rows along r, columns along c, both rotated; slices stepped along n = r × c.
  const r = normalize([0.8, 0.6, 0])
  const c = normalize([-0.36, 0.48, 0.8])
  const n = cross(r, c)
  const origin: Vec3 = [12.5, -40, 7]
  const ipp = (k: number): Vec3 => [
    origin[0] + 3 * k * n[0],
    origin[1] + 3 * k * n[1],
    origin[2] + 3 * k * n[2],
  ]
  const order = [4, 0, 6, 2, 5, 1, 3]
  const inputs = order.map((k) =>
    file(k, {
      ipp: ipp(k),
      iop: [...r, ...c],
      spacing: [0.8, 0.6],
      extra: [{ tag: 0x00200013, vr: 'IS', value: String(100 - order.indexOf(k)) }],
    }),
  )
  const s = discoverSeries(inputs).series[0]

  it('sorts along the normal whatever the input order and InstanceNumber say', () => {
    expect(s.slices.map((x) => x.name)).toEqual([0, 1, 2, 3, 4, 5, 6].map((k) => `img${k}.dcm`))
    s.slices.forEach((x, k) =>
      expect(Math.abs(x.positionMm - s.slices[0].positionMm - 3 * k)).toBeLessThan(1e-9),
    )
  })

  it('builds a right-handed volume geometry: direction [r, c, r × c], origin at k = 0', () => {
    const g = s.geometry!
    expect(s.needsResampling).toBe(false)
    expect(g.dims).toEqual([4, 4, 7])
    // Direction cosines pass through DS strings of ≤ 16 characters: ≤ 1e-13 error.
    ;[...g.direction[0], ...g.direction[1], ...g.direction[2]].forEach((v, i) =>
      expect(Math.abs(v - [...r, ...c, ...n][i])).toBeLessThan(1e-13),
    )
    expect(g.spacingMm[0]).toBe(0.6)
    expect(g.spacingMm[1]).toBe(0.8)
    expect(Math.abs(g.spacingMm[2] - 3)).toBeLessThan(1e-9)
    g.originMm.forEach((v, i) => expect(Math.abs(v - origin[i])).toBeLessThan(1e-9))
  })

  it('hands a stack to planResampling whose plan matches the discovered geometry when resampling is needed', () => {
    const z = [0, 2, 4, 7, 9]
    const t = discoverSeries(z.map((zz, k) => file(k, { ipp: [0, 0.3 * zz, zz] }))).series[0]
    expect(t.needsResampling).toBe(true)
    expect(t.geometry).toEqual(planResampling(t.stack!).geometry)
  })

  it('refuses images without position or orientation, and multi-frame files without per-frame positions', () => {
    const noIpp = [0, 1, 2].map((k) => {
      const els = ctElements({ s: EXPLICIT_LE, sop: sop(k), series: SERIES }).filter(
        (e) => e.tag !== 0x00200032,
      )
      return { name: `n${k}`, result: parseDicomHeader(part10(els, TS.explicitLE, sop(k))) }
    })
    const a = discoverSeries(noIpp).series[0]
    expect(a.refusal?.code).toBe('missingGeometry')
    expect(a.refusal?.message).toMatch(/cannot be placed in 3D/)
    const cine = discoverSeries([file(1, { frames: 5 })]).series[0]
    expect(cine.refusal?.code).toBe('missingGeometry')
    expect(cine.refusal?.message).toMatch(/multi-frame image without a position for each frame/)
  })
})
