/**
 * The T11 breast-metastasis case (thoracolumbar region, unenhanced) measured from its labels: thoracic
 * pedicles and discs, cord size at T8, lungs and pleura, ribs, the aorta, noise, and the posterior-wall
 * breach with its epidural component. Generated once for the file.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { GENERATION_TIMEOUT_MS } from './measure'
import { S } from '../../../src/lib/anatomy'
import { generateCase } from '../../../src/cases/library'
import type { Phantom, VertebraName } from '../../../src/cases/phantom'
import {
  add,
  boneOf,
  centroid,
  cross,
  dot,
  erodedRoi,
  frameOf,
  huStats,
  labelAt,
  lm,
  mul,
  norm,
  run,
  sub,
  voxelTol,
  voxelsOf,
  worldOf,
  type V3,
} from './measure'

let p: Phantom
let tol: number
beforeAll(() => {
  p = generateCase('t11-breast-breach')
  tol = voxelTol(p)
}, GENERATION_TIMEOUT_MS)

function pedicle(level: VertebraName, side: 'L' | 'R'): { c: V3; axis: V3; across: V3; up: V3 } {
  const c = lm(p, `${level}.pedicle.${side}`)
  const axis = norm(
    sub(lm(p, `${level}.pedicleEntry.${side}`), lm(p, `${level}.pedicleTarget.${side}`)),
  )
  const across = norm(cross(axis, frameOf(p, level).w))
  return { c, axis, across, up: norm(cross(across, axis)) }
}

describe('thoracolumbar phantom', () => {
  it('covers T8–L2 at 1.3 × 1.3 × 1.25 mm in 150–250 slices', () => {
    expect(p.geometry.spacingMm).toEqual([1.3, 1.3, 1.25])
    expect(p.geometry.dims[2]).toBeGreaterThanOrEqual(150)
    expect(p.geometry.dims[2]).toBeLessThanOrEqual(250)
    for (const v of ['T8', 'T12', 'L2']) expect(p.landmarks[`${v}.bodyCentre`]).toBeDefined()
  })

  it('T8–T10 cancellous pedicle channel is ≥ 3 mm (trabecular run across the isthmus, ± one voxel)', () => {
    for (const v of ['T8', 'T9', 'T10'] as const) {
      const d = pedicle(v, 'L')
      let w = Infinity
      for (let t = -3; t <= 1; t += 0.5) {
        w = Math.min(
          w,
          run(p, add(d.c, mul(d.axis, t)), d.across, (l, pt) => l === S.trabecularBone && pt === v)
            .length,
        )
      }
      expect(w + tol, `${v} channel ${w}`).toBeGreaterThanOrEqual(3)
      const m = p.spec.spine.levels[v]
      expect(m.pedicleWidthMm - 2 * m.pedicleCortexMm).toBeGreaterThanOrEqual(3)
    }
  })

  it('thoracic pedicle width and height match the spec; T11–T12 height 14–18 mm', () => {
    for (const v of ['T9', 'T10', 'T11', 'T12'] as const) {
      const d = pedicle(v, 'L')
      const m = p.spec.spine.levels[v]
      let w = Infinity
      for (let t = -3; t <= 1; t += 0.5) {
        w = Math.min(w, run(p, add(d.c, mul(d.axis, t)), d.across, boneOf(v)).length)
      }
      const h = run(p, d.c, d.up, boneOf(v)).length
      expect(Math.abs(w - m.pedicleWidthMm), `${v} width ${w}`).toBeLessThanOrEqual(tol)
      expect(Math.abs(h - m.pedicleHeightMm), `${v} height ${h}`).toBeLessThanOrEqual(tol)
      if (v === 'T11' || v === 'T12') {
        expect(h).toBeGreaterThan(14 - tol)
        expect(h).toBeLessThan(18 + tol)
      }
    }
    const t12 = p.spec.spine.levels.T12.pedicleTransverseAngleDeg
    expect(t12).toBeGreaterThanOrEqual(-10)
    expect(t12).toBeLessThanOrEqual(5)
  })

  it('thoracic discs are 3–7 mm high (middle height, matching the spec)', () => {
    for (const [u, l] of [
      ['T8', 'T9'],
      ['T9', 'T10'],
      ['T10', 'T11'],
    ] as const) {
      const h = run(p, lm(p, `${u}-${l}.discCentre`), frameOf(p, u).w, (x) => x === S.disc).length
      expect(Math.abs(h - p.spec.spine.discs[u].middleMm), `${u}-${l} ${h}`).toBeLessThanOrEqual(
        tol,
      )
      expect(h).toBeGreaterThan(3 - tol)
      expect(h).toBeLessThan(7 + tol)
    }
  })

  it('cord at T8 is 7–10 mm wide and 5–8 mm deep; it reaches the top of the volume', () => {
    const f = frameOf(p, 'T8')
    const c = lm(p, 'T8.canalCentre')
    const k = Math.round((c[2] - p.geometry.originMm[2]) / p.geometry.spacingMm[2])
    const n = p.geometry.dims[0] * p.geometry.dims[1]
    const inSlice = voxelsOf(p, [S.spinalCord]).filter((i) => Math.floor(i / n) === k)
    const cc = centroid(p, inSlice)
    const wd = run(p, cc, f.u, (l) => l === S.spinalCord).length
    const ap = run(p, cc, f.v, (l) => l === S.spinalCord).length
    expect(wd).toBeGreaterThan(7 - tol)
    expect(wd).toBeLessThan(10 + tol)
    expect(ap).toBeGreaterThan(5 - tol)
    expect(ap).toBeLessThan(8 + tol)
    const top = p.geometry.dims[2] - 2
    expect(voxelsOf(p, [S.spinalCord]).some((i) => Math.floor(i / n) === top)).toBe(true)
  })

  it('lungs read −900…−750 HU and are wrapped in a pleural rim', () => {
    const s = huStats(p, erodedRoi(p, S.lung))
    expect(s.mean).toBeGreaterThan(-900)
    expect(s.mean).toBeLessThan(-750)
    expect(voxelsOf(p, [S.pleura]).length).toBeGreaterThan(1000)
  })

  it('ribs 8–12 exist on both sides with their heads against their vertebra', () => {
    for (const v of ['T8', 'T9', 'T10', 'T11', 'T12']) {
      for (const side of ['L', 'R']) {
        expect(p.partNames).toContain(`rib-${v}-${side}`)
        const head = lm(p, `rib-${v}-${side}.head`)
        const body = lm(p, `${v}.bodyCentre`)
        expect(Math.hypot(head[0] - body[0], head[1] - body[1], head[2] - body[2])).toBeLessThan(35)
      }
    }
  })

  it('the descending aorta is left-anterolateral of T10', () => {
    const f = frameOf(p, 'T10')
    const n = p.geometry.dims[0] * p.geometry.dims[1]
    const k = Math.round((f.o[2] - p.geometry.originMm[2]) / p.geometry.spacingMm[2])
    const c = centroid(
      p,
      voxelsOf(p, [S.aorta]).filter((i) => Math.floor(i / n) === k),
    )
    expect(dot(sub(c, f.o), f.u)).toBeGreaterThan(5)
    expect(dot(sub(c, f.o), f.v)).toBeLessThan(0)
  })

  it('noise SD in the liver (uniform, large) is within 10 % of the configured value', () => {
    // Erode twice more so no partial-volume voxel remains: keep voxels whose ±2 neighbours are liver too.
    const roi = erodedRoi(p, S.liver).filter((i) => {
      const g = p.geometry.dims
      return [2, -2, 2 * g[0], -2 * g[0], 2 * g[0] * g[1], -2 * g[0] * g[1]].every(
        (o) => p.labels[i + o] === S.liver,
      )
    })
    expect(roi.length).toBeGreaterThan(10000)
    const s = huStats(p, roi)
    expect(Math.abs(s.sd - p.spec.image.noiseSdHu) / p.spec.image.noiseSdHu).toBeLessThan(0.1)
    expect(s.mean).toBeGreaterThan(45)
    expect(s.mean).toBeLessThan(65)
  })
})

describe('the T11 lesion with posterior-wall breach', () => {
  it('is lytic in the right posterior T11 body and reaches into the anterior epidural space', () => {
    const les = p.lesions[0]
    expect(les.description).toContain('right posterior T11')
    expect(les.description).toContain('posterior wall breach')
    const lytic = voxelsOf(p, [S.tumourLytic])
    expect(lytic.length).toBeGreaterThan(100)
    for (const i of lytic) expect(p.partNames[p.parts[i]]).toBe('T11')
    const f = frameOf(p, 'T11')
    const c = centroid(p, lytic)
    expect(dot(sub(c, f.o), f.u)).toBeLessThan(-3)
    // Extra-osseous tumour behind the posterior wall, in front of the thecal sac.
    const D = p.spec.spine.levels.T11.endplateDepthMm
    const epidural = voxelsOf(p, [S.tumourSoftTissue]).filter(
      (i) => dot(sub(worldOf(p, i), f.o), f.v) > D / 2,
    )
    expect(epidural.length).toBeGreaterThan(5)
    // No intact cortex at the breach: a line from the lesion centre backwards meets tumour, not cortex, at the wall.
    const wall = add(les.centreMm, mul(f.v, D / 2 - dot(sub(les.centreMm, f.o), f.v)))
    expect([S.tumourLytic, S.tumourSoftTissue]).toContain(labelAt(p, wall))
  })
})
